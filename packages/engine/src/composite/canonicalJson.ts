import { EngineError } from '../errors.ts';

/**
 * A canonical JSON text of a plain value: object keys sorted (by UTF-16 code units), no
 * whitespace, `undefined` members dropped, numbers as ECMAScript prints them (shortest round-trip
 * form, the same on every engine). Two equal values give the same text, whatever the key order
 * they were built with — the basis of the result hash (in the spirit of RFC 8785, JCS).
 *
 * Complexity: O(size × log keys).
 *
 * @throws {EngineError} `INVALID_CONFIG` for a non-finite number or a non-JSON value (function, typed array...).
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return canonical(value);
}

/**
 * The texts of deeply frozen objects and arrays (the default framework and the parts of a resolved
 * configuration that share it): they cannot change, so their text is made once. The result hash
 * prints the whole configuration at every scoring, most of it the framework's unchanged indicators.
 */
const frozenTexts = new WeakMap<object, string>();
/** Set by `canonical` for the value it just printed: true when that value cannot change (deeply frozen). */
let immutable = true;

function canonical(value: unknown): string {
  immutable = true;
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new EngineError('INVALID_CONFIG', `Valeur non finie (${value}) dans la configuration.`, {
          value: String(value),
        });
      }
      return JSON.stringify(value);
    case 'object': {
      const frozen = Object.isFrozen(value);
      if (frozen) {
        const known = frozenTexts.get(value);
        if (known !== undefined) return known;
      }
      // Deeply frozen when frozen and every member is (primitives are).
      let deep = frozen;
      let text: string;
      // Built by concatenation (no intermediate arrays of entries): the result hash runs this on
      // the whole resolved configuration at every scoring.
      if (Array.isArray(value)) {
        text = '[';
        for (let k = 0; k < value.length; k++) {
          // A hole (never in parsed JSON) prints as nothing, as Array.prototype.join prints it.
          const item = k in value ? canonical(value[k]) : '';
          deep &&= immutable;
          text += k === 0 ? item : `,${item}`;
        }
        text += ']';
      } else {
        if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
          throw new EngineError(
            'INVALID_CONFIG',
            'La configuration doit être du JSON simple (objets, listes, nombres, textes).',
            {},
          );
        }
        const record = value as Record<string, unknown>;
        // Keys in UTF-16 code unit order (the default sort of strings).
        const keys = Object.keys(record).sort();
        text = '{';
        let first = true;
        for (const key of keys) {
          const v = record[key];
          if (v === undefined) continue;
          const member = canonical(v);
          deep &&= immutable;
          text += `${first ? '' : ','}${JSON.stringify(key)}:${member}`;
          first = false;
        }
        text += '}';
      }
      if (deep) frozenTexts.set(value, text);
      immutable = deep;
      return text;
    }
    default:
      throw new EngineError(
        'INVALID_CONFIG',
        `Valeur de type ${typeof value} non permise dans la configuration.`,
        {},
      );
  }
}
