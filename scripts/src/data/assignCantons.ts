import { bbox } from '@turf/turf';
import type { Position } from 'geojson';
import type { AreaGeometry } from './geometry.ts';
import type { PolygonFeature } from './readPolygons.ts';

export interface CantonAssignment {
  /** Canton code per commune ('' when no canton polygon covers it). */
  canton: string[];
  /** Communes spread over several cantons (largest share below 75 %), with their shares of 5 % or more. */
  split: { code: string; shares: { canton: string; share: number }[] }[];
  /** Cantons left with no commune of their own, merged into the canton holding the commune that covers them. */
  mergedInto: Map<string, string>;
}

type Box = [number, number, number, number];

const overlaps = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Even-odd ray casting over every ring (holes included) of a polygon or multipolygon. */
function contains(geometry: AreaGeometry, x: number, y: number): boolean {
  const polygons: Position[][][] =
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let inside = false;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

/** Grid points of a commune's box that fall inside it (the grid is refined for thin shapes). */
function samplePoints(geometry: AreaGeometry, box: Box): [number, number][] {
  for (const n of [12, 24, 48]) {
    const points: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const x = box[0] + ((i + 0.5) / n) * (box[2] - box[0]);
        const y = box[1] + ((j + 0.5) / n) * (box[3] - box[1]);
        if (contains(geometry, x, y)) points.push([x, y]);
      }
    }
    if (points.length >= 40) return points;
  }
  return [];
}

/**
 * Places each commune in the canton (IGN polygons) that holds the largest part of its area,
 * estimated on a grid of points inside the commune (±3 % or so; enough to place communes and
 * to see the few large ones split between cantons, and robust to canton outlines simplified
 * differently from commune outlines).
 * Since 2015 some large communes are split between cantons (Strasbourg over Strasbourg-1 to -6):
 * statistics do not exist below the commune, so a canton left with no commune of its own is
 * merged into the canton that received the commune covering most of it, and the report says so.
 */
export function assignCantons(
  communes: { code: string; geometry: AreaGeometry | null }[],
  cantons: PolygonFeature[],
): CantonAssignment {
  const cantonBoxes = cantons.map((c) => bbox(c) as Box);
  const canton: string[] = [];
  const split: CantonAssignment['split'] = [];
  // canton -> communes covering part of it, with the number of sample points (an area proxy).
  const coverers = new Map<string, { commune: number; weight: number }[]>();
  communes.forEach((commune, i) => {
    if (!commune.geometry) {
      canton.push('');
      return;
    }
    const box = bbox({ type: 'Feature', geometry: commune.geometry, properties: {} }) as Box;
    const candidates = cantons.map((_, k) => k).filter((k) => overlaps(box, cantonBoxes[k]));
    const points = samplePoints(commune.geometry, box);
    const counts = new Map<number, number>();
    for (const [x, y] of points) {
      const k = candidates.find((c) => contains(cantons[c].geometry, x, y));
      if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const cellArea = ((box[2] - box[0]) * (box[3] - box[1])) / (points.length || 1);
    const shares = [...counts]
      .map(([k, n]) => ({
        canton: cantons[k].properties.code,
        share: n / points.length,
        weight: n * cellArea,
      }))
      .sort((a, b) => b.share - a.share);
    canton.push(shares[0]?.canton ?? '');
    if (shares.length > 0 && shares[0].share < 0.75) {
      split.push({
        code: commune.code,
        shares: shares.filter((s) => s.share >= 0.05).map(({ canton: c, share }) => ({ canton: c, share })),
      });
    }
    for (const s of shares) {
      let list = coverers.get(s.canton);
      if (!list) coverers.set(s.canton, (list = []));
      list.push({ commune: i, weight: s.weight });
    }
  });
  const withCommunes = new Set(canton.filter(Boolean));
  const mergedInto = new Map<string, string>();
  for (const c of cantons) {
    const code = c.properties.code;
    if (withCommunes.has(code)) continue;
    const best = (coverers.get(code) ?? []).sort((a, b) => b.weight - a.weight)[0];
    if (best && canton[best.commune]) mergedInto.set(code, canton[best.commune]);
  }
  return { canton, split, mergedInto };
}
