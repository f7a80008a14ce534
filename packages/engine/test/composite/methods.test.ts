import fc from 'fast-check';
import * as ss from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { matrixMatches } from '../../src/composite/matrixMatches.ts';
import {
  ahpWeights,
  canonicalJson,
  copeland,
  type IndicatorMatrix,
  type NormaliseParams,
  normaliseValues,
  type ResolvedScoreConfig,
  rankScores,
  SAATY_RANDOM_INDEX,
  skewKurt,
  topsis,
  treatOutliers,
  type Vintage,
} from '../../src/index.ts';
import { engineError } from './helpers.ts';

const coinr = { method: 'coinr' as const, skewness: 2, kurtosis: 3.5, maxWinsorised: 5 };

describe('skewKurt', () => {
  it('skewKurt matches simple-statistics’ sample skewness and kurtosis (a second implementation)', () => {
    const samples = [
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100],
      [3.1, -2, 0.5, 8, 8, 1, 4.4],
      [0.001, 1000, 2, 3, 4],
    ];
    for (const x of samples) {
      const r = skewKurt(Float64Array.from(x), x.length);
      expect(r.skewness).toBeCloseTo(ss.sampleSkewness(x), 12);
      expect(r.kurtosis).toBeCloseTo(ss.sampleKurtosis(x), 12);
    }
  });

  it('skewKurt of a constant or too short sample is NaN', () => {
    expect(skewKurt(Float64Array.of(2, 2, 2, 2), 4).skewness).toBeNaN();
    expect(skewKurt(Float64Array.of(1, 2, 4), 3).kurtosis).toBeNaN();
  });
});

describe('treatOutliers', () => {
  it('treatOutliers on COINr’s own example c(1:10, 30, 100) winsorises 100 down to 30, then passes', () => {
    // COINr vignette "Outlier Treatment": x <- c(1:10, 30, 100). Skew 3.06 > 2 and kurtosis 9.74 > 3.5:
    // the highest point is reassigned the next highest value (30); the check then passes.
    const x = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100);
    const r = treatOutliers(x, 12, coinr);
    expect(r.skewness).toBeCloseTo(ss.sampleSkewness([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100]), 12);
    expect(r.treatment).toBe('winsorised');
    expect(r.winsorised).toBe(1);
    expect(Array.from(x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 30]);
    expect(r.skewnessAfter).toBeCloseTo(ss.sampleSkewness([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 30]), 12);
    expect(r.skewnessAfter).toBeLessThan(2);
  });

  it('treatOutliers falls back to COINr’s log_CT on the original values when winsorising is not allowed to finish', () => {
    const original = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100];
    const x = Float64Array.from(original);
    const r = treatOutliers(x, 12, { ...coinr, maxWinsorised: 0 });
    expect(r.treatment).toBe('log');
    // log_CT: ln(x − min + 0.01 (max − min)) = ln(x − 1 + 0.99)
    expect(Array.from(x)).toEqual(original.map((v) => Math.log(v - 1 + 0.99)));
    expect(r.stillOutside).toBe(false);
  });

  it('treatOutliers winsorises the low end when the skew is negative, ties together', () => {
    const x = Float64Array.of(-100, -100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18);
    const r = treatOutliers(x, x.length, coinr);
    expect(r.skewness).toBeLessThan(-2);
    expect(r.treatment).toBe('winsorised');
    expect(r.winsorised).toBe(2);
    expect(x[0]).toBe(1);
    expect(x[1]).toBe(1);
  });

  it('treatOutliers leaves a distribution within the thresholds untouched (|skew| < 2 OR kurtosis < 3.5)', () => {
    const x = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    expect(treatOutliers(x, 10, coinr).treatment).toBe('none');
    expect(
      treatOutliers(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 1000), 10, { ...coinr, method: 'none' })
        .treatment,
    ).toBe('none');
  });
});

