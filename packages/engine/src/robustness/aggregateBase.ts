import { copeland } from '../composite/copeland.ts';
import { topsis } from '../composite/topsis.ts';
import type { AggregationOptions, MeanMethod } from '../composite/types.ts';
import { type AggregationBase, operands } from './aggregationBase.ts';

/** The weights of one run (relative, as in a `ScoringPlan`). */
export interface RunWeights {
  indicatorWeight: Float64Array;
  dimensionWeight: Float64Array;
  pillarWeight: Float64Array;
  /** Needed by Copeland and TOPSIS only. */
  effectiveWeight: Float64Array;
}

/** Buffers of the re-aggregation, reused from run to run (no allocation in the loop). */
export interface AggregationWork {
  d: number;
  dimensionScores: Float64Array;
  dimensionWeightSum: Float64Array;
  need: Float64Array;
  potential: Float64Array;
  score: Float64Array;
  acc: Float64Array;
  wsum: Float64Array;
  acc2: Float64Array;
  wsum2: Float64Array;
  /** Per dimension, then need and potential: [min, max] over the ranked territories. */
  extent: Float64Array;
  rows: Int32Array;
  ones: Float64Array;
}

export function createAggregationWork(n: number, m: number, d: number): AggregationWork {
  return {
    d,
    dimensionScores: new Float64Array(n * d),
    dimensionWeightSum: new Float64Array(n * d),
    need: new Float64Array(n),
    potential: new Float64Array(n),
    score: new Float64Array(n),
    acc: new Float64Array(n),
    wsum: new Float64Array(n),
    acc2: new Float64Array(n),
    wsum2: new Float64Array(n),
    extent: new Float64Array(2 * (d + 2)),
    rows: new Int32Array(n),
    ones: new Float64Array(m).fill(1),
  };
}

/**
 * Step 5 of the scoring core (`scoreMatrix`) on a cached base: weighted means of the available
 * indicators into dimensions, of dimensions into need and potential, then the score (or Copeland /
 * TOPSIS on the normalised values with the effective weights). The loops run in the core's order
 * with the core's operations on each territory, so the scores are the core's to the last bit (a
 * test runs every aggregation method both ways and compares ranks and scores); only the passes are
 * fused — a level's minimum and maximum are taken while it is finished, both pillars are summed in
 * one sweep of the dimensions — and need and potential are skipped in the composite reading.
 *
 * Why a second copy of step 5: a Monte-Carlo run that only changes weights or the aggregation
 * method need not redo screening, imputation, outliers and normalisation, which is most of the
 * cost of a scoring. (Request to the composite's owner: export step 5 from `scoreMatrix` so that
 * only one copy remains.)
 *
 * Writes `work.score` (NaN = no score). Complexity: O(n × (active indicators + dimensions)).
 */
export function aggregateBase(
  base: AggregationBase,
  dimensionPillar: Uint8Array,
  weights: RunWeights,
  aggregation: AggregationOptions,
  work: AggregationWork,
): Float64Array {
  const { n, m, status, active } = base;
  const d = work.d;
  const method = aggregation.method;
  if (method === 'copeland' || method === 'topsis') {
    let r = 0;
    for (let i = 0; i < n; i++) if (status[i] === 0) work.rows[r++] = i;
    work.score.fill(Number.NaN);
    if (method === 'copeland')
      copeland(base.normalised, n, m, weights.effectiveWeight, work.rows, r, work.score);
    else topsis(base.normalised, n, m, weights.effectiveWeight, work.ones, work.rows, r, 'none', work.score);
    return work.score;
  }
  const mean: MeanMethod = method;
  const ops = mean === 'arithmetic' ? base.normalised : operands(base, mean === 'geometric');
  const dimSum = work.dimensionScores;
  const dimW = work.dimensionWeightSum;
  const iw = weights.indicatorWeight;
  dimSum.fill(0);
  for (let j = 0; j < m; j++) {
    const t = active[j]!;
    if (t < 0) continue;
    const w = iw[j]!;
    const col = j * n;
    const off = t * n;
    if (mean === 'harmonic') {
      for (let i = 0; i < n; i++) {
        const x = ops[col + i]!;
        if (!Number.isNaN(x)) dimSum[off + i]! += w / x;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const x = ops[col + i]!;
        if (!Number.isNaN(x)) dimSum[off + i]! += w * x;
      }
    }
  }
  // Sums of the weights of the present indicators, added in the core's order: one per dimension
  // for the territories with every indicator, one per territory for the others.
  for (let t = 0; t < d; t++) {
    const cols = base.columnsOf[t]!;
    let full = 0;
    for (let q = 0; q < cols.length; q++) full += iw[cols[q]!]!;
    dimW.fill(full, t * n, (t + 1) * n);
    const missing = base.incomplete[t]!;
    for (let k = 0; k < missing.length; k++) {
      const i = missing[k]!;
      let sum = 0;
      for (let q = 0; q < cols.length; q++) {
        const j = cols[q]!;
        if (!Number.isNaN(ops[j * n + i]!)) sum += iw[j]!;
      }
      dimW[t * n + i] = sum;
    }
  }
  const geo = mean !== 'arithmetic';
  const ext = work.extent;
  for (let t = 0; t < d; t++)
    finishMean(dimSum, dimW, t * n, n, status, mean, dimSum, geo ? ext : null, 2 * t);
  const dw = weights.dimensionWeight;
  const score = work.score;
  if (aggregation.reading === 'composite') {
    work.acc.fill(0);
    work.wsum.fill(0);
    for (let t = 0; t < d; t++) {
      if (dw[t]! > 0) accumulate(dimSum, t * n, dw[t]!, n, status, mean, ext, 2 * t, work.acc, work.wsum);
    }
    finishMean(score, work.wsum, 0, n, status, mean, work.acc, null, 0);
    return score;
  }
  // Need (acc, wsum) and potential (acc2, wsum2) in one sweep: each territory still adds its
  // dimensions in the core's order.
  work.acc.fill(0);
  work.wsum.fill(0);
  work.acc2.fill(0);
  work.wsum2.fill(0);
  for (let t = 0; t < d; t++) {
    if (!(dw[t]! > 0)) continue;
    const [acc, wsum] = dimensionPillar[t] === 0 ? [work.acc, work.wsum] : [work.acc2, work.wsum2];
    accumulate(dimSum, t * n, dw[t]!, n, status, mean, ext, 2 * t, acc, wsum);
  }
  const combine = aggregation.needPotential;
  const track = combine !== 'arithmetic' ? ext : null;
  finishMean(work.need, work.wsum, 0, n, status, mean, work.acc, track, 2 * d);
  finishMean(work.potential, work.wsum2, 0, n, status, mean, work.acc2, track, 2 * d + 2);
  const pw = weights.pillarWeight;
  work.acc.fill(0);
  work.wsum.fill(0);
  if (pw[0]! > 0) accumulate(work.need, 0, pw[0]!, n, status, combine, ext, 2 * d, work.acc, work.wsum);
  if (pw[1]! > 0)
    accumulate(work.potential, 0, pw[1]!, n, status, combine, ext, 2 * d + 2, work.acc, work.wsum);
  finishMean(score, work.wsum, 0, n, status, combine, work.acc, null, 0);
  // Both pillars are required: a territory with needs and no actors (or the reverse) gets no score.
  for (let i = 0; i < n; i++) {
    if ((pw[0]! > 0 && Number.isNaN(work.need[i]!)) || (pw[1]! > 0 && Number.isNaN(work.potential[i]!))) {
      score[i] = Number.NaN;
    }
  }
  return score;
}

