import type { ResolvedScoreConfig, ScoreResult } from '@ptce/engine';
import { formatNumber } from '../french.ts';
import type { ReportModel, RobustnessInput } from '../types.ts';

const NORMALISATION: Record<string, string> = {
  minMax: 'min-max',
  zScore: 'centrage-réduction (score z)',
  rank: 'rangs',
  percentile: 'percentiles',
  distanceToReference: 'écart à la valeur du département',
  goalposts: 'bornes fixes (goalposts)',
};
const MEAN: Record<string, string> = {
  arithmetic: 'moyenne arithmétique pondérée',
  geometric: 'moyenne géométrique pondérée',
  harmonic: 'moyenne harmonique pondérée',
  copeland: 'méthode de Copeland (comparaisons par paires)',
  topsis: 'TOPSIS (distance aux solutions idéales)',
};
const WEIGHTING: Record<string, string> = {
  framework: 'poids du cadre',
  equal: 'poids égaux',
  ahp: 'AHP (comparaisons par paires de Saaty)',
};
const PILLAR: Record<string, string> = { need: 'besoins', potential: 'potentiel' };

function imputation(config: ResolvedScoreConfig): string {
  const { method, groupLevel } = config.methods.imputation;
  if (method === 'none')
    return 'aucune : le poids d’une valeur manquante est reporté sur les autres indicateurs de sa dimension';
  if (method === 'neighbours') return 'moyenne des territoires voisins';
  return `${method === 'groupMean' ? 'moyenne' : 'médiane'} du groupe (niveau ${groupLevel})`;
}

function outliers(config: ResolvedScoreConfig): string {
  const o = config.methods.outliers;
  if (o.method === 'none') return 'aucun traitement';
  return `règle COINr : si |asymétrie| > ${formatNumber(o.skewness, 1)} et aplatissement > ${formatNumber(o.kurtosis, 1)}, écrêtage de ${o.maxWinsorised} points au plus, puis transformation logarithmique`;
}

function filters(config: ResolvedScoreConfig): string {
  const f = config.filters;
  const parts: string[] = [];
  if (f.minPopulation !== undefined) parts.push(`population ≥ ${formatNumber(f.minPopulation)}`);
  if (f.maxPopulation !== undefined) parts.push(`population ≤ ${formatNumber(f.maxPopulation)}`);
  if (f.departements?.length) parts.push(`départements ${f.departements.join(', ')}`);
  return parts.length > 0 ? parts.join(' ; ') : 'aucun';
}

/** Annex « Méthode »: every setting of the score, the dimensions and the indicators with their weights. */
export function methodAnnex(result: ScoreResult, robustness: RobustnessInput | null): ReportModel['method'] {
  const config = result.config;
  const m = config.methods;
  const agg = m.aggregation;
  const [lo, hi] = m.normalisation.range;
  const reading =
    agg.reading === 'needPotential'
      ? `besoins × potentiel : le score est la ${MEAN[agg.needPotential]} des piliers besoins (poids ${formatNumber(config.framework.pillars.need, 2)}) et potentiel (poids ${formatNumber(config.framework.pillars.potential, 2)})`
      : 'indice composite : le score agrège directement les dimensions';
  const settings = [
    {
      label: 'Cadre',
      value: `${config.framework.label} (${config.framework.id}, version ${config.framework.version})`,
    },
    {
      label: 'Niveau',
      value: `${result.level.label} : ${result.counts.ranked} classés sur ${result.counts.territories}`,
    },
    { label: 'Lecture', value: reading },
    {
      label: 'Normalisation',
      value: `${NORMALISATION[m.normalisation.method] ?? m.normalisation.method} sur [${formatNumber(lo)} ; ${formatNumber(hi)}], sens appliqué (plus = site plus favorable)`,
    },
    {
      label: 'Agrégation',
      value: `${MEAN[agg.method] ?? agg.method} des indicateurs dans les dimensions, puis des dimensions dans les piliers`,
    },
    { label: 'Pondération', value: WEIGHTING[m.weighting.method] ?? m.weighting.method },
    { label: 'Valeurs manquantes', value: imputation(config) },
    { label: 'Valeurs extrêmes', value: outliers(config) },
    {
      label: 'Couverture minimale',
      value: `${formatNumber(m.screening.minCoverage * 100)} % des indicateurs pour être classé`,
    },
    { label: 'Filtres', value: filters(config) },
    { label: 'Moteur', value: `${result.engine.name}, méthode version ${result.engine.methodVersion}` },
  ];
  const dimensionLabel = new Map(result.dimensions.map((d) => [d.id, d.label]));
  return {
    framework: config.framework.label,
    settings,
    dimensions: result.dimensions.map((d) => ({
      label: d.label,
      pillar: PILLAR[d.pillar] ?? d.pillar,
      weight: d.effectiveWeight,
    })),
    indicators: result.indicators.map((i) => ({
      dimension: dimensionLabel.get(i.dimension) ?? i.dimension,
      label: i.label,
      direction: i.direction,
      unit: i.unit,
      weight: i.weight,
      effectiveWeight: i.effectiveWeight,
      synthetic: i.synthetic,
    })),
    robustness: robustness
      ? [
          { label: 'Tirages', value: formatNumber(robustness.runs) },
          { label: 'Probabilité calculée', value: `rester dans les ${robustness.topK} premiers` },
          ...robustness.settings.map((s) => ({
            label: s.label,
            value:
              typeof s.value === 'number'
                ? formatNumber(s.value, Number.isInteger(s.value) ? 0 : 2)
                : s.value,
          })),
        ]
      : null,
  };
}
