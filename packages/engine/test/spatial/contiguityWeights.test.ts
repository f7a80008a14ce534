import fc from 'fast-check';
import type { Feature, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/errors.ts';
import { EARTH_RADIUS_KM } from '../../src/spatial/geometry/greatCircle.ts';
import { contiguityWeights } from '../../src/spatial/weights/contiguityWeights.ts';
import { basRhinFeatures } from './helpers/data.ts';
import { grid, rows, square } from './helpers/fixtures.ts';
import { loadGeoda } from './helpers/geoda.ts';

const full3x3 = [
  [true, true, true],
  [true, true, true],
  [true, true, true],
];

/** Brute-force reference: every pair of polygons, compared through sets of vertex and edge keys. */
function bruteForce(features: Feature[], kind: 'queen' | 'rook'): number[][] {
  const keysOf = (f: Feature) => {
    const g = f.geometry as { type: string; coordinates: Position[][] | Position[][][] };
    const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Position[][][];
    const keys = new Set<string>();
    for (const polygon of polygons) {
      for (const ring of polygon) {
        for (let v = 0; v + 1 < ring.length; v++) {
          const a = `${ring[v]![0]},${ring[v]![1]}`;
          const b = `${ring[v + 1]![0]},${ring[v + 1]![1]}`;
          keys.add(kind === 'queen' ? a : a < b ? `${a}|${b}` : `${b}|${a}`);
        }
      }
    }
    return keys;
  };
  const sets = features.map(keysOf);
  return sets.map((mine, i) => {
    const out: number[] = [];
    sets.forEach((theirs, j) => {
      if (i === j) return;
      for (const key of mine) {
        if (theirs.has(key)) {
          out.push(j);
          break;
        }
      }
    });
    return out;
  });
}

describe('contiguityWeights', () => {
  it('contiguityWeights(3 × 3 grid) gives 8/5/3 queen and 4/3/2 rook neighbours', () => {
    const { features } = grid(full3x3);
    const queen = contiguityWeights(features);
    const rook = contiguityWeights(features, { kind: 'rook' });
    expect(rows(queen)[4]).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    expect(rows(queen)[0]).toEqual([1, 3, 4]);
    expect(rows(queen)[1]).toEqual([0, 2, 3, 4, 5]);
    expect(rows(rook)[4]).toEqual([1, 3, 5, 7]);
    expect(rows(rook)[0]).toEqual([1, 3]);
    expect(rows(rook)[1]).toEqual([0, 2, 4]);
    expect(queen.offsets[9]).toBe(4 * 3 + 4 * 5 + 8);
    expect(rook.offsets[9]).toBe(4 * 2 + 4 * 3 + 4);
    expect(queen.weights.every((x) => x === 1)).toBe(true);
    expect([
      queen.kind,
      queen.transform,
      queen.symmetric,
      queen.islands.length,
      queen.components.count,
    ]).toEqual(['queen', 'binary', true, 0, 1]);
  });

  it('contiguityWeights(features) reports islands and connected components', () => {
    // two touching squares, one far away, one with no geometry
    const features: Feature[] = [
      square(0, 0),
      square(1, 0),
      square(10, 10),
      { type: 'Feature', properties: {}, geometry: null as never },
    ];
    const w = contiguityWeights(features);
    expect(Array.from(w.islands)).toEqual([2, 3]);
    expect(w.components.count).toBe(3);
    expect(Array.from(w.components.labels)).toEqual([0, 0, 1, 2]);
    expect(w.parameters.withoutGeometry).toBe(1);
  });

  it('contiguityWeights(features, { toleranceM }) snaps vertices closer than the tolerance', () => {
    // the second square starts 1e-6° (≈ 0.11 m) to the right of the first one's edge
    const features = [square(0, 45), square(1 + 1e-6, 45)];
    expect(contiguityWeights(features).offsets[2]).toBe(0);
    expect(contiguityWeights(features, { toleranceM: 0.05 }).offsets[2]).toBe(0);
    expect(rows(contiguityWeights(features, { toleranceM: 1 }))).toEqual([[1], [0]]);
    expect(rows(contiguityWeights(features, { toleranceM: 1, kind: 'rook' }))).toEqual([[1], [0]]);
  });

  it('contiguityWeights(features) treats -0 and +0 as the same coordinate', () => {
    const left = square(-1, 0);
    const right = square(0, 0);
    // the shared edge is written x = 0 on the left square and x = -0 on the right one
    right.geometry.coordinates[0] = right.geometry.coordinates[0]!.map(([x, y]) => [x === 0 ? -0 : x!, y!]);
    expect(rows(contiguityWeights([left, right], { kind: 'rook' }))).toEqual([[1], [0]]);
    expect(rows(contiguityWeights([left, right]))).toEqual([[1], [0]]);
  });

  it('contiguityWeights(features) handles multipolygons and enclaves (holes)', () => {
    const twoParts: Feature = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'MultiPolygon',
        coordinates: [square(0, 0).geometry.coordinates, square(5, 0).geometry.coordinates],
      },
    };
    const ring = square(10, 0, 3).geometry.coordinates[0]!;
    const hole = [...square(11, 1).geometry.coordinates[0]!].reverse();
    const withHole: Feature = {
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [ring, hole] },
    };
    const features = [twoParts, square(1, 0), square(6, 0), withHole, square(11, 1)];
    const w = contiguityWeights(features, { kind: 'rook' });
    expect(rows(w)).toEqual([[1, 2], [0], [0], [4], [3]]);
  });

  it('contiguityWeights(features, { borderLengths: true }) measures shared borders in km', () => {
    // 0.01° squares at 60° N: a vertical border is 0.01° of latitude, a horizontal one 0.01° of longitude × cos 60°
    const { features } = grid(
      [
        [true, true],
        [true, false],
      ],
      0.01,
      [10, 60],
    );
    const w = contiguityWeights(features, { borderLengths: true });
    const km = (0.01 * Math.PI * EARTH_RADIUS_KM) / 180;
    // features: 0 = (row 0, col 0), 1 = (0, 1), 2 = (1, 0); 1 and 2 touch by a corner only
    expect(rows(w)).toEqual([
      [1, 2],
      [0, 2],
      [0, 1],
    ]);
    const b = Array.from(w.borderLengths!);
    expect(b[0]).toBeCloseTo(km, 9); // 0–1 share a vertical edge
    expect(b[1]).toBeCloseTo(km * Math.cos(((60 + 0.01) * Math.PI) / 180), 9); // 0–2: horizontal edge at 60.01° N
    expect(b[3]).toBe(0); // 1–2: corner
  });

  it('contiguityWeights(random grids) finds exactly the 8- and 4-adjacent cells (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }), { minLength: 1, maxLength: 7 }),
        fc.constantFrom(0.01, 0.5, 1),
        (cells, size) => {
          const width = Math.max(...cells.map((r) => r.length));
          const present = cells.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? false));
          const { features, cells: where } = grid(present, size, [7.5, 48.5]);
          const index = new Map(where.map(([r, c], i) => [`${r},${c}`, i]));
          const expected = (diagonal: boolean) =>
            where.map(([r, c]) => {
              const out: number[] = [];
              for (let dr = -1; dr <= 1; dr++) {
                for (let dc = -1; dc <= 1; dc++) {
                  if ((dr === 0 && dc === 0) || (!diagonal && dr !== 0 && dc !== 0)) continue;
                  const j = index.get(`${r + dr},${c + dc}`);
                  if (j !== undefined) out.push(j);
                }
              }
              return out.sort((a, b) => a - b);
            });
          const queen = contiguityWeights(features);
          const rook = contiguityWeights(features, { kind: 'rook' });
          expect(rows(queen)).toEqual(expected(true));
          expect(rows(rook)).toEqual(expected(false));
          for (let i = 0; i < queen.n; i++) {
            expect(queen.offsets[i + 1] === queen.offsets[i]).toBe(queen.islands.includes(i));
            for (const j of rows(queen)[i]!)
              expect(queen.components.labels[j]).toBe(queen.components.labels[i]);
          }
        },
      ),
      { numRuns: 150, seed: 20260107 },
    );
  });

  it('contiguityWeights(Bas-Rhin) equals a brute-force pairwise comparison of vertices and edges', () => {
    const features = basRhinFeatures();
    for (const kind of ['queen', 'rook'] as const) {
      expect(rows(contiguityWeights(features, { kind }))).toEqual(bruteForce(features, kind));
    }
  });

  it("contiguityWeights(Bas-Rhin) equals GeoDa's queen and rook neighbours", async () => {
    const geoda = await loadGeoda();
    const features = basRhinFeatures();
    for (const kind of ['queen', 'rook'] as const) {
      const theirs = (await geoda[kind](features)).map((r) => [...r].sort((a, b) => a - b));
      const mine = rows(contiguityWeights(features, { kind }));
      expect(mine).toEqual(theirs);
      expect(mine.flat().length).toBe(kind === 'queen' ? 2946 : 2858);
    }
  });

  it('contiguityWeights(...) rejects bad geometries and options with coded errors', () => {
    const point: Feature = {
      type: 'Feature',
      properties: {},
      geometry: { type: 'Point', coordinates: [0, 0] },
    };
    const expectCode = (f: () => unknown, code: string, details?: Record<string, unknown>) => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(EngineError);
        expect((error as EngineError).code).toBe(code);
        if (details) expect((error as EngineError).details).toMatchObject(details);
        return;
      }
      throw new Error(`expected ${code}`);
    };
    expectCode(() => contiguityWeights([square(0, 0), point]), 'SPATIAL_BAD_GEOMETRY', {
      feature: 1,
      type: 'Point',
    });
    const flat: Feature = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    };
    expectCode(() => contiguityWeights([flat]), 'SPATIAL_BAD_GEOMETRY', { feature: 0 });
    expectCode(() => contiguityWeights([square(0, 0)], { toleranceM: -1 }), 'SPATIAL_BAD_OPTION');
  });

  it('contiguityWeights(features) does not modify its input', () => {
    const features = Object.freeze(grid(full3x3).features.map((f) => structuredClone(f)));
    const before = JSON.stringify(features);
    contiguityWeights(features, { kind: 'rook', borderLengths: true, toleranceM: 2 });
    expect(JSON.stringify(features)).toBe(before);
  });
});
