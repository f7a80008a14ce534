/**
 * Index of the class of a value given inner thresholds: class i holds the values v with
 * thresholds[i-1] <= v < thresholds[i] (a value equal to a threshold goes to the upper class).
 * −1 for a missing value (NaN), which is drawn apart.
 *
 * Complexity: O(log k).
 * @example classOf(5, [3, 5, 7]) // 2
 */
export function classOf(value: number, thresholds: readonly number[]): number {
  if (!Number.isFinite(value)) return -1;
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (thresholds[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
