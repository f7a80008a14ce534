import type { AggregationMethod, ImputationMethod, NormalisationMethod } from '../composite/types.ts';
import { EngineError } from '../errors.ts';
import type { RobustnessOptions, UncertaintyOptions, WeightLevel } from './types.ts';

/**
 * Documented defaults of the uncertain inputs (OECD/JRC Handbook 2008, §7; COINr `get_sensitivity`):
 * weights ±25 % uniform noise at every level; min-max, z-scores or ranks; arithmetic or geometric
 * means; no imputation or the group mean; one indicator left out or none.
 */
export const defaultUncertaintyOptions: UncertaintyOptions = {
  weights: {
    distribution: 'uniform',
    noise: 0.25,
    concentration: 100,
    levels: ['indicators', 'dimensions', 'pillars'],
  },
  normalisation: ['minMax', 'zScore', 'rank'],
  aggregation: ['arithmetic', 'geometric'],
  imputation: ['none', 'groupMean'],
  leaveOneOut: true,
  weightFactors: 'group',
};

const NORMALISATIONS: NormalisationMethod[] = [
  'minMax',
  'zScore',
  'rank',
  'percentile',
  'distanceToReference',
  'goalposts',
];
const AGGREGATIONS: AggregationMethod[] = ['arithmetic', 'geometric', 'harmonic', 'copeland', 'topsis'];
const IMPUTATIONS: ImputationMethod[] = ['none', 'groupMean', 'groupMedian', 'neighbours'];
const LEVELS: WeightLevel[] = ['indicators', 'dimensions', 'pillars'];

function invalid(path: string, message: string, value: unknown): never {
  throw new EngineError('INVALID_ROBUSTNESS_OPTIONS', `${path} : ${message}`, { path, value });
}

function methods<T extends string>(path: string, value: unknown, allowed: T[]): T[] {
  if (!Array.isArray(value) || value.length === 0)
    invalid(path, 'donnez une liste non vide de méthodes.', value);
  value.forEach((v, i) => {
    if (!allowed.includes(v as T))
      invalid(`${path}[${i}]`, `méthode inconnue « ${String(v)} » (possibles : ${allowed.join(', ')}).`, v);
  });
  return [...new Set(value as T[])];
}

/**
 * Merges what a caller sent over {@link defaultUncertaintyOptions} (`{ ...defaults, ...options }`,
 * weights merged field by field) and checks it.
 *
 * Complexity: O(size of the options).
 * @throws {EngineError} `INVALID_ROBUSTNESS_OPTIONS` with the faulty `path` (unknown method, noise
 *   outside [0, 1), concentration ≤ 0, per-weight Sobol factors with Dirichlet weights).
 * @example
 * resolveUncertaintyOptions({ weights: { noise: 0.1 } }).weights // { distribution: 'uniform', noise: 0.1, concentration: 100, levels: [...] }
 */
export function resolveUncertaintyOptions(options: RobustnessOptions = {}): UncertaintyOptions {
  const d = defaultUncertaintyOptions;
  const weights = { ...d.weights, ...options.weights };
  if (!['none', 'uniform', 'dirichlet'].includes(weights.distribution)) {
    invalid('weights.distribution', 'choisissez none, uniform ou dirichlet.', weights.distribution);
  }
  if (!(weights.noise >= 0 && weights.noise < 1)) {
    invalid(
      'weights.noise',
      `le bruit doit être dans [0, 1) (reçu ${weights.noise}) : un poids ne doit pas s’annuler.`,
      weights.noise,
    );
  }
  if (!(weights.concentration > 0) || !Number.isFinite(weights.concentration)) {
    invalid(
      'weights.concentration',
      `la concentration doit être un nombre > 0 (reçu ${weights.concentration}).`,
      weights.concentration,
    );
  }
  const levels = methods('weights.levels', weights.levels, LEVELS);
  const resolved: UncertaintyOptions = {
    weights: { ...weights, levels },
    normalisation: methods('normalisation', options.normalisation ?? d.normalisation, NORMALISATIONS),
    aggregation: methods('aggregation', options.aggregation ?? d.aggregation, AGGREGATIONS),
    imputation: methods('imputation', options.imputation ?? d.imputation, IMPUTATIONS),
    leaveOneOut: options.leaveOneOut ?? d.leaveOneOut,
    weightFactors: options.weightFactors ?? d.weightFactors,
  };
  if (resolved.weightFactors !== 'group' && resolved.weightFactors !== 'each') {
    invalid('weightFactors', 'choisissez group ou each.', resolved.weightFactors);
  }
  if (resolved.weightFactors === 'each' && resolved.weights.distribution === 'dirichlet') {
    invalid(
      'weightFactors',
      'les poids tirés d’une loi de Dirichlet sont liés entre eux : un facteur par poids n’a pas de sens ; prenez weightFactors « group » ou des poids « uniform ».',
      resolved.weightFactors,
    );
  }
  return resolved;
}
