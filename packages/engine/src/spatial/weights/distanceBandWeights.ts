import { EngineError } from '../../errors.ts';
import { buildWeights } from './buildWeights.ts';
import { PointIndex, type Points } from './pointIndex.ts';
import { rowsFromPairs } from './rowsFromPairs.ts';
import type { SpatialWeights } from './types.ts';

/**
 * Distance-band weights: territories whose points (usually polygon centroids) are at most
 * `distanceKm` apart by great-circle distance (haversine, R = 6371.0088 km) are neighbours.
 * Without `distanceKm`, the band is the smallest one that leaves no located territory without a
 * neighbour (the largest nearest-neighbour distance, GeoDa's default "minimum threshold"); the
 * distance used is in `parameters.distanceKm`.
 *
 * Complexity: O(n log n + links).
 * @throws EngineError `SPATIAL_BAD_OPTION` for a distance that is not a positive number;
 * `SPATIAL_BAD_K` when fewer than 2 territories are located and no distance is given.
 * @example
 * distanceBandWeights({ lon: Float64Array.of(0, 0.1, 0.3), lat: Float64Array.of(0, 0, 0) }, { distanceKm: 12 }).offsets;
 * // Int32Array [0, 1, 2, 2]: 0 and 1 are 11.1 km apart, 2 is alone
 */
export function distanceBandWeights(points: Points, options: { distanceKm?: number } = {}): SpatialWeights {
  const index = new PointIndex(points);
  let distanceKm = options.distanceKm;
  if (distanceKm === undefined) {
    if (index.located < 2) {
      throw new EngineError(
        'SPATIAL_BAD_K',
        'Il faut au moins deux territoires localisés pour choisir une distance.',
        { located: index.located },
      );
    }
    distanceKm = 0;
    for (let i = 0; i < index.n; i++) {
      if (index.isLocated(i)) distanceKm = Math.max(distanceKm, index.nearest(i, 1).distances[0]!);
    }
  } else if (!(distanceKm > 0) || !Number.isFinite(distanceKm)) {
    throw new EngineError(
      'SPATIAL_BAD_OPTION',
      `La distance de voisinage doit être un nombre de kilomètres strictement positif (reçu : ${distanceKm}).`,
      { option: 'distanceKm', value: distanceKm },
    );
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < index.n; i++) {
    if (!index.isLocated(i)) continue;
    for (const j of index.within(i, distanceKm)) {
      a.push(i);
      b.push(j);
    }
  }
  const rows = rowsFromPairs(index.n, Int32Array.from(a), Int32Array.from(b), false);
  return buildWeights(index.n, rows.offsets, rows.neighbours, 'distanceBand', true, {
    distanceKm,
    distance: 'great-circle km',
  });
}
