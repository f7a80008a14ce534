import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLASS_METHODS } from '../classify/classify.ts';
import { decodeView, encodeView } from './urlState.ts';
import { DEFAULT_VIEW, PANELS, type ViewState } from './viewState.ts';

const id = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}(@(prev|20[0-9]{2}))?$/);
const prefixedId = fc.tuple(fc.constantFrom('dim:', 'ind:', 'var:'), id).map(([p, i]) => p + i);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

const viewArb: fc.Arbitrary<ViewState> = fc.record({
  vintage: fc.oneof(fc.constant(''), fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/)),
  level: fc.constantFrom('commune', 'epci', 'canton', 'bv2012', 'ze2020', 'aav2020'),
  layer: fc.oneof(fc.constantFrom('composite', 'need', 'potential'), prefixedId),
  method: fc.constantFrom(...CLASS_METHODS.map((m) => m.id)),
  classes: fc.integer({ min: 2, max: 9 }),
  palette: fc.constantFrom('viridis', 'cividis', 'RdBu', 'YlGnBu'),
  manual: fc.array(finite, { maxLength: 8 }),
  weights: fc.dictionary(prefixedId, finite, { maxKeys: 6 }),
  ahp: fc.array(fc.double({ min: 1 / 9, max: 9, noNaN: true }), { maxLength: 10 }),
  options: fc.dictionary(id, id, { maxKeys: 3 }),
  selection: fc.array(fc.stringMatching(/^(\d{5}|2[AB]\d{3}|\d{9})$/), { maxLength: 4 }),
  panel: fc.constantFrom(...PANELS),
  sheet: fc.boolean(),
});

describe('urlState', () => {
  it('decodeView(encodeView(view)) gives back the same view', () => {
    fc.assert(
      fc.property(viewArb, (view) => {
        expect(decodeView(encodeView(view))).toEqual(view);
        // Through a real URL, as a browser would read it back from a pasted link.
        const url = new URL(`http://localhost/?${encodeView(view)}`);
        expect(decodeView(url.search)).toEqual(view);
      }),
      { numRuns: 500 },
    );
  });

  it('encodeView(DEFAULT_VIEW) is empty and a readable link stays readable', () => {
    expect(encodeView(DEFAULT_VIEW)).toBe('');
    const view: ViewState = {
      ...DEFAULT_VIEW,
      level: 'epci',
      layer: 'ind:prec_poverty',
      weights: { 'dim:precarity': 2, 'ind:ess_density': 0.5 },
      selection: ['246700488', '246700744'],
    };
    expect(encodeView(view)).toBe(
      'l=epci&y=ind:prec_poverty&w=dim:precarity~2,ind:ess_density~0.5&s=246700488,246700744',
    );
  });

  it('decodeView(search) falls back to defaults on hand-edited garbage', () => {
    const v = decodeView('?k=42&m=magic&t=nowhere&w=dim:a~x,broken,ind:b~3&b=1,zz,2');
    expect(v.classes).toBe(DEFAULT_VIEW.classes);
    expect(v.method).toBe(DEFAULT_VIEW.method);
    expect(v.panel).toBe(DEFAULT_VIEW.panel);
    expect(v.weights).toEqual({ 'ind:b': 3 });
    expect(v.manual).toEqual([1, 2]);
  });
});
