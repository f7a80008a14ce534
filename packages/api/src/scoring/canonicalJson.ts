/**
 * JSON with object keys sorted at every depth, so that two equal configurations written in a
 * different key order give the same text (and the same cache key). Arrays keep their order.
 * @example
 * canonicalJson({ b: 1, a: { d: [2, 1], c: null } }) // '{"a":{"c":null,"d":[2,1]},"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}
