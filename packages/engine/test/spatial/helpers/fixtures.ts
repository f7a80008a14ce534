/** Small hand-made geometries for the spatial tests. */
import type { Feature, Polygon } from 'geojson';

/** Axis-aligned square [x, x + size] × [y, y + size] (degrees), counter-clockwise. */
export function square(
  x: number,
  y: number,
  size = 1,
  properties: Record<string, unknown> = {},
): Feature<Polygon> {
  return {
    type: 'Feature',
    properties,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + size, y],
          [x + size, y + size],
          [x, y + size],
          [x, y],
        ],
      ],
    },
  };
}

/**
 * Squares of a rows × cols grid where `present[r][c]` is true, in row-major order, with their cell.
 * Vertices are computed from the grid lines (origin + k·size), so neighbouring squares share
 * bit-identical coordinates, as in a topologically clean polygon file.
 */
export function grid(
  present: boolean[][],
  size = 1,
  origin: [number, number] = [0, 0],
): { features: Feature<Polygon>[]; cells: [number, number][] } {
  const features: Feature<Polygon>[] = [];
  const cells: [number, number][] = [];
  present.forEach((row, r) => {
    row.forEach((here, c) => {
      if (!here) return;
      const x0 = origin[0] + c * size;
      const x1 = origin[0] + (c + 1) * size;
      const y0 = origin[1] + r * size;
      const y1 = origin[1] + (r + 1) * size;
      features.push({
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [x0, y0],
              [x1, y0],
              [x1, y1],
              [x0, y1],
              [x0, y0],
            ],
          ],
        },
      });
      cells.push([r, c]);
    });
  });
  return { features, cells };
}

/** Neighbour lists of a weights object, as plain arrays (for readable assertions). */
export function rows(w: { n: number; offsets: Int32Array; neighbours: Int32Array }): number[][] {
  return Array.from({ length: w.n }, (_, i) =>
    Array.from(w.neighbours.subarray(w.offsets[i]!, w.offsets[i + 1]!)),
  );
}

/** The `code` of the EngineError a call throws, or 'none' when it does not throw. */
export function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    return (error as { code?: string }).code ?? 'not an EngineError';
  }
  return 'none';
}
