import type { Vintage } from '../vintage/types.ts';
import { canonicalJson } from './canonicalJson.ts';
import type { IndicatorMatrix, ResolvedScoreConfig } from './types.ts';

/**
 * Whether a matrix built earlier (passed in `ScoreContext.matrix`) fits a resolved configuration:
 * same vintage, level, groups and indicator formulas. Weights and methods do not matter (the
 * matrix holds raw values only). Used by `score` and by the robustness module.
 *
 * Complexity: O(indicators + groups).
 */
export function matrixMatches(
  matrix: IndicatorMatrix,
  vintage: Vintage,
  config: ResolvedScoreConfig,
): boolean {
  if (matrix.vintageId !== vintage.manifest.id || matrix.level !== config.level) return false;
  if (matrix.m !== config.framework.indicators.length) return false;
  if (
    config.level === 'groups' &&
    canonicalJson(config.groups.map((g) => g.id).sort()) !== canonicalJson(matrix.codes)
  ) {
    return false;
  }
  return config.framework.indicators.every(
    (ind, j) =>
      matrix.indicators[j]!.id === ind.id &&
      canonicalJson(matrix.indicators[j]!.formula) === canonicalJson(ind.formula),
  );
}
