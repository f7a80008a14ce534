import { describe, expect, it } from 'vitest';
import { CLUSTER } from '../../src/spatial/autocorrelation/clusterLabels.ts';
import type { PermutationScheme } from '../../src/spatial/autocorrelation/conditionalPermutation.ts';
import { localMoran, standardizeSample } from '../../src/spatial/autocorrelation/localMoran.ts';
import { significanceCutoff } from '../../src/spatial/autocorrelation/multipleTesting.ts';
import { polygonMeasures } from '../../src/spatial/geometry/polygonMeasures.ts';
import { contiguityWeights } from '../../src/spatial/weights/contiguityWeights.ts';
import { rowStandardize } from '../../src/spatial/weights/rowStandardize.ts';
import type { SpatialWeights } from '../../src/spatial/weights/types.ts';
import { weightsFromNeighbourLists } from '../../src/spatial/weights/weightsFromNeighbourLists.ts';
import { basRhinFeatures, basRhinVintage, VINTAGE_MISSING } from './helpers/data.ts';
import { rows } from './helpers/fixtures.ts';
import { type GeodaLisaResult, loadGeoda } from './helpers/geoda.ts';
import { monteCarloTolerance, standardisedRms } from './helpers/stats.ts';

const path4 = rowStandardize(weightsFromNeighbourLists([[1], [0, 2], [1, 3], [2]]));

/** Checks our LISA against GeoDa's on the same data and row-standardised queen weights. */
function compareWithGeoda(
  ours: ReturnType<typeof localMoran>,
  theirs: GeodaLisaResult,
  permutations: number,
): { labelDisagreements: number; borderline: number } {
  const n = ours.lisa.length;
  for (let i = 0; i < n; i++) {
    expect(Math.abs(ours.lisa[i]! - theirs.lisaValues[i]!)).toBeLessThan(1e-9);
    expect(Math.abs(ours.lag[i]! - theirs.lagValues[i]!)).toBeLessThan(1e-9);
    expect(Math.abs(ours.pValues[i]! - theirs.pValues[i]!)).toBeLessThan(
      monteCarloTolerance(theirs.pValues[i]!, permutations),
    );
    // GeoDa's cluster, when significant, is the quadrant: ours must be the same quadrant
    if (theirs.clusters[i]! >= 1 && theirs.clusters[i]! <= 4)
      expect(ours.quadrants[i]).toBe(theirs.clusters[i]);
  }
  // p-values differ by Monte-Carlo noise only: standardised differences have an RMS near 1
  expect(standardisedRms(ours.pValues, theirs.pValues, permutations)).toBeLessThan(1.3);
  // labels can differ only where a p-value sits within Monte-Carlo reach of the 0.05 cutoff
  let labelDisagreements = 0;
  let borderline = 0;
  for (let i = 0; i < n; i++) {
    const near = Math.abs(theirs.pValues[i]! - 0.05) < monteCarloTolerance(0.05, permutations);
    if (near) borderline++;
    if (ours.clusters[i] !== theirs.clusters[i]) {
      labelDisagreements++;
      expect(near).toBe(true);
    }
  }
  return { labelDisagreements, borderline };
}

