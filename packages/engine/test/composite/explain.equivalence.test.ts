import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildIndicatorMatrix,
  decodeVintage,
  explain,
  planScoring,
  resolveScoreConfig,
  type ScoreConfig,
  scoreMatrix,
  type Vintage,
} from '../../src/index.ts';
import { miniVintage } from './fixtures/miniVintage.ts';
import { syntheticCase } from './fixtures/syntheticCase.ts';
import { explainReference } from './reference/explainReference.ts';

/**
 * `explain` builds territories in code order, finishes the dimension records with one literal and
 * shares caveat lists between territories; these tests check it against the version it replaced
 * (reference/explainReference.ts): the same JSON, for every level of detail.
 */

const here = dirname(fileURLToPath(import.meta.url));
const vintageDir = join(resolve(here, '../../../..'), 'datasets/build/bas-rhin-2021');
const haveVintage = existsSync(join(vintageDir, 'manifest.json'));

function loadBasRhin(): Vintage {
  const read = (f: string) => JSON.parse(readFileSync(join(vintageDir, f), 'utf8'));
  return decodeVintage({
    manifest: read('manifest.json'),
    variables: read('variables.json'),
    communes: read('communes.json'),
    zonings: read('zonings.json'),
  });
}

function both(vintage: Vintage, config: ScoreConfig, territories?: (n: number) => number[]) {
  const resolved = resolveScoreConfig(vintage, config);
  const matrix = buildIndicatorMatrix(vintage, resolved.framework, resolved.level, resolved.groups);
  const { plan } = planScoring(vintage, matrix, resolved);
  const out = scoreMatrix(matrix, plan);
  const list = territories?.(matrix.n);
  return {
    actual: explain(matrix, resolved, plan, out, list),
    expected: explainReference(matrix, resolved, plan, out, list),
  };
}

const configs: [string, ScoreConfig][] = [
  ['full', {}],
  [
    'summary with two territories in full',
    { explain: { detail: 'summary', territories: ['67482', '67218'] } },
  ],
  ['ranking with one territory in full', { explain: { detail: 'ranking', territories: ['67482'] } }],
  ['EPCI', { level: 'epci', explain: { detail: 'summary' } }],
  [
    'filters and a high coverage threshold',
    { filters: { minPopulation: 800 }, methods: { screening: { minCoverage: 0.9 } } },
  ],
  [
    'group imputation',
    { methods: { imputation: { method: 'groupMedian' } }, explain: { detail: 'summary' } },
  ],
  [
    'composite reading, geometric',
    { methods: { aggregation: { reading: 'composite', method: 'geometric' } } },
  ],
  ['TOPSIS', { methods: { aggregation: { method: 'topsis' } }, explain: { strengths: 5 } }],
];

describe('explain against the reference implementation', () => {
  it.each(configs)('explain gives the reference JSON on the mini vintage (%s)', (_, config) => {
    const { actual, expected } = both(miniVintage(), config);
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  });

  it.skipIf(!haveVintage).each(configs)(
    'explain gives the reference JSON on the real Bas-Rhin vintage (%s)',
    (_, config) => {
      const { actual, expected } = both(loadBasRhin(), config);
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
    },
  );

  it('explain(territories) gives the reference JSON for a chosen list, in its order', () => {
    const { actual, expected } = both(miniVintage(), { explain: { detail: 'summary' } }, (n) =>
      Array.from({ length: n }, (_, i) => n - 1 - i),
    );
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  });

  it('explain gives the reference JSON on random tables, for every level of detail', () => {
    const vintage = miniVintage();
    const cell = fc.oneof(
      { weight: 8, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
      { weight: 2, arbitrary: fc.constant(Number.NaN) },
    );
    fc.assert(
      fc.property(
        fc
          .oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 31, max: 36 }))
          .chain((m) =>
            fc.array(fc.array(cell, { minLength: m, maxLength: m }), { minLength: 1, maxLength: 30 }),
          ),
        fc.constantFrom<'full' | 'summary' | 'ranking'>('full', 'summary', 'ranking'),
        fc.constantFrom(0, 0.5, 1),
        (rows, detail, minCoverage) => {
          const { matrix, config } = syntheticCase(rows, { methods: { screening: { minCoverage } } });
          const resolved = { ...config, explain: { ...config.explain, detail, territories: ['T0001'] } };
          const { plan } = planScoring(vintage, matrix, resolved);
          const out = scoreMatrix(matrix, plan);
          expect(JSON.stringify(explain(matrix, resolved, plan, out))).toBe(
            JSON.stringify(explainReference(matrix, resolved, plan, out)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('explain tells apart territories whose caveats differ only by their data coverage', () => {
    // Flags that do not mark the missing values: only the coverage caveat differs between rows.
    const nan = Number.NaN;
    const rows = [
      [1, 2, 3, 4, 5, 6],
      [nan, 2, 3, 4, 5, 6],
      [1, nan, nan, 4, 5, 6],
      [1, 2, 3, nan, nan, nan],
      [7, 2, 3, 4, 5, 6],
    ];
    const { matrix, config } = syntheticCase(rows, { methods: { screening: { minCoverage: 0 } } });
    matrix.flags.fill(0);
    const { plan } = planScoring(miniVintage(), matrix, config);
    const out = scoreMatrix(matrix, plan);
    const actual = explain(matrix, config, plan, out);
    expect(JSON.stringify(actual)).toBe(JSON.stringify(explainReference(matrix, config, plan, out)));
    expect(new Set(actual.map((t) => t.caveats.map((c) => c.message).join())).size).toBe(4);
  });

  it('explain shares one frozen caveat list between territories with the same caveats', () => {
    const { actual } = both(miniVintage(), { explain: { detail: 'summary' } });
    const lists = new Set(actual.map((t) => t.caveats));
    expect(lists.size).toBeLessThan(actual.length);
    for (const t of actual) {
      expect(Object.isFrozen(t.caveats)).toBe(true);
      expect(Object.isFrozen(t.strengths)).toBe(true);
    }
  });
});
