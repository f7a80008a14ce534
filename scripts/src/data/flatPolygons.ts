import { type InputBytes, inputLabel, readInput } from '../lib/readInput.ts';
import type { FlatRings } from './geometry.ts';
import { type PolygonFeature, readPolygons } from './readPolygons.ts';

/**
 * A commune polygon with flat rings: each file's GeoJSON is dropped once read, so the garbage
 * collector never walks the whole country's coordinates as millions of small arrays.
 */
export interface CommunePolygon {
  properties: PolygonFeature['properties'];
  geometry: FlatRings;
}

/**
 * A polygon file read, checked (see `readPolygons`) and flattened: the rings of all its features
 * in a few typed arrays, which a worker thread hands over without copying them.
 */
export interface FlatPolygonFile {
  /** The file as read (hash, size, zip entry), without its bytes. */
  input: Omit<InputBytes, 'bytes'>;
  codes: string[];
  names: string[];
  /** x0, y0, x1, y1, ... of every ring of every feature, in order. */
  coords: Float64Array;
  /** Feature f's positions are coordStart[f] to coordStart[f + 1] - 1 (length: features + 1). */
  coordStart: Int32Array;
  /** Each feature's `FlatRings.ringStart` (relative to its own positions), one after the other. */
  ringStart: Int32Array;
  /** Feature f's ringStart is ringStart[ringOffset[f]] to ringStart[ringOffset[f + 1] - 1]. */
  ringOffset: Int32Array;
}

/**
 * Reads a polygon file (plain or gzip) and flattens its rings, polygons in order and exterior ring
 * first, as `flattenRings` does for one geometry. Throws the located errors of `readInput` and
 * `readPolygons` (file, feature, field, what to do). `shared`: the arrays in shared memory, for a
 * file read in one thread and used in several.
 */
export function readFlatPolygonFile(path: string, shared = false): FlatPolygonFile {
  const { bytes, ...input } = readInput(path);
  const features = readPolygons(bytes, inputLabel(input));
  let positions = 0;
  let rings = 0;
  for (const { geometry } of features) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) {
      rings += polygon.length;
      for (const ring of polygon) positions += ring.length;
    }
  }
  const int32 = (length: number) =>
    shared ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Int32Array(length);
  const coords = shared
    ? new Float64Array(new SharedArrayBuffer(positions * 16))
    : new Float64Array(positions * 2);
  const coordStart = int32(features.length + 1);
  const ringStart = int32(rings + features.length);
  const ringOffset = int32(features.length + 1);
  let k = 0;
  let r = 0;
  features.forEach(({ geometry }, f) => {
    coordStart[f] = k / 2;
    ringOffset[f] = r;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        ringStart[r++] = k / 2 - coordStart[f];
        for (const position of ring) {
          coords[k++] = position[0];
          coords[k++] = position[1];
        }
      }
    }
    ringStart[r++] = k / 2 - coordStart[f];
  });
  coordStart[features.length] = k / 2;
  ringOffset[features.length] = r;
  return {
    input,
    codes: features.map((f) => f.properties.code),
    names: features.map((f) => f.properties.name),
    coords,
    coordStart,
    ringStart,
    ringOffset,
  };
}

/** The file's features, their rings as views on the file's arrays (nothing copied). */
export function communePolygons(file: FlatPolygonFile): CommunePolygon[] {
  const { codes, names, coords, coordStart, ringStart, ringOffset } = file;
  return codes.map((code, f) => ({
    properties: { code, name: names[f] },
    geometry: {
      coords: coords.subarray(2 * coordStart[f], 2 * coordStart[f + 1]),
      ringStart: ringStart.subarray(ringOffset[f], ringOffset[f + 1]),
    },
  }));
}
