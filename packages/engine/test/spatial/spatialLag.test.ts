import { describe, expect, it } from 'vitest';
import { significanceCutoff } from '../../src/spatial/autocorrelation/multipleTesting.ts';
import { normalTwoSidedP } from '../../src/spatial/autocorrelation/normal.ts';
import { spatialLag } from '../../src/spatial/autocorrelation/spatialLag.ts';
import { polygonMeasures } from '../../src/spatial/geometry/polygonMeasures.ts';
import { contiguityWeights } from '../../src/spatial/weights/contiguityWeights.ts';
import { rowStandardize } from '../../src/spatial/weights/rowStandardize.ts';
import { weightsFromNeighbourLists } from '../../src/spatial/weights/weightsFromNeighbourLists.ts';
import { basRhinFeatures } from './helpers/data.ts';
import { rows } from './helpers/fixtures.ts';
import { loadGeoda } from './helpers/geoda.ts';

describe('spatialLag', () => {
  it('spatialLag(values, w) is the weighted sum, or mean with row-standardised weights', () => {
    const lists = [[1, 2], [0], [0]];
    expect(Array.from(spatialLag(Float64Array.of(1, 2, 3), weightsFromNeighbourLists(lists)))).toEqual([
      5, 1, 1,
    ]);
    expect(
      Array.from(spatialLag(Float64Array.of(1, 2, 3), rowStandardize(weightsFromNeighbourLists(lists)))),
    ).toEqual([2.5, 1, 1]);
  });

  it('spatialLag(values with NaN, w) leaves missing neighbours out and rescales to the row total', () => {
    const w = weightsFromNeighbourLists([[1, 2, 3], [0], [0], [0], []]);
    const x = Float64Array.of(1, 2, Number.NaN, 6, 5);
    // binary: (2 + 6) · 3/2 = 12; row-standardised: (2 + 6)/2 = 4; island: NaN
    const binary = spatialLag(x, w);
    expect(binary[0]).toBe(12);
    expect(spatialLag(x, rowStandardize(w))[0]).toBe(4);
    expect(Number.isNaN(binary[4]!)).toBe(true);
    expect(binary[2]).toBe(1); // its own value is missing, its neighbour's is not
  });

  it("spatialLag(log area, Bas-Rhin queen, row-standardised) equals GeoDa's spatialLag", async () => {
    const geoda = await loadGeoda();
    const features = basRhinFeatures();
    const w = rowStandardize(contiguityWeights(features));
    const x = Float64Array.from(polygonMeasures(features).area, Math.log);
    const theirs = geoda.spatialLag(Array.from(x), rows(w));
    const ours = spatialLag(x, w);
    for (let i = 0; i < x.length; i++) expect(Math.abs(ours[i]! - theirs[i]!)).toBeLessThan(1e-12);
  });
});

describe('significanceCutoff', () => {
  it('significanceCutoff(p, 0.05, correction) follows Bonferroni and Benjamini–Hochberg by hand', () => {
    const p = Float64Array.of(0.001, 0.02, 0.03, 0.5, Number.NaN);
    expect(significanceCutoff(p, 0.05, 'none')).toBe(0.05);
    expect(significanceCutoff(p, 0.05, 'bonferroni')).toBe(0.0125); // 4 tested
    // lines i·0.05/4: 0.0125, 0.025, 0.0375, 0.05 → p(3) = 0.03 < 0.0375 is the last one below
    expect(significanceCutoff(p, 0.05, 'fdr')).toBeCloseTo(0.0375, 15);
    // nothing below its line: FDR falls back to α/m
    expect(significanceCutoff(Float64Array.of(0.2, 0.3), 0.05, 'fdr')).toBe(0.025);
  });

  it('significanceCutoff(p, alpha) rejects alpha outside (0, 1)', () => {
    expect(() => significanceCutoff(Float64Array.of(0.1), 1.5, 'none')).toThrowError(/entre 0 et 1/);
  });
});

describe('normalTwoSidedP', () => {
  it('normalTwoSidedP(z) matches tabulated normal probabilities to 1e-7 relative', () => {
    // Abramowitz & Stegun table 26.1: 2(1 − Φ(z)) for z = 1.96, 2.576, 3.291, 5
    for (const [z, p] of [
      [1.959963984540054, 0.05],
      [2.5758293035489, 0.01],
      [3.2905267314919, 0.001],
      [5, 5.733031437583878e-7],
      [0, 1],
    ] as const) {
      expect(Math.abs(normalTwoSidedP(z) / p - 1)).toBeLessThan(2e-7);
      expect(normalTwoSidedP(-z)).toBe(normalTwoSidedP(z));
    }
  });
});
