import type { RandomSource } from '../random/xoshiro128.ts';

export interface SobolEstimate {
  /** Mean and variance (divisor 2N) of the outputs of A and B. */
  mean: number;
  variance: number;
  /** First-order and total indices per factor (NaN when the output does not vary). */
  first: Float64Array;
  total: Float64Array;
  /** Percentile bootstrap interval bounds (NaN without bootstrap). */
  firstLow: Float64Array;
  firstHigh: Float64Array;
  totalLow: Float64Array;
  totalHigh: Float64Array;
}

/** Indices from the outputs of the base samples listed in `pick` (a bootstrap resample, or all). */
function estimate(
  y: Float64Array,
  k: number,
  N: number,
  pick: Int32Array | null,
  first: Float64Array,
  total: Float64Array,
): [number, number] {
  let sum = 0;
  for (let q = 0; q < N; q++) {
    const s = pick ? pick[q]! : q;
    sum += y[s]! + y[N + s]!;
  }
  const mean = sum / (2 * N);
  let ss = 0;
  for (let q = 0; q < N; q++) {
    const s = pick ? pick[q]! : q;
    ss += (y[s]! - mean) ** 2 + (y[N + s]! - mean) ** 2;
  }
  const variance = ss / (2 * N);
  for (let i = 0; i < k; i++) {
    const block = (2 + i) * N;
    let dFirst = 0;
    let dTotal = 0;
    for (let q = 0; q < N; q++) {
      const s = pick ? pick[q]! : q;
      const ab = y[block + s]!;
      dFirst += (y[N + s]! - ab) ** 2;
      dTotal += (y[s]! - ab) ** 2;
    }
    first[i] = variance > 0 ? 1 - dFirst / (2 * N) / variance : Number.NaN;
    total[i] = variance > 0 ? dTotal / (2 * N) / variance : Number.NaN;
  }
  return [mean, variance];
}

/** Type 7 quantile (linear interpolation, R's default) of a sorted array. */
function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * First-order and total Sobol indices from the outputs of a {@link saltelliSample} design, with
 * Jansen's estimators (Jansen 1999; Saltelli et al. 2010, Table 2, (f) and (f)):
 *
 *   S_i  = 1 − Σ_s (f(B)_s − f(A_B^(i))_s)² / (2N) / V
 *   S_Ti =     Σ_s (f(A)_s − f(A_B^(i))_s)² / (2N) / V
 *
 * with V the variance (divisor 2N) of the 2N outputs of A and B. Confidence intervals: percentile
 * bootstrap over the N base samples (each resample keeps the rows A, B and A_B^(i) of a sample
 * together; Archer, Saltelli & Sobol 1997), `bootstrap` resamples drawn from `random`.
 *
 * `y` holds the (k + 2) × N outputs in the design's row order. Outputs must be finite.
 *
 * Complexity: O((bootstrap + 1) × k × N).
 * @example
 * // Ishigami function, N = 2^14: first ≈ [0.314, 0.442, 0.000], total ≈ [0.558, 0.442, 0.244]
 * sobolIndices(y, 3, 16384, { bootstrap: 200, confidence: 0.95, random: createRandom(2) })
 */
export function sobolIndices(
  y: Float64Array,
  k: number,
  N: number,
  options: { bootstrap?: number; confidence?: number; random?: RandomSource } = {},
): SobolEstimate {
  const B = options.random ? (options.bootstrap ?? 1000) : 0;
  const confidence = options.confidence ?? 0.95;
  const first = new Float64Array(k);
  const total = new Float64Array(k);
  const [mean, variance] = estimate(y, k, N, null, first, total);
  const nan = () => new Float64Array(k).fill(Number.NaN);
  const result: SobolEstimate = {
    mean,
    variance,
    first,
    total,
    firstLow: nan(),
    firstHigh: nan(),
    totalLow: nan(),
    totalHigh: nan(),
  };
  if (B <= 0 || !(variance > 0)) return result;
  const random = options.random!;
  const pick = new Int32Array(N);
  const bootFirst = new Float64Array(B * k);
  const bootTotal = new Float64Array(B * k);
  const f = new Float64Array(k);
  const t = new Float64Array(k);
  for (let b = 0; b < B; b++) {
    for (let q = 0; q < N; q++) pick[q] = random.int(N);
    estimate(y, k, N, pick, f, t);
    for (let i = 0; i < k; i++) {
      bootFirst[i * B + b] = f[i]!;
      bootTotal[i * B + b] = t[i]!;
    }
  }
  const alpha = (1 - confidence) / 2;
  for (let i = 0; i < k; i++) {
    const fs = bootFirst.subarray(i * B, (i + 1) * B).sort();
    const ts = bootTotal.subarray(i * B, (i + 1) * B).sort();
    result.firstLow[i] = quantileSorted(fs, alpha);
    result.firstHigh[i] = quantileSorted(fs, 1 - alpha);
    result.totalLow[i] = quantileSorted(ts, alpha);
    result.totalHigh[i] = quantileSorted(ts, 1 - alpha);
  }
  return result;
}