/** The core's operand mapping of a level onto [1, 100] from its [min, max] over the ranked rows. */
function scaleOf(min: number, max: number): number {
  return max - min > 1e-9 * Math.max(1, Math.abs(max), Math.abs(min)) ? 99 / (max - min) : 0;
}

/**
 * The core's `accumulate`: adds w × operand of src[base..] to the running sums of the ranked rows,
 * the operand of a geometric or harmonic mean being mapped onto [1, 100] with the level's
 * [min, max] (`extent[at]`, `extent[at + 1]`, taken when the level was finished).
 */
function accumulate(
  src: Float64Array,
  base: number,
  w: number,
  n: number,
  status: Uint8Array,
  mean: MeanMethod,
  extent: Float64Array,
  at: number,
  acc: Float64Array,
  wsum: Float64Array,
): void {
  if (mean === 'arithmetic') {
    for (let i = 0; i < n; i++) {
      const v = src[base + i]!;
      if (status[i] !== 0 || Number.isNaN(v)) continue;
      wsum[i]! += w;
      acc[i]! += w * v;
    }
    return;
  }
  const lo = extent[at]!;
  const scale = scaleOf(lo, extent[at + 1]!);
  const geometric = mean === 'geometric';
  for (let i = 0; i < n; i++) {
    const v = src[base + i]!;
    if (status[i] !== 0 || Number.isNaN(v)) continue;
    wsum[i]! += w;
    const x = scale > 0 ? 1 + (v - lo) * scale : 50.5;
    if (geometric) acc[i]! += w * Math.log(x);
    else acc[i]! += w / x;
  }
}

/**
 * The core's `finishMean`: Σwz/Σw, exp(Σw ln z/Σw) or Σw/Σ(w/z) into dst[base..]; NaN without
 * operand or for a territory not ranked. With `extent`, also records the [min, max] of the results
 * at `extent[at]`, `extent[at + 1]` (what the core's next `accumulate` scans for).
 */
function finishMean(
  dst: Float64Array,
  wsum: Float64Array,
  base: number,
  n: number,
  status: Uint8Array,
  mean: MeanMethod,
  acc: Float64Array,
  extent: Float64Array | null,
  at: number,
): void {
  const accBase = acc === dst ? base : 0;
  const wBase = wsum.length === n ? 0 : base;
  const missing = Number.NaN;
  if (mean === 'arithmetic') {
    for (let i = 0; i < n; i++) {
      const w = wsum[wBase + i]!;
      dst[base + i] = status[i] === 0 && w > 0 ? acc[accBase + i]! / w : missing;
    }
  } else if (mean === 'geometric') {
    for (let i = 0; i < n; i++) {
      const w = wsum[wBase + i]!;
      dst[base + i] = status[i] === 0 && w > 0 ? Math.exp(acc[accBase + i]! / w) : missing;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const w = wsum[wBase + i]!;
      dst[base + i] = status[i] === 0 && w > 0 ? w / acc[accBase + i]! : missing;
    }
  }
  if (!extent) return;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = dst[base + i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  extent[at] = min;
  extent[at + 1] = max;
}
