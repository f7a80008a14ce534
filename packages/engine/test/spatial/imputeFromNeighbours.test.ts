import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imputeFromNeighbours } from '../../src/spatial/imputeFromNeighbours.ts';
import { rowStandardize } from '../../src/spatial/weights/rowStandardize.ts';
import { weightsFromNeighbourLists } from '../../src/spatial/weights/weightsFromNeighbourLists.ts';

describe('imputeFromNeighbours', () => {
  it('imputeFromNeighbours(values, w) fills a gap with the mean of the neighbours that have a value', () => {
    const w = weightsFromNeighbourLists([[1, 3], [0, 2], [1], [0], []]);
    const r = imputeFromNeighbours(Float64Array.of(Number.NaN, 4, Number.NaN, 8, Number.NaN), w);
    // 0: mean(4, 8) = 6; 2: its only neighbour 1 → 4; 4: no neighbour, stays missing
    expect(Array.from(r.values)).toEqual([6, 4, 4, 8, Number.NaN]);
    expect(Array.from(r.imputed)).toEqual([1, 0, 1, 0, 0]);
  });

  it('imputeFromNeighbours(values, w) never uses imputed values to impute others', () => {
    const w = weightsFromNeighbourLists([[1], [0, 2], [1]]);
    const r = imputeFromNeighbours(Float64Array.of(Number.NaN, Number.NaN, 3), w);
    expect(Array.from(r.values)).toEqual([Number.NaN, 3, 3]);
  });

  it('imputeFromNeighbours(...) keeps present values, flags exactly the filled ones, ignores row scaling (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(Number.NaN), fc.integer({ min: -50, max: 50 })), {
          minLength: 2,
          maxLength: 20,
        }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 40 }),
        (values, links) => {
          const n = values.length;
          const lists: number[][] = Array.from({ length: n }, () => []);
          for (const [a, b] of links) {
            if (a % n === b % n) continue;
            lists[a % n]!.push(b % n);
            lists[b % n]!.push(a % n);
          }
          const w = weightsFromNeighbourLists(lists);
          const x = Float64Array.from(values);
          const r = imputeFromNeighbours(x, w);
          const rr = imputeFromNeighbours(x, rowStandardize(w));
          for (let i = 0; i < n; i++) {
            if (!Number.isNaN(x[i]!)) expect(r.values[i]).toBe(x[i]);
            expect(r.imputed[i]).toBe(Number.isNaN(x[i]!) && !Number.isNaN(r.values[i]!) ? 1 : 0);
            if (r.imputed[i]) {
              const known = lists[i]!.filter((j, k, all) => all.indexOf(j) === k)
                .map((j) => x[j]!)
                .filter((v) => !Number.isNaN(v));
              expect(r.values[i]).toBeCloseTo(known.reduce((a, b) => a + b, 0) / known.length, 12);
              expect(rr.values[i]).toBeCloseTo(r.values[i]!, 12);
            }
          }
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
