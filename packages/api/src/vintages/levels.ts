import type { ZoningLevel } from '@ptce/engine';
import { ApiError } from '../errors.ts';
import type { LoadedVintage } from './registry.ts';

/** Level ids are short lower-case words (`commune`, `epci`, `ze2020`). */
export const LEVEL_PATTERN = '^[a-z][a-z0-9]{0,31}$';

/** The levels of a vintage: `commune`, then its zonings in file order. */
export function levelIds(loaded: LoadedVintage): string[] {
  return ['commune', ...loaded.vintage.zonings.map((z) => z.id)];
}

/**
 * The zoning level `level` of the vintage, or `null` for `commune`.
 * @throws {ApiError} 404 `UNKNOWN_LEVEL`, listing the levels the vintage has.
 */
export function findLevel(loaded: LoadedVintage, level: string): ZoningLevel | null {
  if (level === 'commune') return null;
  const found = loaded.vintage.zonings.find((z) => z.id === level);
  if (!found) {
    throw new ApiError(
      404,
      'UNKNOWN_LEVEL',
      `Niveau « ${level} » inconnu dans le millésime ${loaded.id}. Niveaux disponibles : ${levelIds(loaded).join(', ')}.`,
      { level, available: levelIds(loaded) },
    );
  }
  return found;
}

/** Path of the level's GeoJSON inside the vintage folder. @throws {ApiError} 404 `UNKNOWN_LEVEL`. */
export function levelGeometry(loaded: LoadedVintage, level: string): string {
  const zoning = findLevel(loaded, level);
  if (zoning) return zoning.geometry;
  return loaded.vintage.manifest.levels.find((l) => l.id === 'commune')?.geometry ?? 'geo/commune.geojson';
}
