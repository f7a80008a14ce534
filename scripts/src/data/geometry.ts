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

/** A GeoJSON FeatureCollection as text, one feature per line, from features' geometry text. */
export function featureCollectionJson(
  features: { geometryJson: string; properties: Record<string, unknown> }[],
): string {
  const chunks = features.map(
    (feature) =>
      `{"type":"Feature","geometry":${feature.geometryJson},"properties":${JSON.stringify(feature.properties)}}`,
  );
  return `{"type":"FeatureCollection","features":[\n${chunks.join(',\n')}\n]}`;
}
