import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/repoRoot.ts';
import type { CogHistory } from './cogHistory.ts';

let cachedCorrections: Map<string, string> | undefined;

/** Links the code history lacks, checked against INSEE's COG (datasets/cog-corrections.json). */
export function loadCorrections(): Map<string, string> {
  if (!cachedCorrections) {
    const file = JSON.parse(readFileSync(join(repoRoot(), 'datasets', 'cog-corrections.json'), 'utf8')) as {
      corrections: { from: string; to: string }[];
    };
    cachedCorrections = new Map(file.corrections.map((c) => [c.from, c.to]));
  }
  return cachedCorrections;
}

export interface Reconciliation {
  /** Source code -> reference code (identity for codes already in the reference). */
  target: Map<string, string>;
  /** Source codes mapped to another reference code (fusions), sorted by code. */
  merged: { from: string; to: string }[];
  /** Source codes that could not be related to any reference commune. */
  unknown: string[];
  /** Source codes related to several reference communes (the history does not say which). */
  ambiguous: { from: string; candidates: string[] }[];
}

/**
 * Matches the codes of a source drawn on another COG (polygons COG 2018, statistics COG 2021)
 * to the reference communes (the zonings' COG 2022), through the code history:
 *   - a code in the reference is itself;
 *   - a former code goes to the reference commune that absorbed it (directly, or through a
 *     later commune nouvelle whose former codes include exactly one reference commune);
 *   - a renumbered commune goes to its reference code (listed among its former codes);
 *   - datasets/cog-corrections.json supplies the few links the history lacks.
 * Codes out of `inScope` reference communes are ignored by the caller, not here.
 */
export function reconcileCodes(
  sourceCodes: Iterable<string>,
  reference: Set<string>,
  history: CogHistory,
  corrections: Map<string, string> = loadCorrections(),
): Reconciliation {
  const target = new Map<string, string>();
  const merged: Reconciliation['merged'] = [];
  const unknown: string[] = [];
  const ambiguous: Reconciliation['ambiguous'] = [];
  for (const code of sourceCodes) {
    if (reference.has(code)) {
      target.set(code, code);
      continue;
    }
    const found = new Set<string>();
    const correction = corrections.get(code);
    if (correction !== undefined && reference.has(correction)) found.add(correction);
    // A code that was renumbered (the chef-lieu of a commune nouvelle changed): the history lists
    // the reference code among this code's former codes.
    const renumbered = history.formerCodes(code).filter((c) => reference.has(c));
    if (found.size === 0 && renumbered.length === 1) found.add(renumbered[0]);
    for (const successor of found.size > 0 ? [] : history.successors(code)) {
      if (reference.has(successor)) {
        found.add(successor);
        continue;
      }
      // The successor is newer than the reference: look for the reference commune it absorbed
      // whose own history holds this code, or else the only reference commune it absorbed.
      const absorbed = history.formerCodes(successor).filter((c) => reference.has(c));
      const holding = absorbed.filter((c) => history.formerCodes(c).includes(code));
      for (const c of holding.length > 0 ? holding : absorbed.length === 1 ? absorbed : []) found.add(c);
      if (holding.length === 0 && absorbed.length > 1) ambiguous.push({ from: code, candidates: absorbed });
    }
    if (found.size === 1) {
      const to = [...found][0];
      target.set(code, to);
      merged.push({ from: code, to });
    } else if (found.size > 1) {
      ambiguous.push({ from: code, candidates: [...found].sort() });
    } else if (!ambiguous.some((a) => a.from === code)) {
      unknown.push(code);
    }
  }
  merged.sort((a, b) => a.from.localeCompare(b.from));
  return { target, merged, unknown, ambiguous: ambiguous.filter((a) => !target.has(a.from)) };
}
