import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/errors.ts';
import { boundingBoxKm, haversineKm } from '../../src/spatial/geometry/greatCircle.ts';
import { polygonMeasures } from '../../src/spatial/geometry/polygonMeasures.ts';
import { distanceBandWeights } from '../../src/spatial/weights/distanceBandWeights.ts';
import { knnWeights } from '../../src/spatial/weights/knnWeights.ts';
import { basRhinFeatures } from './helpers/data.ts';
import { rows, square } from './helpers/fixtures.ts';

const features = basRhinFeatures();
const measures = polygonMeasures(features);
const points = { lon: measures.lon, lat: measures.lat };

/** All pairwise great-circle distances, computed with turf (independent haversine). */
function distanceMatrix(): number[][] {
  const n = features.length;
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) =>
      turf.distance([points.lon[i]!, points.lat[i]!], [points.lon[j]!, points.lat[j]!], {
        units: 'kilometers',
      }),
    ),
  );
}

describe('haversineKm / boundingBoxKm', () => {
  it('haversineKm(...) agrees with turf.distance and with a hand value', () => {
    // one degree of latitude = R·π/180 = 111.19508 km
    expect(haversineKm(7, 48, 7, 49)).toBeCloseTo(111.19508, 4);
    const strasbourg = [7.7521, 48.5734] as const;
    const paris = [2.3522, 48.8566] as const;
    expect(haversineKm(...strasbourg, ...paris)).toBeCloseTo(turf.distance([...strasbourg], [...paris]), 9);
  });

  it('boundingBoxKm(lon, lat, r) contains the whole spherical cap (random points on its rim)', () => {
    for (const [lon, lat, r] of [
      [7.7, 48.5, 25],
      [-61.5, 16.2, 80],
      [55.5, -21.1, 5],
    ] as const) {
      const [minLon, minLat, maxLon, maxLat] = boundingBoxKm(lon, lat, r);
      for (let b = 0; b < 360; b += 5) {
        const p = turf.destination([lon, lat], r * 0.999999, b, { units: 'kilometers' }).geometry.coordinates;
        expect(p[0]! >= minLon && p[0]! <= maxLon && p[1]! >= minLat && p[1]! <= maxLat).toBe(true);
      }
    }
  });
});

describe('polygonMeasures', () => {
  it('polygonMeasures(square at the equator) matches the hand computation', () => {
    const m = polygonMeasures([square(0, 0, 0.1)]);
    const side = (0.1 * Math.PI * 6371.0088) / 180; // 11.1195 km
    expect(m.area[0]).toBeCloseTo(side * side, 2);
    // three edges of one side; the top edge, at 0.1° N, is shorter by cos 0.1°
    expect(m.perimeter[0]).toBeCloseTo(3 * side + side * Math.cos((0.1 * Math.PI) / 180), 9);
    // the spherical centroid sits a hair (2e-8°) off the centre in longitude: E[cos φ] ≠ cos E[φ]
    expect(m.lon[0]).toBeCloseTo(0.05, 6);
    expect(m.lat[0]).toBeCloseTo(0.05, 6);
  });

  it('polygonMeasures(Bas-Rhin) agrees with turf area, length and centre of mass', () => {
    let worstArea = 0;
    let worstPerimeter = 0;
    let worstCentre = 0;
    features.forEach((f, i) => {
      const turfArea = turf.area(f as Feature<Polygon>) / 1e6; // spherical excess, same mean radius

      worstArea = Math.max(worstArea, Math.abs(measures.area[i]! / turfArea - 1));
      const turfPerimeter = turf.length(turf.polygonToLine(f as Feature<Polygon>) as never, {
        units: 'kilometers',
      });
      worstPerimeter = Math.max(worstPerimeter, Math.abs(measures.perimeter[i]! / turfPerimeter - 1));
      // reference centroid: area-weighted mean of turf's centre of mass of each ring, holes negative
      // (turf.centerOfMass itself only handles a single ring)
      const g = f.geometry as Polygon | MultiPolygon;
      const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      let sa = 0;
      let sx = 0;
      let sy = 0;
      for (const polygon of polygons) {
        polygon.forEach((ring, k) => {
          const part = turf.polygon([ring]);
          const a = turf.area(part) * (k === 0 ? 1 : -1);
          const c = turf.centerOfMass(part).geometry.coordinates;
          sa += a;
          sx += a * c[0]!;
          sy += a * c[1]!;
        });
      }
      worstCentre = Math.max(worstCentre, haversineKm(sx / sa, sy / sa, measures.lon[i]!, measures.lat[i]!));
    });
    expect(worstArea).toBeLessThan(0.0005);
    expect(worstPerimeter).toBeLessThan(0.001);
    expect(worstCentre).toBeLessThan(0.01); // km; turf works in plain degrees, we weight by cos φ
  });

  it('polygonMeasures(feature without geometry) gives NaN', () => {
    const m = polygonMeasures([{ type: 'Feature', properties: {}, geometry: null as never }]);
    expect([m.area[0], m.perimeter[0], m.lon[0], m.lat[0]].every(Number.isNaN)).toBe(true);
  });
});

