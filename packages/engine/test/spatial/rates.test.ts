import { describe, expect, it } from 'vitest';
import { empiricalBayes } from '../../src/spatial/rates/empiricalBayes.ts';
import { rawRate } from '../../src/spatial/rates/rawRate.ts';
import { spatialEmpiricalBayes } from '../../src/spatial/rates/spatialEmpiricalBayes.ts';
import { contiguityWeights } from '../../src/spatial/weights/contiguityWeights.ts';
import { weightsFromNeighbourLists } from '../../src/spatial/weights/weightsFromNeighbourLists.ts';
import { basRhinFeatures, comparateurColumns } from './helpers/data.ts';
import { rows } from './helpers/fixtures.ts';
import { loadGeoda } from './helpers/geoda.ts';

describe('rawRate', () => {
  it('rawRate({ events, base }) is O/P, NaN without population or with a missing count', () => {
    const r = rawRate({
      events: Float64Array.of(3, 0, 1, Number.NaN, -1),
      base: Float64Array.of(100, 50, 0, 10, 10),
    });
    expect(Array.from(r)).toEqual([0.03, 0, Number.NaN, Number.NaN, Number.NaN]);
  });
});

describe('empiricalBayes', () => {
  it('empiricalBayes(...) matches a hand computation (Marshall 1991)', () => {
    // r = (0.5, 0.01, 0.03), θ = 81/1200 = 0.0675, ΣP(r − θ)²/ΣP = 20.4425/1200, θ/(ΣP/n) = 0.0675/400
    // σ² = 0.01703542 − 0.00016875 = 0.01686667; w_0 = σ²/(σ² + 0.0675/100) = 0.01686667/0.01754167 = 0.9615202
    const r = empiricalBayes({ events: Float64Array.of(50, 1, 30), base: Float64Array.of(100, 100, 1000) });
    expect(r.reference[0]).toBeCloseTo(0.0675, 12);
    expect(r.priorVariance[0]).toBeCloseTo(20.4425 / 1200 - 0.0675 / 400, 12);
    expect(r.shrinkage[0]).toBeCloseTo(0.9615202, 6);
    expect(r.smoothed[0]).toBeCloseTo(0.9615202 * 0.5 + (1 - 0.9615202) * 0.0675, 6);
    expect(Array.from(r.raw)).toEqual([0.5, 0.01, 0.03]);
  });

  it('empiricalBayes(...) shrinks everything to the reference when the variance is negative', () => {
    // r = (0.1, 0.1, 0, 0.1): ΣP(r − θ)²/ΣP = 0.000988 < θ/m = 0.001975, so σ² = 0
    const r = empiricalBayes({
      events: Float64Array.of(1, 10, 0, 5),
      base: Float64Array.of(10, 100, 20, 50),
    });
    expect(r.priorVariance[0]).toBe(0);
    for (const v of r.smoothed) expect(v).toBeCloseTo(16 / 180, 12);
  });

  it("empiricalBayes / spatialEmpiricalBayes (births / population, Bas-Rhin) equal GeoDa's", async () => {
    const geoda = await loadGeoda();
    const features = basRhinFeatures();
    const codes = features.map((f) => String(f.properties?.code));
    const { NAIS1318: births, P18_POP: population } = comparateurColumns(codes, ['NAIS1318', 'P18_POP']);
    // two 2018 communes were merged since: they have no 2021 statistics and must come out NaN
    const missing = codes.flatMap((_, i) => (Number.isNaN(population![i]!) ? [i] : []));
    expect(missing.length).toBe(2);
    const w = contiguityWeights(features);
    const global = empiricalBayes({ events: births!, base: population! });
    const spatial = spatialEmpiricalBayes({ events: births!, base: population! }, w);
    for (const i of missing)
      expect(Number.isNaN(global.smoothed[i]!) && Number.isNaN(spatial.smoothed[i]!)).toBe(true);
    // GeoDa has no missing values: give it the 514 others, with the links between them
    const keep = codes.flatMap((_, i) => (Number.isNaN(population![i]!) ? [] : [i]));
    const newIndex = new Map(keep.map((i, k) => [i, k]));
    const neighbours = keep.map((i) =>
      rows(w)[i]!.flatMap((j) => (newIndex.has(j) ? [newIndex.get(j)!] : [])),
    );
    const base = keep.map((i) => population![i]!);
    const events = keep.map((i) => births![i]!);
    const theirsGlobal = geoda.empiricalBayes(base, events);
    const theirsSpatial = geoda.spatialEmpiricalBayes(base, events, neighbours);
    keep.forEach((i, k) => {
      expect(Math.abs(global.smoothed[i]! - theirsGlobal[k]!)).toBeLessThan(1e-12);
      expect(Math.abs(spatial.smoothed[i]! - theirsSpatial[k]!)).toBeLessThan(1e-12);
    });
    // smoothing moves small communes more than large ones
    const small = keep.filter((i) => population![i]! < 300);
    const large = keep.filter((i) => population![i]! > 10000);
    const meanShift = (list: number[]) =>
      list.reduce((s, i) => s + Math.abs(global.smoothed[i]! - global.raw[i]!), 0) / list.length;
    expect(meanShift(small)).toBeGreaterThan(5 * meanShift(large));
  });

  it('spatialEmpiricalBayes(...) keeps the raw rate of a territory alone in its window', () => {
    const w = weightsFromNeighbourLists([[1], [0], []]);
    const r = spatialEmpiricalBayes(
      { events: Float64Array.of(2, 8, 3), base: Float64Array.of(10, 20, 30) },
      w,
    );
    expect(r.smoothed[2]).toBe(0.1);
    expect(r.reference[0]).toBeCloseTo(10 / 30, 12);
  });
});
