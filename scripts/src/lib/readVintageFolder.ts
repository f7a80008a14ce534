import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeVintage, type Vintage } from '@ptce/engine';
import { DataError } from '../data/DataError.ts';
import type { GeometryInput } from '../report/types.ts';

function readJson<T>(dir: string, file: string): T {
  const path = join(dir, file);
  if (!existsSync(path)) {
    throw new DataError(
      'VINTAGE_FILE_MISSING',
      {
        fr: `Fichier absent du millésime : ${file}.`,
        en: `File missing from the vintage: ${file}.`,
        hintFr: 'Reconstruisez le millésime avec « pnpm ptce data build ».',
        hintEn: 'Rebuild the vintage with "pnpm ptce data build".',
      },
      { file: path },
    );
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new DataError(
      'VINTAGE_FILE_INVALID',
      {
        fr: `Fichier illisible dans le millésime : ${file} (${(error as Error).message}).`,
        en: `Unreadable file in the vintage: ${file} (${(error as Error).message}).`,
        hintFr: 'Reconstruisez le millésime avec « pnpm ptce data build ».',
        hintEn: 'Rebuild the vintage with "pnpm ptce data build".',
      },
      { file: path },
    );
  }
}

/** Reads and decodes a vintage folder (manifest, variables, communes, zonings). */
export function readVintageFolder(dir: string): Vintage {
  return decodeVintage({
    manifest: readJson(dir, 'manifest.json'),
    variables: readJson(dir, 'variables.json'),
    communes: readJson(dir, 'communes.json'),
    zonings: readJson(dir, 'zonings.json'),
  });
}

/** The report's map layers from a vintage folder: `geo/<level>.geojson` and `geo/context.geojson` when present. */
export function readReportGeometry(dir: string, level: string): GeometryInput {
  const context = join(dir, 'geo', 'context.geojson');
  return {
    territories: readJson(dir, join('geo', `${level}.geojson`)),
    ...(existsSync(context) ? { context: readJson(dir, join('geo', 'context.geojson')) } : {}),
  };
}
