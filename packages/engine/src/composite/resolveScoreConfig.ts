import { EngineError } from '../errors.ts';
import { applyFrameworkChanges } from '../framework/applyFrameworkChanges.ts';
import { cloneJson } from '../framework/cloneJson.ts';
import { validateFramework } from '../framework/validateFramework.ts';
import type { Vintage } from '../vintage/types.ts';
import { defaultConfig } from './defaultConfig.ts';
import { formulaTerms } from './formulaTerms.ts';
import { resolveTerm } from './resolveTerm.ts';
import type { ResolvedScoreConfig, ScoreConfig, ScoreMethods } from './types.ts';
import { validateScoreConfig } from './validateScoreConfig.ts';

/**
 * Turns what a caller sent into the full configuration a result is computed with and carries:
 * structural validation, defaults merged per method group as `{ ...defaults, ...options }`,
 * framework changes applied, and every check that needs the vintage (level, variables, communes
 * of user groups, goalposts when the goalposts normalisation is chosen, weights that leave
 * nothing to score).
 *
 * Complexity: O(config + framework + group members).
 *
 * @throws {EngineError} `INVALID_CONFIG`, `INVALID_FRAMEWORK`, `UNKNOWN_LEVEL`, `UNKNOWN_COMMUNE`,
 *   `UNKNOWN_VARIABLE`, `UNKNOWN_INDICATOR`, `UNKNOWN_DIMENSION`, `DUPLICATE_INDICATOR`,
 *   `INVALID_WEIGHTS`, `GOALPOSTS_MISSING`.
 * @example
 * resolveScoreConfig(vintage, { level: 'epci' }).methods.normalisation // { method: 'minMax', range: [0, 100], goalposts: {} }
 */
export function resolveScoreConfig(vintage: Vintage, config: ScoreConfig = {}): ResolvedScoreConfig {
  validateScoreConfig(config);
  const d = defaultConfig;
  const m = config.methods ?? {};
  const methods: ScoreMethods = {
    screening: { ...d.methods.screening, ...m.screening },
    imputation: { ...d.methods.imputation, ...m.imputation },
    outliers: { ...d.methods.outliers, ...m.outliers },
    normalisation: { ...d.methods.normalisation, ...m.normalisation },
    weighting: { ...d.methods.weighting, ...m.weighting },
    aggregation: { ...d.methods.aggregation, ...m.aggregation },
  };
  const base = config.framework ? validateFramework(config.framework, 'framework') : d.framework;
  // A fresh copy already (changes only set numbers and strings, and copy added indicators).
  const framework = applyFrameworkChanges(base, config.changes);
  const rest = cloneJson({
    level: config.level ?? d.level,
    groups: config.groups ?? [],
    methods,
    filters: { ...d.filters, ...config.filters },
    explain: { ...d.explain, ...config.explain },
  });
  const resolved: ResolvedScoreConfig = {
    level: rest.level,
    groups: rest.groups,
    framework,
    methods: rest.methods,
    filters: rest.filters,
    explain: rest.explain,
  };

  checkLevel(vintage, resolved.level, 'level');
  if (resolved.level === 'groups') {
    if (resolved.groups.length === 0) {
      throw new EngineError(
        'INVALID_CONFIG',
        'level « groups » : donnez au moins un groupe dans « groups ».',
        {
          path: 'groups',
        },
      );
    }
    resolved.groups.forEach((g, i) => {
      g.members.forEach((code, k) => {
        if (!vintage.communes.index.has(code)) {
          throw new EngineError(
            'UNKNOWN_COMMUNE',
            `groups[${i}].members[${k}] : la commune ${code} n’est pas dans le millésime ${vintage.manifest.id} ; vérifiez le code INSEE (COG ${vintage.manifest.cog.reference}).`,
            { path: `groups[${i}].members[${k}]`, code },
          );
        }
      });
    });
  }
  if (methods.imputation.method === 'groupMean' || methods.imputation.method === 'groupMedian') {
    checkLevel(vintage, methods.imputation.groupLevel, 'methods.imputation.groupLevel', false);
  }

  framework.indicators.forEach((ind, i) => {
    for (const term of formulaTerms(ind.formula)) {
      try {
        resolveTerm(vintage, term);
      } catch (error) {
        if (error instanceof EngineError) {
          throw new EngineError(
            error.code,
            `Indicateur « ${ind.id} » (indicators[${i}].formula) : ${error.message}`,
            {
              ...error.details,
              path: `framework.indicators[${i}].formula`,
              indicator: ind.id,
            },
          );
        }
        throw error;
      }
    }
  });

  checkWeights(resolved);
  if (methods.normalisation.method === 'goalposts') {
    const missing = framework.indicators
      .filter((ind) => ind.weight > 0 && !ind.goalposts && !methods.normalisation.goalposts[ind.id])
      .map((ind) => ind.id);
    if (missing.length > 0) {
      throw new EngineError(
        'GOALPOSTS_MISSING',
        `Normalisation par bornes : donnez des bornes [basse, haute] pour ${missing.join(', ')} (methods.normalisation.goalposts) ou choisissez une autre normalisation.`,
        { path: 'methods.normalisation.goalposts', indicators: missing },
      );
    }
  }
  return resolved;
}

