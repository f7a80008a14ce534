import { describe, expect, it } from 'vitest';
import { createRandom, xoshiroStateFromSeed } from '../../src/random/xoshiro128.ts';

/**
 * Independent reference: xoshiro128** written from the published C code with BigInt arithmetic
 * (no Math.imul, no 32-bit tricks), so the two implementations share nothing but the algorithm.
 */
function referenceXoshiro(state: [number, number, number, number]) {
  const M = 0xffffffffn;
  let s = state.map((x) => BigInt(x >>> 0));
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
  return () => {
    const result = (rotl((s[1]! * 5n) & M, 7n) * 9n) & M;
    const t = (s[1]! << 9n) & M;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11n);
    s = [...s];
    return Number(result);
  };
}

/** SplitMix64 (Steele, Lea & Flood 2014), first outputs for seed 0, as published with the C reference. */
const SPLITMIX64_SEED0 = [0xe220a8397b1dcdafn, 0x6e789e6aa1b965f4n];

describe('createRandom', () => {
  it('createRandom(0, [1, 2, 3, 4]) reproduces the first outputs of the reference algorithm', () => {
    const rng = createRandom(0, [1, 2, 3, 4]);
    // hand-checked: rotl(2·5, 7)·9 = 1280·9 = 11520; then s1 becomes 0, so the second output is 0
    expect(rng.uint32()).toBe(11520);
    expect(rng.uint32()).toBe(0);
    const reference = referenceXoshiro([1, 2, 3, 4]);
    reference();
    reference();
    for (let k = 0; k < 1000; k++) expect(rng.uint32()).toBe(reference());
  });

  it('xoshiroStateFromSeed(0) takes its state from the published SplitMix64 outputs', () => {
    const [a, b, c, d] = xoshiroStateFromSeed(0);
    expect(BigInt(a) | (BigInt(b) << 32n)).toBe(SPLITMIX64_SEED0[0]);
    expect(BigInt(c) | (BigInt(d) << 32n)).toBe(SPLITMIX64_SEED0[1]);
  });

  it('createRandom(seed) is reproducible and differs between seeds', () => {
    const draw = (seed: number) => {
      const rng = createRandom(seed);
      return Array.from({ length: 8 }, () => rng.uint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    const reference = referenceXoshiro(xoshiroStateFromSeed(42));
    expect(draw(42)).toEqual(Array.from({ length: 8 }, () => reference()));
  });

  it('rng.int(n) is uniform (chi-square, 6 and 1000 cells) and stays in range', () => {
    const rng = createRandom(7);
    for (const n of [6, 1000]) {
      const counts = new Array(n).fill(0);
      const draws = n * 200;
      let outOfRange = 0;
      for (let k = 0; k < draws; k++) {
        const x = rng.int(n);
        if (!(Number.isInteger(x) && x >= 0 && x < n)) outOfRange++;
        else counts[x]++;
      }
      expect(outOfRange).toBe(0);
      const expected = draws / n;
      const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
      // 99.9 % quantile of chi-square: 20.5 with 5 d.f.; ≈ 1 142 with 999 d.f.
      expect(chi2).toBeLessThan(n === 6 ? 20.5 : 1142);
    }
  });

  it('rng.int(n) also handles n above 2^21 (rejection path) and rng.float() stays in [0, 1)', () => {
    const rng = createRandom(3);
    const n = 3_000_000_000;
    let max = 0;
    for (let k = 0; k < 2000; k++) {
      const x = rng.int(n);
      expect(Number.isInteger(x) && x >= 0 && x < n).toBe(true);
      max = Math.max(max, x);
      const f = rng.float();
      expect(f >= 0 && f < 1).toBe(true);
    }
    expect(max).toBeGreaterThan(n * 0.99); // 2000 draws: the largest is above 99 % of n with probability 1 − 0.99^2000
  });
});
