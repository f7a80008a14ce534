import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortRows } from './sortRows.ts';

const columns = (rank: number[], name: string[]) => ({
  rank,
  name,
  score: rank.map((r) => 100 - r),
  need: rank,
  potential: rank,
  population: rank,
});

describe('sortRows', () => {
  it('sortRows(columns, key, dir) puts missing values last in both directions', () => {
    const c = columns([2, Number.NaN, 1, 3], ['B', 'Z', 'A', 'C']);
    expect(sortRows(c, 'rank', 'asc')).toEqual([2, 0, 3, 1]);
    expect(sortRows(c, 'rank', 'desc')).toEqual([3, 0, 2, 1]);
    expect(sortRows(c, 'score', 'desc')).toEqual([2, 0, 3, 1]);
  });

  it('sortRows(columns, name, asc) follows French collation (accents, case)', () => {
    const c = columns([1, 2, 3, 4], ['Érstein', 'eckbolsheim', 'Zinswiller', 'Dachstein']);
    expect(sortRows(c, 'name', 'asc').map((i) => c.name[i])).toEqual([
      'Dachstein',
      'eckbolsheim',
      'Érstein',
      'Zinswiller',
    ]);
  });

  it('sortRows(columns, key, dir) returns a permutation and does not mutate its input', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constant(Number.NaN))), (rank) => {
        const names = Object.freeze(rank.map((_, i) => `T${i}`));
        const c = columns(rank, names as string[]);
        const order = sortRows(c, 'rank', 'asc');
        expect([...order].sort((a, b) => a - b)).toEqual(rank.map((_, i) => i));
        const ranks = order.map((i) => rank[i]!).filter(Number.isFinite);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      }),
    );
  });
});
