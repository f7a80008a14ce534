import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../src/data/DataError.ts';
import { levelDrawer, levelFeatureCollection } from '../src/data/dissolveLevels.ts';
import { communePolygons, readFlatPolygonFile } from '../src/data/flatPolygons.ts';
import { flattenRings } from '../src/data/geometry.ts';
import { PolygonMesh } from '../src/data/polygonMesh.ts';
import { polygonReader } from '../src/data/polygonReader.ts';
import { readPolygons } from '../src/data/readPolygons.ts';
import { readInput } from '../src/lib/readInput.ts';
import { buildFails, buildMini, editText, FIXTURE, hasShared, rawCopy, SHARED_RAW } from './helpers.ts';

const MINI = ['communes-57-mini.geojson.gz', 'communes-67-mini.geojson', 'communes-68-mini.geojson.gz'].map(
  (name) => join(FIXTURE, 'geo', name),
);
const REAL = [
  'bas-rhin/communes-67-bas-rhin.geojson',
  'france/communes-57-moselle.geojson.gz',
  'france/communes-2A-corse-du-sud.geojson.gz',
].map((name) => join(SHARED_RAW, 'geo', name));

/** Each feature's flat rings as `flattenRings` makes them from the GeoJSON, with its properties. */
function flattenedOneByOne(path: string) {
  const input = readInput(path);
  return readPolygons(input.bytes, path).map((f) => ({
    properties: f.properties,
    geometry: flattenRings(f.geometry),
  }));
}

/** Every file of a vintage folder, the manifest and report without build date and duration. */
function vintageFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    let text = readFileSync(path, 'utf8');
    if (entry.name === 'manifest.json') {
      const { createdAt: _c, durationMs: _d, report: _r, ...rest } = JSON.parse(text);
      text = JSON.stringify(rest);
    } else if (entry.name === 'report.md') {
      text = text.replace(/construit le .*|Durée de construction : .*/g, '');
    }
    files.set(relative(dir, path), text);
  }
  return files;
}

