import { describe, expect, it } from 'vitest';
import { exp } from '../../src/math/exp.ts';
import reference from './fixtures/exp.json' with { type: 'json' };

const bits = new Float64Array(1);
const word = new BigInt64Array(bits.buffer);
/** The position of a double on the line of doubles: the distance in ulps between two is a difference. */
function ordinal(x: number): bigint {
  bits[0] = x;
  const b = word[0]!;
  return b < 0n ? -(b & 0x7fffffffffffffffn) : b;
}
const ulps = (a: number, b: number) => Math.abs(Number(ordinal(a) - ordinal(b)));

/** A deterministic stream of doubles in [0, 1) (mulberry32). */
function stream(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('exp(x)', () => {
  it('exp(x) is within 1 ulp of e^x correctly rounded (5,108 references computed with 60 digits)', () => {
    let worst = 0;
    let exact = 0;
    for (const [x, expected] of reference.values as [number, number][]) {
      const d = ulps(exp(x), expected);
      worst = Math.max(worst, d);
      if (d === 0) exact++;
    }
    expect(worst).toBeLessThanOrEqual(1);
    // Correctly rounded in all but a few cases (the error bound is about 0.51 ulp).
    expect(exact / reference.values.length).toBeGreaterThan(0.99);
  });

  it('exp(x) is within 1 ulp of Math.exp(x) on a million arguments over (−708, 708)', () => {
    const random = stream(6);
    let worst = 0;
    for (let k = 0; k < 1_000_000; k++) {
      const u = random();
      // Half over the whole range, half where the scores' geometric means fall ([0, 4.61]).
      const x = k % 2 === 0 ? (u - 0.5) * 1416 : u * 4.61;
      worst = Math.max(worst, ulps(exp(x), Math.exp(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('exp(x) handles special values as Math.exp does', () => {
    const special = [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      0,
      -0,
      708,
      -708,
      709.78,
      709.8,
      -745,
      -746,
      -1000,
      1000,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      Number.MIN_VALUE,
      -Number.MIN_VALUE,
    ];
    for (const x of special)
      expect(ulps(exp(x), Math.exp(x)), `exp(${x})`).toBeLessThanOrEqual(Number.isNaN(x) ? 0 : 1);
    expect(exp(Number.NaN)).toBeNaN();
    expect(exp(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(exp(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
    expect(exp(1e-20)).toBe(1);
    expect(exp(1)).toBe(Math.E);
  });

  it('exp(x) is increasing: a larger argument never gives a smaller result', () => {
    const random = stream(7);
    let decreasing = 0;
    for (let k = 0; k < 200_000; k++) {
      const x = random() * 4.61;
      if (exp(x + 2 ** -50 * (1 + random())) < exp(x)) decreasing++;
    }
    expect(decreasing).toBe(0);
  });
});
