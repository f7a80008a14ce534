import type { FeatureCollection } from 'geojson';
import { api } from '../api/http.ts';

const cache = new Map<string, Promise<FeatureCollection>>();

/** GeoJSON of a level (`commune`, `epci`, …), the context (`context`) or the towns (`places`), cached. */
export function geo(vintageId: string, level: string): Promise<FeatureCollection> {
  const key = `${vintageId}/${level}`;
  let p = cache.get(key);
  if (!p) {
    p = api<FeatureCollection>(
      `/api/vintages/${encodeURIComponent(vintageId)}/geo/${encodeURIComponent(level)}`,
    );
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/** [west, south, east, north] of a collection's coordinates. */
export function bbox(fc: FeatureCollection): [number, number, number, number] {
  const b: [number, number, number, number] = [180, 90, -180, -90];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      b[0] = Math.min(b[0], x!);
      b[1] = Math.min(b[1], y!);
      b[2] = Math.max(b[2], x!);
      b[3] = Math.max(b[3], y!);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of fc.features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  return b;
}
