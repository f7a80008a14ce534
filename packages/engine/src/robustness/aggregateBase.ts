import { copeland } from '../composite/copeland.ts';
import { topsis } from '../composite/topsis.ts';
import type { AggregationOptions, MeanMethod } from '../composite/types.ts';
import { exp } from '../math/exp.ts';
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
  /** Per dimension, the weighted operands of the next level (w ln x or w / x), n × d. */
  terms: Float64Array;
  /** The weighted operands of need and potential in the combination of the pillars. */
  term0: Float64Array;
  term1: Float64Array;
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
    terms: new Float64Array(n * d),
    term0: new Float64Array(n),
    term1: new Float64Array(n),
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
 * - after the dimensions, each level goes in passes that do one thing each: the weighted operands
 *   (w ln x or w / x, one logarithm per loop), their sums per territory in the core's order, then
 *   the exponentials of the geometric means (one per loop) and the level's minimum and maximum
 *   (which the operands of the next level are mapped with). Small loops around one inlined
 *   {@link exp} or one Math.log stay in registers; the arithmetic mean keeps a loop of its own.
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
    if (status[i] === 0 && w > 0) v = geometric ? exp(dimSum[off + i]! / w) : w / dimSum[off + i]!;
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
  const ext = work.extent;
  // Per dimension: its weight (0 = left out), pillar, and operand mapping [lo, scale].
  const weight = work.levelWeight;
  const pillar = work.levelPillar;
  for (let t = 0; t < d; t++) {
    weight[t] = used(dw[t]!);
    pillar[t] = dimensionPillar ? dimensionPillar[t]! : 0;
    work.levelLow[t] = ext[2 * t]!;
    work.levelScale[t] = mean === 'arithmetic' ? 0 : scaleOf(ext[2 * t]!, ext[2 * t + 1]!);
  }
  if (mean === 'arithmetic') arithmeticDimensions(work, n, status, first, second);
  else mappedDimensions(work, n, status, mean === 'geometric', first, second);
  const at = 2 * d;
  extentOf(first, ext, at);
  if (second) extentOf(second, ext, at + 2);
  else {
    ext[at + 2] = Number.POSITIVE_INFINITY;
    ext[at + 3] = Number.NEGATIVE_INFINITY;
  }
}

/** The [min, max] of `values` (NaN left out) at `ext[at]`, `ext[at + 1]`. */
function extentOf(values: Float64Array, ext: Float64Array, at: number): void {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  ext[at] = min;
  ext[at + 1] = max;
}

/** {@link combineDimensions} with arithmetic means: Σwz/Σw of each dimension, then their weighted mean. */
function arithmeticDimensions(
  work: AggregationWork,
  n: number,
  status: Uint8Array,
  first: Float64Array,
  second: Float64Array | null,
): void {
  const d = work.d;
  const dimSum = work.dimensionScores;
  const dimW = work.dimensionWeightSum;
  const weight = work.levelWeight;
  const pillar = work.levelPillar;
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
      const w = dimW[t * n + i]!;
      const v = w > 0 ? dimSum[t * n + i]! / w : Number.NaN;
      if (Number.isNaN(v)) continue;
      if (pillar[t] === 0) {
        wsum0 += wt;
        acc0 += wt * v;
      } else {
        wsum1 += wt;
        acc1 += wt * v;
      }
    }
    // The core's finishMean, written out: a call per territory is not always inlined.
    first[i] = wsum0 > 0 ? acc0 / wsum0 : Number.NaN;
    if (second) second[i] = wsum1 > 0 ? acc1 / wsum1 : Number.NaN;
  }
}

/**
 * {@link combineDimensions} with geometric or harmonic means, in passes that each do one thing (a
 * loop around a logarithm or an exponential, inlined, keeps everything in registers): the weighted
 * operand of each dimension (w ln x or w / x, x its mapping onto [1, 100]) into `work.terms`; their
 * sums per territory, in the core's order, into Σw ln x / Σw (geometric) or the harmonic mean; then
 * the exponentials. Each value goes through the core's operations in the core's order.
 */
