/**
 * Ranks 1..n of `values` (ascending), ties sharing the average of the ranks they span — R's
 * `rank(ties.method = "average")`, the ranks Spearman's correlation needs with ties. Values must
 * not be NaN (drop missing pairs first).
 *
 * Complexity: O(n log n).
 * @example averageRanks([10, 20, 10, 30]) // Float64Array [1.5, 3, 1.5, 4]
 */
export function averageRanks(
  values: ArrayLike<number>,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  let s = 0;
  while (s < n) {
    let e = s + 1;
    while (e < n && values[order[e]!] === values[order[s]!]) e++;
    const r = (s + 1 + e) / 2;
    for (let q = s; q < e; q++) out[order[q]!] = r;
    s = e;
  }
  return out;
}
