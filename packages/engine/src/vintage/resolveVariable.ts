import { EngineError } from '../errors.ts';
import type { VariableInfo, Vintage } from './types.ts';

/**
 * Resolves a variable reference of a framework to the vintage's canonical variable, so that
 * a framework written once works on every INSEE edition:
 *   - `POP`        the most recent year of stem `POP` (`POP@2018` in the 2021 comparateur)
 *   - `POP@prev`   the year before the latest (`POP@2013`)
 *   - `POP@2013`   that exact year
 *   - `SUPERF`     an undated variable
 *
 * Complexity: O(1).
 *
 * @throws {EngineError} `UNKNOWN_VARIABLE` when the vintage has no such variable; the
 *   message lists the stems it does have.
 * @example
 * resolveVariable(vintage, 'POP@prev').id // 'POP@2013'
 */
export function resolveVariable(
  vintage: Pick<Vintage, 'variableIndex' | 'aliases'>,
  ref: string,
): VariableInfo {
  const direct = vintage.variableIndex.get(ref);
  if (direct) return direct;
  const at = ref.indexOf('@');
  const stem = at < 0 ? ref : ref.slice(0, at);
  const qualifier = at < 0 ? '' : ref.slice(at + 1);
  const id =
    qualifier === '' || qualifier === 'latest'
      ? vintage.aliases.latest[stem]
      : qualifier === 'prev' || qualifier === 'previous'
        ? vintage.aliases.previous[stem]
        : undefined;
  const found = id === undefined ? undefined : vintage.variableIndex.get(id);
  if (!found) {
    const stems = Object.keys(vintage.aliases.latest).sort().join(', ');
    throw new EngineError(
      'UNKNOWN_VARIABLE',
      `Unknown variable "${ref}" in this vintage. Use a stem (optionally with @prev or @YEAR) among: ${stems}.`,
      { variable: ref },
    );
  }
  return found;
}
