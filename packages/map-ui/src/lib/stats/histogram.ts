export interface Histogram {
  /** Bin edges, `bins + 1` increasing values; bin i is [edges[i], edges[i+1]), the last one closed. */
  edges: number[];
  counts: number[];
  /** Values that were missing (NaN), counted apart. */
  missing: number;
}

/**
 * Equal-width histogram of the finite values over [min, max] (the data's range by default).
 * A constant column gives one bin holding every value. Values outside a given range are not
 * counted.
 *
 * Complexity: O(n).
 * @example histogram(Float64Array.of(0, 1, 2, 3, NaN), 2) // edges [0, 1.5, 3], counts [2, 2], missing 1
 */
export function histogram(values: ArrayLike<number>, bins: number, range?: [number, number]): Histogram {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) missing++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (range) [min, max] = range;
  if (!(max >= min)) return { edges: [], counts: [], missing };
  if (max === min) {
    return { edges: [min, max], counts: [values.length - missing], missing };
  }
  const width = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * width));
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v) || v < min || v > max) continue;
    // Scaled by the range, not divided by the bin width: the width of a tiny range underflows to 0.
    counts[Math.min(bins - 1, Math.floor(((v - min) / (max - min)) * bins))]!++;
  }
  return { edges, counts, missing };
}
