import { ckmeans } from 'simple-statistics';

/**
 * Inner class thresholds by natural breaks: the optimal 1-D k-means clustering of Wang & Song
 * (2011, "Ckmeans.1d.dp", R Journal 3/2), which minimises the within-class sum of squares exactly
 * (the goal of Jenks' natural breaks, reached without Jenks' heuristic). Each threshold is the
 * smallest value of the next cluster. With fewer distinct values than k, as many classes as
 * distinct values.
 *
 * Complexity: O(k n log n) (simple-statistics `ckmeans`).
 * @example ckmeansBreaks(Float64Array.of(1, 2, 3, 10, 11, 12), 2) // [10]
 */
export function ckmeansBreaks(sorted: Float64Array, k: number): number[] {
  if (sorted.length === 0) return [];
  let distinct = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  const clusters = ckmeans(Array.from(sorted), Math.min(k, distinct));
  return clusters.slice(1).map((cluster) => cluster[0]!);
}
