import type { FeatureCollection, Point } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import { pickPlaces } from './pickPlaces.ts';

/**
 * Town names as HTML markers: the style has no glyphs (nothing remote), and DOM labels render
 * accents with the page's fonts. Only the larger towns, spaced out (see `pickPlaces`).
 */
export function addPlaceMarkers(
  map: maplibregl.Map,
  places: FeatureCollection,
  limit = 14,
): maplibregl.Marker[] {
  const towns = pickPlaces(
    places.features
      .filter((f) => f.geometry?.type === 'Point')
      .map((f) => {
        const [lng, lat] = (f.geometry as Point).coordinates as [number, number];
        return {
          name: String(f.properties?.name ?? ''),
          lng,
          lat,
          population: Number(f.properties?.population ?? 0),
        };
      }),
    9,
    limit,
  );
  return towns.map((t) => {
    const el = document.createElement('div');
    el.className = 'place';
    el.textContent = t.name;
    el.setAttribute('aria-hidden', 'true');
    return new maplibregl.Marker({ element: el, anchor: 'left' }).setLngLat([t.lng, t.lat]).addTo(map);
  });
}
