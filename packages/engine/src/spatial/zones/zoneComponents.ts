import type { NeighbourGraph } from '../weights/types.ts';

/**
 * Number of connected pieces of a group of communes, walking only links between members
 * (breadth-first). `skip` leaves one member out (to test whether removing it would cut the zone).
 *
 * Complexity: O(Σ members' neighbours).
 */
export function zoneComponents(
  members: readonly number[] | Int32Array,
  inZone: (i: number) => boolean,
  w: NeighbourGraph,
  skip = -1,
): number {
  const seen = new Set<number>();
  let pieces = 0;
  for (let m = 0; m < members.length; m++) {
    const start = members[m]!;
    if (start === skip || seen.has(start)) continue;
    pieces++;
    seen.add(start);
    const queue = [start];
    while (queue.length > 0) {
      const i = queue.pop()!;
      for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++) {
        const j = w.neighbours[k]!;
        if (j === skip || seen.has(j) || !inZone(j)) continue;
        seen.add(j);
        queue.push(j);
      }
    }
  }
  return pieces;
}
