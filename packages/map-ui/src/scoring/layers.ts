import type { ScoreView } from './scoreView.ts';

export type LayerKind = 'composite' | 'pillar' | 'dimension' | 'indicator' | 'variable' | 'lisa';

export interface LayerInfo {
  id: string;
  kind: LayerKind;
  label: string;
  unit: string;
  /** For indicators: +1 when a higher value argues for a PTCE, −1 when a lower one does. */
  direction: 1 | -1;
  synthetic: boolean;
  /** Group label in the picker. */
  group: string;
}

/** Every layer a run offers, in the order of the picker. */
export function listLayers(view: ScoreView): LayerInfo[] {
  const score = (id: string, kind: LayerKind, label: string): LayerInfo => ({
    id,
    kind,
    label,
    unit: 'score',
    direction: 1,
    synthetic: view.synthetic,
    group: 'Scores',
  });
  return [
    score('composite', 'composite', 'Score composite PTCE'),
    score('need', 'pillar', 'Besoins'),
    score('potential', 'pillar', 'Potentiel'),
    ...view.dimensions.map((d) => ({
      ...score(`dim:${d.id}`, 'dimension', d.label),
      synthetic: view.indicators.some((i) => i.dimension === d.id && i.synthetic),
      group: 'Dimensions',
    })),
    ...view.indicators.map((i) => ({
      id: `ind:${i.id}`,
      kind: 'indicator' as const,
      label: i.label,
      unit: i.unit,
      direction: i.direction,
      synthetic: i.synthetic,
      group: `Indicateurs : ${view.dimensions.find((d) => d.id === i.dimension)?.label ?? i.dimension}`,
    })),
    ...view.variables.map((v) => ({
      id: `var:${v.id}`,
      kind: 'variable' as const,
      label: v.label,
      unit: v.unit,
      direction: 1 as const,
      synthetic: v.synthetic,
      group: 'Variables brutes (INSEE, ESS)',
    })),
  ];
}

/**
 * The values and caveat flags of one layer, aligned with `view.codes`; `undefined` when the run
 * has no such layer (an old link naming a removed indicator).
 */
export function layerValues(
  view: ScoreView,
  layerId: string,
): { values: Float64Array; flags: Uint8Array | null } | undefined {
  if (layerId === 'composite') return { values: view.score, flags: null };
  if (layerId === 'need') return { values: view.need, flags: null };
  if (layerId === 'potential') return { values: view.potential, flags: null };
  const [kind, id] = [layerId.slice(0, 4), layerId.slice(4)];
  if (kind === 'dim:' && view.dimensionScores[id]) return { values: view.dimensionScores[id], flags: null };
  if (kind === 'ind:' && view.indicatorValues[id]) {
    return { values: view.indicatorValues[id], flags: view.indicatorFlags[id] ?? null };
  }
  if (kind === 'var:' && view.variableValues[id]) {
    return { values: view.variableValues[id], flags: view.variableFlags[id] ?? null };
  }
  return undefined;
}
