import { buildIndicatorMatrix } from '../composite/buildIndicatorMatrix.ts';
import { COPELAND_MAX_TERRITORIES } from '../composite/copeland.ts';
import { matrixMatches } from '../composite/matrixMatches.ts';
import { planScoring } from '../composite/planScoring.ts';
import { resolveScoreConfig } from '../composite/resolveScoreConfig.ts';
import { scoreMatrix } from '../composite/scoreMatrix.ts';
import type {
  IndicatorMatrix,
  ResolvedScoreConfig,
  ScoreConfig,
  ScoreContext,
  ScoringPlan,
} from '../composite/types.ts';
import { EngineError, isEngineError } from '../errors.ts';
import type { Vintage } from '../vintage/types.ts';
import { resolveUncertaintyOptions } from './resolveUncertaintyOptions.ts';
import { scenarioLayout } from './scenarioLayout.ts';
import type { RobustnessModel, RobustnessOptions } from './types.ts';

/**
 * Prepares every robustness analysis of one scoring (a vintage, a configuration, a level): the
 * indicator matrix (built once, or taken from `context.matrix`), the nominal scoring, one scoring
 * plan per pair of normalisation and imputation levels — each checked as a configuration of its
 * own, so that an alternative the data cannot support (goalposts missing, a reference of 0,
 * neighbours not given) is refused here with its reason rather than in the middle of a run — and
 * the place of each uncertain input in the unit hypercube (the Sobol factors).
 *
 * The configuration's own methods are always the first level of each discrete input; the
 * alternatives come from `options` ({@link resolveUncertaintyOptions}).
 *
 * Complexity: the matrix (O(member rows × terms)), then one plan and one scoring per level.
 *
 * @throws {EngineError} every code of `resolveScoreConfig` and `planScoring` (with the alternative
 *   named in `details`), `INVALID_ROBUSTNESS_OPTIONS`, `COPELAND_TOO_LARGE`.
 * @example
 * const model = createRobustnessModel(vintage, { level: 'epci' }, { weights: { noise: 0.2 } });
 * model.factors.map((f) => f.id) // ['weights', 'normalisation', 'aggregation', 'imputation', 'exclusion']
 */
export function createRobustnessModel(
  vintage: Vintage,
  config: ScoreConfig = {},
  options: RobustnessOptions = {},
  context: ScoreContext = {},
): RobustnessModel {
  const uncertainty = resolveUncertaintyOptions(options);
  const resolved = resolveScoreConfig(vintage, config);
  const matrix =
    context.matrix && matrixMatches(context.matrix, vintage, resolved)
      ? context.matrix
      : buildIndicatorMatrix(vintage, resolved.framework, resolved.level, resolved.groups);
  const m = resolved.methods;
  const normalisations = unique(m.normalisation.method, uncertainty.normalisation);
  const aggregations = unique(m.aggregation.method, uncertainty.aggregation);
  const imputations = unique(m.imputation.method, uncertainty.imputation);
  if (aggregations.includes('copeland') && matrix.n > COPELAND_MAX_TERRITORIES) {
    throw new EngineError(
      'COPELAND_TOO_LARGE',
      `Analyse de robustesse : l’agrégation de Copeland compare toutes les paires et ${matrix.n} territoires dépassent la limite de ${COPELAND_MAX_TERRITORIES} ; retirez « copeland » des agrégations ou choisissez un niveau plus agrégé.`,
      { path: 'aggregation', territories: matrix.n, limit: COPELAND_MAX_TERRITORIES },
    );
  }
  const plans: ScoringPlan[] = [];
  for (const normalisation of normalisations) {
    for (const imputation of imputations) {
      plans.push(planVariant(vintage, matrix, config, context, normalisation, imputation));
    }
  }
  const nominalPlan = plans[0]!;
  const excludable = uncertainty.leaveOneOut
    ? [...nominalPlan.indicatorDimension.keys()].filter((j) => nominalPlan.indicatorDimension[j]! >= 0)
    : [];
  const { layout, factors, groups } = scenarioLayout(resolved, nominalPlan, uncertainty, {
    normalisations,
    aggregations,
    imputations,
    excludable,
  });
  return {
    vintageId: vintage.manifest.id,
    level: resolved.level,
    config: resolved,
    options: uncertainty,
    matrix,
    nominal: { plan: nominalPlan, output: scoreMatrix(matrix, nominalPlan) },
    normalisations,
    aggregations,
    imputations,
    excludable,
    plans,
    layout,
    factors,
    weightGroups: groups,
  };
}

function unique<T>(first: T, rest: T[]): T[] {
  return [...new Set([first, ...rest])];
}

/** The configuration with another normalisation and imputation, resolved and planned (all checks). */
function planVariant(
  vintage: Vintage,
  matrix: IndicatorMatrix,
  config: ScoreConfig,
  context: ScoreContext,
  normalisation: ResolvedScoreConfig['methods']['normalisation']['method'],
  imputation: ResolvedScoreConfig['methods']['imputation']['method'],
): ScoringPlan {
  const methods = config.methods ?? {};
  const variant: ScoreConfig = {
    ...config,
    methods: {
      ...methods,
      normalisation: { ...methods.normalisation, method: normalisation },
      imputation: { ...methods.imputation, method: imputation },
    },
  };
  try {
    return planScoring(vintage, matrix, resolveScoreConfig(vintage, variant), context).plan;
  } catch (error) {
    if (!isEngineError(error)) throw error;
    throw new EngineError(
      error.code,
      `Analyse de robustesse, normalisation « ${normalisation} » et imputation « ${imputation} » : ${error.message} Sinon, retirez cette méthode des alternatives.`,
      { ...error.details, normalisation, imputation },
    );
  }
}
