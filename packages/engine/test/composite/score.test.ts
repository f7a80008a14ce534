import { describe, expect, it } from 'vitest';
import {
  buildIndicatorMatrix,
  defaultFramework,
  matrixCacheKey,
  resolveScoreConfig,
  resultHash,
  type ScoreConfig,
  score,
} from '../../src/index.ts';
import { miniVintage } from './fixtures/miniVintage.ts';
import { tinyFramework } from './fixtures/tinyFramework.ts';
import { deepFreeze, engineError } from './helpers.ts';

const vintage = miniVintage();
const noOutliers = { outliers: { method: 'none' as const } };
const byCode = (r: ReturnType<typeof score>, code: string) => r.territories.find((t) => t.code === code)!;

/*
 * Hand computation on the mini vintage (communes Alpha..Zeta = 67001..67006):
 *   unemployment = unemployed / active × 100: 900/6000, 200/1400, 40/350, 2300/12500, 70/780, 30/200
 *   ESS density  = ESS establishments / population × 1000: 60/12000, 12/3000, 4/800, 150/25000, 6/1500, 0/450
 * Min-max onto [0, 100]: need = (u − u_min) / (u_max − u_min) × 100, with u_min = Epsilon's 70/780 and
 * u_max = Delta's 18.4; potential = ESS / 6 × 100 (min 0 for Zeta, max 6 for Delta).
 */
const U = [900 / 6000, 200 / 1400, 40 / 350, 2300 / 12500, 70 / 780, 30 / 200].map((x) => x * 100);
const E = [5, 4, 5, 6, 4, 0];
const need = U.map((u) => ((u - 100 * (70 / 780)) / (18.4 - 100 * (70 / 780))) * 100);
const potential = E.map((e) => (e / 6) * 100);
const CODES = ['67001', '67002', '67003', '67004', '67005', '67006'];

