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
