import { frenchSpacing } from '../french.ts';

/** Keys whose strings are identifiers or hashes, never prose. */
const VERBATIM = new Set(['code', 'id', 'sha256', 'resultHash', 'date', 'file']);

/** Applies {@link frenchSpacing} to every prose string of a plain value (a new value; the input is not changed). */
export function typeset<T>(value: T, key = ''): T {
  if (typeof value === 'string') return (VERBATIM.has(key) ? value : frenchSpacing(value)) as T;
  if (Array.isArray(value)) return value.map((v) => typeset(v, key)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = typeset(v, k);
    return out as T;
  }
  return value;
}
