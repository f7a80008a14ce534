import { type RateInput, rawRate } from './rawRate.ts';

export interface SmoothedRates {
  /** Crude rates O_i / P_i, kept beside the smoothed ones. */
  raw: Float64Array;
  /** Empirical Bayes estimates (NaN where the raw rate is NaN). */
  smoothed: Float64Array;
  /** Shrinkage weight w_i of the raw rate (1 = unchanged, 0 = replaced by the reference). */
  shrinkage: Float64Array;
  /** Reference (prior mean) rate: one value for the global method, per territory for the spatial one. */
  reference: Float64Array;
  /** Prior variance σ² (clipped at 0), same shape as `reference`. */
  priorVariance: Float64Array;
}

/**
 * Global empirical Bayes smoothing of rates (Marshall 1991, "Mapping disease and mortality rates
 * using empirical Bayes estimators", Applied Statistics 40(2); method of moments as in GeoDa,
 * Anselin, Lozano & Koschinsky 2006, "Rate transformations and smoothing", §3.2):
 *   θ = Σ O / Σ P,  σ² = Σ P_i (r_i − θ)² / Σ P − θ / (Σ P / n)  (0 if negative),
 *   w_i = σ² / (σ² + θ / P_i),  EB_i = w_i · r_i + (1 − w_i) · θ.
 * Small populations are pulled towards the reference rate, large ones barely move. Territories
 * with a missing count or no population are left out of the sums and get NaN.
 *
 * Complexity: O(n).
 * @throws EngineError `SPATIAL_LENGTH_MISMATCH`.
 * @example
 * const { raw, smoothed } = empiricalBayes({ events: poorHouseholds, base: households });
 */
export function empiricalBayes(input: RateInput): SmoothedRates {
  const raw = rawRate(input);
  const { events, base } = input;
  const n = raw.length;
  let sumO = 0;
  let sumP = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(raw[i]!)) continue;
    sumO += events[i]!;
    sumP += base[i]!;
    count++;
  }
  const theta = sumO / sumP;
  let dev = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(raw[i]!)) dev += base[i]! * (raw[i]! - theta) ** 2;
  const sigma2 = Math.max(0, dev / sumP - theta / (sumP / count));
  const smoothed = new Float64Array(n).fill(Number.NaN);
  const shrinkage = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(raw[i]!)) continue;
    const w = shrinkWeight(sigma2, theta, base[i]!);
    shrinkage[i] = w;
    smoothed[i] = w * raw[i]! + (1 - w) * theta;
  }
  return {
    raw,
    smoothed,
    shrinkage,
    reference: Float64Array.of(theta),
    priorVariance: Float64Array.of(sigma2),
  };
}

/** w = σ² / (σ² + θ / P); 1 when the denominator is 0 (θ = 0 and σ² = 0: nothing to shrink towards). */
export function shrinkWeight(sigma2: number, theta: number, population: number): number {
  const denominator = sigma2 + theta / population;
  return denominator > 0 ? sigma2 / denominator : 1;
}
