import { centralSums, momentsFromSums, skewKurt } from './skewKurt.ts';
import type { OutlierOptions, OutlierReport } from './types.ts';

export interface OutlierTreatment extends Omit<OutlierReport, 'id'> {
  /** For `log`: x ↦ ln(x − logMin + logShift). */
  logMin: number;
  logShift: number;
  /** For `winsorised`: values above `capHigh` became `capHigh`, below `capLow` became `capLow` (±∞ = untouched end). */
  capLow: number;
  capHigh: number;
}

/** COINr `check_SkewKurt`: passes when |skewness| < threshold OR kurtosis < threshold. */
function passes(skewness: number, kurtosis: number, o: OutlierOptions): boolean {
  if (Number.isNaN(skewness) || Number.isNaN(kurtosis)) return true;
  return Math.abs(skewness) < o.skewness || kurtosis < o.kurtosis;
}

/**
 * The COINr outlier rule on one indicator (COINr `Treat()` defaults: `winsorise` then `log_CT`,
 * `check_SkewKurt`; OECD/JRC Handbook §3.3), in place on the values `x[0 .. count-1]`:
 *
 * 1. if |skewness| ≥ 2 and kurtosis ≥ 3.5 (type-2 moments, {@link skewKurt}), winsorise: replace
 *    the highest value(s) by the next highest when the skew is positive (lowest by next lowest when
 *    negative), re-check, repeat while failing and fewer than `maxWinsorised` points are treated;
 * 2. if it still fails, start again from the original values and apply COINr's `log_CT`:
 *    `ln(x − min + 0.01 (max − min))`.
 *
 * As in COINr, the count of winsorised points is that of the points replaced at the last step(s)
 * (ties are winsorised together, and earlier winsorised points are tied with the extreme).
 *
 * Fast: the steps are simulated on the few extreme distinct values (collected in one pass) with
 * the moments updated from power sums, and the values are written once at the end.
 *
 * Complexity: O(count × (1 + maxWinsorised / count)) — a handful of passes.
 *
 * @example
 * const x = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100);
 * treatOutliers(x, 12, { method: 'coinr', skewness: 2, kurtosis: 3.5, maxWinsorised: 5 }).treatment // 'winsorised' (100 → 30)
 */
