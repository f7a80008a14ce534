import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { area } from '@turf/turf';
import fc from 'fast-check';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { type AreaGeometry, flattenRings } from '../src/data/geometry.ts';
import { PolygonMesh, writeFixed5 } from '../src/data/polygonMesh.ts';
import { readPolygons } from '../src/data/readPolygons.ts';
import { hasShared, SHARED_RAW } from './helpers.ts';

const square = (x: number, y: number, s = 0.1): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [7 + x * s, 48 + y * s],
      [7 + (x + 1) * s, 48 + y * s],
      [7 + (x + 1) * s, 48 + (y + 1) * s],
      [7 + x * s, 48 + (y + 1) * s],
      [7 + x * s, 48 + y * s],
    ].map(([a, b]) => [Math.round(a * 1e5) / 1e5, Math.round(b * 1e5) / 1e5]),
  ],
});
const areaOf = (g: AreaGeometry) => area({ type: 'Feature', geometry: g, properties: {} });

describe('PolygonMesh.dissolve(groupOf, groupCount)', () => {
  it('merges a 3 × 3 grid into one square, with the area of its parts', () => {
    const cells = Array.from({ length: 9 }, (_, k) => square(k % 3, Math.floor(k / 3)));
    const mesh = new PolygonMesh(cells);
    const [shape] = mesh.dissolve(new Int32Array(9), 1);
    const geometry = mesh.geometry(shape as never);
    expect(geometry.type).toBe('Polygon');
    // Only the 8 boundary vertices... of which the 4 corners and 8 edge midpoints remain: 12 + closing.
    expect((geometry as Polygon).coordinates[0]).toHaveLength(13);
    expect(areaOf(geometry)).toBeCloseTo(
      cells.reduce((s, c) => s + areaOf(c), 0),
      0,
    );
  });

  it('leaves a hole where the middle cell is not in the group, oriented per RFC 7946', () => {
    const cells = Array.from({ length: 9 }, (_, k) => square(k % 3, Math.floor(k / 3)));
    const groupOf = Int32Array.from({ length: 9 }, (_, k) => (k === 4 ? 1 : 0));
    const mesh = new PolygonMesh(cells);
    const [ring, middle] = mesh.dissolve(groupOf, 2).map((s) => mesh.geometry(s as never) as Polygon);
    expect(ring.coordinates).toHaveLength(2);
    expect(areaOf(ring)).toBeCloseTo(
      cells.filter((_, k) => k !== 4).reduce((s, c) => s + areaOf(c), 0),
      0,
    );
    const signed = (r: number[][]) =>
      r.slice(1).reduce((s, p, i) => s + r[i][0] * p[1] - p[0] * r[i][1], 0) / 2;
    expect(signed(ring.coordinates[0])).toBeGreaterThan(0);
    expect(signed(ring.coordinates[1])).toBeLessThan(0);
    expect(middle.coordinates).toHaveLength(1);
  });

  it('returns a MultiPolygon for parts that do not touch, null for an empty group', () => {
    const mesh = new PolygonMesh([square(0, 0), square(5, 5)]);
    const [both, none] = mesh.dissolve(Int32Array.from([0, 0]), 2);
    expect(mesh.geometry(both as never).type).toBe('MultiPolygon');
    expect(none).toBeNull();
  });

  it('writes the same geometry as text as it gives as GeoJSON', () => {
    const mesh = new PolygonMesh([square(0, 0), square(1, 0)]);
    const [shape] = mesh.dissolve(Int32Array.from([0, 0]), 1);
    expect(JSON.parse(mesh.geometryJson(shape as never))).toEqual(mesh.geometry(shape as never));
  });
});

describe('writeFixed5(q, out, at)', () => {
  const printed = (q: number) => {
    const out = new Uint8Array(16);
    return Buffer.from(out.subarray(0, writeFixed5(q, out, 0))).toString('latin1');
  };

  it('prints q / 1e5 as JavaScript does', () => {
    for (const q of [0, -0, 1, -1, 5, 10, 100000, -100000, 123456, -4850000, 18000000, -18000000, 700001])
      expect(printed(q)).toBe(String(q / 1e5));
    fc.assert(
      fc.property(fc.integer({ min: -18_000_000, max: 18_000_000 }), (q) => printed(q) === String(q / 1e5)),
      { numRuns: 20_000 },
    );
  });
});

describe('PolygonMesh(geometries)', () => {
  it('gives the same mesh from GeoJSON and from flat rings', () => {
    const cells = [square(0, 0), square(1, 0), square(0, 1)];
    const multi: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [square(3, 3).coordinates, square(5, 5).coordinates],
    };
    const fromGeoJson = new PolygonMesh([...cells, multi, null]);
    const fromFlat = new PolygonMesh([...cells.map(flattenRings), flattenRings(multi), null]);
    const groups = Int32Array.from([0, 0, 1, 2, 0]);
    const a = fromGeoJson.dissolve(groups, 3).map((s) => (s ? fromGeoJson.geometryJson(s) : null));
    const b = fromFlat.dissolve(groups, 3).map((s) => (s ? fromFlat.geometryJson(s) : null));
    expect(b).toEqual(a);
    // Its two squares, larger first (equal areas here, up to rounding).
    const coordinates = JSON.parse(a[2] as string).coordinates;
    expect(coordinates).toHaveLength(2);
    expect(coordinates).toEqual(expect.arrayContaining(multi.coordinates));
  });
});

describe.skipIf(!hasShared)('PolygonMesh on the real Bas-Rhin communes', () => {
  it('dissolves the 516 communes into the département, as IGN draws it', () => {
    const communes = readPolygons(
      readFileSync(join(SHARED_RAW, 'geo/bas-rhin/communes-67-bas-rhin.geojson')),
      'c',
    );
    const [dep] = readPolygons(
      readFileSync(join(SHARED_RAW, 'geo/bas-rhin/departement-67-bas-rhin.geojson')),
      'd',
    );
    const mesh = new PolygonMesh(communes.map((f) => f.geometry));
    const [shape] = mesh.dissolve(new Int32Array(communes.length), 1);
    const geometry = mesh.geometry(shape as never);
    const sum = communes.reduce((s, f) => s + areaOf(f.geometry), 0);
    // Shared borders cancel exactly: the dissolved area is the sum of the communes'.
    expect(Math.abs(areaOf(geometry) - sum) / sum).toBeLessThan(1e-6);
    // And it is IGN's département outline, to the generalisation's precision.
    expect(Math.abs(areaOf(geometry) - areaOf(dep.geometry)) / areaOf(dep.geometry)).toBeLessThan(0.005);
    // One piece, no interior slit left by an unmatched border.
    expect(geometry.type === 'Polygon' ? 1 : geometry.coordinates.length).toBe(1);
  });
});
