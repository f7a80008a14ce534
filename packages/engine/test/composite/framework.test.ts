import { describe, expect, it } from 'vitest';
import { cloneJson } from '../../src/framework/cloneJson.ts';
import {
  applyFrameworkChanges,
  defaultFramework,
  type Framework,
  validateFramework,
} from '../../src/index.ts';
import { engineError } from './helpers.ts';

describe('defaultFramework', () => {
  it('defaultFramework has four dimensions of 3 to 6 indicators, two per pillar', () => {
    expect(defaultFramework.dimensions.map((d) => [d.id, d.pillar])).toEqual([
      ['economy', 'potential'],
      ['ess', 'potential'],
      ['precarity', 'need'],
      ['desertification', 'need'],
    ]);
    for (const dim of defaultFramework.dimensions) {
      const count = defaultFramework.indicators.filter((i) => i.dimension === dim.id).length;
      expect(count).toBeGreaterThanOrEqual(3);
      expect(count).toBeLessThanOrEqual(6);
    }
  });

  it('defaultFramework gives every indicator labels, unit, rationale, goalposts and a valid formula', () => {
    for (const ind of defaultFramework.indicators) {
      expect(ind.label.length).toBeGreaterThan(5);
      expect(ind.labelEn.length).toBeGreaterThan(5);
      expect(ind.rationale).toMatch(/\.$/);
      expect(ind.goalposts?.[0]).toBeLessThan(ind.goalposts?.[1] ?? Number.NaN);
    }
    expect(validateFramework(cloneJson(defaultFramework))).toEqual(defaultFramework);
  });

  it('defaultFramework is frozen so no caller can edit the shared default', () => {
    expect(Object.isFrozen(defaultFramework)).toBe(true);
    expect(Object.isFrozen(defaultFramework.indicators[0]!.formula)).toBe(true);
  });
});

