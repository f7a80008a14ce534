import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.ts';

/** The same object with its keys inserted in reverse order, at every depth. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse())
    out[key] = reverseKeys((value as Record<string, unknown>)[key]);
  return out;
}

describe('canonicalJson(value)', () => {
  it('canonicalJson() sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });

  it('canonicalJson() does not depend on key order, and parses back to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(reverseKeys(value))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('canonicalJson() tells different weights apart', () => {
    expect(canonicalJson({ w: { a: 1, b: 2 } })).not.toBe(canonicalJson({ w: { a: 2, b: 1 } }));
  });
});
