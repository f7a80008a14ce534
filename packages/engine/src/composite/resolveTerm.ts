import { EngineError } from '../errors.ts';
import { resolveVariable } from '../vintage/resolveVariable.ts';
import type { VariableInfo, Vintage } from '../vintage/types.ts';

/** A formula term resolved against a vintage: its column and sign. */
export interface ResolvedTerm {
  sign: 1 | -1;
  info: VariableInfo;
  column: Float64Array;
  /** 1 where the vintage marks the commune's value as an estimate; null when none is. */
  estimated: Uint8Array | null;
}

/**
 * Resolves a term (`POP`, `-DECE`, `EMPLT@prev`) to its vintage column.
 *
 * Complexity: O(1).
 *
 * @throws {EngineError} `UNKNOWN_VARIABLE` (from `resolveVariable`) when the vintage has no such
 *   variable, or has it in its catalogue but not in `communes.json`.
 * @example resolveTerm(vintage, '-DECE').sign // -1
 */
export function resolveTerm(vintage: Vintage, term: string): ResolvedTerm {
  const negative = term.startsWith('-');
  const info = resolveVariable(vintage, negative ? term.slice(1) : term);
  const column = vintage.communes.columns[info.id];
  if (!column) {
    throw new EngineError(
      'UNKNOWN_VARIABLE',
      `La variable ${info.id} figure au catalogue du millésime mais pas dans communes.json ; reconstruisez le millésime.`,
      { variable: term },
    );
  }
  return { sign: negative ? -1 : 1, info, column, estimated: vintage.communes.estimated[info.id] ?? null };
}
