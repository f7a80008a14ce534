/** Real public data for the spatial tests and benches (read-only; never copied into the repository). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Feature, FeatureCollection } from 'geojson';
import { polygonMeasures } from '../../../src/spatial/geometry/polygonMeasures.ts';
import { contiguityWeights } from '../../../src/spatial/weights/contiguityWeights.ts';
import type { ZoneInputs } from '../../../src/spatial/zones/zoneProblem.ts';
import type { CommunesFile } from '../../../src/vintage/types.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = join(here, '..', '..', '..', '..', '..');
export const RAW_GEO = join(REPO_ROOT, '..', 'shared', 'datasets', 'raw', 'geo');
export const BAS_RHIN_POLYGONS = join(RAW_GEO, 'bas-rhin', 'communes-67-bas-rhin.geojson');
export const FRANCE_DIR = join(RAW_GEO, 'france');
export const VINTAGE_DIR = join(REPO_ROOT, 'datasets', 'build', 'bas-rhin-2021');

/** The 516 COG-2018 commune polygons of the Bas-Rhin, in file order. */
export function basRhinFeatures(): Feature[] {
  return (JSON.parse(readFileSync(BAS_RHIN_POLYGONS, 'utf8')) as FeatureCollection).features;
}

/** Every commune polygon of France (about 35,000), départements in file-name order. */
export function franceFeatures(): Feature[] {
  const files = readdirSync(FRANCE_DIR)
    .filter((f) => f.startsWith('communes-') && f.endsWith('.geojson.gz'))
    .sort();
  const features: Feature[] = [];
  for (const file of files) {
    const collection = JSON.parse(
      gunzipSync(readFileSync(join(FRANCE_DIR, file))).toString('utf8'),
    ) as FeatureCollection;
    for (const feature of collection.features) features.push(feature);
  }
  return features;
}

export interface VintageForZones {
  communes: CommunesFile;
  /** Polygons in the order of `communes.codes`. */
  features: Feature[];
  population: Float64Array;
}

/** Why the vintage-based tests are skipped, or '' when the built vintage is there. */
export const VINTAGE_MISSING = existsSync(join(VINTAGE_DIR, 'communes.json'))
  ? ''
  : `built vintage absent (${VINTAGE_DIR}): run \`pnpm ptce data build\` to enable these tests`;

/** The built Bas-Rhin vintage: communes.json and geo/commune.geojson aligned by code. */
export function basRhinVintage(): VintageForZones {
  const communes = JSON.parse(readFileSync(join(VINTAGE_DIR, 'communes.json'), 'utf8')) as CommunesFile;
  const geo = JSON.parse(
    readFileSync(join(VINTAGE_DIR, 'geo', 'commune.geojson'), 'utf8'),
  ) as FeatureCollection;
  const byCode = new Map(geo.features.map((f) => [String(f.properties?.code), f]));
  const features = communes.codes.map((code) => {
    const feature = byCode.get(code);
    if (!feature) throw new Error(`commune ${code} has no polygon in geo/commune.geojson`);
    return feature;
  });
  const population = Float64Array.from(communes.columns['POP@2018']!, (v) => (v === null ? Number.NaN : v));
  return { communes, features, population };
}

export const COMPARATEUR_CSV = join(
  REPO_ROOT,
  '..',
  'shared',
  'datasets',
  'raw',
  'insee',
  'base_cc_comparateur.csv',
);

/**
 * Columns of the INSEE comparateur (COG 2021) for the given commune codes, NaN where the cell is
 * empty or the code is absent (the 2018 polygons have two codes merged since).
 */
export function comparateurColumns(
  codes: readonly string[],
  columns: readonly string[],
): Record<string, Float64Array> {
  const lines = readFileSync(COMPARATEUR_CSV, 'utf8').split(/\r?\n/);
  const header = lines[0]!.split(';');
  const position = columns.map((c) => header.indexOf(c));
  const wanted = new Map(codes.map((code, i) => [code, i]));
  const out = Object.fromEntries(columns.map((c) => [c, new Float64Array(codes.length).fill(Number.NaN)]));
  for (const line of lines.slice(1)) {
    const cells = line.split(';');
    const row = wanted.get(cells[0]!);
    if (row === undefined) continue;
    columns.forEach((c, k) => {
      const cell = cells[position[k]!];
      if (cell !== undefined && cell !== '') out[c]![row] = Number(cell);
    });
  }
  return out;
}

/**
 * Candidate-zone inputs on the built vintage: every commune (514 in scope + the outside members
 * of cross-border EPCIs), score = establishments per 1,000 inhabitants (INSEE, ETTOT@2018), queen
 * weights with border lengths; `outside` lists the communes out of scope, to exclude.
 */
export function basRhinZoneInputs() {
  const vintage = basRhinVintage();
  const { communes, features, population } = vintage;
  const establishments = communes.columns['ETTOT@2018']!;
  const scores = Float64Array.from(population, (p, i) =>
    establishments[i] === null ? Number.NaN : (1000 * establishments[i]!) / p,
  );
  const weights = contiguityWeights(features, { borderLengths: true });
  const inputs: ZoneInputs = {
    scores,
    population,
    weights,
    epci: communes.zonings.epci!,
    names: communes.names,
    geometry: polygonMeasures(features),
  };
  const outside = communes.inScope.flatMap((s, i) => (s ? [] : [i]));
  return { ...vintage, inputs, outside };
}
