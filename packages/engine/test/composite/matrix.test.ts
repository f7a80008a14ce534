import { describe, expect, it } from 'vitest';
import {
  buildIndicatorMatrix,
  buildTerritories,
  CellFlag,
  defaultFramework,
  type Framework,
  type IndicatorMatrix,
} from '../../src/index.ts';
import { miniVintage } from './fixtures/miniVintage.ts';

const vintage = miniVintage();
const cell = (mx: IndicatorMatrix, indicator: string, code: string) => {
  const j = mx.indicators.findIndex((i) => i.id === indicator);
  const i = mx.codes.indexOf(code);
  const k = j * mx.n + i;
  return { value: mx.values[k]!, flags: mx.flags[k]!, coverage: mx.coverage[k]! };
};

describe('buildTerritories', () => {
  it('buildTerritories(commune) keeps communes in scope only, sorted by code', () => {
    const t = buildTerritories(vintage, 'commune');
    expect(t.codes).toEqual(['67001', '67002', '67003', '67004', '67005', '67006']);
    expect(Array.from(t.membersInScope)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('buildTerritories(epci) counts the member outside the scope and says so', () => {
    const t = buildTerritories(vintage, 'epci');
    expect(t.codes).toEqual(['A', 'B']);
    expect(Array.from(t.memberOffsets)).toEqual([0, 3, 7]);
    expect(Array.from(t.membersInScope)).toEqual([3, 3]);
    expect(Array.from(t.includesOutsideScope)).toEqual([0, 1]);
    expect(Array.from(t.complete)).toEqual([1, 1]);
  });

  it('buildTerritories(dep) drops units with no member in scope and keeps completeness', () => {
    const t = buildTerritories(vintage, 'dep');
    expect(t.codes).toEqual(['67']);
  });
});

describe('buildIndicatorMatrix', () => {
  const communes = buildIndicatorMatrix(vintage, defaultFramework, 'commune');
  const epci = buildIndicatorMatrix(vintage, defaultFramework, 'epci');

  it('buildIndicatorMatrix(commune) computes ratios, changes and balances from the variables', () => {
    // Alpha: unemployed 900 / active 6000 × 100
    expect(cell(communes, 'prec_unemployment', '67001').value).toBeCloseTo(15, 12);
    // Alpha: (12000 − 11500) / 11500 × 100
    expect(cell(communes, 'des_population_change', '67001').value).toBeCloseTo((500 / 11500) * 100, 12);
    // Alpha: (births 700 − deaths 500) / 12000 × 1000
    expect(cell(communes, 'des_natural_balance', '67001').value).toBeCloseTo((200 / 12000) * 1000, 12);
    // Alpha: jobs 8000 / (active 6000 − unemployed 900) × 100
    expect(cell(communes, 'eco_job_concentration', '67001').value).toBeCloseTo((8000 / 5100) * 100, 12);
    // Alpha: (ETTOT 900 − ETOQ 100) / 12000 × 1000
    expect(cell(communes, 'mkt_establishment_density', '67001').value).toBeCloseTo((800 / 12000) * 1000, 12);
    // Delta: inactive (16500 − 12500) / 16500 × 100
    expect(cell(communes, 'prec_inactivity', '67004').value).toBeCloseTo((4000 / 16500) * 100, 12);
  });

  it('buildIndicatorMatrix computes Pielou evenness of sector counts by hand', () => {
    // Alpha's establishments by sector: AZ 20, BE 90, FZ 110, GU 580, OQ 100 (total 900).
    const p = [20, 90, 110, 580, 100].map((c) => c / 900);
    const h = -(
      p[0]! * Math.log(p[0]!) +
      p[1]! * Math.log(p[1]!) +
      p[2]! * Math.log(p[2]!) +
      p[3]! * Math.log(p[3]!) +
      p[4]! * Math.log(p[4]!)
    );
    expect(cell(communes, 'eco_sector_diversity', '67001').value).toBeCloseTo(h / Math.log(5), 12);
    // Gamma's ESS families are 4, 0, 0, 0: a single family, evenness 0 (0 ln 0 = 0).
    expect(cell(communes, 'ess_family_diversity', '67003').value).toBe(0);
  });

  it('buildIndicatorMatrix(commune) keeps withheld statistics missing, never zero', () => {
    const c = cell(communes, 'prec_median_income', '67003');
    expect(c.value).toBeNaN();
    expect(c.flags & CellFlag.missing).toBeTruthy();
    expect(c.flags & CellFlag.withheld).toBeTruthy();
    expect(cell(communes, 'prec_median_income', '67001')).toEqual({ value: 21000, flags: 0, coverage: 1 });
  });

  it('buildIndicatorMatrix gives a missing value, not a number, for a zero denominator', () => {
    // Zeta has no ESS establishment: creation rate 0 / 0 is undefined.
    const c = cell(communes, 'ess_creation_rate', '67006');
    expect(c.value).toBeNaN();
    expect(c.flags & CellFlag.missing).toBeTruthy();
    expect(communes.indicators.find((i) => i.id === 'ess_creation_rate')!.zeroDenominators).toBe(1);
  });

  it('buildIndicatorMatrix flags synthetic inputs and the vintage’s own estimates', () => {
    expect(cell(communes, 'ess_establishment_density', '67001').flags & CellFlag.synthetic).toBeTruthy();
    expect(cell(communes, 'prec_unemployment', '67001').flags & CellFlag.synthetic).toBe(0);
    // LOG@2018 of Beta (row 1) is an estimate in the vintage.
    expect(cell(communes, 'des_vacant_housing', '67002').flags).toBe(CellFlag.estimated);
    expect(communes.indicators.find((i) => i.id === 'ess_creation_rate')!.synthetic).toBe(true);
  });

  it('buildIndicatorMatrix(epci) recomputes ratios from summed numerators and denominators', () => {
    // A = Alpha + Beta + Gamma: (900 + 200 + 40) / (6000 + 1400 + 350)
    expect(cell(epci, 'prec_unemployment', 'A').value).toBeCloseTo((1140 / 7750) * 100, 12);
    // B includes the commune outside the scope so that its total is complete:
    // (2300 + 70 + 30 + 110) / (12500 + 780 + 200 + 1000)
    expect(cell(epci, 'prec_unemployment', 'B').value).toBeCloseTo((2510 / 14480) * 100, 12);
    // Never the mean of the members' rates:
    expect(cell(epci, 'prec_unemployment', 'A').value).not.toBeCloseTo((15 + 200 / 14 + 40 / 3.5) / 3, 3);
  });

  it('buildIndicatorMatrix(epci) estimates a median as the NBMENFISC-weighted mean, flagged, with coverage', () => {
    // A: Alpha 21000 (5300 households), Beta 19500 (1300), Gamma withheld.
    const c = cell(epci, 'prec_median_income', 'A');
    expect(c.value).toBeCloseTo((21000 * 5300 + 19500 * 1300) / (5300 + 1300), 9);
    expect(c.flags & CellFlag.estimated).toBeTruthy();
    expect(c.flags & CellFlag.withheld).toBeTruthy();
    expect(c.flags & CellFlag.missing).toBe(0);
    // Population covered: (12000 + 3000) / (12000 + 3000 + 800)
    expect(c.coverage).toBeCloseTo(15000 / 15800, 12);
  });

  it('buildIndicatorMatrix(epci) sums zero counts as zeros: a member’s 0/0 does not remove it from the group', () => {
    // B: Zeta's ESS counts are 0, not missing, so it stays in the sums (only its own 0/0 rate is undefined):
    // (40 + 1 + 0 + 1) / (150 + 6 + 0 + 8) over all four members.
    const c = cell(epci, 'ess_creation_rate', 'B');
    expect(c.value).toBeCloseTo((42 / 164) * 100, 12);
    expect(c.coverage).toBe(1);
  });

  it('buildIndicatorMatrix computes the reference (the scope) like any territory', () => {
    const j = defaultFramework.indicators.findIndex((i) => i.id === 'prec_unemployment');
    // The six communes in scope (not the outside one): Σ unemployed / Σ active
    const unemployed = 900 + 200 + 40 + 2300 + 70 + 30;
    const active = 6000 + 1400 + 350 + 12500 + 780 + 200;
    expect(epci.reference.values[j]).toBeCloseTo((unemployed / active) * 100, 12);
    expect(epci.reference.label).toBe('Bas-Rhin (mini)');
  });

  it('buildIndicatorMatrix(groups) equals the zoning unit with the same members', () => {
    const groups = buildIndicatorMatrix(vintage, defaultFramework, 'groups', [
      { id: 'g1', name: 'Alpha + Delta', members: ['67004', '67001'] },
    ]);
    const canton = buildIndicatorMatrix(vintage, defaultFramework, 'canton');
    const k1 = canton.codes.indexOf('K1');
    for (let j = 0; j < groups.m; j++) {
      expect(groups.values[j]).toBe(canton.values[j * canton.n + k1]);
    }
    expect(groups.population[0]).toBe(12000 + 25000);
  });

  it('buildIndicatorMatrix computes a variable indicator with its own aggregation', () => {
    const f: Framework = {
      ...defaultFramework,
      indicators: [
        { ...defaultFramework.indicators[0]!, id: 'pop', formula: { kind: 'variable', variable: 'POP' } },
        { ...defaultFramework.indicators[0]!, id: 'tp60', formula: { kind: 'variable', variable: 'TP60' } },
      ],
    };
    const mx = buildIndicatorMatrix(vintage, f, 'epci');
    expect(cell(mx, 'pop', 'A').value).toBe(12000 + 3000 + 800);
    // TP60 aggregates as a weighted mean (NBMENFISC), Gamma withheld.
    expect(cell(mx, 'tp60', 'A').value).toBeCloseTo((16 * 5300 + 19 * 1300) / 6600, 12);
  });
});