describe('localMoran', () => {
  it('localMoran(1, 2, 3, 4 on a path) matches the hand computation', () => {
    // s = √(5/3); z = (−1.5, −0.5, 0.5, 1.5)/s; I_0 = z0·z1 = 0.75·3/5 = 0.45, I_1 = z1·(z0 + z2)/2 = 0.15
    const r = localMoran(Float64Array.of(1, 2, 3, 4), path4, { permutations: 0 });
    expect(Array.from(r.lisa).map((v) => Number(v.toFixed(12)))).toEqual([0.45, 0.15, 0.15, 0.45]);
    expect(r.lag[1]).toBeCloseTo(-0.5 / Math.sqrt(5 / 3), 12); // (z0 + z2) / 2
    expect(Array.from(r.quadrants)).toEqual([
      CLUSTER.lowLow,
      CLUSTER.lowLow,
      CLUSTER.highHigh,
      CLUSTER.highHigh,
    ]);
    expect(Array.from(r.clusters)).toEqual([0, 0, 0, 0]); // no permutation: nothing is significant
  });

  it('localMoran(...) p-values agree with the exact conditional permutation distribution (both schemes)', () => {
    // 7 territories, unequal weights on some rows (exercises the general path) and equal on others
    const base = weightsFromNeighbourLists([
      [1, 2],
      [0, 2, 3],
      [0, 1, 4, 5],
      [1, 6],
      [2, 5],
      [2, 4, 6],
      [3, 5],
    ]);
    const weights = Float64Array.from(base.weights);
    weights.set([0.2, 0.5, 0.3], base.offsets[1]!); // row 1: unequal weights
    weights.set([3, 1], base.offsets[3]!); // row 3 too
    const w: SpatialWeights = { ...base, weights };
    const x = Float64Array.of(5, 9, 2, 7, 1, 8, 3);
    const z = standardizeSample(x);
    const observed = localMoran(x, w, { permutations: 0 });
    const P = 20000;
    for (const scheme of ['shared', 'independent'] as PermutationScheme[]) {
      const r = localMoran(x, w, { permutations: P, seed: 99, scheme });
      for (let i = 0; i < 7; i++) {
        // all ordered draws of k other territories, each equally likely
        const row = rows(w)[i]!;
        const coef = Array.from(w.weights.subarray(w.offsets[i]!, w.offsets[i + 1]!));
        const others = [0, 1, 2, 3, 4, 5, 6].filter((j) => j !== i);
        let total = 0;
        let larger = 0;
        const draw = (chosen: number[]) => {
          if (chosen.length === row.length) {
            const lag = chosen.reduce((s, j, t) => s + coef[t]! * z[j]!, 0);
            total++;
            if (z[i]! * lag >= observed.lisa[i]! - 1e-12) larger++;
            return;
          }
          for (const j of others) if (!chosen.includes(j)) draw([...chosen, j]);
        };
        draw([]);
        const exact = Math.min(larger / total, 1 - larger / total);
        expect(Math.abs(r.pValues[i]! - exact)).toBeLessThan(monteCarloTolerance(exact, P, 4) / Math.SQRT2);
      }
    }
  });

  it("localMoran(log area, Bas-Rhin queen) equals GeoDa's statistics, lags and labels", async () => {
    const geoda = await loadGeoda();
    const features = basRhinFeatures();
    const w = rowStandardize(contiguityWeights(features));
    const x = Float64Array.from(polygonMeasures(features).area, Math.log);
    const neighbors = rows(w);
    for (const permutations of [999, 9999]) {
      const theirs = await geoda.localMoran(Array.from(x), neighbors, permutations);
      for (const scheme of ['shared', 'independent'] as PermutationScheme[]) {
        const ours = localMoran(x, w, { permutations, scheme, seed: 7 });
        const { labelDisagreements, borderline } = compareWithGeoda(ours, theirs, permutations);
        expect(labelDisagreements).toBeLessThanOrEqual(borderline);
      }
    }
  });

  it.skipIf(VINTAGE_MISSING !== '')(
    `localMoran(log density, Bas-Rhin vintage) equals GeoDa's${VINTAGE_MISSING ? ` — skipped: ${VINTAGE_MISSING}` : ''}`,
    async () => {
      const geoda = await loadGeoda();
      const { communes, features, population } = basRhinVintage();
      const area = communes.columns.SUPERF!;
      const x = Float64Array.from(population, (p, i) => Math.log(p / area[i]!));
      const w = rowStandardize(contiguityWeights(features));
      const theirs = await geoda.localMoran(Array.from(x), rows(w), 999);
      const ours = localMoran(x, w, { seed: 3 });
      compareWithGeoda(ours, theirs, 999);
      // the Strasbourg area is a high-high cluster of density, in both
      const strasbourg = communes.codes.indexOf('67482');
      expect([ours.clusters[strasbourg], theirs.clusters[strasbourg]]).toEqual([
        CLUSTER.highHigh,
        CLUSTER.highHigh,
      ]);
    },
  );

  it('localMoran(values with NaN) marks missing and isolated territories and skips missing neighbours', () => {
    // 0–1–2–3 path plus 4 linked only to 3; 3 is missing, so 4 has no neighbour with a value
    const w = rowStandardize(weightsFromNeighbourLists([[1], [0, 2], [1, 3], [2, 4], [3]]));
    const r = localMoran(Float64Array.of(1, 5, 2, Number.NaN, 4), w, { permutations: 99 });
    const z = standardizeSample(Float64Array.of(1, 5, 2, Number.NaN, 4));
    expect(r.clusters[3]).toBe(CLUSTER.undefined);
    expect(r.clusters[4]).toBe(CLUSTER.isolated);
    expect(Number.isNaN(r.lag[4]!) && Number.isNaN(r.pValues[4]!)).toBe(true);
    expect(r.lag[2]).toBeCloseTo(z[1]!, 12); // mean of the neighbours with a value: only 1
    expect(Array.from(r.neighboursUsed)).toEqual([1, 2, 1, 2, 0]);
  });

  it('localMoran(..., { correction }) applies Bonferroni and FDR cutoffs', () => {
    const features = basRhinFeatures();
    const w = rowStandardize(contiguityWeights(features));
    const x = Float64Array.from(polygonMeasures(features).area, Math.log);
    const none = localMoran(x, w, { permutations: 9999, seed: 1 });
    const bonferroni = localMoran(x, w, { permutations: 9999, seed: 1, correction: 'bonferroni' });
    const fdr = localMoran(x, w, { permutations: 9999, seed: 1, correction: 'fdr' });
    expect(bonferroni.cutoff).toBeCloseTo(0.05 / 516, 15);
    expect(fdr.cutoff).toBe(significanceCutoff(none.pValues, 0.05, 'fdr'));
    const significant = (r: typeof none) => r.clusters.filter((c) => c >= 1 && c <= 4).length;
    expect(significant(bonferroni)).toBeLessThanOrEqual(significant(fdr));
    expect(significant(fdr)).toBeLessThanOrEqual(significant(none));
    for (let i = 0; i < 516; i++) {
      const expected = bonferroni.pValues[i]! <= 0.05 / 516 ? bonferroni.quadrants[i] : 0;
      expect(bonferroni.clusters[i]).toBe(expected);
    }
  });

  it('localMoran(values, w, { seed }) is reproducible; another seed changes the p-values only', () => {
    const features = basRhinFeatures();
    const w = rowStandardize(contiguityWeights(features));
    const x = Float64Array.from(polygonMeasures(features).area, Math.log);
    const a = localMoran(x, w, { seed: 10 });
    const b = localMoran(x, w, { seed: 10 });
    const c = localMoran(x, w, { seed: 11 });
    expect(a.pValues).toEqual(b.pValues);
    expect(a.pValues).not.toEqual(c.pValues);
    expect(a.lisa).toEqual(c.lisa);
  });

  it('localMoran(constant values) throws SPATIAL_CONSTANT_VALUES', () => {
    expect(() => localMoran(Float64Array.of(2, 2, 2, 2), path4)).toThrowError(/même valeur/);
  });
});
