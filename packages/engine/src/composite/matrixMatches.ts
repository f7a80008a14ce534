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
    (ind, j) => matrix.indicators[j]!.id === ind.id && sameJson(matrix.indicators[j]!.formula, ind.formula),
  );
}

/**
 * Whether two plain JSON values (validated formulas) have the same canonical JSON
 * ({@link canonicalJson}) — equal numbers, strings and booleans, arrays of equal items, objects
 * with equal members, a member set to `undefined` counting as absent — compared in place rather
 * than printed: `score` asks this for every indicator at every call.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!sameJson(a[k], b[k])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let members = 0;
  for (const key of Object.keys(x)) {
    if (x[key] === undefined) continue;
    members++;
    if (!sameJson(x[key], y[key])) return false;
  }
  for (const key of Object.keys(y)) if (y[key] !== undefined) members--;
  return members === 0;
}
