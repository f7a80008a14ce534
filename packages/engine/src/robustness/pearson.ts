/** Fewest complete pairs for a correlation to be reported (two points always give ±1). */
export const MIN_PAIRS = 3;

/**
 * Pearson's correlation of x and y over the pairs where both are numbers (pairwise deletion of
 * NaN), two-pass (means first, then centred sums) for accuracy. NaN with fewer than
 * {@link MIN_PAIRS} pairs or when either variable is constant over them.
 *
 * Complexity: O(n).
 * @example pearson([1, 2, 3, 4], [2, 4, 5, 9]) // 11/√130 = 0.9648…
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let c = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    c++;
    mx += a;
    my += b;
  }
  if (c < MIN_PAIRS) return Number.NaN;
  mx /= c;
  my /= c;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    sxy += (a - mx) * (b - my);
    sxx += (a - mx) ** 2;
    syy += (b - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}
