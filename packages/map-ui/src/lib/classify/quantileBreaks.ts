/**
 * Inner class thresholds at the quantiles i/k (i = 1..k-1) of sorted values, so that each class
 * holds about the same number of territories. Quantile type 7 of Hyndman & Fan (1996), the
 * default of R and of simple-statistics: linear interpolation between order statistics.
 * Equal thresholds (many ties) are merged, so fewer than k classes may result.
 *
 * Complexity: O(k).
 * @example quantileBreaks(Float64Array.of(1, 2, 3, 4, 5), 2) // [3]
 */
export function quantileBreaks(sorted: Float64Array, k: number): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  const out: number[] = [];
  for (let i = 1; i < k; i++) {
    const h = (n - 1) * (i / k);
    const lo = Math.floor(h);
    const v = sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, n - 1)] ?? sorted[lo]!) - sorted[lo]!);
    if (out.length === 0 || v > out[out.length - 1]!) out.push(v);
  }
  // A threshold equal to the minimum would leave the first class empty.
  return out.filter((t) => t > sorted[0]!);
}
