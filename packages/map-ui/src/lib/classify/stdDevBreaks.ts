/**
 * Inner class thresholds one standard deviation apart, centred on the mean: with k even the
 * mean is a threshold (… −1σ, 0, +1σ …), with k odd the middle class spans the mean (±0.5σ).
 * Population standard deviation (divisor n), as in ArcGIS and QGIS. Thresholds outside the
 * data's range are dropped (their classes would be empty), so the classes read as deviations
 * from the mean: pair this method with a diverging palette.
 *
 * Complexity: O(n + k).
 * @example stdDevBreaks(Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9), 4) // mean 5, σ 2: [3, 5, 7]
 */
export function stdDevBreaks(sorted: Float64Array, k: number): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of sorted) squares += (v - mean) ** 2;
  const sd = Math.sqrt(squares / n);
  if (sd === 0) return [];
  const out: number[] = [];
  for (let i = 1; i < k; i++) {
    const t = mean + (i - k / 2) * sd;
    if (t > sorted[0]! && t <= sorted[n - 1]!) out.push(t);
  }
  return out;
}