describe('normaliseValues', () => {
  const base: NormaliseParams = {
    method: 'minMax',
    direction: 1,
    lo: 0,
    hi: 100,
    goalLower: 0,
    goalUpper: 20,
    reference: 5,
  };
  const run = (x: number[], p: Partial<NormaliseParams>) => {
    const out = new Float64Array(x.length);
    const ab = normaliseValues(Float64Array.from(x), x.length, out, { ...base, ...p });
    return { out: Array.from(out), ...ab };
  };

  it('normaliseValues(minMax) maps min → lo and max → hi, reversed for direction −1', () => {
    expect(run([2, 4, 10], {}).out).toEqual([0, 25, 100]);
    expect(run([2, 4, 10], { direction: -1 }).out).toEqual([100, 75, 0]);
    expect(run([2, 4, 10], { lo: 1, hi: 11 }).out).toEqual([1, 3.5, 11]);
    expect(run([7, 7, 7], {}).out).toEqual([50, 50, 50]);
  });

  it('normaliseValues(zScore) uses the sample standard deviation (n − 1), like R’s sd in COINr', () => {
    // mean 4, deviations −2, 0, 2: sample sd = √(8 / 2) = 2
    expect(run([2, 4, 6], { method: 'zScore' }).out).toEqual([-1, 0, 1]);
    expect(run([2, 4, 6], { method: 'zScore', direction: -1 }).out.map((v) => v + 0)).toEqual([1, 0, -1]);
  });

  it('normaliseValues(rank, percentile) average ties; 1 = worst', () => {
    expect(run([30, 10, 20, 20], { method: 'rank' }).out).toEqual([4, 1, 2.5, 2.5]);
    expect(run([30, 10, 20, 20], { method: 'rank', direction: -1 }).out).toEqual([1, 4, 2.5, 2.5]);
    // percentile = (rank − 1) / (k − 1) × 100
    expect(run([30, 10, 20, 20], { method: 'percentile' }).out).toEqual([100, 0, 50, 50]);
  });

  it('normaliseValues(distanceToReference) gives 100 at the reference, +1 per % better', () => {
    // ref 5: 6 is 20 % above it → 120; direction −1: 20 % worse → 80
    expect(run([5, 6, 4], { method: 'distanceToReference' }).out).toEqual([100, 120, 80]);
    const r = run([5, 6, 4], { method: 'distanceToReference', direction: -1 });
    expect(r.out.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([100, 80, 120]);
    expect(r.a * 5 + r.b).toBeCloseTo(100, 12);
  });

  it('normaliseValues(goalposts) caps to [lo, hi] outside the goalposts', () => {
    expect(run([-5, 0, 5, 20, 30], { method: 'goalposts' }).out).toEqual([0, 0, 25, 100, 100]);
    expect(run([-5, 0, 5, 20, 30], { method: 'goalposts', direction: -1 }).out).toEqual([100, 100, 75, 0, 0]);
  });

  it('normaliseValues returns the affine map of linear methods (used for the reference)', () => {
    const r = run([2, 4, 10], {});
    expect(r.a * 4 + r.b).toBeCloseTo(25, 12);
    expect(run([1, 2], { method: 'rank' }).a).toBeNaN();
  });
});

describe('ahpWeights', () => {
  it('ahpWeights reproduces the published 3×3 example [[1,3,5],[1/3,1,2],[1/5,1/2,1]]: weights 0.648, 0.230, 0.122', () => {
    const r = ahpWeights([
      [1, 3, 5],
      [1 / 3, 1, 2],
      [1 / 5, 1 / 2, 1],
    ]);
    expect(r.weights[0]).toBeCloseTo(0.648, 3);
    expect(r.weights[1]).toBeCloseTo(0.23, 2);
    expect(r.weights[2]).toBeCloseTo(0.122, 3);
    // For n = 3 the principal eigenvector equals the normalised row geometric means (Crawford & Williams 1985)...
    const gm = [15 ** (1 / 3), (2 / 3) ** (1 / 3), 0.1 ** (1 / 3)];
    const sum = gm[0]! + gm[1]! + gm[2]!;
    for (const [i, w] of r.weights.entries()) expect(w).toBeCloseTo(gm[i]! / sum, 12);
    // ...and λmax has a closed form: 1 + (b/(ac))^{1/3} + (ac/b)^{1/3}, with a = 3, b = 5, c = 2.
    const lambda = 1 + (5 / 6) ** (1 / 3) + (6 / 5) ** (1 / 3);
    expect(r.lambdaMax).toBeCloseTo(lambda, 12);
    expect(r.consistencyIndex).toBeCloseTo((lambda - 3) / 2, 12);
    expect(r.randomIndex).toBe(0.58);
    expect(r.consistencyRatio).toBeCloseTo((lambda - 3) / 2 / 0.58, 12);
  });

  it('ahpWeights recovers the weights of a perfectly consistent matrix a_ij = w_i / w_j with CR = 0', () => {
    const w = [0.4, 0.3, 0.2, 0.1];
    const r = ahpWeights(w.map((wi) => w.map((wj) => wi / wj)));
    for (const [i, x] of r.weights.entries()) expect(x).toBeCloseTo(w[i]!, 12);
    expect(r.lambdaMax).toBeCloseTo(4, 12);
    expect(r.consistencyRatio).toBeCloseTo(0, 12);
  });

  it('ahpWeights flags a contradictory matrix (A > B > C > A) with CR far above 0.1', () => {
    const r = ahpWeights([
      [1, 9, 1 / 9],
      [1 / 9, 1, 9],
      [9, 1 / 9, 1],
    ]);
    expect(r.consistencyRatio).toBeGreaterThan(1);
  });

  it('SAATY_RANDOM_INDEX holds Saaty’s published values for n = 1..10', () => {
    expect(SAATY_RANDOM_INDEX.slice(0, 10)).toEqual([0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]);
  });

  it('ahpWeights rejects non-reciprocal or non-positive matrices', () => {
    expect(
      engineError(() =>
        ahpWeights([
          [1, 2],
          [2, 1],
        ]),
      ).code,
    ).toBe('AHP_INVALID');
    expect(
      engineError(() =>
        ahpWeights([
          [1, 0],
          [0, 1],
        ]),
      ).code,
    ).toBe('AHP_INVALID');
  });
});

/** Column-major copy of a row-major table. */
function columns(rows: number[][]): Float64Array {
  const n = rows.length;
  const m = rows[0]!.length;
  const out = new Float64Array(n * m);
  for (const [i, r] of rows.entries()) for (const [j, v] of r.entries()) out[j * n + i] = v;
  return out;
}

describe('topsis', () => {
  it('topsis reproduces the published TOPSIS-Python example (Faez): C = 0.7427, 0.4036, 0.1759, 0.4414', () => {
    // a = [[7,9,9,8],[8,7,8,7],[9,6,8,9],[6,7,8,6]], w = [0.1,0.4,0.3,0.2], last criterion a cost.
    const out = new Float64Array(4);
    topsis(
      columns([
        [7, 9, 9, 8],
        [8, 7, 8, 7],
        [9, 6, 8, 9],
        [6, 7, 8, 6],
      ]),
      4,
      4,
      Float64Array.of(0.1, 0.4, 0.3, 0.2),
      Float64Array.of(1, 1, 1, -1),
      Int32Array.of(0, 1, 2, 3),
      4,
      'vector',
      out,
    );
    const published = [0.74269409, 0.40359933, 0.17586999, 0.44142927];
    for (const [i, c] of published.entries()) expect(out[i]).toBeCloseTo(c, 8);
  });

  it('topsis gives 1 to a unit that is best everywhere, 0 to one that is worst everywhere, skips missing cells', () => {
    const out = new Float64Array(3);
    topsis(
      columns([
        [3, 3],
        [1, 1],
        [2, Number.NaN],
      ]),
      3,
      2,
      Float64Array.of(1, 1),
      Float64Array.of(1, 1),
      Int32Array.of(0, 1, 2),
      3,
      'none',
      out,
    );
    expect(Array.from(out)).toEqual([1, 0, 0.5]);
  });
});

describe('copeland', () => {
  it('copeland counts weighted pairwise majorities by hand: A (3,3), B (2,1), C (1,2)', () => {
    // A beats B (both indicators) and C (both); B vs C: one indicator each → tie.
    const out = new Float64Array(3);
    copeland(
      columns([
        [3, 3],
        [2, 1],
        [1, 2],
      ]),
      3,
      2,
      Float64Array.of(1, 1),
      Int32Array.of(0, 1, 2),
      3,
      out,
    );
    expect(Array.from(out)).toEqual([2, -1, -1]);
  });

  it('copeland does not let a large lead on one indicator buy a loss on heavier ones', () => {
    // X leads hugely on the light indicator, Y leads slightly on the heavy one: Y wins the pair.
    const out = new Float64Array(2);
    copeland(
      columns([
        [1000, 1],
        [0, 1.01],
      ]),
      2,
      2,
      Float64Array.of(0.3, 0.7),
      Int32Array.of(0, 1),
      2,
      out,
    );
    expect(Array.from(out)).toEqual([-1, 1]);
  });

  it('copeland refuses more territories than its limit, with a way out', () => {
    const error = engineError(() =>
      copeland(
        new Float64Array(6000),
        6000,
        1,
        Float64Array.of(1),
        new Int32Array(6000),
        6000,
        new Float64Array(6000),
      ),
    );
    expect(error.code).toBe('COPELAND_TOO_LARGE');
    expect(error.message).toContain('EPCI');
  });
});

describe('rankScores', () => {
  it('rankScores ranks 1 = best, breaks ties by index, leaves set-aside and NaN scores unranked', () => {
    const order = new Int32Array(5);
    const rank = new Int32Array(5);
    const k = rankScores(
      Float64Array.of(5, 9, 5, 100, Number.NaN),
      Uint8Array.of(0, 0, 0, 2, 0),
      order,
      rank,
    );
    expect(k).toBe(3);
    expect(Array.from(rank)).toEqual([2, 1, 3, 0, 0]);
    expect(Array.from(order.subarray(0, k))).toEqual([1, 0, 2]);
  });

  it('rankScores treats scores equal up to floating-point noise as ties, ordered by code', () => {
    const order = new Int32Array(3);
    const rank = new Int32Array(3);
    // 50.5 computed two ways differs in the last bits; a real difference of 1e-4 is not a tie.
    rankScores(Float64Array.of(50.5 + 7e-15, 50.5, 50.5 - 1e-4), Uint8Array.of(0, 0, 0), order, rank);
    expect(Array.from(rank)).toEqual([1, 2, 3]);
    rankScores(Float64Array.of(50.5, 50.5 + 7e-15, 50.5 - 1e-4), Uint8Array.of(0, 0, 0), order, rank);
    expect(Array.from(rank)).toEqual([1, 2, 3]);
  });

  it('rankScores orders negative, zero and positive scores, and agrees with a plain sort', () => {
    const scores = [-3.5, 0, 2, -0.25, 1e-9, -1e6, 7e5];
    const order = new Int32Array(scores.length);
    const rank = new Int32Array(scores.length);
    rankScores(Float64Array.from(scores), new Uint8Array(scores.length), order, rank);
    const expected = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
    expect(Array.from(order)).toEqual(expected);
  });
});

describe('canonicalJson', () => {
  it('canonicalJson sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('canonicalJson keeps the text of deeply frozen values only: a frozen object holding a mutable one is printed again', () => {
    const inner = { b: 1 };
    const shallow = Object.freeze({ a: inner });
    expect(canonicalJson(shallow)).toBe('{"a":{"b":1}}');
    inner.b = 2;
    expect(canonicalJson(shallow)).toBe('{"a":{"b":2}}');
    const deep = Object.freeze({ z: Object.freeze([1, Object.freeze({ y: 'x' })]), a: null });
    expect(canonicalJson(deep)).toBe('{"a":null,"z":[1,{"y":"x"}]}');
    expect(canonicalJson({ outer: deep, m: [deep] })).toBe(
      '{"m":[{"a":null,"z":[1,{"y":"x"}]}],"outer":{"a":null,"z":[1,{"y":"x"}]}}',
    );
  });

  it('canonicalJson prints what sorting entries and joining them prints, on random JSON values', () => {
    // The straightforward form it replaced (entries sorted, mapped and joined).
    const reference = (value: unknown): string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value);
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
    };
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), fc.boolean(), (value, freeze) => {
        // Frozen values (whose text is kept) print the same, the first time and the next.
        if (freeze) deepFreeze(value);
        expect(canonicalJson(value)).toBe(reference(value));
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it('matrixMatches compares formulas as their canonical JSON compares (key order and undefined members aside)', () => {
    const withFormulas = (formulas: unknown[]) => ({
      matrix: {
        vintageId: 'v',
        level: 'commune',
        m: formulas.length,
        indicators: formulas.map((formula, j) => ({ id: `i${j}`, formula })),
      } as unknown as IndicatorMatrix,
      config: {
        level: 'commune',
        framework: { indicators: formulas.map((formula, j) => ({ id: `i${j}`, formula })) },
      } as unknown as ResolvedScoreConfig,
    });
    const vintage = { manifest: { id: 'v' } } as unknown as Vintage;
    /** A copy with keys in reverse order and, sometimes, an undefined member or a changed leaf. */
    const variant = (value: unknown, change: number): unknown => {
      if (value === null || typeof value !== 'object') {
        return change === 1 && typeof value === 'number' ? value + 1 : value;
      }
      if (Array.isArray(value)) return value.map((v) => variant(v, change));
      const out: Record<string, unknown> = {};
      // defineProperty: a "__proto__" member stays a member.
      for (const key of Object.keys(value).reverse()) {
        Object.defineProperty(out, key, {
          value: variant((value as Record<string, unknown>)[key], change),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      if (change === 2) out.extra = undefined;
      if (change === 3) out.added = 0;
      return out;
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 3 }), (a, change) => {
        const b = variant(a, change);
        const { matrix } = withFormulas([a]);
        const { config } = withFormulas([b]);
        expect(matrixMatches(matrix, vintage, config)).toBe(canonicalJson(a) === canonicalJson(b));
      }),
      { numRuns: 500 },
    );
  });

  it('canonicalJson refuses non-finite numbers and non-JSON values', () => {
    expect(engineError(() => canonicalJson({ w: Number.NaN })).code).toBe('INVALID_CONFIG');
    expect(engineError(() => canonicalJson({ w: new Float64Array(1) })).code).toBe('INVALID_CONFIG');
  });
});

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  for (const v of Object.values(value)) deepFreeze(v);
  Object.freeze(value);
}
