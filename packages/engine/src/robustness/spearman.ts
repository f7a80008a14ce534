import { averageRanks } from './averageRanks.ts';
import { pearson } from './pearson.ts';

/**
 * Spearman's rank correlation: Pearson's correlation of the average ranks ({@link averageRanks})
 * of the complete pairs — the definition that stays exact with ties (the 1 − 6Σd²/(n(n²−1))
 * shortcut does not). NaN as {@link pearson}.
 *
 * Complexity: O(n log n).
 * @example spearman([1, 2, 2, 3], [1, 3, 2, 4]) // 4.5/√22.5 = 0.9487…
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (!Number.isNaN(x[i]!) && !Number.isNaN(y[i]!)) {
      a.push(x[i]!);
      b.push(y[i]!);
    }
  }
  return pearson(averageRanks(a), averageRanks(b));
}
