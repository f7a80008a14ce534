import { describe, expect, it } from 'vitest';
import {
  createRandom,
  createRobustnessModel,
  type MonteCarloParallel,
  type MonteCarloShard,
  type RobustnessProgress,
  runMonteCarlo,
  runMonteCarloShard,
} from '../../src/index.ts';
import { groupKeys, planShards } from '../../src/robustness/groupKeys.ts';
import { tableVintage } from './fixtures/tableVintage.ts';
import { engineErrorAsync, nothingUncertain } from './helpers.ts';

/** A table of `n` territories × 6 indicators with some missing values, in 3 EPCI. */
function table(n: number, seed: number) {
  const random = createRandom(seed);
  const rows = Array.from({ length: n }, () =>
    Array.from({ length: 6 }, () =>
      random.float() < 0.05 ? Number.NaN : Math.round(random.float() * 500) / 10,
    ),
  );
  return tableVintage(rows, { epci: rows.map((_, i) => `E${i % 3}`), directions: [1, 1, -1, 1, 1, -1] });
}

/**
 * A host that runs each part in this thread on its own model, built from the same inputs (as a
 * worker would), with the shard and the result passed through structured clone (as postMessage does).
 */
function inProcess(
  build: () => ReturnType<typeof createRobustnessModel>,
  shards: number,
  seen: MonteCarloShard[] = [],
): MonteCarloParallel {
  const model = build();
  return {
    shards,
    async run(shard, control) {
      seen.push(shard);
      return structuredClone(await runMonteCarloShard(model, structuredClone(shard), control));
    },
  };
}

describe('runMonteCarlo with parallel parts', () => {
  it('runMonteCarlo(model, { parallel }) gives the figures of one part, bit for bit, whatever the number of parts (rank histograms)', async () => {
    const { vintage, config } = table(40, 3);
    const build = () => createRobustnessModel(vintage, config);
    const model = build();
    const serial = await runMonteCarlo(model, { replicates: 500, seed: 21, topK: 4 });
    for (const shards of [1, 2, 3, 7]) {
      const seen: MonteCarloShard[] = [];
      const parallel = await runMonteCarlo(model, {
        replicates: 500,
        seed: 21,
        topK: 4,
        parallel: inProcess(build, shards, seen),
      });
      expect(parallel.territories).toEqual(serial.territories);
      expect(parallel.draws).toEqual(serial.draws);
      expect(seen.length).toBeGreaterThan(shards > 1 ? 1 : 0);
      expect(seen.length).toBeLessThanOrEqual(shards);
      // Every group drawn goes to exactly one part.
      const groups = seen.flatMap((s) => s.groups).sort((a, b) => a - b);
      expect(new Set(groups).size).toBe(groups.length);
    }
  });

  it('runMonteCarlo(model, { parallel }) gives the figures of one part above 2,048 territories (ranks kept per replicate)', async () => {
    const { vintage, config } = table(2100, 8);
    const uncertainty = {
      ...nothingUncertain,
      weights: { distribution: 'uniform' as const, noise: 0.3 },
      normalisation: ['minMax' as const, 'rank' as const],
      leaveOneOut: true,
    };
    const build = () => createRobustnessModel(vintage, config, uncertainty);
    const model = build();
    expect(model.matrix.n).toBe(2100);
    const serial = await runMonteCarlo(model, { replicates: 40, seed: 4, topK: 10 });
    const parallel = await runMonteCarlo(model, {
      replicates: 40,
      seed: 4,
      topK: 10,
      parallel: inProcess(build, 2),
    });
    expect(parallel.territories).toEqual(serial.territories);
  });

  it('runMonteCarlo(model, { parallel }) reports the progress of all parts together, and an abort reaches every part', async () => {
    const { vintage, config } = table(30, 5);
    const build = () => createRobustnessModel(vintage, config);
    const model = build();
    const progress: RobustnessProgress[] = [];
    await runMonteCarlo(model, {
      replicates: 300,
      seed: 2,
      yieldEveryMs: 0,
      onProgress: (p) => progress.push(p),
      parallel: inProcess(build, 2),
    });
    const scoring = progress.filter((p) => p.phase === 'scoring');
    expect(scoring.every((p) => p.total === 300)).toBe(true);
    expect(scoring.at(-1)!.done).toBe(300);
    for (let k = 1; k < scoring.length; k++)
      expect(scoring[k]!.done).toBeGreaterThanOrEqual(scoring[k - 1]!.done);

    const signal = { aborted: false };
    const error = await engineErrorAsync(
      runMonteCarlo(model, {
        replicates: 300,
        seed: 2,
        yieldEveryMs: 0,
        signal,
        onProgress: () => {
          signal.aborted = true;
        },
        parallel: inProcess(build, 2),
      }),
    );
    expect(error.code).toBe('ABORTED');
  });
});

describe('planShards(model, keys, shards)', () => {
  it('planShards() keeps each normalisation × imputation together when there are enough, and balances the runs', () => {
    const { vintage, config } = table(20, 1);
    const model = createRobustnessModel(vintage, config);
    const D = model.layout.dimensions;
    const random = createRandom(9);
    const points = Float64Array.from({ length: 3000 * D }, () => random.float());
    const keys = groupKeys(model, points, 3000);
    const E = model.excludable.length + 1;
    const plans = model.normalisations.length * model.imputations.length;
    expect(plans).toBeGreaterThanOrEqual(2);
    const parts = planShards(model, keys, 2);
    expect(parts).toHaveLength(2);
    const planOf = (key: number) => Math.floor(key / E);
    const owner = new Map<number, number>();
    parts.forEach((groups, k) => {
      for (const key of groups) {
        // A plan's groups are all in one part.
        expect(owner.get(planOf(key)) ?? k).toBe(k);
        owner.set(planOf(key), k);
      }
    });
    const runs = parts.map((groups) => keys.filter((key) => groups.includes(key)).length);
    expect(runs[0]! + runs[1]!).toBe(3000);
    expect(Math.abs(runs[0]! - runs[1]!)).toBeLessThan(3000 / plans + 100);
  });

  it('planShards() splits the groups of a single plan one by one, and never makes empty parts', () => {
    const { vintage, config } = table(20, 1);
    const model = createRobustnessModel(vintage, config, { ...nothingUncertain, leaveOneOut: true });
    const D = model.layout.dimensions;
    const random = createRandom(3);
    const points = Float64Array.from({ length: 700 * D }, () => random.float());
    const keys = groupKeys(model, points, 700);
    const parts = planShards(model, keys, 3);
    expect(parts).toHaveLength(3);
    expect(parts.flat().sort((a, b) => a - b)).toEqual([...new Set(keys)].sort((a, b) => a - b));
    const one = planShards(createRobustnessModel(vintage, config, nothingUncertain), new Int32Array(10), 4);
    expect(one).toEqual([[0]]);
  });
});
