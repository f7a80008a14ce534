import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { area } from '@turf/turf';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../src/data/geometry.ts';
import { PolygonMesh } from '../src/data/polygonMesh.ts';
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
