import { effect } from '@preact/signals';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'preact/hooks';
import { FLAG } from '../lib/choropleth.ts';
import { markRepainted, markStep } from '../state/metrics.ts';
import { choropleth, hovered, scores, select, showError, view } from '../state/store.ts';
import { bbox, geo } from './geoData.ts';
import { dotsPattern, hatchPattern } from './patterns.ts';
import { addPlaceMarkers } from './places.ts';
import { buildStyle, LAYERS, OUTSIDE_COLOR, PATTERNS, SOURCES } from './style.ts';
import { Tooltip, tooltip } from './Tooltip.tsx';
import { zoneOverlay } from './zoneOverlay.ts';

maplibregl.setWorkerUrl(workerUrl);

/**
 * The map: a thin component that wires the offline style, the level's polygons and the current
 * choropleth (as feature state: a re-scoring only repaints) to the store.
 */
export function MapView() {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const map = new maplibregl.Map({
      container: container.current!,
      style: buildStyle(),
      center: [7.55, 48.65],
      zoom: 8,
      minZoom: 6,
      maxZoom: 13,
      attributionControl: {
        compact: false,
        customAttribution: 'Sources : Insee (Comparateur 2021), IGN (Admin Express)',
      },
      dragRotate: false,
      pitchWithRotate: false,
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
    map.touchZoomRotate.disableRotation();
    map
      .getCanvas()
      .setAttribute('aria-label', 'Carte des territoires : utilisez le classement pour choisir au clavier');
    (globalThis as { __ptceMap?: maplibregl.Map }).__ptceMap = map;
    const disposers: (() => void)[] = [];
    map.on('load', () => {
      map.addImage(PATTERNS.hatch, hatchPattern());
      map.addImage(PATTERNS.dots, dotsPattern());
      disposers.push(...wire(map));
    });
    return () => {
      for (const dispose of disposers) dispose();
      map.remove();
    };
  }, []);
  return (
    <>
      <div ref={container} class="map" data-testid="map" />
      <Tooltip />
    </>
  );
}

function source(map: maplibregl.Map, id: string): maplibregl.GeoJSONSource {
  return map.getSource(id) as maplibregl.GeoJSONSource;
}

/** Subscriptions from the store to the map; returns their disposers. */
function wire(map: maplibregl.Map): (() => void)[] {
  let unitsKey = '';
  let unitCodes = new Set<string>();
  let fitted = false;

  // Context, EPCI and commune outlines, town names: once per vintage.
  let contextFor = '';
  let placeMarkers: maplibregl.Marker[] = [];
  const loadContext = effect(() => {
    const vid = scores.value?.vintageId;
    if (!vid || vid === contextFor) return;
    contextFor = vid;
    geo(vid, 'context').then((fc) => source(map, SOURCES.context).setData(fc), showError);
    geo(vid, 'commune').then((fc) => source(map, SOURCES.communes).setData(fc), showError);
    geo(vid, 'epci').then((fc) => source(map, SOURCES.epci).setData(fc), showError);
    for (const m of placeMarkers) m.remove();
    // A vintage without a towns file simply has no labels.
    geo(vid, 'places').then(
      (fc) => {
        placeMarkers = addPlaceMarkers(map, fc);
      },
      () => undefined,
    );
  });

  // The current level's polygons, then the classes as feature state.
  const paint = effect(() => {
    const s = scores.value;
    const c = choropleth.value;
    if (!s) return;
    const key = `${s.vintageId}/${s.level.id}`;
    if (key !== unitsKey) {
      unitsKey = key;
      geo(s.vintageId, s.level.id).then((fc) => {
        if (key !== unitsKey) return;
        source(map, SOURCES.units).setData(fc);
        unitCodes = new Set(fc.features.map((f) => String(f.properties?.code)));
        sent = new Map();
        if (!fitted) {
          fitted = true;
          map.fitBounds(bbox(fc), { padding: { top: 20, bottom: 20, left: 330, right: 20 }, animate: false });
        }
        applyStates();
      }, showError);
      return;
    }
    void c;
    applyStates();
  });

  // Last state sent per feature: a re-scoring moves few territories across class breaks, and
  // MapLibre's repaint cost grows with the number of features whose state changed.
  let sent = new Map<string, string>();

  function applyStates() {
    const s = scores.peek();
    const c = choropleth.peek();
    if (!s || !c?.map || unitCodes.size === 0) return;
    const seen = new Set<string>();
    const next = new Map<string, string>();
    s.codes.forEach((code, i) => {
      if (!unitCodes.has(code)) return;
      seen.add(code);
      const bits = c.flags ? c.flags[i]! : 0;
      const color = c.map!.unitColor[i]!;
      // Hatched only when there is no value: a group whose members are partly withheld
      // still has an estimate (dotted).
      const missing = c.map!.unitClass[i]! < 0;
      const estimated = (bits & (FLAG.estimated | FLAG.imputed)) !== 0;
      const key = `${color}${missing ? 'm' : ''}${estimated ? 'e' : ''}`;
      next.set(code, key);
      if (sent.get(code) === key) return;
      map.setFeatureState({ source: SOURCES.units, id: code }, { color, missing, estimated });
    });
    // Polygons with no territory in the run lie outside the scope (members of a cross-border
    // EPCI): drawn like the neighbouring départements, not as missing data.
    for (const code of unitCodes) {
      if (seen.has(code)) continue;
      next.set(code, 'outside');
      if (sent.get(code) === 'outside') continue;
      map.setFeatureState(
        { source: SOURCES.units, id: code },
        { color: OUTSIDE_COLOR, missing: false, estimated: false },
      );
    }
    sent = next;
    markStep('applied');
    const hash = s.hash;
    map.once('idle', () => markRepainted(hash));
    map.triggerRepaint();
  }

  // Hover and selection outlines.
  let lastHover: string | null = null;
  const hover = effect(() => {
    const code = hovered.value;
    if (lastHover) map.setFeatureState({ source: SOURCES.units, id: lastHover }, { hover: false });
    if (code) map.setFeatureState({ source: SOURCES.units, id: code }, { hover: true });
    lastHover = code;
  });
  let lastSelection: string[] = [];
  const selection = effect(() => {
    const codes = view.value.selection;
    void scores.value;
    for (const c of lastSelection) map.setFeatureState({ source: SOURCES.units, id: c }, { selected: false });
    for (const c of codes) map.setFeatureState({ source: SOURCES.units, id: c }, { selected: true });
    lastSelection = codes;
  });

  map.on('mousemove', LAYERS.fill, (e) => {
    const f = e.features?.[0];
    const code = f ? String(f.properties?.code ?? f.id) : null;
    hovered.value = code;
    tooltip.value = code
      ? { code, name: String(f?.properties?.name ?? code), x: e.point.x, y: e.point.y }
      : null;
    map.getCanvas().style.cursor = code ? 'pointer' : '';
  });
  map.on('mouseleave', LAYERS.fill, () => {
    hovered.value = null;
    tooltip.value = null;
    map.getCanvas().style.cursor = '';
  });
  map.on('click', LAYERS.fill, (e) => {
    const f = e.features?.[0];
    if (!f) return;
    const code = String(f.properties?.code ?? f.id);
    select(code, { add: e.originalEvent.shiftKey, openSheet: !e.originalEvent.shiftKey });
  });

  return [loadContext, paint, hover, selection, zoneOverlay(map)];
}
