import { UnionFind } from '../unionFind.ts';
import type { NeighbourGraph } from './types.ts';

/**
 * Connected components of a neighbour graph, links taken as undirected (so k-nearest-neighbour
 * graphs, which are not symmetric, get their weak components). Labels are numbered 0, 1, ... in
 * the order of each component's lowest index. Union–find with path halving (Tarjan 1975).
 *
 * Complexity: O((n + links) · α(n)).
 * @example
 * // 0–1 linked, 2 alone
 * connectedComponents(3, { offsets: Int32Array.of(0, 1, 2, 2), neighbours: Int32Array.of(1, 0) });
 * // → { count: 2, labels: Int32Array [0, 0, 1] }
 */
export function connectedComponents(n: number, graph: NeighbourGraph): { count: number; labels: Int32Array } {
  const sets = new UnionFind(n);
  const { offsets, neighbours } = graph;
  for (let i = 0; i < n; i++) {
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) sets.union(i, neighbours[k]!);
  }
  return sets.labels();
}
