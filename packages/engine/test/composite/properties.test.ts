import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MeanMethod, type NormalisationMethod, planScoring, scoreMatrix } from '../../src/index.ts';
import { miniVintage } from './fixtures/miniVintage.ts';
import { syntheticCase } from './fixtures/syntheticCase.ts';

// The vintage is only read for filters and group imputation, which these cases do not use.
const vintage = miniVintage();

/** Tables of 3-40 territories × 2-7 indicators, values in a wide range, some missing. */
const table = (missing = true) =>
  fc.integer({ min: 2, max: 7 }).chain((m) =>
    fc.array(
      fc.array(
        fc.oneof(
          {
            weight: 9,
            arbitrary: fc.double({ min: -1e4, max: 1e4, noNaN: true, noDefaultInfinity: true }),
          },
          { weight: missing ? 1 : 0, arbitrary: fc.constant(Number.NaN) },
        ),
        { minLength: m, maxLength: m },
      ),
      { minLength: 3, maxLength: 40 },
    ),
  );
const means = fc.constantFrom<MeanMethod>('arithmetic', 'geometric', 'harmonic');
const readings = fc.constantFrom<'needPotential' | 'composite'>('needPotential', 'composite');

function run(rows: number[][], options: Parameters<typeof syntheticCase>[1] = {}) {
  const { matrix, config } = syntheticCase(rows, options);
  const { plan } = planScoring(vintage, matrix, config);
  return { matrix, plan, out: scoreMatrix(matrix, plan) };
}

describe('scoreMatrix properties', () => {
  it('scoreMatrix keeps normalised values in range for minMax, percentile and goalposts', () => {
    fc.assert(
      fc.property(
        table(),
        fc.constantFrom<NormalisationMethod>('minMax', 'percentile', 'goalposts'),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 1, max: 200, noNaN: true }),
        (rows, method, lo, width) => {
          const hi = lo + width;
          const { out } = run(rows, { methods: { normalisation: { method, range: [lo, hi] } } });
          const [a, b] = method === 'percentile' ? [0, 100] : [lo, hi];
          for (let k = 0; k < out.normalised.length; k++) {
            const v = out.normalised[k]!;
            if (Number.isNaN(v)) continue;
            // One ulp-level tolerance of the range's magnitude (the maximum is reached up to rounding).
            const tol = 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
            expect(v).toBeGreaterThanOrEqual(a - tol);
            expect(v).toBeLessThanOrEqual(b + tol);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('scoreMatrix ranks form a permutation of 1..ranked, whatever the methods', () => {
    fc.assert(
      fc.property(
        table(),
        means,
        readings,
        fc.constantFrom('arithmetic', 'copeland', 'topsis'),
        (rows, mean, reading, kind) => {
          const method = kind === 'arithmetic' ? mean : (kind as 'copeland' | 'topsis');
          const { out } = run(rows, { methods: { aggregation: { method, reading, needPotential: mean } } });
          const ranks = Array.from(out.rank)
            .filter((r) => r > 0)
            .sort((x, y) => x - y);
          expect(ranks).toEqual(Array.from({ length: out.ranked }, (_, i) => i + 1));
          for (let i = 0; i < out.n; i++) expect(out.rank[i]! > 0).toBe(out.status[i] === 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('scoreMatrix: multiplying every weight by a constant changes no score and no rank', () => {
    fc.assert(
      fc.property(
        table(),
        fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 7, maxLength: 7 }),
        fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        means,
        readings,
        (rows, weights, dimensionWeights, c, mean, reading) => {
          const methods = { aggregation: { method: mean, reading, needPotential: mean } };
          const base = run(rows, { weights, dimensionWeights, pillars: { need: 1, potential: 2 }, methods });
          const scaled = run(rows, {
            weights: weights.map((w) => w * c),
            dimensionWeights: dimensionWeights.map((w) => w * c),
            pillars: { need: c, potential: 2 * c },
            methods,
          });
          expect(Array.from(scaled.out.rank)).toEqual(Array.from(base.out.rank));
          for (let i = 0; i < base.out.n; i++) {
            const a = base.out.score[i]!;
            const b = scaled.out.score[i]!;
            if (Number.isNaN(a)) expect(b).toBeNaN();
            else expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('scoreMatrix (arithmetic): a territory that improves on a positive indicator never loses rank', () => {
    fc.assert(
      fc.property(
        table(false),
        fc.nat(),
        fc.nat(),
        fc.double({ min: 0.001, max: 1e4, noNaN: true }),
        fc.constantFrom<'composite' | 'needPotential'>('composite', 'needPotential'),
        (rows, uPick, jPick, delta, reading) => {
          const u = uPick % rows.length;
          const m = rows[0]!.length;
          const j = jPick % m;
          const directions = Array.from({ length: m }, (_, k) => (k === j ? 1 : k % 3 === 0 ? -1 : 1)) as (
            | 1
            | -1
          )[];
          const methods = {
            outliers: { method: 'none' as const },
            aggregation: { method: 'arithmetic' as const, reading, needPotential: 'arithmetic' as const },
          };
          const before = run(rows, { directions, methods }).out.rank[u]!;
          const improved = rows.map((r, i) => (i === u ? r.map((v, k) => (k === j ? v + delta : v)) : r));
          const after = run(improved, { directions, methods }).out.rank[u]!;
          expect(after).toBeLessThanOrEqual(before);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('scoreMatrix reuses its output arrays and gives the same numbers as a fresh run', () => {
    fc.assert(
      fc.property(table(), table(), (rowsA, rowsB) => {
        const a = run(rowsA);
        const b = run(rowsB);
        const reused = scoreMatrix(b.matrix, b.plan, scoreMatrix(a.matrix, a.plan));
        expect(Array.from(reused.score)).toEqual(Array.from(b.out.score));
        expect(Array.from(reused.rank)).toEqual(Array.from(b.out.rank));
      }),
      { numRuns: 100 },
    );
  });
});
