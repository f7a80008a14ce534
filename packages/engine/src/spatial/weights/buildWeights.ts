import { connectedComponents } from './connectedComponents.ts';
import type { SpatialWeights, WeightsKind } from './types.ts';

/**
 * Wraps a CSR neighbour structure (rows sorted, no self-links) as binary {@link SpatialWeights},
 * computing islands and connected components. Internal: the public builders call it.
 */
export function buildWeights(
  n: number,
  offsets: Int32Array,
  neighbours: Int32Array,
  kind: WeightsKind,
  symmetric: boolean,
  parameters: SpatialWeights['parameters'],
  borderLengths?: Float64Array,
): SpatialWeights {
  const islandList: number[] = [];
  for (let i = 0; i < n; i++) if (offsets[i + 1] === offsets[i]) islandList.push(i);
  const weights: SpatialWeights = {
    n,
    offsets,
    neighbours,
    weights: new Float64Array(neighbours.length).fill(1),
    kind,
    transform: 'binary',
    symmetric,
    islands: Int32Array.from(islandList),
    components: connectedComponents(n, { offsets, neighbours }),
    parameters,
  };
  if (borderLengths) weights.borderLengths = borderLengths;
  return weights;
}

/** True when every link i→j has its mirror j→i (rows must be sorted). O(links · log(row size)). */
export function isSymmetric(n: number, offsets: Int32Array, neighbours: Int32Array): boolean {
  for (let i = 0; i < n; i++) {
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const j = neighbours[k]!;
      let lo = offsets[j]!;
      let hi = offsets[j + 1]! - 1;
      let found = false;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const v = neighbours[mid]!;
        if (v === i) {
          found = true;
          break;
        }
        if (v < i) lo = mid + 1;
        else hi = mid - 1;
      }
      if (!found) return false;
    }
  }
  return true;
}
