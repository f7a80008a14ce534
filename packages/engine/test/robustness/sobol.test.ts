import { describe, expect, it } from 'vitest';
import { createRandom, saltelliSample, sobolIndices } from '../../src/index.ts';

/**
 * Ishigami & Homma (1990) function on [−π, π]³, with a = 7, b = 0.1: the classic test of Sobol
 * estimators. Analytical partial variances (Sobol' & Levitan 1999; Saltelli et al. 2008, §4.7):
 * V1 = ½(1 + bπ⁴/5)², V2 = a²/8, V13 = b²π⁸(1/18 − 1/50), V = V1 + V2 + V13; V3 = V12 = V23 = 0.
 */
const a = 7;
const b = 0.1;
const V1 = 0.5 * (1 + (b * Math.PI ** 4) / 5) ** 2;
const V2 = (a * a) / 8;
const V13 = b * b * Math.PI ** 8 * (1 / 18 - 1 / 50);
const V = V1 + V2 + V13;
const exact = { first: [V1 / V, V2 / V, 0], total: [(V1 + V13) / V, V2 / V, V13 / V] };

function ishigami(N: number, seed: number) {
  const points = saltelliSample(3, N, createRandom(seed), [[0], [1], [2]]);
  const y = new Float64Array(5 * N);
  for (let r = 0; r < 5 * N; r++) {
    const [x1, x2, x3] = [0, 1, 2].map((c) => -Math.PI + 2 * Math.PI * points[r * 3 + c]!) as [
      number,
      number,
      number,
    ];
    y[r] = Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
  }
  return y;
}

describe('sobolIndices', () => {
  it('the analytical Ishigami indices are the published ones (S1 0.3139, S2 0.4424, ST1 0.5576, ST3 0.2437)', () => {
    expect(exact.first[0]).toBeCloseTo(0.3139, 4);
    expect(exact.first[1]).toBeCloseTo(0.4424, 4);
    expect(exact.total[0]).toBeCloseTo(0.5576, 4);
    expect(exact.total[1]).toBeCloseTo(0.4424, 4);
    expect(exact.total[2]).toBeCloseTo(0.2437, 4);
  });

  it('sobolIndices(y, 3, N) recovers the Ishigami indices within 0.02 at N = 16,384, each inside its 95 % bootstrap interval', () => {
    const N = 16384;
    const est = sobolIndices(ishigami(N, 42), 3, N, {
      bootstrap: 300,
      confidence: 0.95,
      random: createRandom(7),
    });
    expect(est.variance).toBeCloseTo(V, 0);
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(est.first[i]! - exact.first[i]!)).toBeLessThan(0.02);
      expect(Math.abs(est.total[i]! - exact.total[i]!)).toBeLessThan(0.02);
      expect(est.firstLow[i]!).toBeLessThanOrEqual(exact.first[i]!);
      expect(est.firstHigh[i]!).toBeGreaterThanOrEqual(exact.first[i]!);
      expect(est.totalLow[i]!).toBeLessThanOrEqual(exact.total[i]!);
      expect(est.totalHigh[i]!).toBeGreaterThanOrEqual(exact.total[i]!);
      // Intervals are informative: narrower than 0.1.
      expect(est.totalHigh[i]! - est.totalLow[i]!).toBeLessThan(0.1);
    }
  });

  it('sobolIndices(y, 3, N) errors shrink as N grows (mean over 5 seeds, N = 256 → 16,384)', () => {
    const err = (N: number) => {
      let total = 0;
      for (let seed = 1; seed <= 5; seed++) {
        const est = sobolIndices(ishigami(N, seed), 3, N);
        for (let i = 0; i < 3; i++)
          total += Math.abs(est.first[i]! - exact.first[i]!) + Math.abs(est.total[i]! - exact.total[i]!);
      }
      return total / 30;
    };
    // Monte-Carlo error falls as 1/√N: 64 times more samples, about 8 times less error.
    expect(err(16384)).toBeLessThan(err(256) / 3);
  });

  it('sobolIndices gives S = ST = a_i²/Σa² for an additive model y = 1·x1 + 2·x2 + 3·x3 (no interaction)', () => {
    const N = 20000;
    const points = saltelliSample(3, N, createRandom(3), [[0], [1], [2]]);
    const y = Float64Array.from(
      { length: 5 * N },
      (_, r) => points[r * 3]! + 2 * points[r * 3 + 1]! + 3 * points[r * 3 + 2]!,
    );
    const est = sobolIndices(y, 3, N);
    [1, 4, 9].forEach((a2, i) => {
      expect(Math.abs(est.first[i]! - a2 / 14)).toBeLessThan(0.02);
      expect(Math.abs(est.total[i]! - a2 / 14)).toBeLessThan(0.02);
    });
  });

  it('sobolIndices on grouped factors gives the index of the group: y = x1 + x2 + x3, group {x1, x2} → 2/3', () => {
    const N = 20000;
    const points = saltelliSample(3, N, createRandom(4), [[0, 1], [2]]);
    const y = Float64Array.from(
      { length: 4 * N },
      (_, r) => points[r * 3]! + points[r * 3 + 1]! + points[r * 3 + 2]!,
    );
    const est = sobolIndices(y, 2, N);
    expect(Math.abs(est.first[0]! - 2 / 3)).toBeLessThan(0.02);
    expect(Math.abs(est.first[1]! - 1 / 3)).toBeLessThan(0.02);
  });

  it('sobolIndices of a constant output are NaN (no variance to share)', () => {
    const est = sobolIndices(new Float64Array(4 * 10).fill(3), 2, 10, {
      bootstrap: 10,
      random: createRandom(1),
    });
    expect(est.variance).toBe(0);
    expect(Number.isNaN(est.first[0]!)).toBe(true);
    expect(Number.isNaN(est.totalHigh[1]!)).toBe(true);
  });
});

describe('saltelliSample', () => {
  it('saltelliSample(D, N) builds A, B and A_B^(i): A with the coordinates of factor i taken from B', () => {
    const D = 4;
    const N = 50;
    const factors = [[0, 2], [1], [3]];
    const p = saltelliSample(D, N, createRandom(9), factors);
    expect(p.length).toBe((factors.length + 2) * N * D);
    const at = (block: number, s: number, c: number) => p[(block * N + s) * D + c]!;
    factors.forEach((coords, i) => {
      for (let s = 0; s < N; s++) {
        for (let c = 0; c < D; c++)
          expect(at(2 + i, s, c)).toBe(coords.includes(c) ? at(1, s, c) : at(0, s, c));
      }
    });
    expect(at(0, 0, 0)).not.toBe(at(1, 0, 0));
    // Same seed, same design.
    expect(saltelliSample(D, N, createRandom(9), factors)).toEqual(p);
  });

  it('saltelliSample refuses a coordinate owned by two factors', () => {
    expect(() => saltelliSample(2, 4, createRandom(1), [[0], [0, 1]])).toThrow(/coordonnée 0/);
  });
});
