/** A town to label: name, position (longitude, latitude), population. */
export interface Place {
  name: string;
  lng: number;
  lat: number;
  population: number;
}

/**
 * The towns to label, most populous first, dropping any town closer than `minKm` to a larger
 * one already kept (Schiltigheim next to Strasbourg), so that labels do not overlap at the
 * département's scale. Distances by the equirectangular approximation (fine below 100 km).
 *
 * Complexity: O(n × kept).
 * @example pickPlaces([strasbourg, schiltigheim, haguenau], 8, 10) // [strasbourg, haguenau]
 */
export function pickPlaces(places: readonly Place[], minKm: number, limit: number): Place[] {
  const sorted = [...places].sort((a, b) => b.population - a.population);
  const kept: Place[] = [];
  for (const p of sorted) {
    if (kept.length >= limit) break;
    const far = kept.every((k) => {
      const x = (p.lng - k.lng) * Math.cos(((p.lat + k.lat) / 2) * (Math.PI / 180));
      const y = p.lat - k.lat;
      return Math.hypot(x, y) * 111.32 >= minKm;
    });
    if (far) kept.push(p);
  }
  return kept;
}
