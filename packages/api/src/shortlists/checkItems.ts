import { ApiError } from '../errors.ts';
import type { ShortlistItem } from '../store/types.ts';
import { findLevel } from '../vintages/levels.ts';
import type { LoadedVintage } from '../vintages/registry.ts';

/**
 * Checks a shortlist against its vintage: the level exists; territories exist at that level;
 * a candidate zone lists its members, which exist at that level; codes and ranks are unique.
 * All problems are reported at once, each with its place (`items[2].members[0]`).
 * @throws {ApiError} 400 `INVALID_SHORTLIST`.
 */
export function checkItems(loaded: LoadedVintage, level: string, items: ShortlistItem[]): void {
  let exists: (code: string) => boolean;
  try {
    const zoning = findLevel(loaded, level);
    const units = zoning ? loaded.units.get(level)! : null;
    exists = units ? (code) => units.has(code) : (code) => loaded.vintage.communes.index.has(code);
  } catch (error) {
    if (error instanceof ApiError) {
      throw new ApiError(400, 'INVALID_SHORTLIST', `level : ${error.message}`, {
        issues: [{ path: 'level', message: error.message }],
      });
    }
    throw error;
  }
  const issues: { path: string; message: string }[] = [];
  const codes = new Set<string>();
  const ranks = new Set<number>();
  items.forEach((item, i) => {
    const at = `items[${i}]`;
    if (codes.has(item.code)) issues.push({ path: `${at}.code`, message: `code ${item.code} en double` });
    codes.add(item.code);
    if (ranks.has(item.rank)) issues.push({ path: `${at}.rank`, message: `rang ${item.rank} en double` });
    ranks.add(item.rank);
    if (item.kind === 'territory') {
      if (!exists(item.code)) {
        issues.push({
          path: `${at}.code`,
          message: `aucun territoire ${item.code} au niveau ${level} de ${loaded.id}`,
        });
      }
      if (item.members !== undefined) {
        issues.push({
          path: `${at}.members`,
          message: 'réservé aux zones candidates (kind: zone) : retirez-le',
        });
      }
    } else if (item.members === undefined) {
      issues.push({ path: `${at}.members`, message: 'une zone candidate doit lister ses territoires' });
    } else {
      item.members.forEach((code, j) => {
        if (!exists(code)) {
          issues.push({
            path: `${at}.members[${j}]`,
            message: `aucun territoire ${code} au niveau ${level}`,
          });
        }
      });
    }
  });
  if (issues.length > 0) {
    const shown = issues.slice(0, 5).map((x) => `${x.path} : ${x.message}`);
    throw new ApiError(
      400,
      'INVALID_SHORTLIST',
      `Liste restreinte invalide — ${shown.join(' ; ')}${issues.length > 5 ? ` (et ${issues.length - 5} autres)` : ''}.`,
      { issues },
    );
  }
}
