import { describe, expect, it } from 'vitest';
import { createRandom, createRobustnessModel, estimateRuns, runSobol } from '../../src/index.ts';
import { tableVintage } from './fixtures/tableVintage.ts';
import { engineErrorAsync, nothingUncertain } from './helpers.ts';

/** 20 communes × 5 indicators, no missing value (so that imputation changes nothing), 2 EPCIs. */
function complete() {
  const random = createRandom(21);
  const rows = Array.from({ length: 20 }, () =>
    Array.from({ length: 5 }, () => Math.round(random.float() * 1000) / 10),
  );
  return tableVintage(rows, { epci: rows.map((_, i) => (i < 10 ? 'E1' : 'E2')) });
}

describe('runSobol', () => {
  it('runSobol(model) with one uncertain input gives it S = 1 exactly (A_B is B)', async () => {
    const { vintage, config } = complete();
    const model = createRobustnessModel(vintage, config, { ...nothingUncertain, leaveOneOut: true });
    expect(model.factors.map((f) => f.id)).toEqual(['exclusion']);
    const s = await runSobol(model, { baseSamples: 200, bootstrap: 50 });
    expect(s.indices[0]!.first).toBe(1);
    expect(Math.abs(s.indices[0]!.total! - 1)).toBeLessThan(0.2);
  });

  it('runSobol(model) gives a total index of exactly 0 to an input that changes nothing (imputation without missing values)', async () => {
    const { vintage, config } = complete();
    const model = createRobustnessModel(vintage, config, { imputation: ['none', 'groupMean'] });
    const s = await runSobol(model, { baseSamples: 150, bootstrap: 100, seed: 4 });
    const imputation = s.indices.find((i) => i.id === 'imputation')!;
    expect(imputation.total).toBe(0);
    expect(imputation.totalLow).toBe(0);
    expect(imputation.totalHigh).toBe(0);
    // The inputs that matter: total ≥ first (up to estimation noise), and the variance is real.
    expect(s.variance).toBeGreaterThan(0);
    for (const i of s.indices) expect(i.total!).toBeGreaterThanOrEqual(i.first! - 0.25);
    expect(s.runs).toBe(150 * (model.factors.length + 2));
  });

  it('estimateRuns(model, sobol) announces the runs that runSobol then does (N × (k + 2))', async () => {
    const { vintage, config } = complete();
    const model = createRobustnessModel(vintage, config);
    const estimate = estimateRuns(model, { analysis: 'sobol', baseSamples: 40 });
    expect(estimate.factors).toBe(model.factors.length);
    expect(estimate.runs).toBe(40 * (model.factors.length + 2));
    let total = 0;
    const s = await runSobol(model, { baseSamples: 40, bootstrap: 0, onProgress: (p) => (total = p.total) });
    expect(s.runs).toBe(estimate.runs);
    expect(total).toBe(estimate.runs);
    expect(s.fullScorings).toBeLessThanOrEqual(estimate.fullScorings);
    expect(estimateRuns(model, { analysis: 'monteCarlo', replicates: 500 }).runs).toBe(500);
  });

  it('runSobol(model, { seed }) gives the same indices for the same seed', async () => {
    const { vintage, config } = complete();
    const model = createRobustnessModel(vintage, config, { weightFactors: 'each' });
    const a = await runSobol(model, { baseSamples: 60, bootstrap: 20, seed: 8, perTerritory: true });
    const b = await runSobol(model, { baseSamples: 60, bootstrap: 20, seed: 8, perTerritory: true });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    // One factor per perturbed weight: 5 indicators in 4 dimensions (d0 holds i0 and i4), 2 dimensions per pillar, 2 pillars.
    expect(a.indices.filter((i) => i.id.startsWith('weights.')).map((i) => i.id)).toEqual([
      'weights.i0',
      'weights.i4',
      'weights.d0',
      'weights.d2',
      'weights.d1',
      'weights.d3',
      'weights.need',
      'weights.potential',
    ]);
    expect(a.territories).toHaveLength(20);
    expect(Object.keys(a.territories![0]!.first)).toEqual(a.indices.map((i) => i.id));
  });

  it('runSobol(model, { output: rank }) analyses one territory’s rank; an unknown code is refused', async () => {
    const { vintage, config } = complete();
    const model = createRobustnessModel(vintage, config);
    const s = await runSobol(model, {
      baseSamples: 50,
      bootstrap: 0,
      output: { kind: 'rank', territory: 'C03' },
    });
    expect(s.output).toEqual({ kind: 'rank', territory: 'C03' });
    expect(s.mean).toBeGreaterThanOrEqual(1);
    const error = await engineErrorAsync(runSobol(model, { output: { kind: 'rank', territory: '99999' } }));
    expect(error.code).toBe('UNKNOWN_TERRITORY');
  });

  it('runSobol(model) with nothing uncertain throws NO_UNCERTAIN_INPUT', async () => {
    const { vintage, config } = complete();
    const model = createRobustnessModel(vintage, config, nothingUncertain);
    expect((await engineErrorAsync(runSobol(model))).code).toBe('NO_UNCERTAIN_INPUT');
  });
});
