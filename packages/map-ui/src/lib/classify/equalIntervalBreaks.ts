/**
 * Inner class thresholds that cut [min, max] into k intervals of equal width.
 * A constant column gives a single class.
 *
 * Complexity: O(k).
 * @example equalIntervalBreaks(Float64Array.of(0, 3, 10), 2) // [5]
 */
export function equalIntervalBreaks(sorted: Float64Array, k: number): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  if (max === min) return [];
  const out: number[] = [];
  for (let i = 1; i < k; i++) out.push(min + ((max - min) * i) / k);
  return out;
}
