import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { levelDrawer, levelFeatureCollection } from '../src/data/dissolveLevels.ts';
import { PolygonMesh } from '../src/data/polygonMesh.ts';

const square = (x: number, y: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [7 + x / 10, 48 + y / 10],
      [7 + (x + 1) / 10, 48 + y / 10],
      [7 + (x + 1) / 10, 48 + (y + 1) / 10],
      [7 + x / 10, 48 + (y + 1) / 10],
      [7 + x / 10, 48 + y / 10],
    ],
  ],
});

describe('levelDrawer().run(mesh, jobs, inWorker)', () => {
  it('draws in a worker thread the same bytes as here, in the order of the jobs', async () => {
    const mesh = new PolygonMesh(Array.from({ length: 16 }, (_, k) => square(k % 4, Math.floor(k / 4))));
    const jobs = [2, 4, 1].map((size) => {
      const groupOf = Int32Array.from({ length: 16 }, (_, k) => Math.floor((k % 4) / size));
      const groups = Math.ceil(4 / size);
      return { groupOf, properties: Array.from({ length: groups }, (_, g) => ({ code: `${size}-${g}` })) };
    });
    const expected = jobs.map((job) => Buffer.from(levelFeatureCollection(mesh, job)).toString());
    const { bytes, drawnInWorker } = await levelDrawer().run(mesh, jobs, 2);
    expect(drawnInWorker).toBe(2);
    expect(bytes.map((b) => Buffer.from(b).toString())).toEqual(expected);
    expect(JSON.parse(expected[1]).features).toHaveLength(1);
  });
});
