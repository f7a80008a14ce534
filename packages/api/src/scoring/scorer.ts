import {
  buildIndicatorMatrix,
  canonicalJson,
  type IndicatorMatrix,
  type ResolvedScoreConfig,
  resolveScoreConfig,
  type ScoreConfig,
  type ScoreContext,
  score,
  type Vintage,
  validateScoreConfig,
} from '@ptce/engine';
import type { JsonObject } from '../store/types.ts';
import { LruCache } from './lruCache.ts';

/** What a scoring returns: the engine's ScoreResult, carrying the hash of (vintage, configuration). */
export interface ScoreOutput {
  hash: string;
  [key: string]: unknown;
}

/**
 * Scores a vintage with a configuration (engine ScoreConfig). Throws an EngineError (answered
 * as a 400 with its code) for a configuration it cannot use.
 */
export type Scorer = (vintage: Vintage, config: JsonObject, context?: ScoreContext) => ScoreOutput;

/** What a configuration needs besides the vintage: the contiguity of its level for the `neighbours` imputation. */
export function needsContiguity(config: JsonObject): boolean {
  const methods = config.methods as { imputation?: { method?: unknown } } | undefined;
  return methods?.imputation?.method === 'neighbours';
}

/** Indicator matrices kept per vintage (distinct levels × framework formulas in use). */
const MATRICES_PER_VINTAGE = 16;

/** What the indicator matrix depends on: the level, the groups and the indicators' formulas — not the weights. */
function matrixKey(config: ResolvedScoreConfig): string {
  return canonicalJson({
    level: config.level,
    groups: config.groups,
    indicators: config.framework.indicators.map((i) => [i.id, i.formula]),
  });
}

/**
 * The engine's scoring — the only place the API calls it. Keeps the indicator matrices (the
 * aggregation of commune variables to the level, about a fifth of a scoring) per vintage and
 * hands the matching one back to the engine, so that a change of weights or methods skips it.
 * The engine checks that a matrix it is given fits the configuration (`score`, `matrixMatches`).
 */
export function createEngineScorer(): Scorer {
  const matrices = new WeakMap<Vintage, LruCache<string, IndicatorMatrix>>();
  return (vintage, config, context = {}) => {
    const scoreConfig = config as ScoreConfig;
    const resolved = resolveScoreConfig(vintage, scoreConfig);
    let cache = matrices.get(vintage);
    if (!cache) {
      cache = new LruCache(MATRICES_PER_VINTAGE);
      matrices.set(vintage, cache);
    }
    const key = matrixKey(resolved);
    let matrix = cache.get(key);
    if (!matrix) {
      matrix = buildIndicatorMatrix(vintage, resolved.framework, resolved.level, resolved.groups);
      cache.set(key, matrix);
    }
    return score(vintage, scoreConfig, { ...context, matrix }) as unknown as ScoreOutput;
  };
}

/**
 * Checks the shape of a scoring configuration without a vintage (scenarios and shortlists are
 * saved before anyone scores them), so that a saved configuration can always be loaded.
 * @throws {EngineError} `INVALID_CONFIG` with every located issue in `details.issues`.
 */
export function checkScoreConfig(config: JsonObject): void {
  validateScoreConfig(config);
}
