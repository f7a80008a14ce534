import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { decodeText } from '../lib/decodeText.ts';
import { DataError } from './DataError.ts';

export type PolygonFeature = Feature<Polygon | MultiPolygon, { code: string; name: string }>;

/**
 * Reads a GeoJSON FeatureCollection of polygons (plain or already gunzipped bytes) and checks
 * what the build relies on: Polygon/MultiPolygon geometries, closed rings of at least 4
 * positions, WGS84 longitudes/latitudes, and a `code` property (`nom`/`name`/`NOM` for names).
 * Errors say which feature, which property and what to do.
 */
export function readPolygons(bytes: Uint8Array, file: string): PolygonFeature[] {
  const { text } = decodeText(bytes, file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    let line: number | undefined;
    let column: number | undefined;
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      line = before.split('\n').length;
      column = offset - before.lastIndexOf('\n');
    } else if (/end of (JSON|data) input/i.test(message)) {
      line = text.split('\n').length;
    }
    throw new DataError(
      'INVALID_GEOJSON',
      {
        fr: `JSON invalide (${message}) : fichier tronqué ou modifié à la main ?`,
        en: `Invalid JSON (${message}): a truncated or hand-edited file?`,
        hintFr:
          'Reprenez le fichier d’origine (IGN Admin Express ou contours administratifs Etalab) en entier.',
        hintEn:
          'Take the original file (IGN Admin Express or Etalab contours administratifs) again, in full.',
      },
      { file, line, column },
    );
  }
  const collection = data as { type?: unknown; features?: unknown };
  // A lone Feature is valid GeoJSON too (IGN's département outline comes that way).
  if (collection?.type === 'Feature') return [checkFeature(collection, 0, file)];
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw invalid(
      file,
      'Le fichier n’est pas une FeatureCollection GeoJSON.',
      'The file is not a GeoJSON FeatureCollection.',
      {},
    );
  }
  return collection.features.map((raw, index) => checkFeature(raw, index, file));
}

function checkFeature(raw: unknown, index: number, file: string): PolygonFeature {
  const feature = raw as Feature;
  const where = { field: `features[${index}]` };
  if (feature?.type !== 'Feature' || !feature.geometry) {
    throw invalid(file, 'Entité sans géométrie.', 'Feature without a geometry.', where);
  }
  const props = (feature.properties ?? {}) as Record<string, unknown>;
  const rawCode = props.code ?? props.INSEE_COM ?? props.insee ?? props.CODE;
  if (rawCode === undefined || rawCode === null || rawCode === '') {
    throw invalid(
      file,
      'Entité sans propriété « code » (code INSEE).',
      'Feature without a "code" property (INSEE code).',
      { field: `features[${index}].properties.code` },
    );
  }
  const code = String(rawCode);
  const name = String(props.nom ?? props.name ?? props.NOM ?? props.NOM_COM ?? code);
  const geometry = feature.geometry;
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    throw invalid(
      file,
      `Géométrie de type ${geometry.type} pour ${code} : un polygone est attendu.`,
      `Geometry of type ${geometry.type} for ${code}: a polygon is expected.`,
      { field: `features[${index}].geometry.type`, value: String(geometry.type) },
    );
  }
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0) {
    throw invalid(file, `Géométrie vide pour ${code}.`, `Empty geometry for ${code}.`, {
      field: `features[${index}].geometry.coordinates`,
    });
  }
  polygons.forEach((rings, p) => {
    if (!Array.isArray(rings) || rings.length === 0) {
      throw invalid(file, `Polygone vide pour ${code}.`, `Empty polygon for ${code}.`, {
        field: `features[${index}].geometry.coordinates[${p}]`,
      });
    }
    const prefix = `features[${index}].geometry.coordinates${geometry.type === 'Polygon' ? '' : `[${p}]`}`;
    rings.forEach((ring: Position[], r: number) => {
      checkRing(ring, file, code, `${prefix}[${r}]`);
    });
  });
  return { type: 'Feature', geometry, properties: { code, name } };
}

function checkRing(ring: Position[], file: string, code: string, field: string): void {
  if (!Array.isArray(ring) || ring.length < 4) {
    throw invalid(
      file,
      `Anneau de moins de 4 positions pour ${code}.`,
      `Ring of fewer than 4 positions for ${code}.`,
      { field },
    );
  }
  for (const position of ring) {
    // Indexed, not destructured: this runs for each of France's 2 million positions.
    const x = Array.isArray(position) ? position[0] : undefined;
    const y = Array.isArray(position) ? position[1] : undefined;
    if (
      typeof x !== 'number' ||
      typeof y !== 'number' ||
      !Number.isFinite(x) ||
      !Number.isFinite(y) ||
      Math.abs(x) > 180 ||
      Math.abs(y) > 90
    ) {
      throw invalid(
        file,
        `Coordonnée invalide pour ${code} (attendu : longitude, latitude en degrés WGS84).`,
        `Invalid coordinate for ${code} (expected: longitude, latitude in WGS84 degrees).`,
        { field, value: JSON.stringify(position) },
      );
    }
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    throw invalid(file, `Anneau non fermé pour ${code}.`, `Unclosed ring for ${code}.`, { field });
  }
}

function invalid(file: string, fr: string, en: string, where: { field?: string; value?: string }): DataError {
  return new DataError(
    'INVALID_GEOJSON',
    {
      fr,
      en,
      hintFr:
        'Donnez des polygones GeoJSON en WGS84 (EPSG:4326) avec le code INSEE de chaque commune dans la propriété « code » (export IGN Admin Express ou contours Etalab).',
      hintEn:
        'Give GeoJSON polygons in WGS84 (EPSG:4326) with each commune\'s INSEE code in the "code" property (IGN Admin Express or Etalab contours).',
    },
    { file, ...where },
  );
}
