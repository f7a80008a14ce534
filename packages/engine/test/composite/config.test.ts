import { describe, expect, it } from 'vitest';
import { defaultConfig, defaultFramework, resolveScoreConfig, validateScoreConfig } from '../../src/index.ts';
import { miniVintage } from './fixtures/miniVintage.ts';
import { deepFreeze, engineError } from './helpers.ts';

const vintage = miniVintage();
const issuesOf = (fn: () => unknown) =>
  (engineError(fn).details.issues as { path: string; message: string }[]).map((i) => i.path);

describe('validateScoreConfig', () => {
  it('validateScoreConfig accepts the empty configuration and a full one', () => {
    expect(validateScoreConfig({})).toEqual({});
    const full = {
      level: 'epci',
      framework: defaultFramework,
      changes: { dimensions: { ess: { weight: 2 } }, remove: ['des_density'] },
      methods: {
        screening: { minCoverage: 0.5 },
        imputation: { method: 'groupMedian', groupLevel: 'epci' },
        outliers: { method: 'none' },
        normalisation: { method: 'goalposts', range: [0, 10], goalposts: { prec_unemployment: [0, 30] } },
        weighting: {
          method: 'ahp',
          ahp: {
            dimensions: {
              ids: ['a', 'b'],
              matrix: [
                [1, 3],
                [1 / 3, 1],
              ],
            },
          },
        },
        aggregation: { method: 'topsis', reading: 'composite', needPotential: 'harmonic' },
      },
      filters: { minPopulation: 100, departements: ['67'] },
      explain: { strengths: 5 },
    };
    expect(validateScoreConfig(full)).toBe(full);
  });

  it('validateScoreConfig locates negative, NaN and misspelt weights', () => {
    expect(
      issuesOf(() =>
        validateScoreConfig({
          changes: {
            indicators: { prec_unemployment: { weight: -1 }, des_density: { weight: Number.NaN, wieght: 2 } },
            dimensions: { ess: { weight: -0.5 } },
          },
        }),
      ),
    ).toEqual([
      'changes.indicators.prec_unemployment.weight',
      'changes.indicators.des_density.wieght',
      'changes.indicators.des_density.weight',
      'changes.dimensions.ess.weight',
    ]);
  });

  it('validateScoreConfig says what to write for a wrong method name, with the allowed values', () => {
    const error = engineError(() =>
      validateScoreConfig({ methods: { normalisation: { method: 'minmax' } } }),
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain('methods.normalisation.method');
    expect(error.message).toContain('minMax, zScore, rank, percentile, distanceToReference, goalposts');
  });

  it('validateScoreConfig checks AHP matrices: size, positivity, diagonal, reciprocity', () => {
    expect(
      issuesOf(() =>
        validateScoreConfig({
          methods: {
            weighting: {
              ahp: {
                dimensions: {
                  ids: ['a', 'b', 'c'],
                  matrix: [
                    [2, 3, 0],
                    [1 / 3, 1, 2],
                    [1, 1, 1],
                  ],
                },
              },
            },
          },
        }),
      ),
    ).toEqual([
      'methods.weighting.ahp.dimensions.matrix[0][0]',
      'methods.weighting.ahp.dimensions.matrix[0][2]',
      'methods.weighting.ahp.dimensions.matrix[2][1]',
    ]);
  });

  it('validateScoreConfig rejects unknown top-level fields and non-objects', () => {
    expect(issuesOf(() => validateScoreConfig({ levle: 'epci' }))).toEqual(['levle']);
    expect(engineError(() => validateScoreConfig('epci')).code).toBe('INVALID_CONFIG');
  });
});

describe('resolveScoreConfig', () => {
  it('resolveScoreConfig merges each method group over its defaults ({...defaults, ...options})', () => {
    const r = resolveScoreConfig(vintage, { methods: { normalisation: { method: 'zScore' } } });
    expect(r.methods.normalisation).toEqual({ method: 'zScore', range: [0, 100], goalposts: {} });
    expect(r.methods.aggregation).toEqual(defaultConfig.methods.aggregation);
    expect(r.level).toBe('commune');
    expect(r.framework).toEqual(defaultFramework);
  });

  it('resolveScoreConfig does not mutate a frozen configuration', () => {
    const config = deepFreeze({ level: 'epci', changes: { dimensions: { ess: { weight: 2 } } } });
    const r = resolveScoreConfig(vintage, config);
    expect(r.framework.dimensions.find((d) => d.id === 'ess')!.weight).toBe(2);
  });

  it('resolveScoreConfig(level the vintage lacks) lists the levels it has', () => {
    const error = engineError(() => resolveScoreConfig(vintage, { level: 'bv2012' }));
    expect(error.code).toBe('UNKNOWN_LEVEL');
    expect(error.details.levels).toEqual(['commune', 'groups', 'epci', 'canton', 'dep']);
  });

  it('resolveScoreConfig(added indicator on a variable the vintage lacks) names the indicator and the variable', () => {
    const error = engineError(() =>
      resolveScoreConfig(vintage, {
        changes: {
          add: [
            {
              id: 'x',
              label: 'X',
              labelEn: 'X',
              dimension: 'ess',
              direction: 1,
              weight: 1,
              unit: '%',
              formula: { kind: 'ratio', numerator: ['NOPE'], denominator: ['POP'] },
              rationale: 'Test.',
            },
          ],
        },
      }),
    );
    expect(error.code).toBe('UNKNOWN_VARIABLE');
    expect(error.message).toContain('« x »');
    expect(error.details.variable).toBe('NOPE');
  });

  it('resolveScoreConfig(groups with an unknown commune) locates the member', () => {
    const error = engineError(() =>
      resolveScoreConfig(vintage, {
        level: 'groups',
        groups: [{ id: 'g', name: 'G', members: ['67001', '99999'] }],
      }),
    );
    expect(error.code).toBe('UNKNOWN_COMMUNE');
    expect(error.details.path).toBe('groups[0].members[1]');
    expect(engineError(() => resolveScoreConfig(vintage, { level: 'groups' })).code).toBe('INVALID_CONFIG');
  });

  it('resolveScoreConfig rejects weights that leave a dimension, a pillar or everything empty', () => {
    const zeroEss = Object.fromEntries(
      defaultFramework.indicators.filter((i) => i.dimension === 'ess').map((i) => [i.id, { weight: 0 }]),
    );
    expect(engineError(() => resolveScoreConfig(vintage, { changes: { indicators: zeroEss } })).code).toBe(
      'INVALID_WEIGHTS',
    );
    const needOff = { precarity: { weight: 0 }, desertification: { weight: 0 } };
    const error = engineError(() => resolveScoreConfig(vintage, { changes: { dimensions: needOff } }));
    expect(error.code).toBe('INVALID_WEIGHTS');
    expect(error.details.pillar).toBe('need');
    // The same change is fine in the composite reading, or with the need pillar switched off.
    expect(() =>
      resolveScoreConfig(vintage, {
        changes: { dimensions: needOff },
        methods: { aggregation: { reading: 'composite' } },
      }),
    ).not.toThrow();
    expect(() =>
      resolveScoreConfig(vintage, { changes: { dimensions: needOff, pillars: { need: 0 } } }),
    ).not.toThrow();
  });

  it('resolveScoreConfig(goalposts normalisation) requires goalposts for every active indicator', () => {
    const f = JSON.parse(JSON.stringify(defaultFramework));
    delete f.indicators[0].goalposts;
    const error = engineError(() =>
      resolveScoreConfig(vintage, { framework: f, methods: { normalisation: { method: 'goalposts' } } }),
    );
    expect(error.code).toBe('GOALPOSTS_MISSING');
    expect(error.details.indicators).toEqual(['eco_job_concentration']);
    expect(() =>
      resolveScoreConfig(vintage, {
        framework: f,
        methods: { normalisation: { method: 'goalposts', goalposts: { eco_job_concentration: [0, 150] } } },
      }),
    ).not.toThrow();
  });

  it('resolveScoreConfig(group imputation on a level the vintage lacks) says which field', () => {
    const error = engineError(() =>
      resolveScoreConfig(vintage, { methods: { imputation: { method: 'groupMean', groupLevel: 'ze2020' } } }),
    );
    expect(error.code).toBe('UNKNOWN_LEVEL');
    expect(error.details.path).toBe('methods.imputation.groupLevel');
  });
});
