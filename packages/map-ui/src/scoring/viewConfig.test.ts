import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, type ViewState } from '../lib/url/viewState.ts';
import { pairwise, scoreConfig, viewFromConfig } from './viewConfig.ts';

const framework = {
  framework: {
    dimensions: [{ id: 'economy' }, { id: 'ess' }, { id: 'precarity' }, { id: 'desertification' }],
  },
} as never;

describe('viewConfig', () => {
  it('scoreConfig(view, meta) turns slider changes into engine framework changes', () => {
    const v: ViewState = {
      ...DEFAULT_VIEW,
      level: 'epci',
      weights: { 'pil:need': 2, 'dim:ess': 0.5, 'ind:prec_poverty': 3 },
      options: { norm: 'zScore', reading: 'composite' },
    };
    expect(scoreConfig(v, framework)).toEqual({
      level: 'epci',
      changes: {
        pillars: { need: 2 },
        dimensions: { ess: { weight: 0.5 } },
        indicators: { prec_poverty: { weight: 3 } },
      },
      methods: { normalisation: { method: 'zScore' }, aggregation: { reading: 'composite' } },
    });
  });

  it('pairwise(ids, judgements) builds the reciprocal matrix row by row', () => {
    expect(pairwise(['a', 'b', 'c'], [3, 5, 2]).matrix).toEqual([
      [1, 3, 5],
      [1 / 3, 1, 2],
      [1 / 5, 1 / 2, 1],
    ]);
  });

  it('viewFromConfig(scoreConfig(view)) gives back the weights, AHP judgements and methods', () => {
    const key = fc.constantFrom('pil:need', 'pil:potential', 'dim:economy', 'dim:ess', 'ind:x_1', 'ind:y_2');
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.double({ min: 0, max: 10, noNaN: true })),
        fc.option(fc.array(fc.double({ min: 1 / 9, max: 9, noNaN: true }), { minLength: 6, maxLength: 6 })),
        fc.record({
          norm: fc.constantFrom('minMax', 'zScore', 'rank'),
          imp: fc.constantFrom('none', 'groupMean'),
        }),
        fc.constantFrom('commune', 'epci'),
        (weights, ahp, options, level) => {
          const v: ViewState = { ...DEFAULT_VIEW, level, weights, ahp: ahp ?? [], options };
          const back = viewFromConfig(scoreConfig(v, framework));
          expect(back).toEqual({ level, weights, ahp: ahp ?? [], options });
        },
      ),
    );
  });
});
