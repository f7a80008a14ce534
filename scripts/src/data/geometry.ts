import type { MultiPolygon, Polygon } from 'geojson';

export type AreaGeometry = Polygon | MultiPolygon;

/** Rounds coordinates to `decimals` (5 ≈ 1 m) to keep web payloads small and stable. */
export function roundGeometry(geometry: AreaGeometry, decimals = 5): AreaGeometry {
  const f = 10 ** decimals;
  const r = (x: number) => Math.round(x * f) / f;
  if (geometry.type === 'Polygon') {
    return {
      type: 'Polygon',
      coordinates: geometry.coordinates.map((ring) => ring.map(([x, y]) => [r(x), r(y)])),
    };
  }
  return {
    type: 'MultiPolygon',
    coordinates: geometry.coordinates.map((p) => p.map((ring) => ring.map(([x, y]) => [r(x), r(y)]))),
  };
}

/**
 * The rings of an area geometry in two typed arrays. The French communes hold about 2 million
 * positions: as GeoJSON arrays they weigh some 170 MB of small heap objects that every garbage
 * collection walks again; flat, 35 MB that it skips.
 */
export interface FlatRings {
  /** x0, y0, x1, y1, ... of every ring in order, closing positions included. */
  coords: Float64Array;
  /** Ring r spans positions ringStart[r] to ringStart[r + 1] (length: ring count + 1). */
  ringStart: Int32Array;
}

/** The rings of a Polygon or MultiPolygon (polygons in order, exterior ring first), flat. */
export function flattenRings(geometry: AreaGeometry): FlatRings {
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  let positions = 0;
  for (const ring of rings) positions += ring.length;
  const coords = new Float64Array(positions * 2);
  const ringStart = new Int32Array(rings.length + 1);
  let k = 0;
  rings.forEach((ring, r) => {
    ringStart[r] = k / 2;
    for (const position of ring) {
      coords[k++] = position[0];
      coords[k++] = position[1];
    }
  });
  ringStart[rings.length] = positions;
  return { coords, ringStart };
}
