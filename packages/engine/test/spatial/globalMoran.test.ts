import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globalMoran } from '../../src/spatial/autocorrelation/globalMoran.ts';
import { rowStandardize } from '../../src/spatial/weights/rowStandardize.ts';
import { weightsFromNeighbourLists } from '../../src/spatial/weights/weightsFromNeighbourLists.ts';
import { errorCode } from './helpers/fixtures.ts';
import { monteCarloTolerance } from './helpers/stats.ts';

const path4 = weightsFromNeighbourLists([[1], [0, 2], [1, 3], [2]]);

/**
 * Dense second implementation, straight from Cliff & Ord (1981) eqs. 1.38, 2.33–2.35 with an
 * n × n matrix: shares no code with the CSR version.
 */
function denseMoran(x: number[], W: number[][]) {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const z = x.map((v) => v - mean);
  let s0 = 0;
  let s1 = 0;
  let cross = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      s0 += W[i]![j]!;
      s1 += (W[i]![j]! + W[j]![i]!) ** 2 / 2;
      cross += W[i]![j]! * z[i]! * z[j]!;
    }
  }
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    let col = 0;
    for (let j = 0; j < n; j++) {
      row += W[i]![j]!;
      col += W[j]![i]!;
    }
    s2 += (row + col) ** 2;
  }
  const m2 = z.reduce((a, v) => a + v * v, 0);
  const m4 = z.reduce((a, v) => a + v ** 4, 0);
  const I = (n / s0) * (cross / m2);
  const E = -1 / (n - 1);
  const varN = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n * n - 1) * s0 * s0) - E * E;
  const b2 = (n * m4) / (m2 * m2);
  const varR =
    (n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0) -
      b2 * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0)) /
      ((n - 1) * (n - 2) * (n - 3) * s0 * s0) -
    E * E;
  return { I, E, varN, varR };
}

function permutationsOf(values: number[]): number[][] {
  if (values.length <= 1) return [values];
  return values.flatMap((v, k) =>
    permutationsOf([...values.slice(0, k), ...values.slice(k + 1)]).map((p) => [v, ...p]),
  );
}

