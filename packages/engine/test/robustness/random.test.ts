import { errorFunction } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { createRandom, dirichlet, gammaVariate, standardNormal } from '../../src/index.ts';
import { engineError } from '../composite/helpers.ts';

/** Kolmogorov-Smirnov distance between a sample and a CDF. */
function ksDistance(sample: Float64Array, cdf: (x: number) => number): number {
  const s = sample.slice().sort();
  let d = 0;
  for (let k = 0; k < s.length; k++) {
    const f = cdf(s[k]!);
    d = Math.max(d, Math.abs((k + 1) / s.length - f), Math.abs(f - k / s.length));
  }
  return d;
}

const N = 20000;
/** 1 % critical value of the one-sample KS statistic (Massey 1951): 1.63 / √n. */
const KS_CRITICAL = 1.63 / Math.sqrt(N);

describe('standardNormal', () => {
  it('standardNormal(random) follows N(0, 1): KS distance to Φ below the 1 % critical value', () => {
    const random = createRandom(2024);
    const x = Float64Array.from({ length: N }, () => standardNormal(random));
    // Φ(x) = (1 + erf(x/√2)) / 2, erf from simple-statistics (an independent implementation).
    expect(ksDistance(x, (v) => (1 + errorFunction(v / Math.SQRT2)) / 2)).toBeLessThan(KS_CRITICAL);
  });

  it('standardNormal(random) gives the same draws for the same seed', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    for (let k = 0; k < 100; k++) expect(standardNormal(a)).toBe(standardNormal(b));
  });
});

describe('gammaVariate', () => {
  it('gammaVariate(random, 3) follows Gamma(3): KS distance to the Erlang CDF 1 − e^−x (1 + x + x²/2)', () => {
    const random = createRandom(31);
    const x = Float64Array.from({ length: N }, () => gammaVariate(random, 3));
    expect(ksDistance(x, (v) => 1 - Math.exp(-v) * (1 + v + (v * v) / 2))).toBeLessThan(KS_CRITICAL);
  });

  it('gammaVariate(random, 0.5) follows Gamma(1/2) = χ²₁/2: CDF erf(√x) (the shape < 1 boost)', () => {
    const random = createRandom(32);
    const x = Float64Array.from({ length: N }, () => gammaVariate(random, 0.5));
    expect(ksDistance(x, (v) => errorFunction(Math.sqrt(v)))).toBeLessThan(KS_CRITICAL);
  });

  it('gammaVariate(random, 0) throws INVALID_SHAPE', () => {
    expect(engineError(() => gammaVariate(createRandom(1), 0)).code).toBe('INVALID_SHAPE');
    expect(engineError(() => gammaVariate(createRandom(1), Number.NaN)).code).toBe('INVALID_SHAPE');
  });
});

describe('dirichlet', () => {
  it('dirichlet(random, α) has the Dirichlet mean α_i/Σα and variance α_i(Σα−α_i)/((Σα)²(Σα+1)), and sums to 1', () => {
    const alpha = [2, 3, 5, 0];
    const a0 = 10;
    const random = createRandom(5);
    const sum = new Float64Array(4);
    const sq = new Float64Array(4);
    const out = new Float64Array(4);
    let worstSum = 0;
    let offComponent = 0;
    for (let k = 0; k < N; k++) {
      dirichlet(random, alpha, out);
      worstSum = Math.max(worstSum, Math.abs(out[0]! + out[1]! + out[2]! + out[3]! - 1));
      offComponent = Math.max(offComponent, out[3]!);
      for (let i = 0; i < 4; i++) {
        sum[i]! += out[i]!;
        sq[i]! += out[i]! ** 2;
      }
    }
    expect(worstSum).toBeLessThan(1e-12);
    expect(offComponent).toBe(0);
    for (let i = 0; i < 3; i++) {
      const mean = alpha[i]! / a0;
      const variance = (alpha[i]! * (a0 - alpha[i]!)) / (a0 * a0 * (a0 + 1));
      const m = sum[i]! / N;
      // Standard error of the mean: √(variance / N) ≈ 0.001; allow 4 of them.
      expect(Math.abs(m - mean)).toBeLessThan(4 * Math.sqrt(variance / N));
      expect(Math.abs(sq[i]! / N - m * m - variance) / variance).toBeLessThan(0.05);
    }
  });

  it('dirichlet(random, α) throws INVALID_SHAPE for a negative α or all zeros', () => {
    expect(engineError(() => dirichlet(createRandom(1), [1, -1])).code).toBe('INVALID_SHAPE');
    expect(engineError(() => dirichlet(createRandom(1), [0, 0])).code).toBe('INVALID_SHAPE');
  });
});
