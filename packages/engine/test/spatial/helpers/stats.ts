/** Helpers for comparing permutation p-values, which carry Monte-Carlo error. */

/**
 * Largest difference two independent pseudo p-values estimated with P permutations may show
 * at the given z (normal approximation of two binomial proportions), plus 2/(P+1) for the +1
 * terms and the folding.
 */
export function monteCarloTolerance(p: number, permutations: number, z = 4.5): number {
  const q = Math.min(Math.max(p, 1 / (permutations + 1)), 0.5);
  return z * Math.sqrt((2 * q * (1 - q)) / permutations) + 2 / (permutations + 1);
}

/** Root mean square of (a − b) / (its Monte-Carlo standard deviation), over finite pairs. */
export function standardisedRms(a: ArrayLike<number>, b: ArrayLike<number>, permutations: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]) || !Number.isFinite(b[i])) continue;
    const q = Math.min(Math.max((a[i]! + b[i]!) / 2, 1 / (permutations + 1)), 0.5);
    const sd = Math.sqrt((2 * q * (1 - q)) / permutations);
    sum += ((a[i]! - b[i]!) / sd) ** 2;
    count++;
  }
  return Math.sqrt(sum / count);
}
