/**
 * Nominal effective weight of each indicator in the score (OECD/JRC Handbook 2008, §6; COINr
 * `get_eff_weights`), from the weights of a scoring plan: w_j/Σw_dim × W_d/ΣW_pillar × P_p/ΣP in the
 * need × potential reading, w_j/Σw_dim × W_d/ΣW in the composite reading. Inactive indicators
 * (dimension −1) and dimensions without an active indicator get 0. Written to `out`.
 *
 * Used by `planScoring` for the plan's weights, and by the robustness module for every set of
 * perturbed weights.
 *
 * Complexity: O(m + d).
 * @example
 * // two dimensions (one per pillar), one indicator each, pillars 1:1 → [0.5, 0.5]
 * effectiveWeights(Int32Array.of(0, 1), Float64Array.of(1, 1), Float64Array.of(1, 1), Uint8Array.of(0, 1), Float64Array.of(1, 1), true)
 */
export function effectiveWeights(
  indicatorDimension: Int32Array,
  indicatorWeight: Float64Array,
  dimensionWeight: Float64Array,
  dimensionPillar: Uint8Array,
  pillarWeight: Float64Array,
  byPillar: boolean,
  out: Float64Array = new Float64Array(indicatorDimension.length),
): Float64Array {
  const m = indicatorDimension.length;
  const d = dimensionWeight.length;
  const dimSum = new Float64Array(d);
  for (let j = 0; j < m; j++)
    if (indicatorDimension[j]! >= 0) dimSum[indicatorDimension[j]!]! += indicatorWeight[j]!;
  const activeDim = (t: number) => dimSum[t]! > 0 && dimensionWeight[t]! > 0;
  const pillarDimSum = new Float64Array(2);
  let allDimSum = 0;
  for (let t = 0; t < d; t++) {
    if (!activeDim(t)) continue;
    pillarDimSum[dimensionPillar[t]!]! += dimensionWeight[t]!;
    allDimSum += dimensionWeight[t]!;
  }
  let pillarSum = 0;
  for (let p = 0; p < 2; p++) if (pillarDimSum[p]! > 0) pillarSum += pillarWeight[p]!;
  out.fill(0);
  for (let j = 0; j < m; j++) {
    const t = indicatorDimension[j]!;
    if (t < 0 || !activeDim(t)) continue;
    const withinDim = indicatorWeight[j]! / dimSum[t]!;
    if (byPillar) {
      const p = dimensionPillar[t]!;
      out[j] =
        pillarSum > 0
          ? (withinDim * dimensionWeight[t]! * pillarWeight[p]!) / pillarDimSum[p]! / pillarSum
          : 0;
    } else {
      out[j] = (withinDim * dimensionWeight[t]!) / allDimSum;
    }
  }
  return out;
}
