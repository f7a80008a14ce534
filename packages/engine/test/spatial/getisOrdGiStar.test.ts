import { describe, expect, it } from 'vitest';
import { CLUSTER } from '../../src/spatial/autocorrelation/clusterLabels.ts';
import { getisOrdGiStar } from '../../src/spatial/autocorrelation/getisOrdGiStar.ts';
import { normalTwoSidedP } from '../../src/spatial/autocorrelation/normal.ts';
import { polygonMeasures } from '../../src/spatial/geometry/polygonMeasures.ts';
import { contiguityWeights } from '../../src/spatial/weights/contiguityWeights.ts';
import { rowStandardize } from '../../src/spatial/weights/rowStandardize.ts';
import { weightsFromNeighbourLists } from '../../src/spatial/weights/weightsFromNeighbourLists.ts';
import { basRhinFeatures } from './helpers/data.ts';
import { rows } from './helpers/fixtures.ts';
import { loadGeoda } from './helpers/geoda.ts';
import { monteCarloTolerance, standardisedRms } from './helpers/stats.ts';

/** GeoDa's G* cluster codes: 0 not significant, 1 high, 2 low, 3 undefined, 4 isolated. */
const GEODA_HIGH = 1;
const GEODA_LOW = 2;

describe('getisOrdGiStar', () => {
  it('getisOrdGiStar(path, binary) matches Ord & Getis (1995) computed by hand', () => {
    // path 0–1–2–3, x = (1, 2, 3, 10): Σx = 16, x̄ = 4, s² = Σx²/n − x̄² = 114/4 − 16 = 12.5
    const w = weightsFromNeighbourLists([[1], [0, 2], [1, 3], [2]]);
    const r = getisOrdGiStar(Float64Array.of(1, 2, 3, 10), w, { permutations: 0 });
    // territory 2: star set {1, 2, 3}, Σ w*x = 15, W* = 3, S1* = 3
    // z = (15 − 4·3) / (√12.5 · √((4·3 − 9)/3)) = 3 / √12.5
    expect(r.gStar[2]).toBeCloseTo(15 / 16, 12);
    expect(r.z[2]).toBeCloseTo(3 / Math.sqrt(12.5), 12);
    expect(r.pNormal[2]).toBeCloseTo(normalTwoSidedP(3 / Math.sqrt(12.5)), 12);
    // territory 0: star set {0, 1}: Σ w*x = 3, W* = 2, S1* = 2 → z = (3 − 8)/(√12.5·√((8 − 4)/3))
    expect(r.z[0]).toBeCloseTo(-5 / (Math.sqrt(12.5) * Math.sqrt(4 / 3)), 12);
  });

  it('getisOrdGiStar(path, row-standardised) is invariant to the standardisation in z', () => {
    const lists = [[1], [0, 2], [1, 3], [2]];
    const x = Float64Array.of(1, 2, 3, 10);
    const binary = getisOrdGiStar(x, weightsFromNeighbourLists(lists), { permutations: 0 });
    const row = getisOrdGiStar(x, rowStandardize(weightsFromNeighbourLists(lists)), { permutations: 0 });
    // star rows 1/(k+1): G* is the star mean over Σx, z is unchanged by rescaling a row
    expect(row.gStar[2]).toBeCloseTo(5 / 16, 12);
    expect(row.lag[2]).toBeCloseTo(5, 12);
    for (let i = 0; i < 4; i++) expect(row.z[i]).toBeCloseTo(binary.z[i]!, 12);
  });

  it("getisOrdGiStar(area, Bas-Rhin queen) equals GeoDa's localGStar values and labels", async () => {
    const geoda = await loadGeoda();
    const features = basRhinFeatures();
    const w = rowStandardize(contiguityWeights(features));
    const x = polygonMeasures(features).area;
    const P = 9999;
    const theirs = await geoda.localGStar(Array.from(x), rows(w), P);
    const ours = getisOrdGiStar(x, w, { permutations: P, seed: 5 });
    let disagreements = 0;
    for (let i = 0; i < x.length; i++) {
      expect(Math.abs(ours.gStar[i]! - theirs.lisaValues[i]!)).toBeLessThan(1e-9);
      expect(Math.abs(ours.lag[i]! - theirs.lagValues[i]!)).toBeLessThan(1e-9);
      expect(Math.abs(ours.pValues[i]! - theirs.pValues[i]!)).toBeLessThan(
        monteCarloTolerance(theirs.pValues[i]!, P),
      );
      const mine =
        ours.clusters[i] === CLUSTER.highHigh
          ? GEODA_HIGH
          : ours.clusters[i] === CLUSTER.lowLow
            ? GEODA_LOW
            : 0;
      if (mine !== theirs.clusters[i]) {
        disagreements++;
        expect(Math.abs(theirs.pValues[i]! - 0.05)).toBeLessThan(monteCarloTolerance(0.05, P));
      }
    }
    expect(standardisedRms(ours.pValues, theirs.pValues, P)).toBeLessThan(1.3);
    expect(disagreements).toBeLessThan(10);
  });

  it('getisOrdGiStar(values with NaN) marks missing and isolated territories', () => {
    const w = weightsFromNeighbourLists([[1], [0, 2], [1], []]);
    const r = getisOrdGiStar(Float64Array.of(1, Number.NaN, 3, 4), w, { permutations: 9 });
    expect(r.clusters[1]).toBe(CLUSTER.undefined);
    expect(r.clusters[0]).toBe(CLUSTER.isolated); // its only neighbour has no value
    expect(r.clusters[3]).toBe(CLUSTER.isolated);
    expect(Number.isNaN(r.gStar[0]!)).toBe(true);
  });
});
