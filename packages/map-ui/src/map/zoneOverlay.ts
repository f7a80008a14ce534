import { effect } from '@preact/signals';
import * as maplibregl from 'maplibre-gl';
import { OKABE_ITO } from '../lib/color/categorical.ts';
import { scores, zoneResult } from '../state/store.ts';
import { bbox, geo } from './geoData.ts';
import { SOURCES } from './style.ts';

/**
 * Draws the candidate zones: member communes outlined in the zone's colour (feature state on the
 * commune outlines), and a "Zone n" label at the middle of each zone. Returns the disposer.
 */
export function zoneOverlay(map: maplibregl.Map): () => void {
  let outlined: string[] = [];
  let markers: maplibregl.Marker[] = [];
  return effect(() => {
    const z = zoneResult.value;
    const s = scores.value;
    for (const code of outlined) map.setFeatureState({ source: SOURCES.communes, id: code }, { zone: 0 });
    for (const m of markers) m.remove();
    outlined = [];
    markers = [];
    if (!z || !s || s.hash !== z.hash) return;
    z.candidates.forEach((zone, k) => {
      const color = OKABE_ITO[k % OKABE_ITO.length]!;
      for (const code of zone.members) {
        map.setFeatureState({ source: SOURCES.communes, id: code }, { zone: zone.rank, zoneColor: color });
        outlined.push(code);
      }
    });
    geo(s.vintageId, 'commune').then((fc) => {
      if (zoneResult.peek() !== z) return;
      for (const zone of z.candidates) {
        const members = new Set(zone.members);
        const [w, south, e, n] = bbox({
          ...fc,
          features: fc.features.filter((f) => members.has(String(f.properties?.code))),
        });
        const el = document.createElement('div');
        el.className = 'zone-label';
        el.textContent = `Zone ${zone.rank}`;
        markers.push(
          new maplibregl.Marker({ element: el }).setLngLat([(w + e) / 2, (south + n) / 2]).addTo(map),
        );
      }
    });
  });
}
