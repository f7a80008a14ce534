/**
 * Sample skewness and excess kurtosis of `x[0 .. count-1]`, in the "type 2" definitions of
 * e1071 (Joanes & Gill 1998, G1 and G2) — Excel's SKEW and KURT, and COINr's `skew()`/`kurt()`:
 *
 *   g1 = √n Σd³ / (Σd²)^{3/2},  G1 = g1 √(n(n−1)) / (n−2)
 *   r  = n Σd⁴ / (Σd²)²,        G2 = ((n+1)(r−3) + 6)(n−1) / ((n−2)(n−3))
 *
 * with d = x − mean. NaN when n < 3 (skewness) or n < 4 (kurtosis), or when all values are equal.
 *
 * Complexity: O(count), two passes (one when the caller already knows the mean).
 *
 * @example skewKurt(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100), 12) // { skewness: 3.0632…, kurtosis: 9.7414… }
 */
export function skewKurt(
  x: Float64Array,
  count: number,
  knownMean = Number.NaN,
): { skewness: number; kurtosis: number } {
  let mean = knownMean;
  if (Number.isNaN(mean)) {
    mean = 0;
    for (let i = 0; i < count; i++) mean += x[i]!;
    mean /= count;
  }
  const s = centralSums(x, count, mean);
  return momentsFromSums(s.s1, s.s2, s.s3, s.s4, count);
}

/**
 * Sums of powers of x − shift. With shift the mean they are the central sums of skewKurt; after a
 * winsorising step (some values replaced) they are updated in O(1) and still give the moments.
 */
export function centralSums(
  x: Float64Array,
  count: number,
  shift: number,
): { s1: number; s2: number; s3: number; s4: number } {
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < count; i++) {
    const d = x[i]! - shift;
    const d2 = d * d;
    s1 += d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  return { s1, s2, s3, s4 };
}

/**
 * Type-2 skewness and kurtosis from sums of powers of x − shift (any shift: the central moments
 * m2, m3, m4 are recovered with m1 = s1 / n; accurate when the shift is close to the mean).
 */
export function momentsFromSums(
  s1: number,
  s2: number,
  s3: number,
  s4: number,
  n: number,
): { skewness: number; kurtosis: number } {
  const m1 = s1 / n;
  const m2 = s2 / n - m1 * m1;
  const m3 = s3 / n - 3 * m1 * (s2 / n) + 2 * m1 ** 3;
  const m4 = s4 / n - 4 * m1 * (s3 / n) + 6 * m1 * m1 * (s2 / n) - 3 * m1 ** 4;
  if (!(m2 > 0)) return { skewness: Number.NaN, kurtosis: Number.NaN };
  // m3 / m2^1.5 = √n Σd³ / (Σd²)^1.5 and m4 / m2² = n Σd⁴ / (Σd²)²: the g1 and r of the formulas above.
  const skewness = n < 3 ? Number.NaN : (m3 / m2 ** 1.5) * (Math.sqrt(n * (n - 1)) / (n - 2));
  const r = m4 / (m2 * m2);
  const kurtosis = n < 4 ? Number.NaN : (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
  return { skewness, kurtosis };
}