function checkLevel(vintage: Vintage, level: string, path: string, allowCommuneAndGroups = true): void {
  if (allowCommuneAndGroups && (level === 'commune' || level === 'groups')) return;
  if (vintage.zonings.some((z) => z.id === level)) return;
  const levels = [
    ...(allowCommuneAndGroups ? ['commune', 'groups'] : []),
    ...vintage.zonings.map((z) => z.id),
  ];
  throw new EngineError(
    'UNKNOWN_LEVEL',
    `${path} : le niveau « ${level} » n’existe pas dans le millésime ${vintage.manifest.id} ; niveaux : ${levels.join(', ')}.`,
    { path, level, levels },
  );
}

/** Weights that leave nothing to score are a user error, said plainly. */
function checkWeights(config: ResolvedScoreConfig): void {
  const { framework, methods } = config;
  const activeDims = new Set<string>();
  for (const dim of framework.dimensions) {
    if (dim.weight <= 0 && methods.weighting.method === 'framework') continue;
    const inds = framework.indicators.filter((i) => i.dimension === dim.id);
    const active = inds.filter((i) => i.weight > 0);
    if (
      inds.length > 0 &&
      active.length === 0 &&
      methods.weighting.method === 'framework' &&
      dim.weight > 0
    ) {
      throw new EngineError(
        'INVALID_WEIGHTS',
        `La dimension « ${dim.label} » (${dim.id}) a un poids > 0 mais tous ses indicateurs ont un poids nul : donnez un poids > 0 à l’un d’eux, ou un poids nul à la dimension.`,
        { path: `changes.dimensions.${dim.id}`, dimension: dim.id },
      );
    }
    if (active.length > 0) activeDims.add(dim.id);
  }
  if (activeDims.size === 0) {
    throw new EngineError(
      'INVALID_WEIGHTS',
      'Tous les poids sont nuls : aucun indicateur ne compte. Donnez un poids > 0 à au moins un indicateur et à sa dimension.',
      { path: 'changes' },
    );
  }
  if (
    methods.aggregation.reading === 'needPotential' &&
    !['copeland', 'topsis'].includes(methods.aggregation.method)
  ) {
    for (const pillar of ['need', 'potential'] as const) {
      if (framework.pillars[pillar] <= 0) continue;
      const has = framework.dimensions.some((d) => d.pillar === pillar && activeDims.has(d.id));
      if (!has) {
        const fr = pillar === 'need' ? 'les besoins' : 'le potentiel';
        throw new EngineError(
          'INVALID_WEIGHTS',
          `Lecture besoins × potentiel : aucune dimension active ne mesure ${fr}. Réactivez une dimension de ce pilier, mettez son poids à 0 (changes.pillars.${pillar}) ou choisissez la lecture « composite ».`,
          { path: `changes.pillars.${pillar}`, pillar },
        );
      }
    }
  }
}
