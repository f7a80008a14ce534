import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../../test/helpers.ts';
import { aggregateMembers } from './aggregateMembers.ts';
import { VintageRegistry } from './registry.ts';

const loaded = await new VintageRegistry(FIXTURES_DIR, 'vintage-mini').load('vintage-mini');
const { vintage } = loaded;
const variable = (id: string) => vintage.variableIndex.get(id)!;
const rows = (level: string, code: string) => loaded.members.get(level)!.get(code)!;

// Fixture values (test/fixtures/vintage-mini/communes.json), rows 0..4 = Alpha, Beta, Gamma, Delta, Epsilon:
//   POP@2018   1000, 500, 2000, 250, 800      (Gamma's value is flagged estimated)
//   NBMENFISC   400, 200,  850, —,   330
//   MED       21000, —,  23000, —, 20000
// EPCI 200000001 = Alpha + Beta; EPCI 200000002 = Gamma + Delta + Epsilon.
describe('aggregateMembers(vintage, variable, rows)', () => {
  it('aggregateMembers() sums counts, and flags an estimate when a member value was estimated', () => {
    expect(aggregateMembers(vintage, variable('POP@2018'), rows('epci', '200000001'))).toEqual({
      value: 1500,
      missingMembers: 0,
      estimate: false,
      coverage: 1,
    });
    expect(aggregateMembers(vintage, variable('POP@2018'), rows('epci', '200000002'))).toMatchObject({
      value: 3050,
      estimate: true,
    });
  });

  it('aggregateMembers() leaves a sum missing (NaN) when a member is missing, never a partial total', () => {
    const r = aggregateMembers(vintage, variable('NBMENFISC@2019'), rows('epci', '200000002'));
    expect(r.value).toBeNaN();
    expect(r.missingMembers).toBe(1);
    expect(r.coverage).toBeCloseTo((2000 + 800) / 3050, 12);
  });

  it('aggregateMembers() weights a median by households over the members that have both', () => {
    // (850 × 23000 + 330 × 20000) / (850 + 330); Delta (no value, no weight) is left out.
    const r = aggregateMembers(vintage, variable('MED@2019'), rows('epci', '200000002'));
    expect(r.value).toBeCloseTo(26_150_000 / 1180, 9);
    expect(r).toMatchObject({ missingMembers: 1, estimate: true });
    expect(r.coverage).toBeCloseTo(2800 / 3050, 12);
    // Alpha alone has a value in 200000001: the mean is its value; a third of the population is not covered.
    const a = aggregateMembers(vintage, variable('MED@2019'), rows('epci', '200000001'));
    expect(a.value).toBe(21000);
    expect(a.coverage).toBeCloseTo(1000 / 1500, 12);
  });

  it('aggregateMembers() gives a commune its own value, not flagged, and NaN when withheld', () => {
    expect(aggregateMembers(vintage, variable('MED@2019'), [0])).toEqual({
      value: 21000,
      missingMembers: 0,
      estimate: false,
      coverage: 1,
    });
    const beta = aggregateMembers(vintage, variable('MED@2019'), [1]);
    expect(beta.value).toBeNaN();
    expect(beta).toMatchObject({ missingMembers: 1, coverage: 0 });
  });

  it('aggregateMembers() cannot compute a weighted mean whose weight column is absent', () => {
    const orphan = { ...variable('MED@2019'), weight: 'NOPE@2019' };
    expect(aggregateMembers(vintage, orphan, rows('epci', '200000002')).value).toBeNaN();
  });
});
