import { describe, expect, it } from 'vitest';
import {
  createRandom,
  createRobustnessModel,
  type RankInterval,
  type RobustnessModel,
  runMonteCarlo,
  type UncertaintyResult,
} from '../../src/index.ts';
import { evaluateRuns } from '../../src/robustness/evaluateRuns.ts';
import { rankTally } from '../../src/robustness/rankTally.ts';
import { engineError } from '../composite/helpers.ts';
import { tableVintage } from './fixtures/tableVintage.ts';
import { engineErrorAsync, nothingUncertain } from './helpers.ts';

/** 3 communes, 2 indicators (d0 need, d1 potential), composite reading: worked out by hand below. */
function handCase() {
  // min-max over the 3 communes: i0 → C01 100, C02 0, C03 60; i1 → C01 0, C02 100, C03 50.
  return tableVintage(
    [
      [10, 1],
      [0, 3],
      [6, 2],
    ],
    { reading: 'composite', methods: { outliers: { method: 'none' } } },
  );
}

const byCode = (r: UncertaintyResult) => Object.fromEntries(r.territories.map((t) => [t.code, t]));

describe('runMonteCarlo', () => {
  it('runMonteCarlo(model) with only leave-one-out gives P(first) equal to the share of each exclusion drawn', async () => {
    const { vintage, config } = handCase();
    const model = createRobustnessModel(vintage, config, { ...nothingUncertain, leaveOneOut: true });
    const r = await runMonteCarlo(model, { replicates: 600, seed: 5, topK: 1 });
    // Both indicators: scores (100+0)/2 = 50, (0+100)/2 = 50, (60+50)/2 = 55 → C03 first, then C01 (tie, smaller code), C02.
    // Without i0: i1 alone → C02 (100) first. Without i1: i0 alone → C01 (100) first.
    const [none, withoutI0, withoutI1] = r.draws.exclusion!;
    expect(none! + withoutI0! + withoutI1!).toBe(600);
    const t = byCode(r);
    expect(t.C03!.pFirst).toBe(none! / 600);
    expect(t.C02!.pFirst).toBe(withoutI0! / 600);
    expect(t.C01!.pFirst).toBe(withoutI1! / 600);
    expect(t.C03!.nominalRank).toBe(1);
    expect(t.C01!.nominalRank).toBe(2);
    expect(t.C02!.nominalRank).toBe(3);
    // Each exclusion is drawn about a third of the time.
    for (const c of [none!, withoutI0!, withoutI1!]) expect(Math.abs(c / 600 - 1 / 3)).toBeLessThan(0.06);
  });

  it('runMonteCarlo(model) collapses every interval onto the nominal rank when nothing is uncertain', async () => {
    const { vintage, config } = tableVintage(
      Array.from({ length: 12 }, (_, i) => [((i * 7) % 12) + 1, ((i * 5) % 12) + 2, (i % 4) + 1, 13 - i]),
    );
    for (const weights of [
      { distribution: 'none' as const },
      { distribution: 'uniform' as const, noise: 0 },
    ]) {
      const model = createRobustnessModel(vintage, config, { ...nothingUncertain, weights });
      const r = await runMonteCarlo(model, { replicates: 50, seed: 9, topK: 3 });
      for (const t of r.territories) {
        expect(t.nominalRank).not.toBeNull();
        expect([t.p05, t.medianRank, t.p95]).toEqual([t.nominalRank, t.nominalRank, t.nominalRank]);
        expect(t.pTopK).toBe(t.nominalRank! <= 3 ? 1 : 0);
        expect(t.pFirst).toBe(t.nominalRank === 1 ? 1 : 0);
        expect(t.rankedShare).toBe(1);
      }
    }
  });

  it('runMonteCarlo(model) matches a naive summary of every run’s ranks (sort, then the type 1 quantile), in both tallies', async () => {
    const model = realisticModel();
    const R = 400;
    const seed = 12;
    const result = await runMonteCarlo(model, { replicates: R, seed, topK: 4 });
    // The same points as runMonteCarlo draws: R × D uniforms from the seed, in order.
    const D = model.layout.dimensions;
    const random = createRandom(seed);
    const points = Float64Array.from({ length: R * D }, () => random.float());
    const n = model.matrix.n;
    const ranks = new Int32Array(R * n);
    const stored = rankTally(model, R, 4, 0); // histogramMax 0: keep the ranks and select
    await evaluateRuns(
      model,
      points,
      R,
      (row, run) => {
        ranks.set(run.rank, row * n);
        stored.add(row, run.rank);
      },
      {},
    );
    const naive: Record<string, Partial<RankInterval>> = {};
    model.matrix.codes.forEach((code, i) => {
      const mine = Array.from({ length: R }, (_, r) => ranks[r * n + i]!)
        .filter((v) => v > 0)
        .sort((x, y) => x - y);
      const q = (p: number) => mine[Math.ceil(p * mine.length) - 1]!;
      naive[code] = {
        medianRank: q(0.5),
        p05: q(0.05),
        p95: q(0.95),
        pTopK: mine.filter((v) => v <= 4).length / R,
        pFirst: mine.filter((v) => v === 1).length / R,
        rankedShare: mine.length / R,
      };
    });
    for (const t of [...result.territories, ...(await stored.summarise({}))]) {
      expect({
        medianRank: t.medianRank,
        p05: t.p05,
        p95: t.p95,
        pTopK: t.pTopK,
        pFirst: t.pFirst,
        rankedShare: t.rankedShare,
      }).toEqual(naive[t.code]);
    }
    // Probabilities add up: exactly topK territories are in the top k of each run, one is first.
    const sum = (f: (t: RankInterval) => number) => result.territories.reduce((acc, t) => acc + f(t), 0);
    expect(sum((t) => t.pTopK)).toBeCloseTo(4, 12);
    expect(sum((t) => t.pFirst)).toBeCloseTo(1, 12);
  });

  it('runMonteCarlo(model, { seed }) gives the same figures for the same seed, other figures for another', async () => {
    const model = realisticModel();
    const a = await runMonteCarlo(model, { replicates: 200, seed: 3 });
    const b = await runMonteCarlo(model, { replicates: 200, seed: 3 });
    const c = await runMonteCarlo(model, { replicates: 200, seed: 4 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c.territories)).not.toBe(JSON.stringify(a.territories));
  });

  it('runMonteCarlo(model) reports progress and rejects with ABORTED when its signal fires', async () => {
    const model = realisticModel();
    const seen: number[] = [];
    const controller = new AbortController();
    const error = await engineErrorAsync(
      runMonteCarlo(model, {
        replicates: 100_000,
        yieldEveryMs: 0,
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.done);
          expect(p.total).toBe(100_000);
          if (seen.length === 3) controller.abort();
        },
      }),
    );
    expect(error.code).toBe('ABORTED');
    expect(seen.length).toBe(3);
    expect(seen[0]!).toBeLessThan(seen[2]!);
    // A signal that has already fired stops the run before it starts.
    expect((await engineErrorAsync(runMonteCarlo(model, { signal: controller.signal }))).code).toBe(
      'ABORTED',
    );
  });

  it('runMonteCarlo(model, { replicates: 0 }) throws INVALID_ROBUSTNESS_OPTIONS with the field', async () => {
    const error = await engineErrorAsync(runMonteCarlo(realisticModel(), { replicates: 0 }));
    expect(error.code).toBe('INVALID_ROBUSTNESS_OPTIONS');
    expect(error.details.path).toBe('replicates');
  });

  it('createRobustnessModel refuses an alternative the data cannot support, naming it', () => {
    const { vintage, config } = handCase();
    const error = engineError(() =>
      createRobustnessModel(vintage, config, { imputation: ['none', 'neighbours'] }),
    );
    expect(error.code).toBe('NEIGHBOURS_REQUIRED');
    expect(error.details.imputation).toBe('neighbours');
    expect(error.message).toMatch(/neighbours/);
  });
});

/** 30 communes × 6 indicators, 3 EPCIs, some values missing: the default uncertain inputs all apply. */
function realisticModel(): RobustnessModel {
  const random = createRandom(77);
  const rows = Array.from({ length: 30 }, () =>
    Array.from({ length: 6 }, () =>
      random.float() < 0.05 ? Number.NaN : Math.round(random.float() * 500) / 10,
    ),
  );
  const { vintage, config } = tableVintage(rows, {
    epci: rows.map((_, i) => `E${i % 3}`),
    directions: [1, 1, -1, 1, 1, -1],
  });
  return createRobustnessModel(vintage, config);
}
