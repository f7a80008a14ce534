import type { DimensionSummary, IndicatorSummary, TerritoryResult } from '@ptce/engine';
import { formatNumber, lowerFirst } from '../french.ts';
import { compareWithReference } from './indicatorValue.ts';

/** Medians of need, potential and each dimension over the ranked territories of the level. */
export interface LevelMedians {
  need: number | null;
  potential: number | null;
  dimensions: Record<string, number | null>;
}

/** The part of a dimension label before « : » (`ESS et secteur marchand : densité…` -> `ESS et secteur marchand`). */
export function shortDimensionLabel(label: string): string {
  return label.split(/\s*:\s*/)[0]!;
}

function lead(t: TerritoryResult, medians: LevelMedians): string {
  const need = formatNumber(t.need, 1);
  const potential = formatNumber(t.potential, 1);
  const highNeed = t.need !== null && medians.need !== null && t.need > medians.need;
  const highPotential = t.potential !== null && medians.potential !== null && t.potential > medians.potential;
  if (highNeed && highPotential)
    return `Besoins et potentiel au-dessus de la médiane (${need} et ${potential} sur 100)`;
  if (highNeed) return `Des besoins marqués (${need} sur 100, médiane ${formatNumber(medians.need, 1)})`;
  if (highPotential)
    return `Un potentiel marqué (${potential} sur 100, médiane ${formatNumber(medians.potential, 1)})`;
  return `Besoins et potentiel sous la médiane (${need} et ${potential} sur 100)`;
}

/**
 * One sentence on why a shortlisted territory is recommended, generated from its explanation:
 * which pillar is above the level's median, the (up to two) dimensions that lift it most above
 * their median, and its strongest argument against the département's value.
 * @example « Des besoins marqués (87,6 sur 100, médiane 57,9) ; surtout risque de désertification (93,2) et précarité (82,0), en particulier part des logements vacants (12,0 % contre 7,8 % dans le département). »
 */
export function whySentence(
  t: TerritoryResult,
  dimensions: readonly DimensionSummary[],
  indicators: readonly IndicatorSummary[],
  medians: LevelMedians,
): string {
  if (t.rank === null) {
    return `Non classé par le score (${lowerFirst(t.setAside?.message ?? 'aucun score')}) : retenu sur l’avis des analystes.`;
  }
  const lifts = dimensions
    .map((d) => ({ d, value: t.dimensions[d.id] ?? null, median: medians.dimensions[d.id] ?? null }))
    .filter((x) => x.value !== null && x.d.effectiveWeight > 0)
    .map((x) => ({ ...x, lift: x.value! - (x.median ?? 0) }))
    .sort((a, b) => b.lift - a.lift);
  const lifting = lifts.filter((x) => x.lift > 0).slice(0, 2);
  const parts = [lead(t, medians)];
  if (lifting.length > 0) {
    const list = lifting.map(
      (x) => `${lowerFirst(shortDimensionLabel(x.d.label))} (${formatNumber(x.value, 1)})`,
    );
    parts.push(`surtout ${list.join(' et ')}`);
  }
  const strength = t.strengths[0];
  let tail = '';
  if (strength) {
    const unit = indicators.find((i) => i.id === strength.id)?.unit ?? '';
    tail = `, en particulier ${lowerFirst(strength.label)} (${compareWithReference(strength.value, strength.reference, unit, 'dans le département')})`;
  }
  return `${parts.join(' ; ')}${tail}.`;
}