describe('readFlatPolygonFile(path)', () => {
  it('readFlatPolygonFile(path) holds, feature by feature, the rings flattenRings makes', () => {
    for (const path of MINI) {
      const file = readFlatPolygonFile(path);
      expect(communePolygons(file)).toEqual(flattenedOneByOne(path));
      expect(file.input).toMatchObject({ path, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(file.input).not.toHaveProperty('bytes');
    }
  });

  it.skipIf(!hasShared)('readFlatPolygonFile(path) on real files: MultiPolygons, holes, islands', () => {
    for (const path of REAL) {
      const file = readFlatPolygonFile(path);
      const expected = flattenedOneByOne(path);
      expect(file.codes).toEqual(expected.map((f) => f.properties.code));
      expect(communePolygons(file)).toEqual(expected);
      expect(file.ringOffset.at(-1)).toBe(file.ringStart.length);
    }
  });
});

describe('polygonReader(paths, options)', () => {
  it('polygonReader(paths, { worker: true }) reads in a worker the same arrays as this thread', async () => {
    const reader = polygonReader(MINI, { worker: true });
    try {
      for (const path of [...MINI].reverse()) {
        const file = await reader.read(path);
        expect(file).toEqual(readFlatPolygonFile(path));
        expect(file.coords).toBeInstanceOf(Float64Array);
      }
      expect(reader.readInWorker).toBe(MINI.length);
    } finally {
      reader.close();
    }
  });

  it('polygonReader(paths, { worker: true }) reads here a file it was not given in advance', async () => {
    const reader = polygonReader(MINI.slice(0, 1), { worker: true });
    try {
      expect(await reader.read(MINI[2])).toEqual(readFlatPolygonFile(MINI[2]));
      expect(await reader.read(MINI[0])).toEqual(readFlatPolygonFile(MINI[0]));
      expect(reader.readInWorker).toBe(1);
    } finally {
      reader.close();
    }
  });

  it('polygonReader(paths, { worker: true, entry }) reads on this thread when the worker cannot load', async () => {
    const reader = polygonReader(MINI, {
      worker: true,
      entry: new URL('./missing.worker.ts', import.meta.url),
    });
    try {
      for (const path of MINI) expect(await reader.read(path)).toEqual(readFlatPolygonFile(path));
      expect(reader.readInWorker).toBe(0);
    } finally {
      reader.close();
    }
  });

  it('polygonReader(paths, { worker: true }) throws the located error of a bad file read in the worker', async () => {
    const dir = rawCopy((d) =>
      editText(d, 'geo/communes-67-mini.geojson', (t) => t.replace('"Polygon"', '"LineString"')),
    );
    const path = join(dir, 'geo', 'communes-67-mini.geojson');
    const here = (() => {
      try {
        readFlatPolygonFile(path);
      } catch (error) {
        return error as DataError;
      }
      throw new Error('the file was expected to be refused');
    })();
    const reader = polygonReader([path, MINI[0]], { worker: true });
    try {
      const error = await reader.read(path).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DataError);
      const there = error as DataError;
      expect(there.code).toBe('INVALID_GEOJSON');
      expect(there.location).toEqual({
        file: 'communes-67-mini.geojson',
        field: 'features[0].geometry.type',
        value: 'LineString',
      });
      expect(there.toJSON()).toEqual(here.toJSON());
      expect(there.hintEn).toBe(here.hintEn);
      expect(there.format('fr')).toBe(here.format('fr'));
      // The next file is still served by the worker.
      expect(await reader.read(MINI[0])).toEqual(readFlatPolygonFile(MINI[0]));
      expect(reader.readInWorker).toBe(1);
    } finally {
      reader.close();
    }
  });
});

describe('polygonReader(paths, { worker: true }).handOver()', () => {
  it('handOver() gives levelDrawer the worker once its files are read, which draws the same bytes', async () => {
    const reader = polygonReader(MINI, { worker: true });
    const files = [];
    for (const path of MINI) files.push(await reader.read(path));
    const worker = reader.handOver();
    expect(worker).toBeDefined();
    expect(reader.handOver()).toBeUndefined(); // Once.
    reader.close(); // Does not stop a worker handed over.
    const polygons = files.flatMap((file) => communePolygons(file).map((f) => f.geometry));
    const mesh = new PolygonMesh(polygons);
    const jobs = [1, 3].map((size) => {
      const groupOf = Int32Array.from(polygons, (_, k) => Math.floor(k / size));
      const groups = Math.max(...groupOf) + 1;
      return { groupOf, properties: Array.from({ length: groups }, (_, g) => ({ code: `${size}-${g}` })) };
    });
    const expected = jobs.map((job) => Buffer.from(levelFeatureCollection(mesh, job)).toString());
    const { bytes, drawnInWorker } = await levelDrawer(worker).run(mesh, jobs, 2);
    expect(drawnInWorker).toBe(2);
    expect(bytes.map((b) => Buffer.from(b).toString())).toEqual(expected);
  });
});

describe('polygonReader(paths, { worker: true, mesh: true }).mesh(paths)', () => {
  it('mesh(paths) is the mesh this thread builds of the same files, in shared memory', async () => {
    const reader = polygonReader(MINI, { worker: true, mesh: true });
    try {
      const files = [];
      for (const path of MINI) files.push(await reader.read(path));
      expect(await reader.mesh([...MINI].reverse())).toBeUndefined(); // Not the worker's order.
      const state = await reader.mesh(MINI);
      expect(state).toBeDefined();
      expect(state?.xs.buffer).toBeInstanceOf(SharedArrayBuffer);
      const polygons = files.flatMap((file) => communePolygons(file).map((f) => f.geometry));
      const here = new PolygonMesh(polygons);
      const expected = here.state();
      for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
        const value = expected[key];
        expect([key, typeof value === 'number' ? value : Array.from(value)]).toEqual([
          key,
          typeof value === 'number' ? state?.[key] : Array.from(state?.[key] as ArrayLike<number>),
        ]);
      }
      const there = PolygonMesh.fromState(state as NonNullable<typeof state>);
      const job = { groupOf: Int32Array.from(polygons, (_, k) => k % 3), properties: [{}, {}, {}] };
      expect(Buffer.from(levelFeatureCollection(there, job)).toString()).toBe(
        Buffer.from(levelFeatureCollection(here, job)).toString(),
      );
      expect(reader.handOver()).toBeDefined();
    } finally {
      reader.close();
    }
  });

  it('mesh(paths) is undefined when a file failed: this thread builds it', async () => {
    const dir = rawCopy((d) =>
      editText(d, 'geo/communes-67-mini.geojson', (t) => t.replace('"Polygon"', '"LineString"')),
    );
    const paths = [MINI[0], join(dir, 'geo', 'communes-67-mini.geojson')];
    const reader = polygonReader(paths, { worker: true, mesh: true });
    try {
      await reader.read(paths[0]);
      await expect(reader.read(paths[1])).rejects.toThrow(DataError);
      expect(await reader.mesh(paths)).toBeUndefined();
    } finally {
      reader.close();
    }
  });
});

describe('buildVintage({ polygonWorker })', () => {
  it('buildVintage({ all: true, polygonWorker: true }) writes the same vintage with the mesh built in the worker', async () => {
    // Every département of the table with a polygon file, as for France (Paris has none here).
    const source = rawCopy((d) =>
      editText(d, 'insee/table-appartenance-geo-communes-22.csv', (t) =>
        t
          .split('\n')
          .filter((line) => !line.startsWith('75056;'))
          .join('\n'),
      ),
    );
    const inWorker = await buildMini(source, { all: true, polygonWorker: true });
    const here = await buildMini(source, { all: true, polygonWorker: false });
    expect(inWorker.summary.withPolygon).toBeGreaterThan(0);
    expect(vintageFiles(inWorker.dir)).toEqual(vintageFiles(here.dir));
  });

  it('buildVintage({ polygonWorker: true }) writes the same vintage as on one thread', async () => {
    const source = rawCopy();
    const inWorker = await buildMini(source, { deps: ['67', '68'], polygonWorker: true });
    const here = await buildMini(source, { deps: ['67', '68'], polygonWorker: false });
    const expected = vintageFiles(here.dir);
    expect([...expected.keys()]).toContain('geo/commune.geojson');
    expect(vintageFiles(inWorker.dir)).toEqual(expected);
  });

  it('buildVintage({ polygonWorker: true }) on a bad polygon file: the located error, nothing written', async () => {
    const source = rawCopy((d) =>
      editText(d, 'geo/communes-67-mini.geojson', (t) => t.replace('[7.0, 48.5]]]', '[7.0, 48.50001]]]')),
    );
    const error = await buildFails(source, { polygonWorker: true });
    expect(error.code).toBe('INVALID_GEOJSON');
    expect(error.location).toEqual({
      file: 'communes-67-mini.geojson',
      field: 'features[0].geometry.coordinates[0]',
    });
    expect(error.message).toContain('Anneau non fermé');
  });
});
