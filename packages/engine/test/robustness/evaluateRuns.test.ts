import { describe, expect, it } from 'vitest';
import {
  createRandom,
  createRobustnessModel,
  type RobustnessModel,
  type RobustnessOptions,
} from '../../src/index.ts';
import { evaluateRuns } from '../../src/robustness/evaluateRuns.ts';
import { tableVintage } from './fixtures/tableVintage.ts';
import { nothingUncertain } from './helpers.ts';

/**
 * 16 communes × 5 indicators with missing values, 3 EPCIs. Commune C16 has 3 of 5 values: below
 * the 65 % screening threshold, it is set aside — until one of its missing indicators is left out
 * (3 of 4 = 75 %), which makes the left-out runs need a scoring of their own.
 */
function table() {
  const random = createRandom(11);
  const rows = Array.from({ length: 16 }, (_, i) =>
    Array.from({ length: 5 }, (_, j) =>
      random.float() < 0.08 && i < 15 ? Number.NaN : Math.round(random.float() * 1000) / 10 + j,
    ),
  );
  rows[15] = [12, Number.NaN, 40, Number.NaN, 7];
  return tableVintage(rows, {
    epci: rows.map((_, i) => ['E1', 'E2', 'E3'][i % 3]!),
    directions: [1, -1, 1, 1, -1],
    weights: [1, 2, 1, 0.5, 1],
  });
}

/** Runs `count` random points through both strategies and returns every run's ranks and scores. */
async function bothWays(model: RobustnessModel, count: number, seed: number) {
  const D = model.layout.dimensions;
  const random = createRandom(seed);
  const points = Float64Array.from({ length: count * D }, () => random.float());
  const n = model.matrix.n;
  const collect = async (strategy: 'cached' | 'direct') => {
    const ranks = new Int32Array(count * n);
    const scores = new Float64Array(count * n);
    const full = await evaluateRuns(
      model,
      points,
      count,
      (row, run) => {
        ranks.set(run.rank, row * n);
        scores.set(run.score, row * n);
      },
      { strategy },
    );
    return { ranks, scores, full };
  };
  return { cached: await collect('cached'), direct: await collect('direct') };
}

const everything: RobustnessOptions = {
  normalisation: ['minMax', 'zScore', 'rank', 'percentile', 'distanceToReference', 'goalposts'],
  aggregation: ['arithmetic', 'geometric', 'harmonic', 'copeland', 'topsis'],
  imputation: ['none', 'groupMean', 'groupMedian'],
  leaveOneOut: true,
};

describe('evaluateRuns', () => {
  for (const reading of ['needPotential', 'composite'] as const) {
    for (const distribution of ['uniform', 'dirichlet'] as const) {
      it(`evaluateRuns(model, points) gives the scoring core's ranks and scores to the bit (${reading}, ${distribution} weights)`, async () => {
        const { vintage, config } = table();
        config.methods = { ...config.methods, aggregation: { ...config.methods?.aggregation, reading } };
        const model = createRobustnessModel(vintage, config, {
          ...everything,
          weights: { distribution, noise: 0.4, concentration: 20 },
        });
        const { cached, direct } = await bothWays(model, 1500, 3);
        expect(cached.ranks).toEqual(direct.ranks);
        expect(cached.scores).toEqual(direct.scores);
        expect(direct.full).toBe(1500);
        // Far fewer full scorings: one per (normalisation, imputation), plus the left-out runs that move screening.
        expect(cached.full).toBeLessThan(6 * 3 * 6);
        expect(cached.full).toBeGreaterThanOrEqual(6 * 3);
      });
    }
  }

  it('evaluateRuns(model, points) scores for real the runs where leaving an indicator out moves screening', async () => {
    const { vintage, config } = table();
    // Composite reading: C16 has no potential indicator at all (i1, i3 missing), so it needs one.
    config.methods = { ...config.methods, aggregation: { reading: 'composite' } };
    const model = createRobustnessModel(vintage, config, { ...nothingUncertain, leaveOneOut: true });
    const c16 = model.matrix.codes.indexOf('C16');
    expect(model.nominal.output.rank[c16]).toBe(0); // 3 of 5 indicators: set aside
    const { cached, direct } = await bothWays(model, 300, 8);
    expect(cached.ranks).toEqual(direct.ranks);
    // Runs without i1 or i3 (C16's missing ones) rank C16; the others do not.
    const E = model.excludable.length + 1;
    const D = model.layout.dimensions;
    const random = createRandom(8);
    const points = Float64Array.from({ length: 300 * D }, () => random.float());
    let rankedRuns = 0;
    for (let r = 0; r < 300; r++) {
      const e = Math.floor(points[r * D + model.layout.exclusion]! * E);
      const left = e === 0 ? null : model.config.framework.indicators[model.excludable[e - 1]!]!.id;
      const ranked = cached.ranks[r * model.matrix.n + c16]! > 0;
      expect(ranked).toBe(left === 'i1' || left === 'i3');
      if (ranked) rankedRuns++;
    }
    expect(rankedRuns).toBeGreaterThan(0);
    // 1 scoring of the parent, plus one for each of i1 and i3 left out.
    expect(cached.full).toBe(3);
  });
});
