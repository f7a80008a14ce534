import { sampleCorrelation, sampleRankCorrelation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { analyseRedundancy, createRobustnessModel } from '../../src/index.ts';
import { engineError } from '../composite/helpers.ts';
import { tableVintage } from './fixtures/tableVintage.ts';

/**
 * 8 communes × 6 indicators: i0 and i4 in d0 (need), i1 and i5 in d1 (potential), i2 in d2 (need),
 * i3 in d3 (potential). i4 = 2 × i0 + 1 (redundant); i5 runs against i1 (r = −0.99, redundant too,
 * with the opposite sign) and weighs a third of it (pulls against its dimension); i3 has direction −1.
 */
const i0 = [3, 8, 1, 6, 9, 4, 7, 2];
const i1 = [10, 40, 25, 5, 30, 35, 20, 15];
const i2 = [5, 5, 7, 1, 9, 2, 8, 3];
const i3 = [90, 120, 80, 60, 100, 130, 70, 110];
const i4 = i0.map((v) => 2 * v + 1);
const i5 = [44, 11, 26, 50, 15, 12, 33, 37];
const columns = [i0, i1, i2, i3, i4, i5];
const directions: (1 | -1)[] = [1, 1, 1, -1, 1, 1];

function model() {
  const rows = i0.map((_, r) => columns.map((c) => c[r]!));
  const { vintage, config } = tableVintage(rows, {
    directions,
    weights: [1, 3, 1, 1, 1, 1],
    methods: { outliers: { method: 'none' } },
  });
  return createRobustnessModel(vintage, config);
}

/** Min-max onto [0, 100] with the direction applied, by hand. */
function minMax(x: number[], direction: number): number[] {
  const y = x.map((v) => direction * v);
  const lo = Math.min(...y);
  const hi = Math.max(...y);
  return y.map((v) => ((v - lo) / (hi - lo)) * 100);
}

describe('analyseRedundancy', () => {
  it('analyseRedundancy(model) correlations are those of the raw indicators, signed by their directions (simple-statistics)', () => {
    const r = analyseRedundancy(model());
    expect(r.indicators).toEqual(['i0', 'i1', 'i2', 'i3', 'i4', 'i5']);
    expect(r.territories).toBe(8);
    for (let a = 0; a < 6; a++) {
      for (let b = 0; b < 6; b++) {
        const sign = directions[a]! * directions[b]!;
        expect(r.pearson[a]![b]).toBeCloseTo(sign * sampleCorrelation(columns[a]!, columns[b]!), 12);
        expect(r.spearman[a]![b]).toBeCloseTo(sign * sampleRankCorrelation(columns[a]!, columns[b]!), 12);
      }
    }
  });

  it('analyseRedundancy(model) flags the redundant pair and the indicator that pulls against its dimension', () => {
    const r = analyseRedundancy(model());
    const collinear = r.flags.filter((f) => f.kind === 'collinear');
    expect(collinear.map((f) => (f.kind === 'collinear' ? [f.a, f.b] : []))).toEqual([
      ['i0', 'i4'],
      ['i1', 'i5'],
    ]);
    expect(collinear[0]!.pearson).toBeCloseTo(1, 12);
    expect(collinear[1]!.pearson).toBeCloseTo(sampleCorrelation(i1, i5), 12);
    const negative = r.flags.filter((f) => f.kind === 'negativeWithDimension');
    expect(
      negative.map((f) => (f.kind === 'negativeWithDimension' ? [f.indicator, f.dimension] : [])),
    ).toEqual([['i5', 'd1']]);
    // d1 = (3 × norm(i1) + norm(i5)) / 4, by hand.
    const n1 = minMax(i1, 1);
    const n5 = minMax(i5, 1);
    const d1 = n1.map((v, k) => (3 * v + n5[k]!) / 4);
    expect(negative[0]!.pearson).toBeCloseTo(sampleCorrelation(n5, d1), 12);
    expect(negative[0]!.message).toMatch(/négativement/);
  });

  it('analyseRedundancy(model) gives Cronbach’s alpha per dimension as computed by hand', () => {
    const r = analyseRedundancy(model());
    const byId = Object.fromEntries(r.dimensions.map((d) => [d.id, d]));
    // d0: i0 and i4 have identical normalised values → α = 2 × (1 − 2v / 4v) = 1.
    expect(byId.d0!.alpha).toBeCloseTo(1, 12);
    // d1: α = 2 × (1 − (s1² + s5²) / s_T²), sample variances of the normalised values.
    const n1 = minMax(i1, 1);
    const n5 = minMax(i5, 1);
    const variance = (x: number[]) => {
      const m = x.reduce((s, v) => s + v, 0) / x.length;
      return x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1);
    };
    const alpha = 2 * (1 - (variance(n1) + variance(n5)) / variance(n1.map((v, k) => v + n5[k]!)));
    expect(byId.d1!.alpha).toBeCloseTo(alpha, 12);
    expect(byId.d1!.alpha!).toBeLessThan(0);
    // One indicator: no alpha, and a note saying why.
    expect(byId.d2!.alpha).toBeNull();
    expect(byId.d2!.note).toMatch(/Moins de deux/);
  });

  it('analyseRedundancy(model) gives nominal effective weights and correlation-based importances that sum to 1', () => {
    const r = analyseRedundancy(model());
    // w_j/Σw_dim × W_d/ΣW_pillar × 1/2 (pillars 1:1).
    expect(r.effectiveWeights.map((e) => e.nominal)).toEqual([0.125, 0.1875, 0.25, 0.25, 0.125, 0.0625]);
    const importance = r.effectiveWeights.reduce((s, e) => s + (e.importance ?? 0), 0);
    expect(importance).toBeCloseTo(1, 12);
    // Levels: d0..d3, need, potential, score; a one-indicator dimension correlates 1 with it.
    expect(r.levels).toEqual(['d0', 'd1', 'd2', 'd3', 'need', 'potential', 'score']);
    expect(r.indicatorLevels.pearson[2]![2]).toBeCloseTo(1, 12);
    for (let k = 0; k < r.levels.length; k++) expect(r.levelLevels.pearson[k]![k]).toBeCloseTo(1, 12);
  });

  it('analyseRedundancy(model, { threshold: 0 }) throws INVALID_ROBUSTNESS_OPTIONS', () => {
    expect(engineError(() => analyseRedundancy(model(), { threshold: 0 })).code).toBe(
      'INVALID_ROBUSTNESS_OPTIONS',
    );
  });
});
