import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRankWork } from '../../src/composite/rankScores.ts';
import { createRandom, rankScores } from '../../src/index.ts';

/**
 * The ranking by its definition, with a comparison sort (an independent second implementation of
 * the radix sort's order): scores rounded to single precision, highest first, +0 above −0 (their
 * bits differ, as the sortable keys say), ties by territory index; set aside and NaN unranked.
 */
function reference(score: Float64Array, status: Uint8Array) {
  const n = score.length;
  const ranked: number[] = [];
  for (let i = 0; i < n; i++) if (status[i] === 0 && !Number.isNaN(score[i]!)) ranked.push(i);
  const single = (i: number) => Math.fround(score[i]!);
  ranked.sort((a, b) => {
    const x = single(a);
    const y = single(b);
    if (x !== y) return x > y ? -1 : 1;
    if (x === 0 && Object.is(x, -0) !== Object.is(y, -0)) return Object.is(x, -0) ? 1 : -1;
    return a - b;
  });
  const rank = new Int32Array(n);
  ranked.forEach((i, r) => {
    rank[i] = r + 1;
  });
  return { k: ranked.length, rank, order: Int32Array.from(ranked) };
}

function ranked(score: Float64Array, status: Uint8Array, work = createRankWork(score.length)) {
  const n = score.length;
  const order = new Int32Array(n);
  const rank = new Int32Array(n).fill(-1);
  const k = rankScores(score, status, order, rank, work);
  return { k, rank, order: order.slice(0, k) };
}

/** Scores with ties, near-ties (single-precision noise), NaN, ±0, ±∞ and negatives. */
const scoreArb = fc.oneof(
  fc.double(),
  fc.double({ min: -100, max: 100, noNaN: true }),
  fc.constantFrom(0, -0, 50.5, 50.5 + 7e-15, 50.5 - 1e-4, Number.NaN, Infinity, -Infinity, 1e-310, -1e-310),
);

describe('rankScores against a comparison sort', () => {
  it('gives the ranks and order of the definition on random scores (ties, NaN, ±0, ±∞, set aside)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(scoreArb, fc.constantFrom(0, 0, 0, 1)), { maxLength: 300 }), (rows) => {
        const score = Float64Array.from(rows, (r) => r[0]);
        const status = Uint8Array.from(rows, (r) => r[1]);
        expect(ranked(score, status)).toEqual(reference(score, status));
      }),
      { numRuns: 500 },
    );
  });

  it('does so above 4,096 territories (11-bit digits) and when every digit is the same (passes skipped)', () => {
    const random = createRandom(5);
    for (const n of [4096, 4097, 20_000]) {
      // Scores on a coarse grid (many ties and shared digits), some set aside.
      const score = Float64Array.from({ length: n }, () =>
        random.float() < 0.02 ? Number.NaN : Math.round(random.float() * 5000) / 50 - 20,
      );
      const status = Uint8Array.from({ length: n }, () => (random.float() < 0.05 ? 1 : 0));
      expect(ranked(score, status)).toEqual(reference(score, status));
      // All equal: every pass is skipped, the order is the index order.
      const flat = ranked(new Float64Array(n).fill(42), new Uint8Array(n));
      expect(flat).toEqual(reference(new Float64Array(n).fill(42), new Uint8Array(n)));
      expect(Array.from(flat.order.subarray(0, 3))).toEqual([0, 1, 2]);
    }
  });

  it('reuses its buffers from call to call, its own (robustness loops) or the shared ones grown as needed', () => {
    const work = createRankWork(50);
    const random = createRandom(9);
    for (let run = 0; run < 20; run++) {
      const n = run % 2 === 0 ? 50 : 30;
      const score = Float64Array.from({ length: n }, () => random.float() * 100);
      const status = new Uint8Array(n);
      expect(ranked(score, status, work)).toEqual(reference(score, status));
    }
    // Shared buffers: a small call, then a larger one (they grow), then a small one again.
    for (const n of [10, 5000, 20]) {
      const score = Float64Array.from({ length: n }, () => random.float() * 100);
      const status = new Uint8Array(n);
      const rank = new Int32Array(n);
      const order = new Int32Array(n);
      const k = rankScores(score, status, order, rank);
      expect({ k, rank, order }).toEqual(reference(score, status));
    }
  });
});
