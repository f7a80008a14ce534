import type { StyleSpecification } from 'maplibre-gl';
import { MISSING_COLOR } from '../lib/color/palettes.ts';

/** Source ids: the choropleth units (current level), commune and EPCI outlines, département context. */
export const SOURCES = { units: 'units', communes: 'communes', epci: 'epci', context: 'context' } as const;

/** Layer ids the map component drives. */
export const LAYERS = {
  background: 'background',
  neighbours: 'context-neighbours-fill',
  fill: 'units-fill',
  missing: 'units-missing-hatch',
  estimated: 'units-estimated-dots',
  communeLines: 'communes-line',
  unitLines: 'units-line',
  epciLines: 'epci-line',
  depNeighbours: 'context-neighbours-line',
  depLine: 'context-departement-line',
  zones: 'zones-line',
  hover: 'units-hover',
  selected: 'units-selected',
} as const;

/** Fill of land outside the vintage's scope (neighbouring départements, outside members of an EPCI). */
export const OUTSIDE_COLOR = '#e2e5ea';

/** Names of the pattern images the map component adds at load (drawn in code, no sprite). */
export const PATTERNS = { hatch: 'hatch', dots: 'dots' } as const;

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/**
 * The whole map style, built in code and fully offline: no tiles, no glyphs, no sprite, no
 * URL at all. Data arrive later through `setData` (GeoJSON fetched from the API), colours through
 * feature state (`color`, `missing`, `estimated`, `hover`, `selected`) so that a new scoring only
 * repaints: no re-tiling. Town names are HTML markers (see `places.ts`), since symbol layers
 * would need glyphs.
 */
export function buildStyle(): StyleSpecification {
  const geojson = { type: 'geojson' as const, data: EMPTY, promoteId: 'code' };
  return {
    version: 8,
    name: 'PTCE hors ligne',
    sources: {
      [SOURCES.units]: { ...geojson },
      [SOURCES.communes]: { ...geojson },
      [SOURCES.epci]: { ...geojson },
      [SOURCES.context]: { ...geojson },
    },
    layers: [
      { id: LAYERS.background, type: 'background', paint: { 'background-color': '#f2f4f7' } },
      {
        id: LAYERS.neighbours,
        type: 'fill',
        source: SOURCES.context,
        filter: ['!', ['to-boolean', ['get', 'inScope']]],
        paint: { 'fill-color': OUTSIDE_COLOR },
      },
      {
        id: LAYERS.fill,
        type: 'fill',
        source: SOURCES.units,
        paint: {
          'fill-color': ['to-color', ['coalesce', ['feature-state', 'color'], MISSING_COLOR]],
          'fill-opacity': 0.92,
        },
      },
      {
        id: LAYERS.missing,
        type: 'fill',
        source: SOURCES.units,
        paint: {
          'fill-pattern': PATTERNS.hatch,
          'fill-opacity': ['case', ['boolean', ['feature-state', 'missing'], false], 1, 0],
        },
      },
      {
        id: LAYERS.estimated,
        type: 'fill',
        source: SOURCES.units,
        paint: {
          'fill-pattern': PATTERNS.dots,
          'fill-opacity': ['case', ['boolean', ['feature-state', 'estimated'], false], 0.9, 0],
        },
      },
      {
        id: LAYERS.communeLines,
        type: 'line',
        source: SOURCES.communes,
        paint: {
          'line-color': '#ffffff',
          'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.15, 11, 0.8],
        },
      },
      {
        id: LAYERS.unitLines,
        type: 'line',
        source: SOURCES.units,
        paint: {
          'line-color': '#ffffff',
          'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.4, 11, 1.2],
        },
      },
      {
        id: LAYERS.epciLines,
        type: 'line',
        source: SOURCES.epci,
        paint: {
          'line-color': '#3d4451',
          'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.6, 11, 1.6],
        },
      },
      {
        id: LAYERS.depNeighbours,
        type: 'line',
        source: SOURCES.context,
        filter: ['!', ['to-boolean', ['get', 'inScope']]],
        paint: { 'line-color': '#8a919c', 'line-width': 1 },
      },
      {
        id: LAYERS.depLine,
        type: 'line',
        source: SOURCES.context,
        filter: ['to-boolean', ['get', 'inScope']],
        paint: { 'line-color': '#1b1f27', 'line-width': 2.2 },
      },
      {
        // Candidate PTCE zones: the outline of each member commune, coloured by the zone's rank.
        id: LAYERS.zones,
        type: 'line',
        source: SOURCES.communes,
        paint: {
          'line-color': ['to-color', ['coalesce', ['feature-state', 'zoneColor'], '#000000']],
          'line-width': 2.5,
          'line-opacity': ['case', ['>', ['coalesce', ['feature-state', 'zone'], 0], 0], 1, 0],
        },
      },
      {
        id: LAYERS.hover,
        type: 'line',
        source: SOURCES.units,
        paint: {
          'line-color': '#111111',
          'line-width': 2.5,
          'line-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 1, 0],
        },
      },
      {
        id: LAYERS.selected,
        type: 'line',
        source: SOURCES.units,
        paint: {
          'line-color': '#d6246e',
          'line-width': 3.5,
          'line-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 1, 0],
        },
      },
    ],
  };
}
