import type { Vintage } from '@ptce/engine';
import { formatNumber } from '../french.ts';
import type { FigureUnit, KeyFigure } from '../types.ts';
import { type AggregatedFigure, type FigureFormula, tryAggregate } from './aggregateFigure.ts';

interface FigureDefinition {
  id: string;
  label: string;
  unit: FigureUnit;
  formula: FigureFormula;
}

/** The figures a cabinet reader compares with the département, in reading order. */
export const KEY_FIGURES: readonly FigureDefinition[] = [
  { id: 'population', label: 'Population', unit: 'count', formula: { kind: 'sum', variable: 'POP' } },
  {
    id: 'populationChange',
    label: 'Évolution de la population',
    unit: 'percent',
    formula: { kind: 'change', current: 'POP', previous: 'POP@prev' },
  },
  {
    id: 'unemployment',
    label: 'Taux de chômage des 15-64 ans',
    unit: 'percent',
    formula: { kind: 'ratio', numerator: 'CHOM1564', denominator: 'ACT1564', scale: 100 },
  },
  {
    id: 'poverty',
    label: 'Taux de pauvreté (seuil de 60 %)',
    unit: 'percent',
    formula: { kind: 'weightedMean', variable: 'TP60' },
  },
  {
    id: 'medianIncome',
    label: 'Niveau de vie médian',
    unit: 'euro',
    formula: { kind: 'weightedMean', variable: 'MED' },
  },
  {
    id: 'jobs',
    label: 'Emplois au lieu de travail',
    unit: 'count',
    formula: { kind: 'sum', variable: 'EMPLT' },
  },
  {
    id: 'establishmentDensity',
    label: 'Établissements pour 1 000 habitants',
    unit: 'points',
    formula: { kind: 'ratio', numerator: 'ETTOT', denominator: 'POP', scale: 1000 },
  },
  {
    id: 'essEstablishments',
    label: 'Établissements de l’ESS',
    unit: 'count',
    formula: { kind: 'sum', variable: 'ESS_ETAB' },
  },
  {
    id: 'essEmployees',
    label: 'Salariés de l’ESS',
    unit: 'count',
    formula: { kind: 'sum', variable: 'ESS_SAL' },
  },
  {
    id: 'essDensity',
    label: 'Établissements de l’ESS pour 1 000 habitants',
    unit: 'points',
    formula: { kind: 'ratio', numerator: 'ESS_ETAB', denominator: 'POP', scale: 1000 },
  },
  {
    id: 'essShare',
    label: 'Part de l’ESS dans l’emploi salarié',
    unit: 'percent',
    formula: { kind: 'ratio', numerator: 'ESS_SAL', denominator: 'EMPLT_SAL', scale: 100 },
  },
];

/** Stems whose empty cells are withheld by INSEE (secret statistique), not merely unavailable. */
const WITHHELD_STEMS = new Set(['MED', 'TP60', 'PIMP', 'NBMENFISC']);

/** `2013-2018` for a change figure, so the reader knows the period. */
function periodOf(figure: AggregatedFigure, formula: FigureFormula): string {
  if (formula.kind !== 'change') return '';
  const [current, previous] = figure.variables;
  return current?.year && previous?.year ? ` (${previous.year}-${current.year})` : '';
}

function noteOf(figure: AggregatedFigure): string | null {
  if (figure.missingMembers === 0) return null;
  const withheld = figure.variables.some((v) => WITHHELD_STEMS.has(v.stem));
  const what = withheld ? 'non diffusé par l’Insee (secret statistique)' : 'manquant';
  const share = formatNumber(figure.coverage * 100, 0);
  return `${what} pour ${formatNumber(figure.missingMembers)} commune${figure.missingMembers > 1 ? 's' : ''} sur ${formatNumber(figure.members)} ; valeur calculée sur ${share} % de la population`;
}

/**
 * The key figures of a territory (its commune rows) next to the département's (the rows in the
 * vintage's scope). Figures whose variables the vintage lacks are left out rather than shown
 * empty.
 */
export function keyFigures(
  vintage: Vintage,
  rows: readonly number[],
  referenceRows: readonly number[],
): KeyFigure[] {
  const figures: KeyFigure[] = [];
  for (const def of KEY_FIGURES) {
    const own = tryAggregate(vintage, rows, def.formula);
    const ref = tryAggregate(vintage, referenceRows, def.formula);
    if (!own || !ref) continue;
    figures.push({
      id: def.id,
      label: def.label + periodOf(own, def.formula),
      unit: def.unit,
      value: Number.isFinite(own.value) ? own.value : null,
      reference: Number.isFinite(ref.value) ? ref.value : null,
      estimated: own.estimated,
      coverage: own.coverage,
      note: Number.isFinite(own.value) ? noteOf(own) : 'aucune commune du territoire n’a cette donnée',
    });
  }
  return figures;
}
