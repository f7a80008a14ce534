import type { SpatialWeights } from '../weights/types.ts';

/**
 * The neighbours of each territory that have a value, with the weights actually applied to them.
 * Rule for missing values, shared by the spatial lag, LISA, Gi* and neighbour imputation: a
 * neighbour without a value is left out and the remaining weights are rescaled to the row's full
 * total, so row-standardised weights give the mean of the neighbours that have a value (GeoDa's
 * rule). `count[i]` says how many neighbours were used; 0 leaves the territory without lag.
 */
export interface LocalRows {
  offsets: Int32Array;
  cols: Int32Array;
  coef: Float64Array;
  count: Int32Array;
  /** 1 when all coefficients of the row are equal (binary or row-standardised binary weights). */
  uniform: Uint8Array;
}

export function localRows(w: SpatialWeights, values: Float64Array): LocalRows {
  const { n } = w;
  const offsets = new Int32Array(n + 1);
  const cols = new Int32Array(w.neighbours.length);
  const coef = new Float64Array(w.neighbours.length);
  const count = new Int32Array(n);
  const uniform = new Uint8Array(n);
  let out = 0;
  for (let i = 0; i < n; i++) {
    let total = 0;
    let validTotal = 0;
    const start = out;
    for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++) {
      const j = w.neighbours[k]!;
      total += w.weights[k]!;
      if (Number.isNaN(values[j]!)) continue;
      validTotal += w.weights[k]!;
      cols[out] = j;
      coef[out++] = w.weights[k]!;
    }
    offsets[i + 1] = out;
    count[i] = out - start;
    let same = 1;
    if (validTotal !== total && validTotal > 0) {
      const scale = total / validTotal;
      for (let k = start; k < out; k++) coef[k]! *= scale;
    }
    for (let k = start + 1; k < out; k++) if (coef[k] !== coef[start]) same = 0;
    uniform[i] = same;
  }
  return { offsets, cols: cols.subarray(0, out), coef: coef.subarray(0, out), count, uniform };
}

/** Σ coef · values over the row (NaN when the row is empty). */
export function rowSum(rows: LocalRows, values: Float64Array, i: number): number {
  const from = rows.offsets[i]!;
  const to = rows.offsets[i + 1]!;
  if (from === to) return Number.NaN;
  if (rows.uniform[i]) {
    let s = 0;
    for (let k = from; k < to; k++) s += values[rows.cols[k]!]!;
    return s * rows.coef[from]!;
  }
  let s = 0;
  for (let k = from; k < to; k++) s += rows.coef[k]! * values[rows.cols[k]!]!;
  return s;
}
