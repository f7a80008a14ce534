import { copeland } from '../composite/copeland.ts';
import { topsis } from '../composite/topsis.ts';
import type { AggregationOptions, MeanMethod } from '../composite/types.ts';
import { type AggregationBase, denseOperands } from './aggregationBase.ts';

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
  /** Per pattern of present columns of a dimension: the sum of their weights. */
  patternWeight: Float64Array;
  /** Per dimension, while combining dimensions: weight (0 = left out), pillar, operand mapping. */
  levelWeight: Float64Array;
  levelPillar: Uint8Array;
  levelLow: Float64Array;
  levelScale: Float64Array;
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
    patternWeight: new Float64Array(n),
    levelWeight: new Float64Array(d),
    levelPillar: new Uint8Array(d),
    levelLow: new Float64Array(d),
    levelScale: new Float64Array(d),
  };
}

/**
 * Step 5 of the scoring core (`scoreMatrix`) on a cached base: weighted means of the available
 * indicators into dimensions, of dimensions into need and potential, then the score (or Copeland /
 * TOPSIS on the normalised values with the effective weights). Each territory goes through the
 * core's operations in the core's order, so the scores are the core's to the last bit (a test runs
 * every aggregation method both ways and compares ranks and scores); only the loops are arranged
 * for speed:
 * - the indicator columns are added without testing each value: missing operands were replaced
 *   once per base by one that adds +0 ({@link denseOperands}), and the weights of the present
 *   indicators are summed apart (one sum per dimension, per territory only for the incomplete ones);
 * - after the dimensions, one loop per level takes each territory through all its dimensions (or
 *   both pillars) at once, in registers; a level's minimum and maximum (which the geometric and
 *   harmonic operands of the next level are mapped with) are taken in the same loop.
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
  const { n, m, status } = base;
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
  dimensionSums(base, mean, weights.indicatorWeight, work);
  if (mean !== 'arithmetic') {
    // Geometric and harmonic operands of the next level need each dimension's [min, max] first.
    for (let t = 0; t < work.d; t++) finishDimension(work, t, n, status, mean);
  }
  if (aggregation.reading === 'composite') {
    combineDimensions(work, n, status, mean, weights.dimensionWeight, null, work.score, null);
    return work.score;
  }
  combineDimensions(
    work,
    n,
    status,
    mean,
    weights.dimensionWeight,
    dimensionPillar,
    work.need,
    work.potential,
  );
  combinePillars(work, n, status, aggregation.needPotential, weights.pillarWeight);
  return work.score;
}

/**
 * Σ w × operand (Σ w / operand for the harmonic mean) of each dimension's present indicators into
 * `work.dimensionScores`, added column after column in the core's order, and the sums of the
 * present indicators' weights into `work.dimensionWeightSum`.
 */
