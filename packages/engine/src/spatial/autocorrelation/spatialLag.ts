import { checkLength } from '../checkLength.ts';
import type { SpatialWeights } from '../weights/types.ts';
import { localRows, rowSum } from './localRows.ts';

/**
 * Spatial lag Σ_j w_ij x_j of each territory (Anselin 1988, §3.2): with row-standardised weights,
 * the mean of its neighbours' values. Neighbours without a value (NaN) are left out and the
 * remaining weights rescaled to the row total, so with row-standardised weights the lag is the
 * mean of the neighbours that have a value (GeoDa's rule). A territory without neighbours, or whose
 * neighbours all lack a value, gets NaN. The territory's own value is not used.
 *
 * Complexity: O(links).
 * @throws EngineError `SPATIAL_LENGTH_MISMATCH` when values and weights differ in length.
 * @example
 * spatialLag(Float64Array.of(1, 2, 3), rowStandardize(weightsFromNeighbourLists([[1, 2], [0], [0]])));
 * // Float64Array [2.5, 1, 1]
 */
export function spatialLag(values: Float64Array, w: SpatialWeights): Float64Array {
  checkLength(values, w);
  const rows = localRows(w, values);
  const lag = new Float64Array(w.n);
  for (let i = 0; i < w.n; i++) lag[i] = rowSum(rows, values, i);
  return lag;
}
