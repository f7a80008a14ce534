import { EngineError } from '../../errors.ts';
import type { SpatialWeights } from './types.ts';

/**
 * Row-standardised copy of the weights: each weight divided by its row sum, so every non-empty
 * row sums to 1 and the spatial lag is a weighted mean of the neighbours (Anselin 1988, §3.2).
 * Islands keep an empty row. The input is not modified.
 *
 * Complexity: O(links).
 * @throws EngineError `SPATIAL_ZERO_ROW` when a territory has neighbours whose weights sum to 0.
 * @example
 * rowStandardize(weightsFromNeighbourLists([[1, 2], [0], [0]])).weights; // Float64Array [0.5, 0.5, 1, 1]
 */
export function rowStandardize(w: SpatialWeights): SpatialWeights {
  const weights = new Float64Array(w.weights.length);
  for (let i = 0; i < w.n; i++) {
    let sum = 0;
    for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++) sum += w.weights[k]!;
    if (w.offsets[i + 1]! > w.offsets[i]! && !(sum > 0)) {
      throw new EngineError(
        'SPATIAL_ZERO_ROW',
        `Les poids des voisins du territoire n°${i} ont une somme nulle ou négative : impossible de les standardiser.`,
        { row: i, sum },
      );
    }
    for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++) weights[k] = w.weights[k]! / sum;
  }
  return { ...w, weights, transform: 'row' };
}
