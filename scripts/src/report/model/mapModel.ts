import type { Position } from 'geojson';
import type { AreaGeometry, GeometryInput, MapModel } from '../types.ts';

function ringsOf(geometry: AreaGeometry | null): [number, number][][] {
  if (!geometry) return [];
  const polygons: Position[][][] =
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flatMap((polygon) =>
    polygon.map((ring) => ring.map((p) => [p[0]!, p[1]!] as [number, number])),
  );
}

function extent(rings: [number, number][][]): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  }
  return [w, s, e, n];
}

/**
 * The map's content in lon/lat: every territory of the level (those of the shortlist carry their
 * position), the département outlines for context, and the extent to frame — the département(s)
 * of the scope, or the territories when no context layer is given. `positionOf` maps a territory
 * code to its position in the shortlist (zones highlight each member territory).
 */
export function mapModel(
  geometry: GeometryInput,
  positionOf: ReadonlyMap<string, number>,
  shortlistNames: ReadonlyMap<number, string>,
): MapModel {
  const areas = geometry.territories.features.map((f) => ({
    code: String(f.properties.code),
    name: f.properties.name ?? String(f.properties.code),
    rings: ringsOf(f.geometry),
    position: positionOf.get(String(f.properties.code)) ?? null,
  }));
  const context = (geometry.context?.features ?? []).map((f) => ({
    code: String(f.properties.code),
    name: f.properties.name ?? String(f.properties.code),
    inScope: f.properties.inScope === true,
    rings: ringsOf(f.geometry),
  }));
  const scope = context.filter((c) => c.inScope).flatMap((c) => c.rings);
  const bounds = extent(scope.length > 0 ? scope : areas.flatMap((a) => a.rings));
  const mapped = new Set(
    areas.filter((a) => a.position !== null && a.rings.length > 0).map((a) => a.position),
  );
  const unmapped = [...shortlistNames].filter(([position]) => !mapped.has(position)).map(([, name]) => name);
  return { areas, context, bounds, unmapped };
}
