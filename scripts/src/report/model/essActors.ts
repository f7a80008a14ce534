import type { Vintage } from '@ptce/engine';
import type { EssActors } from '../types.ts';
import { tryAggregate } from './aggregateFigure.ts';

const FAMILIES: [string, string][] = [
  ['ESS_ETAB_ASSO', 'Associations'],
  ['ESS_ETAB_COOP', 'Coopératives'],
  ['ESS_ETAB_MUT', 'Mutuelles'],
  ['ESS_ETAB_FOND', 'Fondations'],
];

/** The ESS actors of a territory: establishments by family, employees, creations over 5 years (sums). */
export function essActors(vintage: Vintage, rows: readonly number[]): EssActors {
  let synthetic = false;
  const sum = (variable: string): number | null => {
    const f = tryAggregate(vintage, rows, { kind: 'sum', variable });
    if (!f) return null;
    if (f.variables.some((v) => v.synthetic)) synthetic = true;
    return Number.isFinite(f.value) ? f.value : null;
  };
  return {
    establishments: sum('ESS_ETAB'),
    employees: sum('ESS_SAL'),
    families: FAMILIES.map(([variable, label]) => ({ label, value: sum(variable) })),
    createdLast5Years: sum('ESS_CREA'),
    synthetic,
  };
}
