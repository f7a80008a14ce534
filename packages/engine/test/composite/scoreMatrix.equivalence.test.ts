import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AggregationMethod,
  type MeanMethod,
  type NormalisationMethod,
  planScoring,
  type ScoringOutput,
  type ScoringPlan,
  scoreMatrix,
  skewKurt,
  treatOutliers,
} from '../../src/index.ts';
import { miniVintage } from './fixtures/miniVintage.ts';
import { syntheticCase } from './fixtures/syntheticCase.ts';
import { scoreMatrixReference } from './reference/scoreMatrixReference.ts';

/**
 * The scoring core fuses its steps into few passes (values hidden for territories set aside,
 * weight sums looked up by missing-indicator masks, dimensions finished with the pillars...).
 * These tests check it against the straightforward version it replaced, kept in
 * reference/scoreMatrixReference.ts: every output array must be the same, bit for bit, whatever
 * the methods, weights, filters, imputation and missing values.
 */

const vintage = miniVintage();

/** Values with heavy tails and ties (to trigger winsorising and the log transform), some missing. */
const cell = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e4, max: 1e4, noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 1, arbitrary: fc.double({ min: 3, max: 7, noNaN: true }).map((e) => 10 ** e) },
  { weight: 1, arbitrary: fc.constant(Number.NaN) },
);
const table = fc
  .tuple(fc.integer({ min: 1, max: 18 }), fc.integer({ min: 1, max: 45 }))
  .chain(([m, n]) =>
    fc.array(fc.array(cell, { minLength: m, maxLength: m }), { minLength: n, maxLength: n }),
  );

const normalisations: NormalisationMethod[] = [
  'minMax',
  'zScore',
  'rank',
  'percentile',
  'distanceToReference',
  'goalposts',
];
const aggregations: AggregationMethod[] = ['arithmetic', 'geometric', 'harmonic', 'copeland', 'topsis'];
const means: MeanMethod[] = ['arithmetic', 'geometric', 'harmonic'];

const options = fc.record({
  normalisation: fc.constantFrom(...normalisations),
  range: fc.constantFrom<[number, number]>([0, 100], [1, 10], [-5, 5], [3, 3]),
  outliers: fc.constantFrom<'none' | 'coinr'>('none', 'coinr', 'coinr'),
  skewness: fc.constantFrom(0.5, 1, 2),
  kurtosis: fc.constantFrom(0, 1, 3.5),
  maxWinsorised: fc.integer({ min: 0, max: 6 }),
  aggregation: fc.constantFrom(...aggregations),
  reading: fc.constantFrom<'needPotential' | 'composite'>('needPotential', 'composite'),
  needPotential: fc.constantFrom(...means),
  minCoverage: fc.constantFrom(0, 0.5, 0.65, 1),
  imputation: fc.constantFrom<'none' | 'groupMean' | 'groupMedian' | 'neighbours'>(
    'none',
    'groupMean',
    'groupMedian',
    'neighbours',
  ),
  weights: fc.array(fc.constantFrom(0, 0.5, 1, 1, 2, 0.3), { minLength: 18, maxLength: 18 }),
  dimensionWeights: fc.array(fc.constantFrom(0, 1, 1, 3, 0.7), { minLength: 4, maxLength: 4 }),
  pillars: fc.constantFrom({ need: 1, potential: 1 }, { need: 0, potential: 1 }, { need: 2, potential: 1 }),
  directions: fc.array(fc.constantFrom<1 | -1>(1, -1), { minLength: 18, maxLength: 18 }),
  /** Every indicator in one dimension (tests more than 12 indicators per dimension). */
  oneDimension: fc.boolean(),
  seed: fc.integer({ min: 0, max: 2 ** 30 }),
});

/** A small deterministic generator for the parts of a plan drawn per case (filters, groups, neighbours). */
function lcg(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

function makeCase(rows: number[][], o: Opts) {
  const m = rows[0]!.length;
  const n = rows.length;
  const { matrix, config } = syntheticCase(rows, {
    directions: o.directions.slice(0, m),
    weights: o.weights.slice(0, m),
    dimensionWeights: o.dimensionWeights,
    pillars: o.pillars,
    methods: {
      screening: { minCoverage: o.minCoverage },
      outliers: {
        method: o.outliers,
        skewness: o.skewness,
        kurtosis: o.kurtosis,
        maxWinsorised: o.maxWinsorised,
      },
      normalisation: { method: 'minMax', range: o.range },
      aggregation: { method: o.aggregation, reading: o.reading, needPotential: o.needPotential },
    },
  });
  const plan: ScoringPlan = planScoring(vintage, matrix, config).plan;
  const random = lcg(o.seed);
  if (o.oneDimension) {
    for (let j = 0; j < m; j++) if (plan.indicatorDimension[j]! >= 0) plan.indicatorDimension[j] = 0;
  }
  if (random() < 0.3) plan.eligible = Uint8Array.from({ length: n }, () => (random() < 0.8 ? 1 : 0));
  // Set after planning: planScoring rejects a reference of 0 for distanceToReference, and the
  // core must agree with the reference implementation whatever the reference holds (0, NaN).
  plan.methods = {
    ...plan.methods,
    normalisation: { ...plan.methods.normalisation, method: o.normalisation },
    imputation: { method: o.imputation, groupLevel: 'epci' },
  };
  if (o.imputation === 'groupMean' || o.imputation === 'groupMedian') {
    plan.imputationGroups = Int32Array.from({ length: n }, () => Math.floor(random() * 4) - 1);
  } else if (o.imputation === 'neighbours') {
    const offsets = new Int32Array(n + 1);
    const list: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < 3; k++) if (random() < 0.6) list.push(Math.floor(random() * n));
      offsets[i + 1] = list.length;
    }
    plan.neighbours = { offsets, neighbours: Int32Array.from(list) };
  }
  return { matrix, plan };
}
type Opts = {
  normalisation: NormalisationMethod;
  range: [number, number];
  outliers: 'none' | 'coinr';
  skewness: number;
  kurtosis: number;
  maxWinsorised: number;
  aggregation: AggregationMethod;
  reading: 'needPotential' | 'composite';
  needPotential: MeanMethod;
  minCoverage: number;
  imputation: 'none' | 'groupMean' | 'groupMedian' | 'neighbours';
  weights: number[];
  dimensionWeights: number[];
  pillars: { need: number; potential: number };
  directions: (1 | -1)[];
  oneDimension: boolean;
  seed: number;
};

