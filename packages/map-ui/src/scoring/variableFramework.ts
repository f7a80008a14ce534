import type { Framework, VariablesFile } from '@ptce/engine';
import type { VariableSummary } from './scoreView.ts';

/**
 * The vintage's latest variables as a display-only framework (one `variable` or `weightedMean`
 * indicator per variable), so that the engine's `buildIndicatorMatrix` aggregates raw variables
 * to any level with the same rules as the indicators (sums; weighted means flagged as estimates).
 */
export function variableFramework(summaries: VariableSummary[]): Framework {
  return {
    id: 'ui-raw-variables',
    version: '1',
    label: 'Variables brutes',
    labelEn: 'Raw variables',
    pillars: { need: 1, potential: 1 },
    dimensions: [{ id: 'raw', label: 'Variables', labelEn: 'Variables', pillar: 'need', weight: 1 }],
    indicators: summaries.map((v) => ({
      id: v.id,
      label: v.label,
      labelEn: v.label,
      dimension: 'raw',
      direction: 1 as const,
      weight: 0,
      unit: v.unit,
      formula:
        v.aggregation === 'weightedMean'
          ? { kind: 'weightedMean' as const, variable: v.id }
          : { kind: 'variable' as const, variable: v.id },
      rationale: '',
    })),
  };
}

/** The variables offered as map layers: the latest year of each stem (the aliases' targets). */
export function latestVariables(file: Pick<VariablesFile, 'variables' | 'aliases'>): VariableSummary[] {
  const latest = new Set(Object.values(file.aliases.latest));
  return file.variables
    .filter((v) => latest.has(v.id) || v.year === null)
    .map((v) => ({
      id: v.id,
      stem: v.stem,
      label: readableLabel(v.labelLong || v.label),
      unit: v.unit,
      synthetic: v.synthetic,
      aggregation: v.aggregation,
    }));
}

/**
 * INSEE's long label without its "Nombre de" opening ("Nombre d'emplois au lieu de travail en
 * 2018" -> "Emplois au lieu de travail en 2018"): the short labels abbreviate ("Emplois au LT").
 */
export function readableLabel(label: string): string {
  const rest = label.replace(/^Nombre (de |d['’])/i, '');
  return rest === label ? label : rest.charAt(0).toUpperCase() + rest.slice(1);
}
