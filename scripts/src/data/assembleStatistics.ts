import type { Aggregation } from '@ptce/engine';

export interface AssembledColumn {
  values: (number | null)[];
  /** Indices of communes whose value was recomputed from several source rows (an estimate for non-additive variables). */
  estimated: number[];
}

/**
 * Values of one variable for the vintage's communes, from the source rows mapped to each
 * (one row, or several when communes merged since the source's COG):
 *   - `sum`: the parts are added; one missing part makes the total missing (it cannot be known);
 *   - `weightedMean`: the parts' mean weighted by `weights` (e.g. fiscal households), flagged as
 *     an estimate; missing when a part or its weight is missing.
 */
export function assembleColumn(
  rowsByCommune: number[][],
  source: Float64Array,
  aggregation: Aggregation,
  weights?: Float64Array,
): AssembledColumn {
  const estimated: number[] = [];
  const values = rowsByCommune.map((rows, i) => {
    if (rows.length === 1) {
      const v = source[rows[0]];
      return Number.isNaN(v) ? null : v;
    }
    if (rows.length === 0) return null;
    if (aggregation === 'sum') {
      let total = 0;
      for (const r of rows) {
        if (Number.isNaN(source[r])) return null;
        total += source[r];
      }
      return total;
    }
    let num = 0;
    let den = 0;
    for (const r of rows) {
      const w = weights ? weights[r] : 1;
      if (Number.isNaN(source[r]) || Number.isNaN(w)) return null;
      num += source[r] * w;
      den += w;
    }
    if (den === 0) return null;
    estimated.push(i);
    return num / den;
  });
  return { values, estimated };
}
