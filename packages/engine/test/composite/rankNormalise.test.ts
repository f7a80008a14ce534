import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankNormalise } from '../../src/composite/rankNormalise.ts';

/** The ranking it replaced: a comparison sort of the indices, then the runs of equal values. */
function byComparisonSort(x: Float64Array, k: number, direction: number, percentile: boolean): Float64Array {
  const out = new Float64Array(k);
  const view = Int32Array.from({ length: k }, (_, i) => i);
  view.sort((i, j) => direction * x[i]! - direction * x[j]!);
  let s = 0;
  while (s < k) {
    let e = s + 1;
    while (e < k && x[view[e]!] === x[view[s]!]) e++;
    const r = (s + 1 + e) / 2;
    const v = percentile ? (k > 1 ? ((r - 1) / (k - 1)) * 100 : 50) : r;
    for (let q = s; q < e; q++) out[view[q]!] = v;
    s = e;
  }
  return out;
}

const bytes = (a: Float64Array) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

/** Values with many ties, both zeros, negatives, tiny and huge magnitudes. */
const value = fc.oneof(
  { weight: 4, arbitrary: fc.double({ noNaN: true }) },
  { weight: 3, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 1e300, -1e300) },
);

describe('rankNormalise', () => {
  it('rankNormalise(x, k, out, direction, percentile) gives the comparison sort’s ranks bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 300 }),
        fc.constantFrom(1, -1),
        fc.boolean(),
        (values, direction, percentile) => {
          const x = Float64Array.from(values);
          const frozen = bytes(x);
          const out = new Float64Array(x.length);
          rankNormalise(x, x.length, out, direction, percentile);
          expect(bytes(out)).toEqual(bytes(byComparisonSort(x, x.length, direction, percentile)));
          expect(bytes(x)).toEqual(frozen);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('rankNormalise on 40,000 values drawn from a few hundred (a column of the French communes) matches the comparison sort', () => {
    let seed = 6;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const x = Float64Array.from({ length: 40_000 }, () => Math.round(random() * 500) / 7 - 20);
    for (const direction of [1, -1]) {
      const out = new Float64Array(x.length);
      rankNormalise(x, x.length, out, direction, false);
      expect(bytes(out)).toEqual(bytes(byComparisonSort(x, x.length, direction, false)));
    }
  });

  it('rankNormalise ranks ties by their average rank, 1 = worst, and only reads the first k values', () => {
    const out = new Float64Array(5).fill(-1);
    rankNormalise(Float64Array.of(3, 1, 3, 2, 99), 4, out, 1, false);
    expect(Array.from(out)).toEqual([3.5, 1, 3.5, 2, -1]);
    rankNormalise(Float64Array.of(3, 1, 3, 2), 4, out, -1, true);
    expect(Array.from(out.subarray(0, 4))).toEqual([(0.5 / 3) * 100, 100, (0.5 / 3) * 100, (2 / 3) * 100]);
    rankNormalise(Float64Array.of(0, -0), 2, out, 1, false);
    expect(Array.from(out.subarray(0, 2))).toEqual([1.5, 1.5]);
    rankNormalise(Float64Array.of(7), 1, out, 1, true);
    expect(out[0]).toBe(50);
  });
});
