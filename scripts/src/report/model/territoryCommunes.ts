import type { ScoreResult, Vintage } from '@ptce/engine';

/**
 * Rows (indices into `vintage.communes`) of the communes that make up a territory of the result's
 * level: the commune itself at level `commune`, the commune members of a user group at level
 * `groups`, and the communes whose zoning column holds `code` otherwise. Outside-scope members
 * are kept: the vintage carries them so that the territory's totals are complete.
 *
 * Complexity: O(communes) per call.
 */
export function territoryCommunes(vintage: Vintage, result: ScoreResult, code: string): number[] {
  const { communes } = vintage;
  const level = result.level.id;
  if (level === 'commune') {
    const row = communes.index.get(code);
    return row === undefined ? [] : [row];
  }
  if (level === 'groups') {
    const group = result.config.groups.find((g) => g.id === code);
    return (group?.members ?? [])
      .map((c) => communes.index.get(c))
      .filter((r): r is number => r !== undefined);
  }
  const column = communes.zonings[level];
  if (!column) return [];
  const rows: number[] = [];
  for (let i = 0; i < column.length; i++) if (column[i] === code) rows.push(i);
  return rows;
}

/** Rows of the communes in the vintage's scope: the département the report compares with. */
export function scopeCommunes(vintage: Vintage): number[] {
  const rows: number[] = [];
  for (let i = 0; i < vintage.communes.inScope.length; i++)
    if (vintage.communes.inScope[i] === 1) rows.push(i);
  return rows;
}
