import { checkLength } from './checkLength.ts';
import type { NeighbourGraph } from './weights/types.ts';

/**
 * Fills missing values (NaN) with the mean of the territory's neighbours that have a value —
 * spatial-neighbour imputation for the composite index (OECD/JRC, "Handbook on Constructing
 * Composite Indicators", 2008, §3, on imputation). Weighted by the link weights when given (row
 * weights give the same result as binary ones: the mean is over the neighbours with a value).
 * One pass: imputed values are never used to impute others, and values that were present are
 * never touched. A missing territory with no neighbour having a value stays NaN (imputed = 0), so
 * the caller can see what is still missing.
 *
 * Complexity: O(n + links).
 * @throws EngineError `SPATIAL_LENGTH_MISMATCH`.
 * @example
 * imputeFromNeighbours(Float64Array.of(1, NaN, 3), weightsFromNeighbourLists([[1], [0, 2], [1]]));
 * // { values: Float64Array [1, 2, 3], imputed: Uint8Array [0, 1, 0] }
 */
export function imputeFromNeighbours(
  values: Float64Array,
  w: NeighbourGraph & { weights?: Float64Array },
): { values: Float64Array; imputed: Uint8Array } {
  checkLength(values, { n: w.offsets.length - 1 });
  const out = Float64Array.from(values);
  const imputed = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i]!)) continue;
    let sum = 0;
    let total = 0;
    for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++) {
      const v = values[w.neighbours[k]!]!;
      if (Number.isNaN(v)) continue;
      const weight = w.weights ? w.weights[k]! : 1;
      sum += weight * v;
      total += weight;
    }
    if (total > 0) {
      out[i] = sum / total;
      imputed[i] = 1;
    }
  }
  return { values: out, imputed };
}
