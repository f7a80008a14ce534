/**
 * The finite values of a column, sorted ascending, and how many were missing (NaN).
 * Missing values never take part in a classification: they are drawn apart, as missing.
 *
 * Complexity: O(n log n).
 */
export function validSorted(values: ArrayLike<number>): { sorted: Float64Array; missing: number } {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) out[n++] = v;
  }
  const sorted = out.slice(0, n).sort();
  return { sorted, missing: values.length - n };
}
