/**
 * Median of the finite values (mean of the two middle ones for an even count); NaN when none.
 * @example median(Float64Array.of(3, NaN, 1, 2)) // 2
 */
export function median(values: ArrayLike<number>): number {
  const v = Array.from(values)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const h = v.length >> 1;
  return v.length % 2 ? v[h]! : (v[h - 1]! + v[h]!) / 2;
}
