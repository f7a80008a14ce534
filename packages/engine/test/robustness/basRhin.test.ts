/**
 * On the real Bas-Rhin vintage (datasets/build/bas-rhin-2021, built by `pnpm ptce data build`):
 * rank intervals for every commune and EPCI, the top-5 EPCIs' probability of staying in the top 5,
 * and the cached re-scoring checked against the scoring core on real data. Skipped, with a message,
 * when the vintage is not built.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyseRedundancy,
  createRandom,
  createRobustnessModel,
  type RobustnessModel,
  runMonteCarlo,
  runSobol,
  type Vintage,
} from '../../src/index.ts';
import { evaluateRuns } from '../../src/robustness/evaluateRuns.ts';
import { readVintage } from './fixtures/readVintage.ts';

const dir =
  process.env.PTCE_BAS_RHIN ?? resolve(import.meta.dirname, '../../../../datasets/build/bas-rhin-2021');
const present = existsSync(join(dir, 'manifest.json'));
if (!present)
  console.warn(
    `basRhin.test.ts: no vintage at ${dir} — build it with \`pnpm ptce data build\`; real-data tests skipped.`,
  );

let cached: Vintage | null = null;
const vintage = (): Vintage => (cached ??= readVintage(dir)!);

async function sameBothWays(model: RobustnessModel, count: number) {
  const D = model.layout.dimensions;
  const random = createRandom(99);
  const points = Float64Array.from({ length: count * D }, () => random.float());
  const n = model.matrix.n;
  const run = async (strategy: 'cached' | 'direct') => {
    const ranks = new Int32Array(count * n);
    await evaluateRuns(model, points, count, (row, r) => ranks.set(r.rank, row * n), { strategy });
    return ranks;
  };
  expect(await run('cached')).toEqual(await run('direct'));
}

describe.skipIf(!present)('robustness on the Bas-Rhin vintage', () => {
  for (const level of ['commune', 'epci'] as const) {
    it(`runMonteCarlo gives a rank interval to every ranked ${level}`, async () => {
      const model = createRobustnessModel(vintage(), { level });
      const r = await runMonteCarlo(model, { replicates: 1000, seed: 1, topK: 5 });
      expect(r.territories).toHaveLength(model.matrix.n);
      const ranked = r.territories.filter((t) => t.nominalRank !== null);
      expect(ranked.length).toBe(model.nominal.output.ranked);
      if (level === 'epci') expect(ranked.length).toBe(25);
      else expect(ranked.length).toBeGreaterThan(450);
      for (const t of ranked) {
        expect(t.p05).not.toBeNull();
        expect(t.p05!).toBeLessThanOrEqual(t.medianRank!);
        expect(t.medianRank!).toBeLessThanOrEqual(t.p95!);
      }
      const sum = (f: (t: (typeof ranked)[0]) => number) => r.territories.reduce((s, t) => s + f(t), 0);
      expect(sum((t) => t.pTopK)).toBeCloseTo(5, 9);
      expect(sum((t) => t.pFirst)).toBeCloseTo(1, 9);
      if (level === 'epci') {
        const top5 = ranked
          .slice(0, 5)
          .map(
            (t) => `${t.nominalRank}. ${t.name}: P(top 5) = ${t.pTopK.toFixed(3)}, rangs ${t.p05}–${t.p95}`,
          );
        console.log(`Bas-Rhin, EPCI, 1,000 tirages (graine 1):\n  ${top5.join('\n  ')}`);
      }
    });

    it(`evaluateRuns on the ${level}s: the cached re-scoring gives the core's ranks`, async () => {
      await sameBothWays(createRobustnessModel(vintage(), { level }), level === 'epci' ? 300 : 60);
    });
  }

  it('runSobol on the EPCIs gives finite indices for every factor', async () => {
    const model = createRobustnessModel(vintage(), { level: 'epci' });
    const s = await runSobol(model, { baseSamples: 200, bootstrap: 100 });
    expect(s.indices.map((i) => i.id)).toEqual([
      'weights',
      'normalisation',
      'aggregation',
      'imputation',
      'exclusion',
    ]);
    for (const i of s.indices) {
      expect(Number.isFinite(i.first!)).toBe(true);
      expect(i.totalLow!).toBeLessThanOrEqual(i.total!);
      expect(i.total!).toBeLessThanOrEqual(i.totalHigh!);
    }
  });

  it('analyseRedundancy on the EPCIs gives square matrices and an alpha per dimension', () => {
    const model = createRobustnessModel(vintage(), { level: 'epci' });
    const r = analyseRedundancy(model);
    expect(r.pearson).toHaveLength(r.indicators.length);
    expect(r.dimensions.map((d) => d.id)).toEqual(['economy', 'ess', 'precarity', 'desertification']);
    expect(r.effectiveWeights.reduce((s, e) => s + e.nominal, 0)).toBeCloseTo(1, 12);
  });
});
