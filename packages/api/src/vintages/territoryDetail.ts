import { ApiError } from '../errors.ts';
import { aggregateMembers } from './aggregateMembers.ts';
import { findLevel } from './levels.ts';
import type { LoadedVintage } from './registry.ts';

/** Territory codes: INSEE codes and zoning codes (`67482`, `2A004`, `200068120`, `ZE4207`). */
export const TERRITORY_CODE_PATTERN = '^[0-9A-Za-z_-]{1,20}$';

export interface TerritoryVariable {
  id: string;
  stem: string;
  year: number | null;
  label: string;
  unit: string;
  aggregation: 'sum' | 'weightedMean';
  /** `null` when missing (see aggregateMembers for the rule). */
  value: number | null;
  missingMembers: number;
  estimate: boolean;
  /** Share of the members' weight behind a weighted mean (0..1); `null` when not computable. */
  coverage: number | null;
  synthetic: boolean;
}

export interface TerritoryDetail {
  vintageId: string;
  level: string;
  code: string;
  name: string;
  /** Legal nature of an EPCI (`CC`, `CA`, `CU`, `ME`), when known. */
  nature: string | null;
  /** False when some member communes of France are missing from the vintage (totals incomplete). */
  complete: boolean;
  /** Member communes in France (INSEE), when known; 1 for a commune. */
  membersTotal: number | null;
  members: { code: string; name: string; inScope: boolean }[];
  /** For a commune: the unit it belongs to at each zoning level. */
  memberships: { level: string; code: string; name: string }[];
  variables: TerritoryVariable[];
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * One territory: its members, the zoning units it belongs to (for a commune) and every raw
 * variable of the vintage combined over its members.
 * @throws {ApiError} 404 `UNKNOWN_LEVEL`, `UNKNOWN_TERRITORY`.
 */
export function territoryDetail(loaded: LoadedVintage, level: string, code: string): TerritoryDetail {
  const { vintage } = loaded;
  const zoning = findLevel(loaded, level);
  const rows = zoning ? loaded.members.get(level)?.get(code) : [vintage.communes.index.get(code)];
  const unit = zoning ? loaded.units.get(level)?.get(code) : undefined;
  if (!rows || rows[0] === undefined || (zoning && !unit)) {
    throw new ApiError(
      404,
      'UNKNOWN_TERRITORY',
      `Aucun territoire de code « ${code} » au niveau ${level} dans le millésime ${loaded.id}.`,
      { level, code },
    );
  }
  const members = (rows as number[]).map((row) => ({
    code: vintage.communes.codes[row]!,
    name: vintage.communes.names[row]!,
    inScope: vintage.communes.inScope[row] === 1,
  }));
  const memberships = zoning
    ? []
    : vintage.zonings.flatMap((z) => {
        const unitCode = vintage.communes.zonings[z.id]?.[rows[0]!] ?? '';
        if (unitCode === '') return [];
        return [{ level: z.id, code: unitCode, name: loaded.units.get(z.id)?.get(unitCode)?.name ?? '' }];
      });
  return {
    vintageId: loaded.id,
    level,
    code,
    name: unit?.name ?? members[0]!.name,
    nature: unit?.nature ?? null,
    complete: unit ? unit.complete : true,
    membersTotal: unit ? unit.membersTotal : 1,
    members,
    memberships,
    variables: vintage.variables.map((variable) => {
      const aggregated = aggregateMembers(vintage, variable, rows as number[]);
      return {
        id: variable.id,
        stem: variable.stem,
        year: variable.year,
        label: variable.label,
        unit: variable.unit,
        aggregation: variable.aggregation,
        value: finite(aggregated.value),
        missingMembers: aggregated.missingMembers,
        estimate: aggregated.estimate,
        coverage: finite(aggregated.coverage),
        synthetic: variable.synthetic,
      };
    }),
  };
}
