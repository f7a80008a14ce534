import { EngineError } from '../../errors.ts';
import { buildWeights, isSymmetric } from './buildWeights.ts';
import type { SpatialWeights } from './types.ts';

/**
 * Binary {@link SpatialWeights} from adjacency lists (`lists[i]` = neighbours of i, any order),
 * e.g. neighbours read from a GeoDa `.gal` file or returned by `@geoda/core`. Duplicates and
 * self-links are dropped; rows are sorted.
 *
 * Complexity: O(links · log(row size)).
 * @throws EngineError `SPATIAL_BAD_NEIGHBOUR` when an index is not an integer in [0, n).
 * @example
 * weightsFromNeighbourLists([[1], [0, 2], [1]]).offsets; // Int32Array [0, 1, 3, 4]
 */
export function weightsFromNeighbourLists(lists: readonly (readonly number[])[]): SpatialWeights {
  const n = lists.length;
  const offsets = new Int32Array(n + 1);
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = [...new Set(lists[i])].filter((j) => j !== i).sort((a, b) => a - b);
    for (const j of row) {
      if (!Number.isInteger(j) || j < 0 || j >= n) {
        throw new EngineError(
          'SPATIAL_BAD_NEIGHBOUR',
          `Le voisin ${j} de la ligne ${i} n'est pas un indice de territoire valide (0 à ${n - 1}).`,
          { row: i, neighbour: j, n },
        );
      }
    }
    rows.push(row);
    offsets[i + 1] = offsets[i]! + row.length;
  }
  const neighbours = Int32Array.from(rows.flat());
  return buildWeights(n, offsets, neighbours, 'custom', isSymmetric(n, offsets, neighbours), {});
}
