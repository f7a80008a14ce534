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
/** Configurations as sent (their matrix inputs) whose matrix key is remembered, per vintage. */
const INPUTS_PER_VINTAGE = 64;

/** What the indicator matrix depends on: the level, the groups and the indicators' formulas — not the weights. */
function matrixKey(config: ResolvedScoreConfig): string {
  return canonicalJson({
    level: config.level,
    groups: config.groups,
    indicators: config.framework.indicators.map((i) => [i.id, i.formula]),
  });
}

/**
 * The parts of a configuration as sent that decide its indicator matrix: the level, the groups,
 * the framework, and the indicators added or removed. Weights, directions, dimensions and methods
 * are left out (they do not touch a formula), so a weight slider keeps one key. Two configurations
 * with the same parts resolve to the same matrix key; the engine checks the matrix anyway.
 */
function matrixInputKey(config: JsonObject): string {
  const changes = config.changes as { add?: unknown; remove?: unknown } | undefined;
  return canonicalJson({
    level: config.level ?? null,
    groups: config.level === 'groups' ? (config.groups ?? null) : null,
    framework: config.framework ?? null,
    add: changes?.add ?? null,
    remove: changes?.remove ?? null,
  });
}

interface VintageMatrices {
  /** Matrix key of a configuration's matrix inputs, so that a weight change skips resolving it twice. */
  keys: LruCache<string, string>;
  matrices: LruCache<string, IndicatorMatrix>;
}

/**
 * The engine's scoring — the only place the API calls it. Keeps the indicator matrices (the
 * aggregation of commune variables to the level, about a fifth of a scoring) per vintage and
 * hands the matching one back to the engine, so that a change of weights or methods skips it.
 * The engine checks that a matrix it is given fits the configuration (`score`, `matrixMatches`).
 * The configuration is resolved here (to key a new matrix) only for matrix inputs not seen yet:
 * a change of weights alone is resolved once, by the engine.
 */
export function createEngineScorer(): Scorer {
  const byVintage = new WeakMap<Vintage, VintageMatrices>();
  return (vintage, config, context = {}) => {
    const scoreConfig = config as ScoreConfig;
    let cache = byVintage.get(vintage);
    if (!cache) {
      cache = { keys: new LruCache(INPUTS_PER_VINTAGE), matrices: new LruCache(MATRICES_PER_VINTAGE) };
      byVintage.set(vintage, cache);
    }
    const inputKey = matrixInputKey(config);
    const known = cache.keys.get(inputKey);
    let matrix = known === undefined ? undefined : cache.matrices.get(known);
    if (!matrix) {
      const resolved = resolveScoreConfig(vintage, scoreConfig);
      const key = matrixKey(resolved);
      cache.keys.set(inputKey, key);
      matrix = cache.matrices.get(key);
      if (!matrix) {
        matrix = buildIndicatorMatrix(vintage, resolved.framework, resolved.level, resolved.groups);
        cache.matrices.set(key, matrix);
      }
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
