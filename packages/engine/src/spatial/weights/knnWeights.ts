import { EngineError } from '../../errors.ts';
import { buildWeights, isSymmetric } from './buildWeights.ts';
import { PointIndex, type Points } from './pointIndex.ts';
import { rowsFromPairs } from './rowsFromPairs.ts';
import type { SpatialWeights } from './types.ts';

/**
 * k-nearest-neighbour weights: each territory's neighbours are the `k` territories whose points
 * (usually polygon centroids, see polygonMeasures) are nearest by great-circle distance
 * (haversine, R = 6371.0088 km). Ties at the k-th distance go to the lower index. Not symmetric
 * in general (j among i's nearest does not make i among j's). Territories without a location are
 * islands and are never anyone's neighbour. (Anselin & Rey 2014, ch. 3; GeoDa's "k-nearest
 * neighbors" use the same definition on the same centroids.)
 *
 * Complexity: O(n log n) to index, about O(n · k log k) to query.
 * @throws EngineError `SPATIAL_BAD_K` unless 1 ≤ k < number of located territories.
 * @example
 * knnWeights({ lon: Float64Array.of(0, 0.1, 0.3), lat: Float64Array.of(0, 0, 0) }, { k: 1 }).neighbours;
 * // Int32Array [1, 0, 1]
 */
export function knnWeights(points: Points, options: { k: number }): SpatialWeights {
  const index = new PointIndex(points);
  const { k } = options;
  if (!Number.isInteger(k) || k < 1 || k >= index.located) {
    throw new EngineError(
      'SPATIAL_BAD_K',
      `Le nombre de voisins k doit être un entier entre 1 et ${index.located - 1} (reçu : ${k}).`,
      { option: 'k', value: k, located: index.located },
    );
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < index.n; i++) {
    if (!index.isLocated(i)) continue;
    for (const j of index.nearest(i, k).ids) {
      a.push(i);
      b.push(j);
    }
  }
  const rows = rowsFromPairs(index.n, Int32Array.from(a), Int32Array.from(b), false);
  return buildWeights(
    index.n,
    rows.offsets,
    rows.neighbours,
    'knn',
    isSymmetric(index.n, rows.offsets, rows.neighbours),
    { k, distance: 'great-circle km' },
  );
}
