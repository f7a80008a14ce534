import { describe, expect, it } from 'vitest';
import {
  createRobustnessModel,
  defaultUncertaintyOptions,
  resolveUncertaintyOptions,
} from '../../src/index.ts';
import { deepFreeze, engineError } from '../composite/helpers.ts';
import { tableVintage } from './fixtures/tableVintage.ts';

const rows = [
  [1, 2, 3, 4],
  [2, 3, 1, 5],
  [3, 1, 2, 6],
  [4, 5, 6, 1],
];

describe('resolveUncertaintyOptions', () => {
  it('resolveUncertaintyOptions() gives the documented defaults; weights merge field by field', () => {
    expect(resolveUncertaintyOptions()).toEqual(defaultUncertaintyOptions);
    const r = resolveUncertaintyOptions({ weights: { noise: 0.1 }, aggregation: ['geometric', 'geometric'] });
    expect(r.weights).toEqual({ ...defaultUncertaintyOptions.weights, noise: 0.1 });
    expect(r.aggregation).toEqual(['geometric']);
  });

  it('resolveUncertaintyOptions refuses what cannot be run, with the faulty path', () => {
    const cases: [unknown, string][] = [
      [{ weights: { noise: 1 } }, 'weights.noise'],
      [{ weights: { noise: -0.1 } }, 'weights.noise'],
      [{ weights: { concentration: 0 } }, 'weights.concentration'],
      [{ weights: { distribution: 'gaussian' } }, 'weights.distribution'],
      [{ normalisation: ['minMax', 'log'] }, 'normalisation[1]'],
      [{ aggregation: [] }, 'aggregation'],
      [{ weights: { distribution: 'dirichlet' }, weightFactors: 'each' }, 'weightFactors'],
    ];
    for (const [options, path] of cases) {
      const error = engineError(() => resolveUncertaintyOptions(options as never));
      expect(error.code).toBe('INVALID_ROBUSTNESS_OPTIONS');
      expect(error.details.path).toBe(path);
    }
  });
});

describe('createRobustnessModel', () => {
  it('createRobustnessModel(vintage, config) puts the configuration’s own methods first and lays out the factors', () => {
    const { vintage, config } = tableVintage(rows, { methods: { normalisation: { method: 'rank' } } });
    const model = createRobustnessModel(vintage, deepFreeze(config));
    expect(model.normalisations).toEqual(['rank', 'minMax', 'zScore']);
    expect(model.aggregations).toEqual(['arithmetic', 'geometric']);
    expect(model.imputations).toEqual(['none', 'groupMean']);
    expect(model.excludable).toEqual([0, 1, 2, 3]);
    // One indicator per dimension: no indicator weight to perturb; 2 dimensions per pillar, 2 pillars → 6 weights.
    expect(model.layout.weightTargets.map((t) => `${t.level}:${t.index}`)).toEqual([
      'dimensions:0',
      'dimensions:2',
      'dimensions:1',
      'dimensions:3',
      'pillars:0',
      'pillars:1',
    ]);
    expect(model.factors.map((f) => [f.id, f.coordinates])).toEqual([
      ['weights', [0, 1, 2, 3, 4, 5]],
      ['normalisation', [6]],
      ['aggregation', [7]],
      ['imputation', [8]],
      ['exclusion', [9]],
    ]);
    expect(model.factors[4]!.levels!.map((l) => l.id)).toEqual(['none', 'i0', 'i1', 'i2', 'i3']);
    expect(model.layout.dimensions).toBe(10);
  });

  it('createRobustnessModel with Dirichlet weights uses one coordinate (the seed of the draw)', () => {
    const { vintage, config } = tableVintage(rows);
    const model = createRobustnessModel(vintage, config, {
      weights: { distribution: 'dirichlet' },
      leaveOneOut: false,
    });
    expect(model.layout.weightCoordinates).toEqual([0]);
    expect(model.factors.map((f) => f.id)).toEqual(['weights', 'normalisation', 'aggregation', 'imputation']);
  });

  it('createRobustnessModel refuses Copeland above its size limit (COPELAND_TOO_LARGE)', () => {
    const big = tableVintage(Array.from({ length: 5001 }, (_, i) => [i % 7, i % 11]));
    const error = engineError(() =>
      createRobustnessModel(big.vintage, big.config, { aggregation: ['arithmetic', 'copeland'] }),
    );
    expect(error.code).toBe('COPELAND_TOO_LARGE');
  });
});
