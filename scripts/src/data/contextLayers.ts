import type { BuildWarning, InputRecord } from '@ptce/engine';
import { bbox, pointOnFeature } from '@turf/turf';
import type { FeatureCollection, Point } from 'geojson';
import { inputLabel, readInput } from '../lib/readInput.ts';
import type { AreaGeometry } from './geometry.ts';
import { roundGeometry } from './geometry.ts';
import { inputRecord, type LoadedTables, PATTERNS } from './loadSources.ts';
import type { AppartenanceRow } from './readAppartenance.ts';
import { readPolygons } from './readPolygons.ts';

type Box = [number, number, number, number];

/**
 * Département outlines for the map's context: those of the scope and their neighbours (every
 * département whose box meets the scope's box widened by 0.3°), from the départements file when
 * there is one. Properties: code, name, inScope.
 */
export function contextOutlines(
  tables: LoadedTables,
  deps: string[],
  scope: Box | null,
  inputs: InputRecord[],
  warnings: BuildWarning[],
): FeatureCollection {
  const source = tables.finder.find([...PATTERNS.departements]);
  if (!source) {
    warnings.push({
      code: 'NO_CONTEXT',
      message:
        'Fichier des contours de départements absent : la carte n’affichera pas les départements voisins.',
    });
    return { type: 'FeatureCollection', features: [] };
  }
  const input = readInput(source.path);
  const all = readPolygons(input.bytes, inputLabel(input));
  inputs.push(inputRecord('departements', input, source, all.length, 'geojson'));
  if (!scope) return { type: 'FeatureCollection', features: [] };
  const m = 0.3;
  const box: Box = [scope[0] - m, scope[1] - m, scope[2] + m, scope[3] + m];
  const depSet = new Set(deps);
  const features = all
    .filter((f) => {
      const b = bbox(f) as Box;
      return b[0] <= box[2] && box[0] <= b[2] && b[1] <= box[3] && box[1] <= b[3];
    })
    .map((f) => ({
      type: 'Feature' as const,
      geometry: roundGeometry(f.geometry, 4),
      properties: {
        code: f.properties.code,
        name: f.properties.name,
        inScope: depSet.has(f.properties.code),
      },
    }));
  return { type: 'FeatureCollection', features };
}

/**
 * Main towns for labels: the communes in scope of 10,000 inhabitants or more (at least the 15
 * largest, at most 300), plus the largest commune of each EPCI so every part of the map is named.
 */
export function mainPlaces(
  codes: string[],
  rows: AppartenanceRow[],
  inScope: (0 | 1)[],
  geometry: (i: number) => AreaGeometry | null,
  population: (number | null)[],
  epci: string[],
  hasShape: (0 | 1)[],
): FeatureCollection<Point> {
  const candidates = codes
    .map((code, i) => ({ code, i, pop: population[i] ?? 0 }))
    .filter(({ i }) => inScope[i] && hasShape[i]);
  candidates.sort((a, b) => b.pop - a.pop);
  const chosen = new Set<number>();
  candidates.forEach((c, k) => {
    if ((c.pop >= 10_000 || k < 15) && chosen.size < 300) chosen.add(c.i);
  });
  const largestOfEpci = new Map<string, number>();
  for (const c of candidates)
    if (epci[c.i] && !largestOfEpci.has(epci[c.i])) largestOfEpci.set(epci[c.i], c.i);
  for (const i of largestOfEpci.values()) chosen.add(i);
  const features = [...chosen]
    .sort((a, b) => (population[b] ?? 0) - (population[a] ?? 0))
    .map((i) => {
      const point = pointOnFeature({
        type: 'Feature',
        geometry: geometry(i) as AreaGeometry,
        properties: {},
      });
      const [x, y] = point.geometry.coordinates;
      return {
        type: 'Feature' as const,
        geometry: {
          type: 'Point' as const,
          coordinates: [Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5],
        },
        properties: { code: codes[i], name: rows[i].name, population: population[i] },
      };
    });
  return { type: 'FeatureCollection', features };
}
