import type { NeighbourGraph } from '../weights/types.ts';

/** Reusable arrays for cutVertices (one per problem, so nothing is allocated per call). */
export interface DfsScratch {
  order: Int32Array;
  low: Int32Array;
  /** order[i] is valid when seen[i] === epoch. */
  seen: Int32Array;
  epoch: number;
}

export function dfsScratch(n: number): DfsScratch {
  return { order: new Int32Array(n), low: new Int32Array(n), seen: new Int32Array(n), epoch: 0 };
}

/**
 * Members whose removal would split a contiguous zone into pieces (articulation points of the
 * subgraph of links between members; Hopcroft & Tarjan 1973, "Efficient algorithms for graph
 * manipulation", CACM 16(6)), found by one iterative depth-first search. Lets the local
 * improvement test every removal at once instead of walking the zone once per member.
 *
 * Complexity: O(Σ members' neighbours).
 */
export function cutVertices(
  members: readonly number[],
  inZone: Uint8Array,
  w: NeighbourGraph,
  scratch: DfsScratch,
): Set<number> {
  const cut = new Set<number>();
  if (members.length < 3) return cut;
  const { order, low, seen } = scratch;
  const epoch = ++scratch.epoch;
  const root = members[0]!;
  let counter = 0;
  let rootChildren = 0;
  // explicit stack: vertex, its parent, and the next link to look at
  const vertex: number[] = [root];
  const parentOf: number[] = [-1];
  const next: number[] = [w.offsets[root]!];
  seen[root] = epoch;
  order[root] = low[root] = counter++;
  while (vertex.length > 0) {
    const top = vertex.length - 1;
    const v = vertex[top]!;
    const parent = parentOf[top]!;
    if (next[top]! < w.offsets[v + 1]!) {
      const u = w.neighbours[next[top]!++]!;
      if (!inZone[u] || u === parent) continue;
      if (seen[u] !== epoch) {
        seen[u] = epoch;
        order[u] = low[u] = counter++;
        vertex.push(u);
        parentOf.push(v);
        next.push(w.offsets[u]!);
        if (v === root) rootChildren++;
      } else if (order[u]! < low[v]!) {
        low[v] = order[u]!;
      }
      continue;
    }
    vertex.pop();
    parentOf.pop();
    next.pop();
    if (parent >= 0) {
      if (low[v]! < low[parent]!) low[parent] = low[v]!;
      if (parent !== root && low[v]! >= order[parent]!) cut.add(parent);
    }
  }
  if (rootChildren > 1) cut.add(root);
  return cut;
}
