import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Vintage, VintageManifest } from '@ptce/engine';
import { DataError } from '../data/DataError.ts';
import { readReportGeometry, readVintageFolder } from './readVintageFolder.ts';
import { repoRoot } from './repoRoot.ts';

/** Where vintages live: --vintages DIR, then $PTCE_VINTAGES_DIR, then <repo>/datasets/build. */
export function vintagesDir(option?: string): string {
  return option ?? process.env.PTCE_VINTAGES_DIR ?? join(repoRoot(), 'datasets', 'build');
}

export const DEFAULT_VINTAGE = process.env.PTCE_DEFAULT_VINTAGE ?? 'bas-rhin-2021';

/** The manifests of the vintages found in a folder, newest first. */
export function listVintages(dir: string): VintageManifest[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter(
      (e) => e.isDirectory() && !e.name.startsWith('.') && existsSync(join(dir, e.name, 'manifest.json')),
    )
    .map((e) => JSON.parse(readFileSync(join(dir, e.name, 'manifest.json'), 'utf8')) as VintageManifest)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function missingVintage(id: string, dir: string): DataError {
  const known = listVintages(dir).map((m) => m.id);
  return new DataError(
    'UNKNOWN_VINTAGE',
    {
      fr: `Millésime « ${id} » introuvable dans ${dir}${known.length ? ` (disponibles : ${known.join(', ')})` : ' (aucun millésime construit)'}.`,
      en: `Vintage "${id}" not found in ${dir}${known.length ? ` (available: ${known.join(', ')})` : ' (no vintage built)'}.`,
      hintFr: 'Construisez-le avec `pnpm ptce data build` (voir --help), ou nommez un millésime existant.',
      hintEn: 'Build it with `pnpm ptce data build` (see --help), or name an existing vintage.',
    },
    { value: id },
  );
}

/** Reads and decodes a vintage folder (the engine's in-memory form). */
export function loadVintage(id: string, dir: string): Vintage {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id) || !existsSync(join(dir, id, 'manifest.json')))
    throw missingVintage(id, dir);
  return readVintageFolder(join(dir, id));
}

/** A geometry file of a vintage (`geo/<level>.geojson`), parsed. */
export function loadVintageGeometry(id: string, dir: string, level: string): GeoJSON.FeatureCollection {
  if (!existsSync(join(dir, id, 'geo', `${level}.geojson`))) throw missingVintage(`${id}/geo/${level}`, dir);
  return readReportGeometry(join(dir, id), level).territories as GeoJSON.FeatureCollection;
}