function dimensionSums(
  base: AggregationBase,
  mean: MeanMethod,
  iw: Float64Array,
  work: AggregationWork,
): void {
  const { n } = base;
  const d = work.d;
  const ops = denseOperands(base, mean);
  const dimSum = work.dimensionScores;
  const dimW = work.dimensionWeightSum;
  const harmonic = mean === 'harmonic';
  // Each dimension's columns in ascending order (the core's), up to four per sweep: a territory's
  // sum stays in a register between them, and the additions happen in the same order as one
  // column at a time.
  for (let t = 0; t < d; t++) {
    const cols = base.columnsOf[t]!;
    const off = t * n;
    if (cols.length === 0) dimSum.fill(0, off, off + n);
    for (let q = 0; q < cols.length; q += 4) {
      const fresh = q === 0;
      const c0 = cols[q]! * n;
      const w0 = iw[cols[q]!]!;
      const left = cols.length - q;
      if (left >= 4) {
        const c1 = cols[q + 1]! * n;
        const c2 = cols[q + 2]! * n;
        const c3 = cols[q + 3]! * n;
        const w1 = iw[cols[q + 1]!]!;
        const w2 = iw[cols[q + 2]!]!;
        const w3 = iw[cols[q + 3]!]!;
        if (harmonic) {
          for (let i = 0; i < n; i++) {
            let s = fresh ? 0 : dimSum[off + i]!;
            s += w0 / ops[c0 + i]!;
            s += w1 / ops[c1 + i]!;
            s += w2 / ops[c2 + i]!;
            s += w3 / ops[c3 + i]!;
            dimSum[off + i] = s;
          }
        } else {
          for (let i = 0; i < n; i++) {
            let s = fresh ? 0 : dimSum[off + i]!;
            s += w0 * ops[c0 + i]!;
            s += w1 * ops[c1 + i]!;
            s += w2 * ops[c2 + i]!;
            s += w3 * ops[c3 + i]!;
            dimSum[off + i] = s;
          }
        }
      } else if (left === 3) {
        const c1 = cols[q + 1]! * n;
        const c2 = cols[q + 2]! * n;
        const w1 = iw[cols[q + 1]!]!;
        const w2 = iw[cols[q + 2]!]!;
        if (harmonic) {
          for (let i = 0; i < n; i++) {
            let s = fresh ? 0 : dimSum[off + i]!;
            s += w0 / ops[c0 + i]!;
            s += w1 / ops[c1 + i]!;
            s += w2 / ops[c2 + i]!;
            dimSum[off + i] = s;
          }
        } else {
          for (let i = 0; i < n; i++) {
            let s = fresh ? 0 : dimSum[off + i]!;
            s += w0 * ops[c0 + i]!;
            s += w1 * ops[c1 + i]!;
            s += w2 * ops[c2 + i]!;
            dimSum[off + i] = s;
          }
        }
      } else if (left === 2) {
        const c1 = cols[q + 1]! * n;
        const w1 = iw[cols[q + 1]!]!;
        if (harmonic) {
          for (let i = 0; i < n; i++) {
            let s = fresh ? 0 : dimSum[off + i]!;
            s += w0 / ops[c0 + i]!;
            s += w1 / ops[c1 + i]!;
            dimSum[off + i] = s;
          }
        } else {
          for (let i = 0; i < n; i++) {
            let s = fresh ? 0 : dimSum[off + i]!;
            s += w0 * ops[c0 + i]!;
            s += w1 * ops[c1 + i]!;
            dimSum[off + i] = s;
          }
        }
      } else if (harmonic) {
        for (let i = 0; i < n; i++) dimSum[off + i] = (fresh ? 0 : dimSum[off + i]!) + w0 / ops[c0 + i]!;
      } else {
        for (let i = 0; i < n; i++) dimSum[off + i] = (fresh ? 0 : dimSum[off + i]!) + w0 * ops[c0 + i]!;
      }
    }
  }
  // Sums of the weights of the present indicators, added in the core's order: one per dimension
  // for the territories with every indicator, one per territory for the others.
  // Per pattern of present columns, their weights added in the core's order (an operand is
  // missing exactly where z is: see denseOperands).
  const patternWeight = work.patternWeight;
  for (let t = 0; t < d; t++) {
    const cols = base.columnsOf[t]!;
    let full = 0;
    for (let q = 0; q < cols.length; q++) full += iw[cols[q]!]!;
    const off = t * n;
    dimW.fill(full, off, off + n);
    const { territories, pattern, present } = base.incomplete[t]!;
    for (let p = 0; p < present.length; p++) {
      const has = present[p]!;
      let sum = 0;
      for (let q = 0; q < has.length; q++) sum += iw[has[q]!]!;
      patternWeight[p] = sum;
    }
    for (let k = 0; k < territories.length; k++) dimW[off + territories[k]!] = patternWeight[pattern[k]!]!;
  }
}

/** A weight as the core reads it: used when > 0, left out (0) otherwise. */
function used(w: number): number {
  // Not Math.max(w, 0): a NaN weight is left out too.
  if (w > 0) return w;
  return 0;
}

/** The core's operand mapping of a level onto [1, 100] from its [min, max] over the ranked rows. */
function scaleOf(min: number, max: number): number {
  return max - min > 1e-9 * Math.max(1, Math.abs(max), Math.abs(min)) ? 99 / (max - min) : 0;
}

/**
 * Dimension t's geometric or harmonic means, in place in `work.dimensionScores` (NaN without
 * operand or for a territory not ranked), and its [min, max] over them at `work.extent[2t]`.
 */
