import type { ScoreResult } from '@ptce/engine';

/** The level's polygons with the ranking in their properties, for a GIS. */
export function scoreGeoJson(
  result: ScoreResult,
  geometry: GeoJSON.FeatureCollection,
): GeoJSON.FeatureCollection {
  const byCode = new Map(result.territories.map((t) => [t.code, t]));
  return {
    type: 'FeatureCollection',
    features: geometry.features.flatMap((f) => {
      const t = byCode.get(String(f.properties?.code));
      if (!t) return [];
      return [
        {
          type: 'Feature' as const,
          geometry: f.geometry,
          properties: {
            code: t.code,
            name: t.name,
            rank: t.rank,
            score: t.score,
            need: t.need,
            potential: t.potential,
            ...Object.fromEntries(Object.entries(t.dimensions).map(([k, v]) => [`dim_${k}`, v])),
            population: t.population,
            setAside: t.setAside?.reason ?? null,
            synthetic: result.synthetic,
          },
        },
      ];
    }),
  };
}
