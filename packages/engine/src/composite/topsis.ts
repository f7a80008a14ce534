/**
 * TOPSIS closeness to the ideal (Hwang & Yoon 1981; Handbook §6.1 as an alternative to the linear
 * composite) for the rows `rows[0 .. count-1]` of a column-major matrix (`values[j * n + i]`):
 *
 * 1. with `vector` normalisation, r_ij = x_ij / √(Σ_i x_ij²) (classic TOPSIS); with `none` the
 *    values are used as they are (already normalised by the pipeline);
 * 2. v_ij = w_j r_ij, weights normalised to sum to 1;
 * 3. ideal A⁺ = best v per criterion (max for benefit, `direction` +1; min for cost, −1), anti-ideal A⁻ the worst;
 * 4. S⁺_i, S⁻_i = Euclidean distances to A⁺ and A⁻; closeness C_i = S⁻ / (S⁺ + S⁻) ∈ [0, 1].
 *
 * Missing cells (NaN) are left out of the norms and of the row's distances. Criteria with
 * weight 0 are ignored. Rows outside `rows` get NaN.
 *
 * Complexity: O(count × m).
 *
 * @example
 * // 2 alternatives, 1 benefit criterion: the better one is the ideal (C = 1), the other the anti-ideal (C = 0)
 * topsis(Float64Array.of(1, 3), 2, 1, Float64Array.of(1), Float64Array.of(1), Int32Array.of(0, 1), 2, 'vector', out) // out = [0, 1]
 */
export function topsis(
  values: Float64Array,
  n: number,
  m: number,
  weights: Float64Array,
  direction: Float64Array,
  rows: Int32Array,
  count: number,
  normalisation: 'vector' | 'none',
  out: Float64Array,
): Float64Array {
  out.fill(Number.NaN);
  let wsum = 0;
  for (let j = 0; j < m; j++) if (weights[j]! > 0) wsum += weights[j]!;
  const plus = new Float64Array(count);
  const minus = new Float64Array(count);
  for (let j = 0; j < m; j++) {
    const w = weights[j]!;
    if (!(w > 0)) continue;
    const base = j * n;
    let norm = 1;
    if (normalisation === 'vector') {
      let ss = 0;
      for (let q = 0; q < count; q++) {
        const v = values[base + rows[q]!]!;
        if (!Number.isNaN(v)) ss += v * v;
      }
      norm = Math.sqrt(ss);
      if (!(norm > 0)) continue;
    }
    const f = w / wsum / norm;
    let best = Number.NaN;
    let worst = Number.NaN;
    for (let q = 0; q < count; q++) {
      const v = values[base + rows[q]!]!;
      if (Number.isNaN(v)) continue;
      const t = f * v;
      const better = direction[j]! >= 0;
      if (Number.isNaN(best) || (better ? t > best : t < best)) best = t;
      if (Number.isNaN(worst) || (better ? t < worst : t > worst)) worst = t;
    }
    for (let q = 0; q < count; q++) {
      const v = values[base + rows[q]!]!;
      if (Number.isNaN(v)) continue;
      const t = f * v;
      plus[q]! += (t - best) ** 2;
      minus[q]! += (t - worst) ** 2;
    }
  }
  for (let q = 0; q < count; q++) {
    const sp = Math.sqrt(plus[q]!);
    const sm = Math.sqrt(minus[q]!);
    out[rows[q]!] = sp + sm > 0 ? sm / (sp + sm) : Number.NaN;
  }
  return out;
}
