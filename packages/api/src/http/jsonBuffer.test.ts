import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonBuffer } from './jsonBuffer.ts';

const reference = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');

describe('jsonBuffer(value, listKey)', () => {
  it('jsonBuffer() gives the bytes of JSON.stringify for a result-like object, names outside Latin-1 included', () => {
    const result = {
      hash: 'abc',
      config: { label: 'Économie – sociale', weights: [1, 0.5] },
      territories: [
        { code: '67052', name: 'Bœrsch', score: 71.25, dimensions: { ess: null }, caveats: [] },
        { code: '67482', name: 'Strasbourg', score: Number.NaN, setAside: 'population' },
        { code: '67001', name: 'Achenheim 😀', score: 1e-7, nested: { a: [undefined, () => 1] } },
      ],
      skipped: undefined,
      warnings: [{ code: 'SYNTHETIC_DATA', message: 'DÉMONSTRATION – données « simulées »\n' }],
    };
    expect(jsonBuffer(result, 'territories').equals(reference(result))).toBe(true);
  });

  it('jsonBuffer() keeps the key order, the list in any position, and undefined or function items as null', () => {
    const value = { territories: [1, undefined, () => 2, 'x'], a: 1, f: () => 3, z: [] };
    expect(jsonBuffer(value, 'territories').toString()).toBe(JSON.stringify(value));
    expect(jsonBuffer({ territories: [] }, 'territories').toString()).toBe('{"territories":[]}');
  });

  it('jsonBuffer() falls back to JSON.stringify for anything but a plain object holding the list', () => {
    const withToJson = { territories: [1], toJSON: () => ({ other: true }) };
    for (const value of [[1, 2], 'text', 3, null, { other: [1] }, { territories: 'no list' }, withToJson]) {
      expect(jsonBuffer(value, 'territories').equals(reference(value))).toBe(true);
    }
    expect(jsonBuffer({ territories: [1] }).toString()).toBe('{"territories":[1]}');
  });

  it('jsonBuffer() outgrows its scratch buffer and is not disturbed by a call that threw', () => {
    const big = { territories: Array.from({ length: 3000 }, (_, i) => ({ code: i, name: 'é'.repeat(50) })) };
    expect(jsonBuffer(big, 'territories').equals(reference(big))).toBe(true);
    expect(() => jsonBuffer({ a: 1, territories: [1n] }, 'territories')).toThrow(TypeError);
    expect(jsonBuffer({ b: 2, territories: [3] }, 'territories').toString()).toBe(
      '{"b":2,"territories":[3]}',
    );
  });

  it('jsonBuffer() equals JSON.stringify on any JSON object with a list', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue()), (rest, list) => {
        const value = { ...rest, territories: list };
        expect(jsonBuffer(value, 'territories').equals(reference(value))).toBe(true);
      }),
    );
  });
});