function finishDimension(
  work: AggregationWork,
  t: number,
  n: number,
  status: Uint8Array,
  mean: MeanMethod,
): void {
  const dimSum = work.dimensionScores;
  const dimW = work.dimensionWeightSum;
  const off = t * n;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const geometric = mean === 'geometric';
  for (let i = 0; i < n; i++) {
    const w = dimW[off + i]!;
    let v = Number.NaN;
    if (status[i] === 0 && w > 0) v = geometric ? Math.exp(dimSum[off + i]! / w) : w / dimSum[off + i]!;
    dimSum[off + i] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  work.extent[2 * t] = min;
  work.extent[2 * t + 1] = max;
}

/**
 * The means of the dimensions into need (`first`) and potential (`second`) by `dimensionPillar`,
 * or into the composite score (`first`, `dimensionPillar` null), with the dimension weights `dw`;
 * a dimension of weight 0 is left out. Each territory adds its dimensions in the core's order. With
 * the arithmetic mean the dimensions are finished here (Σwz/Σw); the other means read them
 * finished, with their [min, max] in `work.extent`. Records the [min, max] of need and potential
 * (what the combination of the pillars maps its operands with).
 */
function combineDimensions(
  work: AggregationWork,
  n: number,
  status: Uint8Array,
  mean: MeanMethod,
  dw: Float64Array,
  dimensionPillar: Uint8Array | null,
  first: Float64Array,
  second: Float64Array | null,
): void {
  const d = work.d;
  const dimSum = work.dimensionScores;
  const dimW = work.dimensionWeightSum;
  const ext = work.extent;
  // Per dimension: its weight (0 = left out), pillar, and operand mapping [lo, scale].
  const weight = work.levelWeight;
  const pillar = work.levelPillar;
  const lo = work.levelLow;
  const scale = work.levelScale;
  for (let t = 0; t < d; t++) {
    weight[t] = used(dw[t]!);
    pillar[t] = dimensionPillar ? dimensionPillar[t]! : 0;
    lo[t] = ext[2 * t]!;
    scale[t] = mean === 'arithmetic' ? 0 : scaleOf(ext[2 * t]!, ext[2 * t + 1]!);
  }
  const arithmetic = mean === 'arithmetic';
  const geometric = mean === 'geometric';
  let min0 = Number.POSITIVE_INFINITY;
  let max0 = Number.NEGATIVE_INFINITY;
  let min1 = Number.POSITIVE_INFINITY;
  let max1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (status[i] !== 0) {
      first[i] = Number.NaN;
      if (second) second[i] = Number.NaN;
      continue;
    }
    let acc0 = 0;
    let wsum0 = 0;
    let acc1 = 0;
    let wsum1 = 0;
    for (let t = 0; t < d; t++) {
      const wt = weight[t]!;
      if (wt === 0) continue;
      let v: number;
      if (arithmetic) {
        const w = dimW[t * n + i]!;
        v = w > 0 ? dimSum[t * n + i]! / w : Number.NaN;
      } else v = dimSum[t * n + i]!;
      if (Number.isNaN(v)) continue;
      let term: number;
      if (arithmetic) term = wt * v;
      else {
        const s = scale[t]!;
        const x = s > 0 ? 1 + (v - lo[t]!) * s : 50.5;
        term = geometric ? wt * Math.log(x) : wt / x;
      }
      if (pillar[t] === 0) {
        wsum0 += wt;
        acc0 += term;
      } else {
        wsum1 += wt;
        acc1 += term;
      }
    }
    // The core's finishMean, written out: a call per territory is not always inlined.
    const v0 = !(wsum0 > 0)
      ? Number.NaN
      : arithmetic
        ? acc0 / wsum0
        : geometric
          ? Math.exp(acc0 / wsum0)
          : wsum0 / acc0;
    first[i] = v0;
    if (v0 < min0) min0 = v0;
    if (v0 > max0) max0 = v0;
    if (second) {
      const v1 = !(wsum1 > 0)
        ? Number.NaN
        : arithmetic
          ? acc1 / wsum1
          : geometric
            ? Math.exp(acc1 / wsum1)
            : wsum1 / acc1;
      second[i] = v1;
      if (v1 < min1) min1 = v1;
      if (v1 > max1) max1 = v1;
    }
  }
  const at = 2 * d;
  ext[at] = min0;
  ext[at + 1] = max0;
  ext[at + 2] = min1;
  ext[at + 3] = max1;
}

/**
 * The score of the need-potential reading: the `combine` mean of need and potential with the
 * pillar weights `pw` (a pillar of weight 0 left out), each mapped onto [1, 100] with its [min, max]
 * for a geometric or harmonic mean; no score when a weighted pillar has none.
 */
function combinePillars(
  work: AggregationWork,
  n: number,
  status: Uint8Array,
  combine: MeanMethod,
  pw: Float64Array,
): void {
  const { need, potential, score, extent } = work;
  const d = work.d;
  const w0 = used(pw[0]!);
  const w1 = used(pw[1]!);
  const arithmetic = combine === 'arithmetic';
  const geometric = combine === 'geometric';
  const lo0 = extent[2 * d]!;
  const scale0 = arithmetic ? 0 : scaleOf(lo0, extent[2 * d + 1]!);
  const lo1 = extent[2 * d + 2]!;
  const scale1 = arithmetic ? 0 : scaleOf(lo1, extent[2 * d + 3]!);
  for (let i = 0; i < n; i++) {
    const v0 = need[i]!;
    const v1 = potential[i]!;
    // Both pillars are required: a territory with needs and no actors (or the reverse) gets no score.
    if (status[i] !== 0 || (w0 > 0 && Number.isNaN(v0)) || (w1 > 0 && Number.isNaN(v1))) {
      score[i] = Number.NaN;
      continue;
    }
    let acc = 0;
    let wsum = 0;
    if (w0 > 0) {
      wsum += w0;
      if (arithmetic) acc += w0 * v0;
      else {
        const x = scale0 > 0 ? 1 + (v0 - lo0) * scale0 : 50.5;
        acc += geometric ? w0 * Math.log(x) : w0 / x;
      }
    }
    if (w1 > 0) {
      wsum += w1;
      if (arithmetic) acc += w1 * v1;
      else {
        const x = scale1 > 0 ? 1 + (v1 - lo1) * scale1 : 50.5;
        acc += geometric ? w1 * Math.log(x) : w1 / x;
      }
    }
    score[i] = !(wsum > 0)
      ? Number.NaN
      : arithmetic
        ? acc / wsum
        : geometric
          ? Math.exp(acc / wsum)
          : wsum / acc;
  }
}
