import { checkLength } from '../checkLength.ts';
import type { NeighbourGraph } from '../weights/types.ts';
import { type SmoothedRates, shrinkWeight } from './empiricalBayes.ts';
import { type RateInput, rawRate } from './rawRate.ts';

/**
 * Spatial empirical Bayes smoothing (Marshall 1991; GeoDa's "Spatial Empirical Bayes", Anselin,
 * Lozano & Koschinsky 2006, §3.3): the same shrinkage as empiricalBayes, but towards a local
 * reference computed on the territory and its neighbours (binary window W_i = {i} ∪ N(i)):
 *   θ_i = Σ_W O / Σ_W P,  σ²_i = Σ_W P_j (r_j − θ_i)² / Σ_W P − θ_i / (Σ_W P / |W_i|)  (0 if negative),
 *   w_i = σ²_i / (σ²_i + θ_i / P_i),  SEB_i = w_i · r_i + (1 − w_i) · θ_i.
 * Only the links of `w` are used (weights are ignored). Neighbours with a missing count are left
 * out of the window; a territory alone in its window keeps its raw rate (θ_i = r_i; GeoDa returns 0).
 *
 * Complexity: O(n + links).
 * @throws EngineError `SPATIAL_LENGTH_MISMATCH`.
 * @example
 * const w = contiguityWeights(features);
 * const { raw, smoothed } = spatialEmpiricalBayes({ events: poorHouseholds, base: households }, w);
 */
export function spatialEmpiricalBayes(input: RateInput, w: NeighbourGraph): SmoothedRates {
  const raw = rawRate(input);
  checkLength(raw, { n: w.offsets.length - 1 });
  const { events, base } = input;
  const n = raw.length;
  const smoothed = new Float64Array(n).fill(Number.NaN);
  const shrinkage = new Float64Array(n).fill(Number.NaN);
  const reference = new Float64Array(n).fill(Number.NaN);
  const priorVariance = new Float64Array(n).fill(Number.NaN);
  const window: number[] = [];
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(raw[i]!)) continue;
    window.length = 0;
    window.push(i);
    for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++) {
      const j = w.neighbours[k]!;
      if (!Number.isNaN(raw[j]!)) window.push(j);
    }
    let sumO = 0;
    let sumP = 0;
    for (const j of window) {
      sumO += events[j]!;
      sumP += base[j]!;
    }
    const theta = sumO / sumP;
    let dev = 0;
    for (const j of window) dev += base[j]! * (raw[j]! - theta) ** 2;
    const sigma2 = Math.max(0, dev / sumP - theta / (sumP / window.length));
    const weight = shrinkWeight(sigma2, theta, base[i]!);
    reference[i] = theta;
    priorVariance[i] = sigma2;
    shrinkage[i] = weight;
    smoothed[i] = weight * raw[i]! + (1 - weight) * theta;
  }
  return { raw, smoothed, shrinkage, reference, priorVariance };
}