describe('score', () => {
  it('score(default need × potential reading) is the geometric mean of need and potential mapped onto [1, 100], by hand', () => {
    const r = score(vintage, { framework: tinyFramework, methods: noOutliers });
    // Both range over [0, 100] here, so [1, 100] is 1 + 0.99 × value.
    const expected = need.map((nd, i) => Math.sqrt((1 + 0.99 * nd) * (1 + 0.99 * potential[i]!)));
    CODES.forEach((code, i) => {
      const t = byCode(r, code);
      expect(t.need).toBeCloseTo(need[i]!, 10);
      expect(t.potential).toBeCloseTo(potential[i]!, 10);
      expect(t.score).toBeCloseTo(expected[i]!, 10);
    });
    // Delta first (most need, most actors); Epsilon and Zeta last: one has actors without needs,
    // the other needs without actors — neither is rewarded.
    expect(r.territories.map((t) => t.name)).toEqual(['Delta', 'Alpha', 'Beta', 'Gamma', 'Epsilon', 'Zeta']);
    expect(r.territories.map((t) => t.rank)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('score(composite reading, arithmetic) is the weighted mean of the dimensions, by hand', () => {
    const r = score(vintage, {
      framework: tinyFramework,
      changes: { dimensions: { n: { weight: 3 } } },
      methods: { ...noOutliers, aggregation: { reading: 'composite' } },
    });
    CODES.forEach((code, i) => {
      expect(byCode(r, code).score).toBeCloseTo((3 * need[i]! + potential[i]!) / 4, 10);
    });
  });

  it('score(needPotential: harmonic) is the weighted harmonic mean of the rescaled pillars', () => {
    const r = score(vintage, {
      framework: tinyFramework,
      changes: { pillars: { need: 2 } },
      methods: { ...noOutliers, aggregation: { needPotential: 'harmonic' } },
    });
    CODES.forEach((code, i) => {
      const a = 1 + 0.99 * need[i]!;
      const b = 1 + 0.99 * potential[i]!;
      expect(byCode(r, code).score).toBeCloseTo(3 / (2 / a + 1 / b), 10);
    });
  });

  it('score explains each territory: raw, normalised, contribution, strengths against the reference', () => {
    const r = score(vintage, { framework: tinyFramework, methods: noOutliers });
    const alpha = byCode(r, '67001');
    const [u, e] = alpha.indicators;
    expect(u).toMatchObject({ id: 'unemployment', raw: U[0], value: U[0], coverage: 1, flags: [] });
    expect(u!.normalised).toBeCloseTo(need[0]!, 10);
    // One indicator per pillar: its contribution is the whole pillar.
    expect(u!.contribution).toBeCloseTo(alpha.need!, 10);
    expect(e!.contribution).toBeCloseTo(alpha.potential!, 10);
    expect(e!.flags).toEqual(['synthetic']);
    expect(alpha.caveats.map((c) => c.code)).toEqual(['synthetic']);
    // Reference = the six communes: 3540 unemployed / 21230 active; ESS 232 / 42750 inhabitants.
    const refU = (3540 / 21230) * 100;
    const refE = (232 / 42750) * 1000;
    const sd = (x: number[]) => {
      const mean = x.reduce((a, b) => a + b, 0) / x.length;
      return Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (x.length - 1));
    };
    // Alpha: unemployment below the reference (a weakness for need), ESS density below too.
    expect(alpha.weaknesses.map((w) => w.id).sort()).toEqual(['ess', 'unemployment']);
    expect(alpha.weaknesses.find((w) => w.id === 'unemployment')!.gap).toBeCloseTo(
      (U[0]! - refU) / sd(U),
      10,
    );
    expect(alpha.weaknesses.find((w) => w.id === 'ess')!.gap).toBeCloseTo((5 - refE) / sd(E), 10);
    expect(r.indicators.map((i) => i.reference)).toEqual([
      expect.closeTo(refU, 10),
      expect.closeTo(refE, 10),
    ]);
  });

  it('score(epci) marks the EPCI with a member outside the scope and carries the level labels', () => {
    const r = score(vintage, { level: 'epci' });
    expect(r.level).toEqual({
      id: 'epci',
      label: 'Intercommunalités (EPCI)',
      labelEn: 'Inter-municipal bodies (EPCI)',
    });
    const b = byCode(r, 'B');
    expect(b).toMatchObject({ members: 4, membersInScope: 3, includesOutsideScope: true, complete: true });
    expect(b.caveats.map((c) => c.code)).toContain('outsideScope');
    expect(byCode(r, 'A').includesOutsideScope).toBe(false);
  });

  it('score(minCoverage 0.9) sets aside communes with too little data and says how much they have', () => {
    const r = score(vintage, { methods: { screening: { minCoverage: 0.9 } } });
    // Gamma misses MED, TP60, PIMP: 16 of 19; Zeta also misses its two ESS ratios (0/0): 14 of 19.
    expect(byCode(r, '67003').setAside).toEqual({
      reason: 'insufficientData',
      message: 'Données insuffisantes : 16 indicateurs renseignés sur 19 (84 %), sous le seuil de 90 %.',
    });
    expect(byCode(r, '67006').setAside!.message).toContain('14 indicateurs renseignés sur 19 (74 %)');
    expect(r.counts).toEqual({ territories: 6, ranked: 4, setAside: 2 });
    expect(r.territories.slice(4).map((t) => [t.code, t.rank, t.score])).toEqual([
      ['67003', null, null],
      ['67006', null, null],
    ]);
  });

  it('score(filters) sets aside filtered territories and excludes them from normalisation', () => {
    const r = score(vintage, {
      framework: tinyFramework,
      methods: noOutliers,
      filters: { minPopulation: 1000 },
    });
    expect(byCode(r, '67003').setAside!.reason).toBe('filtered');
    expect(byCode(r, '67006').setAside!.message).toContain('population 450');
    // Without Zeta (ESS 0), the ESS minimum becomes 4: Alpha's potential is (5 − 4) / (6 − 4) × 100.
    expect(byCode(r, '67001').potential).toBeCloseTo(50, 10);
  });

  it('score(groupMean, groupMedian by département) imputes withheld medians and flags them', () => {
    // Observed medians in the scope: 21000, 19500, 20000, 23000 (Gamma and Zeta withheld).
    const mean = score(vintage, { methods: { imputation: { method: 'groupMean', groupLevel: 'dep' } } });
    const median = score(vintage, { methods: { imputation: { method: 'groupMedian', groupLevel: 'dep' } } });
    const med = (r: ReturnType<typeof score>) =>
      byCode(r, '67003').indicators.find((i) => i.id === 'prec_median_income')!;
    expect(med(mean)).toMatchObject({ raw: null, value: (21000 + 19500 + 20000 + 23000) / 4 });
    expect(med(median)).toMatchObject({ raw: null, value: (20000 + 21000) / 2 });
    expect(med(median).flags).toEqual(['missing', 'withheld', 'imputed']);
    const caveats = byCode(median, '67003').caveats.map((c) => c.code);
    expect(caveats).toContain('imputed');
    expect(caveats).not.toContain('missing');
  });

  it('score(neighbours imputation) uses the caller’s CSR contiguity, re-indexed by codes', () => {
    // Neighbours: Gamma – Alpha, Gamma – Beta, Zeta – Epsilon (given in a different order than the matrix).
    const codes = ['67006', '67005', '67003', '67001', '67002'];
    const offsets = Int32Array.of(0, 1, 2, 4, 5, 6);
    const neighbours = Int32Array.of(1, 0, 3, 4, 2, 2);
    const r = score(
      vintage,
      { methods: { imputation: { method: 'neighbours' } } },
      { neighbours: { offsets, neighbours, codes } },
    );
    const value = (code: string, id: string) => byCode(r, code).indicators.find((i) => i.id === id)!;
    expect(value('67003', 'prec_median_income')).toMatchObject({ value: (21000 + 19500) / 2 });
    expect(value('67006', 'prec_median_income')).toMatchObject({ value: 23000 });
    expect(value('67006', 'prec_poverty_rate').flags).toContain('imputed');
    expect(
      engineError(() => score(vintage, { methods: { imputation: { method: 'neighbours' } } })).code,
    ).toBe('NEIGHBOURS_REQUIRED');
    expect(
      engineError(() =>
        score(
          vintage,
          { methods: { imputation: { method: 'neighbours' } } },
          { neighbours: { offsets: Int32Array.of(0, 1), neighbours: Int32Array.of(0) } },
        ),
      ).code,
    ).toBe('INVALID_NEIGHBOURS');
  });

  it('score(ahp) uses the eigenvector weights, reports the consistency ratio, and rejects or warns above 0.1', () => {
    const ids = ['economy', 'ess', 'precarity', 'desertification'];
    const w = [0.1, 0.2, 0.3, 0.4];
    const consistent = w.map((a) => w.map((b) => a / b));
    const r = score(vintage, {
      methods: { weighting: { method: 'ahp', ahp: { dimensions: { ids, matrix: consistent } } } },
    });
    expect(r.ahp!.dimensions!.weights.map((x) => Math.round(x * 1e9) / 1e9)).toEqual(w);
    expect(r.ahp!.dimensions!.acceptable).toBe(true);
    // Pillars weigh the sum of their dimensions: need 0.7, potential 0.3; ESS within potential 2/3.
    expect(r.dimensions.map((d) => Math.round(d.effectiveWeight * 1e9) / 1e9)).toEqual([0.1, 0.2, 0.3, 0.4]);
    const bad = [
      [1, 9, 1 / 9, 1],
      [1 / 9, 1, 9, 1],
      [9, 1 / 9, 1, 1],
      [1, 1, 1, 1],
    ];
    const ahp = { dimensions: { ids, matrix: bad } };
    expect(engineError(() => score(vintage, { methods: { weighting: { method: 'ahp', ahp } } })).code).toBe(
      'AHP_INCONSISTENT',
    );
    const warned = score(vintage, { methods: { weighting: { method: 'ahp', ahp, onInconsistent: 'warn' } } });
    expect(warned.warnings.map((x) => x.code)).toContain('AHP_INCONSISTENT');
    expect(warned.ahp!.dimensions!.acceptable).toBe(false);
    expect(
      engineError(() =>
        score(vintage, {
          methods: {
            weighting: {
              method: 'ahp',
              ahp: {
                dimensions: {
                  ids: ['economy', 'ess'],
                  matrix: [
                    [1, 1],
                    [1, 1],
                  ],
                },
              },
            },
          },
        }),
      ).code,
    ).toBe('AHP_INVALID');
  });

  it('score(equal weighting) ignores the framework’s relative weights but keeps zero weights off', () => {
    const eq = score(vintage, { methods: { weighting: { method: 'equal' } } });
    const skewed = score(vintage, {
      changes: { indicators: { prec_unemployment: { weight: 5 }, des_density: { weight: 0 } } },
      methods: { weighting: { method: 'equal' } },
    });
    // Precarity has 5 indicators: 1/5 each whatever the framework said (5 for unemployment).
    expect(skewed.indicators.find((i) => i.id === 'prec_unemployment')!.weight).toBeCloseTo(1 / 5, 12);
    expect(eq.indicators.find((i) => i.id === 'prec_unemployment')!.weight).toBeCloseTo(1 / 5, 12);
    // Desertification loses density (weight 0): 4 indicators left, 1/4 each.
    expect(skewed.indicators.find((i) => i.id === 'des_density')!.effectiveWeight).toBe(0);
    expect(skewed.indicators.find((i) => i.id === 'des_vacant_housing')!.weight).toBeCloseTo(1 / 4, 12);
  });

  it('score(copeland, topsis) rank with effective weights; Copeland scores sum to zero', () => {
    const c = score(vintage, { methods: { aggregation: { method: 'copeland' } } });
    expect(c.territories.reduce((s, t) => s + t.score!, 0)).toBe(0);
    expect(c.territories.map((t) => t.rank).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const t = score(vintage, { methods: { aggregation: { method: 'topsis' } } });
    for (const x of t.territories) {
      expect(x.score).toBeGreaterThanOrEqual(0);
      expect(x.score).toBeLessThanOrEqual(1);
    }
  });

  it('score is deterministic: same inputs, same output bit for bit, whatever the key order', () => {
    const config: ScoreConfig = { level: 'epci', changes: { dimensions: { ess: { weight: 2 } } } };
    const reordered: ScoreConfig = { changes: { dimensions: { ess: { weight: 2 } } }, level: 'epci' };
    const a = score(vintage, config);
    const b = score(miniVintage(), reordered);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    const other = score(vintage, { level: 'epci', changes: { dimensions: { ess: { weight: 2.5 } } } });
    expect(other.hash).not.toBe(a.hash);
  });

  it('resultHash changes with the vintage’s output hashes and not with their order', () => {
    const config = resolveScoreConfig(vintage, {});
    const m = vintage.manifest;
    const h = resultHash(m, config);
    expect(resultHash({ ...m, outputs: [...m.outputs].reverse() }, config)).toBe(h);
    const changed = m.outputs.map((o, i) => (i === 0 ? { ...o, sha256: 'c'.repeat(64) } : o));
    expect(resultHash({ ...m, outputs: changed }, config)).not.toBe(h);
  });

  it('score does not mutate its inputs (frozen configuration, vintage columns)', () => {
    const config = deepFreeze({ level: 'canton', framework: JSON.parse(JSON.stringify(defaultFramework)) });
    const before = Array.from(vintage.communes.columns['MED@2019']!);
    score(vintage, config, {});
    expect(Array.from(vintage.communes.columns['MED@2019']!)).toEqual(before);
  });

  it('score(formula dividing by zero everywhere) is a typed error that names the formula', () => {
    const broken = JSON.parse(JSON.stringify(tinyFramework));
    broken.indicators[1].formula = { kind: 'ratio', numerator: ['ESS_ETAB'], denominator: ['POP', '-POP'] };
    const error = engineError(() => score(vintage, { framework: broken }));
    expect(error.code).toBe('DIVISION_BY_ZERO');
    expect(error.details.path).toBe('framework.indicators[1].formula');
  });

  it('score reports zero denominators and synthetic data as warnings, in French', () => {
    const r = score(vintage, {});
    expect(r.synthetic).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['DIVISION_BY_ZERO', 'DIVISION_BY_ZERO', 'SYNTHETIC_DATA']);
    expect(r.warnings[0]!.message).toBe(
      'Indicateur « ess_creation_rate » : dénominateur nul pour 1 territoire(s) ; leur valeur est manquante.',
    );
  });

  it('score(distanceToReference) scores 100 at the reference value and refuses a zero reference', () => {
    const r = score(vintage, {
      framework: tinyFramework,
      methods: { normalisation: { method: 'distanceToReference' } },
    });
    const refU = (3540 / 21230) * 100;
    expect(byCode(r, '67001').indicators[0]!.normalised).toBeCloseTo(100 * (1 + (U[0]! - refU) / refU), 10);
    const zero = JSON.parse(JSON.stringify(tinyFramework));
    zero.indicators[1].formula = {
      kind: 'ratio',
      numerator: ['ESS_ETAB', '-ESS_ETAB'],
      denominator: ['POP'],
    };
    expect(
      engineError(() =>
        score(vintage, { framework: zero, methods: { normalisation: { method: 'distanceToReference' } } }),
      ).code,
    ).toBe('REFERENCE_ZERO');
  });

  it('score(explain.detail summary) keeps ranks, scores and caveats, and explains only the territories asked', () => {
    const full = score(vintage, {});
    const summary = score(vintage, { explain: { detail: 'summary', territories: ['67003'] } });
    expect(summary.territories.map((t) => [t.code, t.rank, t.score])).toEqual(
      full.territories.map((t) => [t.code, t.rank, t.score]),
    );
    expect(byCode(summary, '67001').indicators).toEqual([]);
    expect(byCode(summary, '67001').strengths).toEqual([]);
    expect(byCode(summary, '67003').strengths).toEqual(byCode(full, '67003').strengths);
    expect(byCode(summary, '67001').caveats).toEqual(byCode(full, '67001').caveats);
    expect(byCode(summary, '67003').indicators).toEqual(byCode(full, '67003').indicators);
    expect(JSON.stringify(summary.territories).length).toBeLessThan(
      JSON.stringify(full.territories).length / 2,
    );
  });

  it('score(explain.detail ranking) keeps ranks, scores and dimensions, with caveats only for the territories asked', () => {
    const full = score(vintage, {});
    const ranking = score(vintage, { explain: { detail: 'ranking', territories: ['67003'] } });
    expect(ranking.territories.map((t) => [t.code, t.rank, t.score, t.dimensions])).toEqual(
      full.territories.map((t) => [t.code, t.rank, t.score, t.dimensions]),
    );
    const caveated = full.territories.find((t) => t.code !== '67003' && t.caveats.length > 0);
    expect(caveated).toBeDefined();
    expect(byCode(ranking, caveated!.code).caveats).toEqual([]);
    expect(byCode(ranking, '67003').caveats).toEqual(byCode(full, '67003').caveats);
    expect(byCode(ranking, '67003').indicators).toEqual(byCode(full, '67003').indicators);
  });

  it('matrixCacheKey ignores weights and methods but not formulas, levels or groups', () => {
    const key = (c: ScoreConfig) => matrixCacheKey(resolveScoreConfig(vintage, c));
    const base = key({ level: 'epci' });
    expect(
      key({
        level: 'epci',
        changes: { dimensions: { ess: { weight: 2 } } },
        methods: { normalisation: { method: 'rank' } },
      }),
    ).toBe(base);
    expect(key({ level: 'canton' })).not.toBe(base);
    expect(key({ level: 'epci', changes: { remove: ['des_density'] } })).not.toBe(base);
    const group = (members: string[]) => key({ level: 'groups', groups: [{ id: 'g', name: 'G', members }] });
    expect(group(['67001'])).not.toBe(group(['67002']));
  });

  it('score(context.matrix) reuses a matching matrix and ignores one built for another level', () => {
    const config: ScoreConfig = { level: 'epci', framework: tinyFramework, methods: noOutliers };
    const matrix = buildIndicatorMatrix(vintage, tinyFramework, 'epci');
    // Swap the two EPCIs' unemployment in the matrix: the result must follow the matrix given.
    const swapped = { ...matrix, values: matrix.values.slice() };
    [swapped.values[0], swapped.values[1]] = [matrix.values[1]!, matrix.values[0]!];
    const normal = score(vintage, config);
    const reused = score(vintage, config, { matrix: swapped });
    expect(byCode(reused, 'A').need).toBe(byCode(normal, 'B').need);
    const wrongLevel = buildIndicatorMatrix(vintage, tinyFramework, 'canton');
    expect(JSON.stringify(score(vintage, config, { matrix: wrongLevel }))).toBe(JSON.stringify(normal));
  });

  it('a matrix given other values (a copy with a cell now missing) is screened on its own values, not on the index of the first', () => {
    const config: ScoreConfig = { level: 'epci', framework: tinyFramework, methods: noOutliers };
    const matrix = buildIndicatorMatrix(vintage, tinyFramework, 'epci');
    const first = score(vintage, config, { matrix });
    // The core indexes the missing cells of `matrix.values` on this first run; a copy where A's
    // first indicator is missing must count that cell.
    const gap = { ...matrix, values: matrix.values.slice() };
    gap.values[0] = Number.NaN;
    const active = first.indicators.length;
    const again = score(vintage, config, { matrix: gap });
    expect(byCode(first, 'A').dataCoverage).toBe(1);
    expect(byCode(again, 'A').dataCoverage).toBeCloseTo((active - 1) / active, 12);
    // And the original matrix, scored again, still has every value.
    expect(JSON.stringify(score(vintage, config, { matrix }))).toBe(JSON.stringify(first));
  });
});
