import type { ResolvedScoreConfig, ScoringPlan } from '../composite/types.ts';
import { METHOD_LABELS } from './methodLabels.ts';
import type { Factor, ScenarioLayout, UncertaintyOptions, WeightGroup, WeightLevel } from './types.ts';

export interface Layout {
  layout: ScenarioLayout;
  factors: Factor[];
  groups: WeightGroup[];
}

/**
 * Sibling groups whose weights are perturbed. A weight alone in its group is left out: only ratios
 * matter at each level, so perturbing it would change nothing (and cost Sobol runs).
 */
export function weightGroups(plan: ScoringPlan, levels: WeightLevel[]): WeightGroup[] {
  const d = plan.dimensionIds.length;
  const byPillar = plan.methods.aggregation.reading === 'needPotential';
  const activeDims: number[] = [];
  const groups: WeightGroup[] = [];
  for (let t = 0; t < d; t++) {
    const members: number[] = [];
    plan.indicatorDimension.forEach((dim, j) => {
      if (dim === t && plan.indicatorWeight[j]! > 0) members.push(j);
    });
    if (members.length === 0 || !(plan.dimensionWeight[t]! > 0)) continue;
    activeDims.push(t);
    if (levels.includes('indicators') && members.length > 1) groups.push({ level: 'indicators', members });
  }
  if (levels.includes('dimensions')) {
    const sets = byPillar
      ? [0, 1].map((p) => activeDims.filter((t) => plan.dimensionPillar[t] === p))
      : [activeDims];
    for (const members of sets) if (members.length > 1) groups.push({ level: 'dimensions', members });
  }
  if (levels.includes('pillars') && byPillar) {
    const present = [0, 1].filter(
      (p) => plan.pillarWeight[p]! > 0 && activeDims.some((t) => plan.dimensionPillar[t] === p),
    );
    if (present.length === 2) groups.push({ level: 'pillars', members: present });
  }
  return groups;
}

/**
 * Places each uncertain input in the unit hypercube and names the Sobol factors: the perturbed
 * weights first (one coordinate per weight for uniform noise, one seed coordinate for Dirichlet),
 * then one coordinate per discrete input that has more than one level.
 */
export function scenarioLayout(
  config: ResolvedScoreConfig,
  plan: ScoringPlan,
  options: UncertaintyOptions,
  levels: { normalisations: string[]; aggregations: string[]; imputations: string[]; excludable: number[] },
): Layout {
  const framework = config.framework;
  const groups = options.weights.distribution === 'none' ? [] : weightGroups(plan, options.weights.levels);
  const weightTargets =
    options.weights.distribution === 'uniform'
      ? groups.flatMap((g) => g.members.map((index) => ({ level: g.level, index })))
      : [];
  let next = 0;
  const weightCoordinates =
    options.weights.distribution === 'dirichlet'
      ? groups.length > 0
        ? [next++]
        : []
      : weightTargets.map(() => next++);
  const factors: Factor[] = [];
  if (weightCoordinates.length > 0) {
    if (options.weightFactors === 'group' || options.weights.distribution === 'dirichlet') {
      factors.push({
        id: 'weights',
        label: 'Pondérations',
        labelEn: 'Weights',
        coordinates: weightCoordinates,
      });
    } else {
      weightTargets.forEach((target, k) => {
        const [id, label] =
          target.level === 'indicators'
            ? [framework.indicators[target.index]!.id, framework.indicators[target.index]!.label]
            : target.level === 'dimensions'
              ? [framework.dimensions[target.index]!.id, framework.dimensions[target.index]!.label]
              : target.index === 0
                ? ['need', 'besoins']
                : ['potential', 'potentiel'];
        factors.push({
          id: `weights.${id}`,
          label: `Poids : ${label}`,
          labelEn: `Weight: ${id}`,
          coordinates: [weightCoordinates[k]!],
        });
      });
    }
  }
  const discrete = (
    id: string,
    label: string,
    labelEn: string,
    values: { id: string; label: string }[],
  ): number => {
    if (values.length < 2) return -1;
    const at = next++;
    factors.push({ id, label, labelEn, coordinates: [at], levels: values });
    return at;
  };
  const named = (ids: string[]) => ids.map((id) => ({ id, label: METHOD_LABELS[id] ?? id }));
  const normalisation = discrete(
    'normalisation',
    'Normalisation',
    'Normalisation',
    named(levels.normalisations),
  );
  const aggregation = discrete('aggregation', 'Agrégation', 'Aggregation', named(levels.aggregations));
  const imputation = discrete('imputation', 'Imputation', 'Imputation', named(levels.imputations));
  const exclusion = discrete('exclusion', 'Indicateur retiré', 'Indicator left out', [
    { id: 'none', label: 'aucun' },
    ...levels.excludable.map((j) => ({
      id: framework.indicators[j]!.id,
      label: framework.indicators[j]!.label,
    })),
  ]);
  return {
    layout: {
      dimensions: next,
      weightCoordinates,
      weightTargets,
      normalisation,
      aggregation,
      imputation,
      exclusion,
    },
    factors,
    groups,
  };
}