const bytes = (a: ArrayBufferView) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

function expectSameOutput(actual: ScoringOutput, expected: ScoringOutput): void {
  for (const key of [
    'values',
    'flags',
    'normalised',
    'referenceNormalised',
    'dimensionScores',
    'need',
    'potential',
    'score',
    'rank',
    'status',
    'dataCoverage',
  ] as const) {
    expect(bytes(actual[key]), key).toEqual(bytes(expected[key]));
  }
  expect(actual.ranked).toBe(expected.ranked);
  // Only the first `ranked` entries of `order` are meaningful (a reused output keeps the rest).
  expect(bytes(actual.order.subarray(0, actual.ranked))).toEqual(
    bytes(expected.order.subarray(0, expected.ranked)),
  );
  expect(actual.activeIndicators).toBe(expected.activeIndicators);
  expect(actual.outliers).toEqual(expected.outliers);
}

describe('scoreMatrix against the reference implementation', () => {
  it('scoreMatrix gives the reference outputs bit for bit, whatever the methods', () => {
    fc.assert(
      fc.property(table, options, (rows, o) => {
        const { matrix, plan } = makeCase(rows, o);
        const expected = scoreMatrixReference(matrix, plan);
        expectSameOutput(scoreMatrix(matrix, plan), expected);
      }),
      { numRuns: 800 },
    );
  });

  it('scoreMatrix reusing an output of another shape or content gives the reference outputs', () => {
    fc.assert(
      fc.property(table, options, table, options, (rowsA, oA, rowsB, oB) => {
        const a = makeCase(rowsA, oA);
        const b = makeCase(rowsB, oB);
        const reused = scoreMatrix(b.matrix, b.plan, scoreMatrix(a.matrix, a.plan));
        expectSameOutput(reused, scoreMatrixReference(b.matrix, b.plan));
      }),
      { numRuns: 200 },
    );
  });

  it('scoreMatrix leaves the matrix and the plan untouched', () => {
    fc.assert(
      fc.property(table, options, (rows, o) => {
        const { matrix, plan } = makeCase(rows, o);
        const values = bytes(matrix.values);
        const flags = bytes(matrix.flags);
        const weights = bytes(plan.indicatorWeight);
        scoreMatrix(matrix, plan);
        expect(bytes(matrix.values)).toEqual(values);
        expect(bytes(matrix.flags)).toEqual(flags);
        expect(bytes(plan.indicatorWeight)).toEqual(weights);
      }),
      { numRuns: 100 },
    );
  });
});

describe('treatOutliers, exactly', () => {
  /** Heavy tails, with many values tied at the minimum (rates that are often 0). */
  const sample = fc
    .tuple(
      fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 8, maxLength: 60 }),
      fc.array(
        fc.double({ min: 3, max: 6, noNaN: true }).map((e) => 10 ** e),
        { maxLength: 10 },
      ),
      fc.integer({ min: 0, max: 40 }),
    )
    .map(([body, high, zeros]) => [...body, ...high, ...Array.from({ length: zeros }, () => 0)]);
  const options = { method: 'coinr' as const, skewness: 2, kurtosis: 3.5, maxWinsorised: 5 };

  it('treatOutliers log-transforms every value as ln(x − min + 0.01 (max − min)) and measures the result with skewKurt', () => {
    let logs = 0;
    let winsorised = 0;
    fc.assert(
      fc.property(sample, (input) => {
        const x = Float64Array.from(input);
        const r = treatOutliers(x, x.length, options);
        const after = skewKurt(x, x.length);
        if (r.treatment === 'log') {
          logs++;
          const min = Math.min(...input);
          const shift = 0.01 * (Math.max(...input) - min);
          expect(Array.from(x)).toEqual(input.map((v) => Math.log(v - min + shift)));
        }
        if (r.treatment === 'winsorised') winsorised++;
        if (r.treatment !== 'none') {
          expect(r.skewnessAfter).toBe(after.skewness);
          expect(r.kurtosisAfter).toBe(after.kurtosis);
        }
      }),
      { numRuns: 500 },
    );
    expect(logs).toBeGreaterThan(20);
    expect(winsorised).toBeGreaterThan(20);
  });
});
