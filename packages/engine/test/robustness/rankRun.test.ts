import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom, rankScores } from '../../src/index.ts';
import { createRankWork, rankRun } from '../../src/robustness/rankRun.ts';

/** Both rankings of the same scores: the composite's and the robustness loop's. */
function both(score: Float64Array, status: Uint8Array) {
  const n = score.length;
  const expected = { order: new Int32Array(n), rank: new Int32Array(n), k: 0 };
  expected.k = rankScores(score, status, expected.order, expected.rank);
  const actual = { order: new Int32Array(n), rank: new Int32Array(n).fill(-1), k: 0 };
  actual.k = rankRun(score, status, actual.order, actual.rank, createRankWork(n));
  return {
    expected: { k: expected.k, rank: expected.rank, order: expected.order.subarray(0, expected.k) },
    actual: { k: actual.k, rank: actual.rank, order: actual.order.subarray(0, actual.k) },
  };
}

/** Scores with ties, near-ties (single-precision noise), NaN, ±0, ±∞ and negatives. */
const scoreArb = fc.oneof(
  fc.double(),
  fc.double({ min: -100, max: 100, noNaN: true }),
  fc.constantFrom(0, -0, 50.5, 50.5 + 7e-15, 50.5 - 1e-4, Number.NaN, Infinity, -Infinity, 1e-310),
);

describe('rankRun', () => {
  it('rankRun(score, status, order, rank) gives the composite rankScores’ ranks and order (random scores)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(scoreArb, fc.constantFrom(0, 0, 0, 1)), { maxLength: 300 }), (rows) => {
        const { expected, actual } = both(
          Float64Array.from(rows, (r) => r[0]),
          Uint8Array.from(rows, (r) => r[1]),
        );
        expect(actual).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('rankRun gives rankScores’ ranks above 4,096 territories (11-bit digits) and on constant digits', () => {
    const random = createRandom(5);
    for (const n of [4096, 4097, 20_000]) {
      // Scores on a coarse grid (many ties and shared digits), some set aside.
      const score = Float64Array.from({ length: n }, () =>
        random.float() < 0.02 ? Number.NaN : Math.round(random.float() * 5000) / 50 - 20,
      );
      const status = Uint8Array.from({ length: n }, () => (random.float() < 0.05 ? 1 : 0));
      const { expected, actual } = both(score, status);
      expect(actual).toEqual(expected);
      // All equal: every pass is skipped, the order is the index order.
      const flat = both(new Float64Array(n).fill(42), new Uint8Array(n));
      expect(flat.actual).toEqual(flat.expected);
      expect(Array.from(flat.actual.order.subarray(0, 3))).toEqual([0, 1, 2]);
    }
  });

  it('rankRun reuses its buffers: a second call with other scores gives rankScores’ ranks again', () => {
    const n = 50;
    const work = createRankWork(n);
    const random = createRandom(9);
    for (let run = 0; run < 20; run++) {
      const score = Float64Array.from({ length: n }, () => random.float() * 100);
      const status = new Uint8Array(n);
      const expected = new Int32Array(n);
      rankScores(score, status, new Int32Array(n), expected);
      const rank = new Int32Array(n);
      rankRun(score, status, new Int32Array(n), rank, work);
      expect(rank).toEqual(expected);
    }
  });
});
