import { describe, expect, it } from 'vitest';
import { compareVintages, createRobustnessModel } from '../../src/index.ts';
import { engineError } from '../composite/helpers.ts';
import { tableVintage } from './fixtures/tableVintage.ts';

/** Two indicators (i0 in d0, i1 in d1), composite reading, min-max, no outlier treatment. */
function scored(id: string, rows: number[][]) {
  const { vintage, config } = tableVintage(rows, {
    id,
    reading: 'composite',
    methods: { outliers: { method: 'none' } },
  });
  return createRobustnessModel(vintage, config);
}

// Before: normalised i0 = 100, 0, 60, 20; i1 = 0, 100, 50, 25 → scores 50, 50, 55, 22.5 → ranks 2, 3, 1, 4.
const before = () =>
  scored('before-2020', [
    [10, 1],
    [0, 3],
    [6, 2],
    [2, 1.5],
  ]);
// After: C04's i0 rises to 9 (normalised 90), C02's i1 falls to 2.5 (i1 now spans 1..2.5):
// i1 = 0, 100, 66.7, 33.3 → scores 50, 50, 63.3, 61.7 → ranks 3, 4, 1, 2.
const after = () =>
  scored('after-2021', [
    [10, 1],
    [0, 2.5],
    [6, 2],
    [9, 1.5],
  ]);

describe('compareVintages', () => {
  it('compareVintages(before, after) gives every rank change and its drivers, as computed by hand', () => {
    const s = compareVintages(before(), after());
    const t = Object.fromEntries(s.territories.map((x) => [x.code, x]));
    expect([t.C01!.rankBefore, t.C02!.rankBefore, t.C03!.rankBefore, t.C04!.rankBefore]).toEqual([
      2, 3, 1, 4,
    ]);
    expect([t.C01!.rankAfter, t.C02!.rankAfter, t.C03!.rankAfter, t.C04!.rankAfter]).toEqual([3, 4, 1, 2]);
    expect([t.C01!.change, t.C02!.change, t.C03!.change, t.C04!.change]).toEqual([-1, -1, 0, 2]);
    expect(t.C04!.scoreBefore).toBeCloseTo(22.5, 10);
    expect(t.C04!.scoreAfter).toBeCloseTo((90 + 100 / 3) / 2, 10);
    // C04 with only i0 from 2021: (90 + 25) / 2 = 57.5 → first (+3); with only i1: (20 + 33.3) / 2 → still 4th.
    expect(t.C04!.drivers.map((d) => [d.id, d.rankEffect])).toEqual([
      ['i0', 3],
      ['i1', 0],
    ]);
    expect(t.C04!.drivers[0]!.scoreEffect).toBeCloseTo(57.5 - 22.5, 10);
    expect(t.C04!.drivers[1]!.scoreEffect).toBeCloseTo((20 + 100 / 3) / 2 - 22.5, 10);
    expect([t.C04!.drivers[0]!.rawBefore, t.C04!.drivers[0]!.rawAfter]).toEqual([2, 9]);
    // C01 keeps its score; it loses a place because C04's i0 rose past it.
    expect(t.C01!.drivers.map((d) => [d.id, d.scoreEffect, d.rankEffect])).toEqual([['i0', 0, -1]]);
    // Largest changes first.
    expect(s.territories[0]!.code).toBe('C04');
    expect(s.meanAbsoluteChange).toBe(1);
    expect(s.maxAbsoluteChange).toBe(2);
    // No ties: Spearman = 1 − 6 Σd² / (n(n² − 1)) = 1 − 6 × 6 / 60.
    expect(s.rankCorrelation).toBeCloseTo(0.4, 12);
    // i0 alone moves C01, C02, C03 down one place and C04 up three: mean |effect| 1.5; i1 alone moves no one.
    expect(s.indicators.map((i) => [i.id, i.meanAbsoluteRankEffect])).toEqual([
      ['i0', 1.5],
      ['i1', 0],
    ]);
    expect([s.before, s.after, s.added, s.removed]).toEqual(['before-2020', 'after-2021', [], []]);
  });

  it('compareVintages(a, a) finds no change and no driver', () => {
    const s = compareVintages(before(), before());
    expect(s.territories.every((t) => t.change === 0 && t.drivers.length === 0)).toBe(true);
    expect(s.rankCorrelation).toBe(1);
  });

  it('compareVintages lists communes present in one vintage only', () => {
    const s = compareVintages(
      before(),
      scored('after-2021', [
        [10, 1],
        [0, 3],
        [6, 2],
        [2, 1.5],
        [5, 5],
      ]),
    );
    expect(s.added).toEqual(['C05']);
    expect(s.removed).toEqual([]);
  });

  it('compareVintages refuses two scorings of different levels or indicators (VINTAGES_INCOMPARABLE)', () => {
    const three = tableVintage([
      [1, 2, 3],
      [2, 3, 1],
      [3, 1, 2],
    ]);
    const other = createRobustnessModel(three.vintage, three.config);
    expect(engineError(() => compareVintages(before(), other)).code).toBe('VINTAGES_INCOMPARABLE');
  });
});