describe('knnWeights', () => {
  it('knnWeights(Bas-Rhin centroids, { k }) equals a brute-force sort of all distances', () => {
    const d = distanceMatrix();
    for (const k of [1, 4, 8]) {
      const w = knnWeights(points, { k });
      const expected = d.map((row, i) =>
        row
          .map((dist, j) => ({ dist, j }))
          .filter(({ j }) => j !== i)
          .sort((a, b) => a.dist - b.dist || a.j - b.j)
          .slice(0, k)
          .map(({ j }) => j)
          .sort((a, b) => a - b),
      );
      expect(rows(w)).toEqual(expected);
      expect(w.kind).toBe('knn');
      expect(w.islands.length).toBe(0);
    }
  });

  it('knnWeights(points) breaks ties by index, is asymmetric, and skips unlocated territories', () => {
    // 1 is equidistant from 0 and 2; 3 has no location
    const w = knnWeights(
      { lon: Float64Array.of(0, 0.1, 0.2, Number.NaN, 1), lat: Float64Array.of(0, 0, 0, Number.NaN, 0) },
      { k: 1 },
    );
    expect(rows(w)).toEqual([[1], [0], [1], [], [2]]);
    expect(w.symmetric).toBe(false);
    expect(Array.from(w.islands)).toEqual([3]);
  });

  it('knnWeights(points, { k }) rejects k out of range with SPATIAL_BAD_K', () => {
    for (const k of [0, 516, 2.5]) {
      expect(() => knnWeights(points, { k })).toThrowError(EngineError);
      try {
        knnWeights(points, { k });
      } catch (error) {
        expect((error as EngineError).code).toBe('SPATIAL_BAD_K');
      }
    }
  });
});

describe('distanceBandWeights', () => {
  it('distanceBandWeights(Bas-Rhin centroids, { distanceKm }) equals a brute-force threshold', () => {
    const d = distanceMatrix();
    for (const distanceKm of [3, 7.5, 15]) {
      const w = distanceBandWeights(points, { distanceKm });
      // turf and our haversine differ by ~1e-12 km: pairs that close to the band edge would be ambiguous
      const expected = d.map((row, i) =>
        row.flatMap((dist, j) => (j !== i && dist <= distanceKm ? [j] : [])),
      );
      expect(rows(w)).toEqual(expected);
      expect(w.symmetric).toBe(true);
    }
  });

  it('distanceBandWeights(points) defaults to the smallest band that leaves no island', () => {
    const d = distanceMatrix();
    const nearest = d.map((row, i) => Math.min(...row.filter((_, j) => j !== i)));
    const w = distanceBandWeights(points);
    expect(w.parameters.distanceKm).toBeCloseTo(Math.max(...nearest), 9);
    expect(w.islands.length).toBe(0);
  });

  it('distanceBandWeights(points, { distanceKm: -1 }) throws SPATIAL_BAD_OPTION', () => {
    try {
      distanceBandWeights(points, { distanceKm: -1 });
      throw new Error('no error');
    } catch (error) {
      expect((error as EngineError).code).toBe('SPATIAL_BAD_OPTION');
    }
  });
});