describe('globalMoran', () => {
  it('globalMoran(1, 2, 3, 4 on a path) matches the hand computation', () => {
    // z = (−1.5, −0.5, 0.5, 1.5), Σz² = 5, S0 = 6, Σ w z z = 2.5 → I = (4/6)(2.5/5) = 1/3
    // S1 = 12, S2 = 40 → Var_N = (16·12 − 4·40 + 3·36)/(15·36) − 1/9 = 4/27
    // b2 = 4·10.25/25 = 1.64 → Var_R = (4·32 − 1.64·40)/216 − 1/9 = 8/45
    const r = globalMoran(Float64Array.of(1, 2, 3, 4), path4, { permutations: 0 });
    expect(r.I).toBeCloseTo(1 / 3, 12);
    expect(r.expected).toBeCloseTo(-1 / 3, 12);
    expect(r.normality.variance).toBeCloseTo(4 / 27, 12);
    expect(r.randomisation.variance).toBeCloseTo(8 / 45, 12);
    expect(r.normality.z).toBeCloseTo(2 / 3 / Math.sqrt(4 / 27), 12);
    expect(r.permutation).toBeNull();
  });

  it('globalMoran(values, w) equals a dense-matrix implementation on random weights (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 12 }).chain((n) =>
          fc.tuple(
            fc.array(
              fc.integer({ min: -1000, max: 1000 }).map((k) => k / 10),
              { minLength: n, maxLength: n },
            ),
            fc.array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
            fc.boolean(),
          ),
        ),
        ([x, links, standardise]) => {
          const n = x.length;
          // symmetric links, every territory with at least one neighbour (its successor)
          const lists = Array.from({ length: n }, (_, i) => [(i + 1) % n, (i + n - 1) % n]);
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++) {
              if (i === j || !links[i]![j]) continue;
              lists[i]!.push(j);
              lists[j]!.push(i);
            }
          let w = weightsFromNeighbourLists(lists);
          if (standardise) w = rowStandardize(w);
          fc.pre(new Set(x).size > 2);
          const W = Array.from({ length: n }, () => new Array(n).fill(0));
          for (let i = 0; i < n; i++)
            for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++) W[i]![w.neighbours[k]!] = w.weights[k]!;
          const mine = globalMoran(Float64Array.from(x), w, { permutations: 0 });
          const ref = denseMoran(x, W);
          const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
          expect(close(mine.I, ref.I)).toBe(true);
          expect(close(mine.normality.variance, ref.varN)).toBe(true);
          expect(close(mine.randomisation.variance, ref.varR)).toBe(true);
        },
      ),
      { numRuns: 200, seed: 4242 },
    );
  });

  it('globalMoran(...).permutation.p agrees with the exact permutation distribution', () => {
    // 6 territories on a ring: all 720 permutations give the exact folded p-value
    const ring = weightsFromNeighbourLists([
      [1, 5],
      [0, 2],
      [1, 3],
      [2, 4],
      [3, 5],
      [4, 0],
    ]);
    const x = [3, 7, 8, 2, 1, 5];
    const observed = globalMoran(Float64Array.from(x), ring, { permutations: 0 }).I;
    const all = permutationsOf(x).map((p) => globalMoran(Float64Array.from(p), ring, { permutations: 0 }).I);
    const larger = all.filter((I) => I >= observed - 1e-12).length / all.length;
    const exact = Math.min(larger, 1 - larger);
    const P = 9999;
    const r = globalMoran(Float64Array.from(x), ring, { permutations: P, seed: 11 });
    expect(Math.abs(r.permutation!.p - exact)).toBeLessThan(monteCarloTolerance(exact, P, 4) / Math.SQRT2);
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    expect(mean).toBeCloseTo(r.expected, 12); // E[I] = −1/(n−1) is exact under permutation
    expect(Math.abs(r.permutation!.mean - mean)).toBeLessThan(0.01);
  });

  it('globalMoran(values with NaN, w) equals the statistic on the sub-map without them', () => {
    const w = rowStandardize(
      weightsFromNeighbourLists([
        [1, 2],
        [0, 2, 3],
        [0, 1, 4],
        [1, 4],
        [2, 3],
      ]),
    );
    const withGap = globalMoran(Float64Array.of(4, Number.NaN, 1, 6, 2), w, { permutations: 0 });
    // drop territory 1: links 0–2, 2–4, 3–4 remain, rows standardised again
    const sub = rowStandardize(weightsFromNeighbourLists([[1], [0, 3], [3], [1, 2]]));
    const direct = globalMoran(Float64Array.of(4, 1, 6, 2), sub, { permutations: 0 });
    expect(withGap.n).toBe(4);
    expect(withGap.I).toBeCloseTo(direct.I, 12);
    expect(withGap.normality.variance).toBeCloseTo(direct.normality.variance, 12);
  });

  it('globalMoran(values, w, { seed }) is reproducible and does not modify its input', () => {
    const x = Float64Array.of(1, 2, 3, 4);
    const a = globalMoran(x, path4, { permutations: 99, seed: 5 });
    const b = globalMoran(x, path4, { permutations: 99, seed: 5 });
    expect(a).toEqual(b);
    expect(Array.from(x)).toEqual([1, 2, 3, 4]); // typed arrays cannot be frozen: compare instead
  });

  it('globalMoran(...) rejects too few values and mismatched lengths with coded errors', () => {
    const code = errorCode;
    expect(code(() => globalMoran(Float64Array.of(1, Number.NaN, Number.NaN, 2), path4))).toBe(
      'SPATIAL_TOO_FEW_VALUES',
    );
    expect(code(() => globalMoran(Float64Array.of(1, 2, 3), path4))).toBe('SPATIAL_LENGTH_MISMATCH');
    expect(code(() => globalMoran(Float64Array.of(1, 2, 3, 4), path4, { permutations: -1 }))).toBe(
      'SPATIAL_BAD_OPTION',
    );
  });
});