describe('validateFramework', () => {
  const edited = (edit: (f: Framework) => void): Framework => {
    const f = cloneJson(defaultFramework) as Framework;
    edit(f);
    return f;
  };

  it('validateFramework(framework with a negative weight) locates it: indicators[3].weight', () => {
    const error = engineError(() => validateFramework(edited((f) => (f.indicators[3]!.weight = -1))));
    expect(error.code).toBe('INVALID_FRAMEWORK');
    expect(error.message).toContain('indicators[3].weight : -1 doit être ≥ 0');
    expect(error.details.issues).toEqual([
      { path: 'indicators[3].weight', message: '-1 doit être ≥ 0', messageEn: '-1 must be ≥ 0' },
    ]);
  });

  it('validateFramework reports every problem at once, each with its path', () => {
    const error = engineError(() =>
      validateFramework(
        edited((f) => {
          f.indicators[0]!.weight = Number.NaN;
          f.indicators[1]!.dimension = 'nowhere';
          (f.indicators[2] as unknown as Record<string, unknown>).wieght = 1;
          f.indicators[4]!.formula = { kind: 'ratio', numerator: [], denominator: ['POP'] };
          f.indicators[5]!.id = f.indicators[6]!.id;
        }),
      ),
    );
    const paths = (error.details.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual([
      'indicators[0].weight',
      'indicators[1].dimension',
      'indicators[2].wieght',
      'indicators[4].formula.numerator',
      'indicators[6].id',
    ]);
  });

  it('validateFramework rejects all-zero dimension weights and both pillars at zero', () => {
    const error = engineError(() =>
      validateFramework(
        edited((f) => {
          for (const d of f.dimensions) d.weight = 0;
          f.pillars = { need: 0, potential: 0 };
        }),
      ),
    );
    const paths = (error.details.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(['pillars', 'dimensions']);
  });

  it('validateFramework rejects a direction other than 1 or -1 and goalposts in the wrong order', () => {
    const error = engineError(() =>
      validateFramework(
        edited((f) => {
          (f.indicators[0] as { direction: number }).direction = 0;
          f.indicators[1]!.goalposts = [10, 5];
        }),
      ),
    );
    const paths = (error.details.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(['indicators[0].direction', 'indicators[1].goalposts']);
  });

  it('validateFramework(not an object) says so', () => {
    expect(engineError(() => validateFramework(42)).code).toBe('INVALID_FRAMEWORK');
  });
});

describe('applyFrameworkChanges', () => {
  it('applyFrameworkChanges removes, overrides, adds, and leaves the input untouched', () => {
    const before = JSON.stringify(defaultFramework);
    const f = applyFrameworkChanges(defaultFramework, {
      remove: ['des_density'],
      indicators: { prec_unemployment: { weight: 3, direction: -1, dimension: 'desertification' } },
      dimensions: { ess: { weight: 2 } },
      pillars: { need: 2 },
      add: [
        {
          id: 'housing_secondary',
          label: 'Part des résidences secondaires',
          labelEn: 'Share of second homes',
          dimension: 'desertification',
          direction: 1,
          weight: 1,
          unit: '%',
          formula: { kind: 'ratio', numerator: ['RSECOCC'], denominator: ['LOG'], scale: 100 },
          rationale: 'Beaucoup de résidences secondaires vident les villages hors saison.',
        },
      ],
    });
    expect(JSON.stringify(defaultFramework)).toBe(before);
    expect(f.indicators.some((i) => i.id === 'des_density')).toBe(false);
    expect(f.indicators.find((i) => i.id === 'prec_unemployment')).toMatchObject({
      weight: 3,
      direction: -1,
      dimension: 'desertification',
    });
    expect(f.dimensions.find((d) => d.id === 'ess')!.weight).toBe(2);
    expect(f.pillars).toEqual({ need: 2, potential: 1 });
    expect(f.indicators.at(-1)!.id).toBe('housing_secondary');
  });

  it('applyFrameworkChanges shares the frozen parts of the default framework it does not change, and copies any other framework', () => {
    const [first, second] = defaultFramework.indicators;
    const f = applyFrameworkChanges(defaultFramework, {
      indicators: { [first!.id]: { weight: 3 } },
      dimensions: { ess: { weight: 2 } },
    });
    expect(f.indicators[1]).toBe(second);
    expect(f.indicators[0]).not.toBe(first);
    expect(f.indicators[0]).toEqual({ ...first, weight: 3 });
    expect(first!.weight).toBe(defaultFramework.indicators[0]!.weight);
    expect(f.dimensions.find((d) => d.id === 'ess')!.weight).toBe(2);
    expect(defaultFramework.dimensions.find((d) => d.id === 'ess')!.weight).toBe(1);
    expect(Object.isFrozen(f)).toBe(false);
    expect(Object.isFrozen(f.indicators)).toBe(false);
    // A framework the caller may still change: nothing of it is kept.
    const mine = cloneJson(defaultFramework) as Framework;
    const copy = applyFrameworkChanges(mine, undefined);
    mine.indicators[0]!.weight = 9;
    mine.dimensions[0]!.weight = 9;
    expect(copy.indicators[0]!.weight).toBe(first!.weight);
    expect(copy.dimensions[0]!.weight).toBe(defaultFramework.dimensions[0]!.weight);
  });

  it('applyFrameworkChanges names the unknown indicator, dimension or duplicate', () => {
    expect(engineError(() => applyFrameworkChanges(defaultFramework, { remove: ['nope'] })).code).toBe(
      'UNKNOWN_INDICATOR',
    );
    expect(
      engineError(() => applyFrameworkChanges(defaultFramework, { indicators: { nope: { weight: 1 } } }))
        .details.path,
    ).toBe('changes.indicators.nope');
    expect(
      engineError(() => applyFrameworkChanges(defaultFramework, { dimensions: { nope: { weight: 1 } } }))
        .code,
    ).toBe('UNKNOWN_DIMENSION');
    const dup = cloneJson(defaultFramework.indicators[0]!);
    expect(engineError(() => applyFrameworkChanges(defaultFramework, { add: [dup] })).code).toBe(
      'DUPLICATE_INDICATOR',
    );
  });

  it('applyFrameworkChanges rejects a change that leaves every dimension at weight 0', () => {
    const dims = Object.fromEntries(defaultFramework.dimensions.map((d) => [d.id, { weight: 0 }]));
    expect(engineError(() => applyFrameworkChanges(defaultFramework, { dimensions: dims })).code).toBe(
      'INVALID_FRAMEWORK',
    );
  });
});