function mappedDimensions(
  work: AggregationWork,
  n: number,
  status: Uint8Array,
  geometric: boolean,
  first: Float64Array,
  second: Float64Array | null,
): void {
  const d = work.d;
  const dimSum = work.dimensionScores;
  const terms = work.terms;
  const weight = work.levelWeight;
  const pillar = work.levelPillar;
  for (let t = 0; t < d; t++) {
    const wt = weight[t]!;
    if (wt === 0) continue;
    const off = t * n;
    const lo = work.levelLow[t]!;
    const s = work.levelScale[t]!;
    // A missing dimension (NaN) is skipped by the sums below: its term is not read.
    if (geometric) {
      for (let i = 0; i < n; i++) {
        const v = dimSum[off + i]!;
        terms[off + i] = !Number.isNaN(v) ? wt * Math.log(s > 0 ? 1 + (v - lo) * s : 50.5) : 0;
      }
    } else {
      for (let i = 0; i < n; i++) terms[off + i] = wt / (s > 0 ? 1 + (dimSum[off + i]! - lo) * s : 50.5);
    }
  }
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
      if (wt === 0 || Number.isNaN(dimSum[t * n + i]!)) continue;
      if (pillar[t] === 0) {
        wsum0 += wt;
        acc0 += terms[t * n + i]!;
      } else {
        wsum1 += wt;
        acc1 += terms[t * n + i]!;
      }
    }
    // The core's finishMean: exp(Σw ln x / Σw) (exponentials in the next pass) or Σw / Σ(w / x).
    first[i] = !(wsum0 > 0) ? Number.NaN : geometric ? acc0 / wsum0 : wsum0 / acc0;
    if (second) second[i] = !(wsum1 > 0) ? Number.NaN : geometric ? acc1 / wsum1 : wsum1 / acc1;
  }
  if (geometric) {
    expInPlace(first);
    if (second) expInPlace(second);
  }
}

/** e^v for each value, in place (NaN stays NaN). */
function expInPlace(values: Float64Array): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) values[i] = exp(v);
  }
}

/**
 * The score of the need-potential reading: the `combine` mean of need and potential with the
 * pillar weights `pw` (a pillar of weight 0 left out), each mapped onto [1, 100] with its [min, max]
 * for a geometric or harmonic mean; no score when a weighted pillar has none. The weighted operands
 * of each pillar are computed in a pass of their own (one logarithm per loop), then added in the
 * core's order: need first.
 */
function combinePillars(
  work: AggregationWork,
  n: number,
  status: Uint8Array,
  combine: MeanMethod,
  pw: Float64Array,
): void {
  const { need, potential, score, extent, term0, term1 } = work;
  const d = work.d;
  const w0 = used(pw[0]!);
  const w1 = used(pw[1]!);
  const arithmetic = combine === 'arithmetic';
  const geometric = combine === 'geometric';
  // Σw is the same for every territory, added as the core adds it.
  let wsum = 0;
  if (w0 > 0) wsum += w0;
  if (w1 > 0) wsum += w1;
  if (w0 > 0) pillarTerms(need, w0, combine, extent[2 * d]!, extent[2 * d + 1]!, term0);
  if (w1 > 0) pillarTerms(potential, w1, combine, extent[2 * d + 2]!, extent[2 * d + 3]!, term1);
  for (let i = 0; i < n; i++) {
    // Both pillars are required: a territory with needs and no actors (or the reverse) gets no score.
    if (
      status[i] !== 0 ||
      (w0 > 0 && Number.isNaN(need[i]!)) ||
      (w1 > 0 && Number.isNaN(potential[i]!)) ||
      !(wsum > 0)
    ) {
      score[i] = Number.NaN;
      continue;
    }
    let acc = 0;
    if (w0 > 0) acc += term0[i]!;
    if (w1 > 0) acc += term1[i]!;
    score[i] = arithmetic ? acc / wsum : geometric ? exp(acc / wsum) : wsum / acc;
  }
}

/**
 * w × v (arithmetic), w ln x or w / x of each value of a pillar into `out`, x = v mapped onto
 * [1, 100] with the pillar's [min, max] (NaN values give a term that is not read).
 */
function pillarTerms(
  values: Float64Array,
  w: number,
  combine: MeanMethod,
  min: number,
  max: number,
  out: Float64Array,
): void {
  const n = values.length;
  if (combine === 'arithmetic') {
    for (let i = 0; i < n; i++) out[i] = w * values[i]!;
    return;
  }
  const scale = scaleOf(min, max);
  if (combine === 'geometric') {
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      out[i] = !Number.isNaN(v) ? w * Math.log(scale > 0 ? 1 + (v - min) * scale : 50.5) : 0;
    }
  } else {
    for (let i = 0; i < n; i++) out[i] = w / (scale > 0 ? 1 + (values[i]! - min) * scale : 50.5);
  }
}
