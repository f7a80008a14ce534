import { canonicalJson } from './canonicalJson.ts';
import type { ResolvedScoreConfig } from './types.ts';

/**
 * The key under which an indicator matrix can be cached and reused (`context.matrix`): everything
 * the matrix depends on — level, user groups, and each indicator's id and formula — and nothing it
 * does not (weights, directions, methods). Two configurations that differ only by weights or
 * methods share a matrix; the API and the UI's worker keep one per key and vintage.
 *
 * Complexity: O(size of the framework).
 *
 * @example
 * const key = matrixCacheKey(resolveScoreConfig(vintage, { level: 'epci', changes: { dimensions: { ess: { weight: 2 } } } }));
 * key === matrixCacheKey(resolveScoreConfig(vintage, { level: 'epci' })) // true
 */
export function matrixCacheKey(config: ResolvedScoreConfig): string {
  return canonicalJson({
    level: config.level,
    groups: config.level === 'groups' ? config.groups : [],
    indicators: config.framework.indicators.map((i) => ({ id: i.id, formula: i.formula })),
    withheldStems: config.framework.withheldStems ?? [],
  });
}
