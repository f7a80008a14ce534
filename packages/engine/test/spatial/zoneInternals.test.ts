import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weightsFromNeighbourLists } from '../../src/spatial/weights/weightsFromNeighbourLists.ts';
import { cutVertices, dfsScratch } from '../../src/spatial/zones/cutVertices.ts';
import { zoneComponents } from '../../src/spatial/zones/zoneComponents.ts';

describe('cutVertices / zoneComponents', () => {
  it('cutVertices(zone) equals "removing the member disconnects the zone" by brute force (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 3, max: 14 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { minLength: n - 1, maxLength: 3 * n }),
            ),
          ),
        ([n, edges]) => {
          // a path through all members keeps the zone connected; random extra links add cycles
          const lists: number[][] = Array.from({ length: n }, (_, i) => (i > 0 ? [i - 1] : []));
          for (let i = 0; i + 1 < n; i++) lists[i]!.push(i + 1);
          for (const [a, b] of edges) {
            if (a === b) continue;
            lists[a]!.push(b);
            lists[b]!.push(a);
          }
          const w = weightsFromNeighbourLists(lists);
          const members = Array.from({ length: n }, (_, i) => i);
          const inZone = new Uint8Array(n).fill(1);
          const cut = cutVertices(members, inZone, w, dfsScratch(n));
          for (const i of members) {
            const pieces = zoneComponents(members, (j) => inZone[j] === 1, w, i);
            expect(cut.has(i)).toBe(pieces > 1);
          }
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });

  it('zoneComponents(members) counts the pieces of a group', () => {
    const w = weightsFromNeighbourLists([[1], [0], [3], [2], []]);
    expect(zoneComponents([0, 1, 2, 3, 4], () => true, w)).toBe(3);
    expect(zoneComponents([0, 1], (i) => i < 2, w)).toBe(1);
  });
});