export function treatOutliers(
  x: Float64Array,
  count: number,
  options: OutlierOptions,
  known: { mean: number; min: number; max: number } | null = null,
): OutlierTreatment {
  let mean = known ? known.mean : Number.NaN;
  if (Number.isNaN(mean)) {
    mean = 0;
    for (let i = 0; i < count; i++) mean += x[i]!;
    mean /= count;
  }
  const sums = centralSums(x, count, mean);
  const before = momentsFromSums(sums.s1, sums.s2, sums.s3, sums.s4, count);
  const report: OutlierTreatment = {
    skewness: before.skewness,
    kurtosis: before.kurtosis,
    treatment: 'none',
    winsorised: 0,
    skewnessAfter: before.skewness,
    kurtosisAfter: before.kurtosis,
    stillOutside: false,
    logMin: Number.NaN,
    logShift: Number.NaN,
    capLow: Number.NEGATIVE_INFINITY,
    capHigh: Number.POSITIVE_INFINITY,
  };
  if (options.method === 'none' || count < 4 || passes(before.skewness, before.kurtosis, options))
    return report;

  const caps = winsorisationCaps(x, count, options, before.skewness, mean, sums);
  if (caps.passed) {
    // The sum of the winsorised values comes with the pass (skewKurt would add them in the same order).
    let sum = 0;
    for (let i = 0; i < count; i++) {
      const v = x[i]!;
      if (v > caps.high) x[i] = caps.high;
      else if (v < caps.low) x[i] = caps.low;
      sum += x[i]!;
    }
    const after = skewKurt(x, count, sum / count);
    report.treatment = 'winsorised';
    report.winsorised = caps.winsorised;
    report.capLow = caps.low;
    report.capHigh = caps.high;
    report.skewnessAfter = after.skewness;
    report.kurtosisAfter = after.kurtosis;
    return report;
  }

  // Winsorising was not enough: log_CT on the original values (COINr combine_treat = FALSE).
  let min = known ? known.min : Number.POSITIVE_INFINITY;
  let max = known ? known.max : Number.NEGATIVE_INFINITY;
  if (!known) {
    for (let i = 0; i < count; i++) {
      const v = x[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const shift = 0.01 * (max - min);
  // The minimum maps to ln(shift), computed once: indicators treated this way often hold many
  // values at their minimum (zeros), and the logarithm is the costly part of the pass.
  const atMin = Math.log(min - min + shift);
  let logSum = 0;
  for (let i = 0; i < count; i++) {
    const v = x[i]!;
    const y = v === min ? atMin : Math.log(v - min + shift);
    x[i] = y;
    logSum += y;
  }
  const after = skewKurt(x, count, logSum / count);
  report.treatment = 'log';
  report.logMin = min;
  report.logShift = shift;
  report.skewnessAfter = after.skewness;
  report.kurtosisAfter = after.kurtosis;
  report.stillOutside = !passes(after.skewness, after.kurtosis, options);
  return report;
}

/**
 * Simulates COINr's winsorisation steps without touching `x`: returns the final caps (values
 * above `high` become `high`, below `low` become `low`), whether the check then passes, and the
 * count of winsorised points. Works on the `maxWinsorised + 1` largest and smallest distinct
 * values with their multiplicities, and on power sums of x − mean (updated per step).
 */
function winsorisationCaps(
  x: Float64Array,
  count: number,
  o: OutlierOptions,
  skew0: number,
  mean: number,
  sums: { s1: number; s2: number; s3: number; s4: number },
): { high: number; low: number; passed: boolean; winsorised: number } {
  const k = Math.max(1, o.maxWinsorised + 1);
  let { s1, s2, s3, s4 } = sums;
  const { top, bottom } = extremes(x, count, k);
  let hi = 0; // index in `top` of the current high cap
  let lo = 0;
  let tiedHigh = top.counts[0]!; // points now at the high cap
  let tiedLow = bottom.counts[0]!;
  let lastHigh = 0;
  let lastLow = 0;
  let skew = skew0;
  let pass = false;
  const n = count;
  while (lastHigh + lastLow < o.maxWinsorised) {
    const high = skew >= 0;
    const list = high ? top : bottom;
    const at = high ? hi : lo;
    // The next distinct value must exist and must not cross the other end's cap.
    if (at + 1 >= list.size) break;
    const from = list.values[at]!;
    const to = list.values[at + 1]!;
    if (high ? to <= bottom.values[lo]! : to >= top.values[hi]!) break;
    const t = high ? tiedHigh : tiedLow;
    const a = from - mean;
    const b = to - mean;
    s1 += t * (b - a);
    s2 += t * (b * b - a * a);
    s3 += t * (b * b * b - a * a * a);
    s4 += t * (b * b * b * b - a * a * a * a);
    if (high) {
      hi++;
      lastHigh = t;
      tiedHigh = t + top.counts[hi]!;
    } else {
      lo++;
      lastLow = t;
      tiedLow = t + bottom.counts[lo]!;
    }
    const moments = momentsFromSums(s1, s2, s3, s4, n);
    if (Number.isNaN(moments.skewness)) break;
    skew = moments.skewness;
    const kurt = moments.kurtosis;
    if (passes(skew, kurt, o)) {
      pass = true;
      break;
    }
  }
  return {
    high: hi > 0 ? top.values[hi]! : Number.POSITIVE_INFINITY,
    low: lo > 0 ? bottom.values[lo]! : Number.NEGATIVE_INFINITY,
    passed: pass,
    winsorised: lastHigh + lastLow,
  };
}

/** A buffer of the `k` most extreme distinct values of one side, most extreme first, with multiplicities. */
interface Extremes {
  values: Float64Array;
  counts: Int32Array;
  size: number;
}

/** Inserts v (already multiplied by the side's sign) into a buffer sorted by decreasing value. */
function insert(e: Extremes, v: number, k: number): void {
  if (e.size === k && v < e.values[k - 1]!) return;
  // Ties with the most extreme value are common (many zeros at the bottom of a rate): one test.
  if (e.size > 0 && e.values[0] === v) {
    e.counts[0]!++;
    return;
  }
  let p = e.size;
  while (p > 0 && e.values[p - 1]! < v) p--;
  if (p > 0 && e.values[p - 1] === v) {
    e.counts[p - 1]!++;
    return;
  }
  if (p >= k) return;
  for (let q = Math.min(e.size, k - 1); q > p; q--) {
    e.values[q] = e.values[q - 1]!;
    e.counts[q] = e.counts[q - 1]!;
  }
  e.values[p] = v;
  e.counts[p] = 1;
  if (e.size < k) e.size++;
}

/** The `k` largest and `k` smallest distinct values with their multiplicities, in one pass. */
function extremes(x: Float64Array, count: number, k: number): { top: Extremes; bottom: Extremes } {
  const top: Extremes = { values: new Float64Array(k), counts: new Int32Array(k), size: 0 };
  const bottom: Extremes = { values: new Float64Array(k), counts: new Int32Array(k), size: 0 };
  // A value enters a buffer when the buffer is not full or the value reaches its last entry.
  let topCut = Number.NEGATIVE_INFINITY;
  let bottomCut = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const v = x[i]!;
    // Most values are neither among the largest nor the smallest: two comparisons reject them.
    if (v >= topCut) {
      insert(top, v, k);
      if (top.size === k) topCut = top.values[k - 1]!;
    }
    if (-v >= bottomCut) {
      insert(bottom, -v, k);
      if (bottom.size === k) bottomCut = bottom.values[k - 1]!;
    }
  }
  for (let q = 0; q < bottom.size; q++) bottom.values[q] = -bottom.values[q]!;
  return { top, bottom };
}
