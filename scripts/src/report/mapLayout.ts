import type { MapModel } from './types.ts';

type Point = [number, number];

export interface MapLabel {
  position: number;
  name: string;
  /** Marker centre. */
  x: number;
  y: number;
  /** Top-left corner of the name's box and its size. */
  labelX: number;
  labelY: number;
  width: number;
  height: number;
}

export interface MapLayout {
  width: number;
  height: number;
  /** Territories of the level, projected (rings closed or not, even-odd fill). */
  areas: { code: string; name: string; position: number | null; rings: Point[][] }[];
  context: { code: string; inScope: boolean; rings: Point[][] }[];
  labels: MapLabel[];
  /** Length in points of 10 km at the map's centre, for a scale bar. */
  tenKm: number;
}

export interface MapLayoutOptions {
  width: number;
  height: number;
  /** Blank margin inside the box, in points. */
  padding?: number;
  /** Width of a text at the label size (the renderer's font metrics). */
  measure: (text: string) => number;
  labelHeight: number;
  markerRadius: number;
}

const EARTH_KM_PER_DEGREE = 111.195;

/** Drops points closer than `tolerance` to the last kept one: invisible at print size, smaller files. */
function thin(ring: Point[], tolerance: number): Point[] {
  const out: Point[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || Math.abs(p[0] - last[0]) + Math.abs(p[1] - last[1]) >= tolerance) out.push(p);
  }
  return out.length >= 3 ? out : ring;
}

function signedArea(ring: Point[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  return a / 2;
}

/**
 * A point well inside a polygon's largest ring, for its marker: the middle of the widest
 * horizontal chord among scan lines across the ring's middle band (a cheap stand-in for the pole
 * of inaccessibility that never falls outside, unlike a centroid of a crescent-shaped territory).
 */
export function interiorPoint(rings: Point[][]): Point | null {
  let best: Point[] | null = null;
  let bestArea = 0;
  for (const r of rings) {
    const a = Math.abs(signedArea(r));
    if (a > bestArea) {
      bestArea = a;
      best = r;
    }
  }
  if (!best) return null;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [, y] of best) {
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  let pick: Point | null = null;
  let widest = -1;
  for (let k = 1; k < 12; k++) {
    const y = minY + ((maxY - minY) * k) / 12;
    const xs: number[] = [];
    for (let i = 0, j = best.length - 1; i < best.length; j = i++) {
      const [x1, y1] = best[j]!;
      const [x2, y2] = best[i]!;
      if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
    }
    xs.sort((a, b) => a - b);
    // Favour the middle band: a chord near the top or bottom is a poor place for a label.
    const weight = 1 - Math.abs(k - 6) / 12;
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const w = (xs[i + 1]! - xs[i]!) * weight;
      if (w > widest) {
        widest = w;
        pick = [(xs[i]! + xs[i + 1]!) / 2, y];
      }
    }
  }
  return pick;
}

function overlaps(a: [number, number, number, number], b: [number, number, number, number]): boolean {
  return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}

/**
 * Projects the map's lon/lat rings into a box of `width` × `height` points: a local equirectangular
 * projection (x scaled by cos of the middle latitude — within 0.5 % of a conformal projection over a
 * département), fitted to the scope's extent and centred; y grows downwards as on a page. Places
 * one numbered marker per shortlisted position (on its largest area) and its name beside it, on
 * the first side (right, left, below, above) that stays in the box and clears earlier labels.
 */
export function mapLayout(map: MapModel, options: MapLayoutOptions): MapLayout {
  const { width, height, measure, labelHeight, markerRadius } = options;
  const padding = options.padding ?? 8;
  const [west, south, east, north] = map.bounds;
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = Math.max((east - west) * k, 1e-9);
  const spanY = Math.max(north - south, 1e-9);
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  const project = ([lon, lat]: Point): Point => [
    offsetX + (lon - west) * k * scale,
    offsetY + (north - lat) * scale,
  ];
  const projectRings = (rings: Point[][]) => rings.map((r) => thin(r.map(project), 0.4));

  const areas = map.areas.map((a) => ({
    code: a.code,
    name: a.name,
    position: a.position,
    rings: projectRings(a.rings),
  }));
  const context = map.context.map((c) => ({
    code: c.code,
    inScope: c.inScope,
    rings: projectRings(c.rings),
  }));

  // One marker per position, on the largest of its areas (a zone highlights several).
  const anchor = new Map<number, { name: string; rings: Point[][]; area: number }>();
  for (const a of areas) {
    if (a.position === null) continue;
    const area = a.rings.reduce((s, r) => s + Math.abs(signedArea(r)), 0);
    const current = anchor.get(a.position);
    if (!current || area > current.area) anchor.set(a.position, { name: a.name, rings: a.rings, area });
  }
  const markers: { position: number; name: string; x: number; y: number }[] = [];
  for (const [position, { name, rings }] of [...anchor].sort((a, b) => a[0] - b[0])) {
    const p = interiorPoint(rings);
    if (p) markers.push({ position, name, x: p[0], y: p[1] });
  }
  // Every marker first, so that no name is written over a later marker.
  const taken: [number, number, number, number][] = markers.map(({ x, y }) => [
    x - markerRadius,
    y - markerRadius,
    2 * markerRadius,
    2 * markerRadius,
  ]);
  const labels: MapLabel[] = [];
  for (const { position, name, x, y } of markers) {
    const w = measure(name);
    const gap = markerRadius + 3;
    const candidates: Point[] = [
      [x + gap, y - labelHeight / 2],
      [x - gap - w, y - labelHeight / 2],
      [x - w / 2, y + gap],
      [x - w / 2, y - gap - labelHeight],
    ];
    const inBox = ([lx, ly]: Point) =>
      lx >= 2 && ly >= 2 && lx + w <= width - 2 && ly + labelHeight <= height - 2;
    const free = candidates.find(
      (c) => inBox(c) && !taken.some((t) => overlaps([c[0], c[1], w, labelHeight], t)),
    );
    const [labelX, labelY] = free ?? candidates.find(inBox) ?? candidates[0]!;
    taken.push([labelX, labelY, w, labelHeight]);
    labels.push({ position, name, x, y, labelX, labelY, width: w, height: labelHeight });
  }
  return { width, height, areas, context, labels, tenKm: (10 / EARTH_KM_PER_DEGREE) * scale };
}
