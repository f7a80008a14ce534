/*
 * The bench's floor: an empty MapLibre map with the app's own style (same layers, same
 * patterns), the same polygons, and colours set by feature state — no UI, no scoring. What the
 * app's timings are compared with: the part MapLibre itself costs on this machine.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { PALETTES, paletteColors } from '../../src/lib/color/palettes.ts';
import { bbox, geo } from '../../src/map/geoData.ts';
import { dotsPattern, hatchPattern } from '../../src/map/patterns.ts';
import { buildStyle, SOURCES } from '../../src/map/style.ts';

maplibregl.setWorkerUrl(workerUrl);
const params = new URLSearchParams(location.search);
const vintage = params.get('v') ?? 'bas-rhin-2021';
const level = params.get('l') ?? 'commune';
const colours = paletteColors(PALETTES[0]!, 5);
const state = { firstPaintAt: Number.NaN, ready: false, codes: [] as string[] };
(globalThis as { __floor?: unknown }).__floor = state;

const map = new maplibregl.Map({ container: 'map', style: buildStyle(), center: [7.55, 48.65], zoom: 8 });

function paint(shift: number): void {
  state.codes.forEach((code, i) => {
    map.setFeatureState(
      { source: SOURCES.units, id: code },
      { color: colours[(i + shift) % colours.length] },
    );
  });
}

/** One repaint of every territory's colour, timed to the next idle map (ms). */
(globalThis as { __floorRepaint?: unknown }).__floorRepaint = (shift: number) =>
  new Promise<number>((resolve) => {
    const t0 = performance.now();
    paint(shift);
    map.once('idle', () => resolve(performance.now() - t0));
    map.triggerRepaint();
  });

map.on('load', async () => {
  map.addImage('hatch', hatchPattern());
  map.addImage('dots', dotsPattern());
  const [units, communes, epci, context] = await Promise.all([
    geo(vintage, level),
    geo(vintage, 'commune'),
    geo(vintage, 'epci'),
    geo(vintage, 'context'),
  ]);
  (map.getSource(SOURCES.units) as maplibregl.GeoJSONSource).setData(units);
  (map.getSource(SOURCES.communes) as maplibregl.GeoJSONSource).setData(communes);
  (map.getSource(SOURCES.epci) as maplibregl.GeoJSONSource).setData(epci);
  (map.getSource(SOURCES.context) as maplibregl.GeoJSONSource).setData(context);
  map.fitBounds(bbox(units), { padding: { top: 20, bottom: 20, left: 330, right: 20 }, animate: false });
  state.codes = units.features.map((f) => String(f.properties?.code));
  paint(0);
  map.once('idle', () => {
    state.firstPaintAt = performance.now();
    state.ready = true;
  });
});
