import fc from 'fast-check';
import { sampleCorrelation, sampleRankCorrelation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { averageRanks, cronbachAlpha, pearson, spearman } from '../../src/index.ts';

describe('pearson', () => {
  it('pearson(x, y) by hand: x = 1..4, y = 2, 4, 5, 9 → Sxy 11, Sxx 5, Syy 26 → 11/√130', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 5, 9])).toBeCloseTo(11 / Math.sqrt(130), 14);
  });

  it('pearson(x, y) drops the pairs with a missing value', () => {
    expect(pearson([1, 2, Number.NaN, 3, 4], [2, 4, 100, 5, 9])).toBeCloseTo(11 / Math.sqrt(130), 14);
  });

  it('pearson(x, y) is NaN for a constant variable or fewer than 3 pairs', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(pearson([1, 2], [3, 4])).toBeNaN();
  });

  it('pearson(x, y) agrees with simple-statistics sampleCorrelation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 })), {
          minLength: 3,
          maxLength: 60,
        }),
        (pairs) => {
          const x = pairs.map((p) => p[0]);
          const y = pairs.map((p) => p[1]);
          const r = pearson(x, y);
          const ref = sampleCorrelation(x, y);
          if (Number.isFinite(ref)) expect(r).toBeCloseTo(ref, 10);
          else expect(r).toBeNaN();
        },
      ),
    );
  });
});

describe('averageRanks', () => {
  it('averageRanks(values) shares tied ranks: [10, 20, 10, 30] → [1.5, 3, 1.5, 4]', () => {
    expect([...averageRanks([10, 20, 10, 30])]).toEqual([1.5, 3, 1.5, 4]);
  });
});

describe('spearman', () => {
  it('spearman(x, y) with ties by hand: ranks x (1, 2.5, 2.5, 4), y (1, 3, 2, 4) → 4.5 / √(4.5 × 5)', () => {
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(4.5 / Math.sqrt(4.5 * 5), 14);
  });

  it('spearman(x, y) agrees with simple-statistics sampleRankCorrelation (midranks) on data with many ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), {
          minLength: 3,
          maxLength: 50,
        }),
        (pairs) => {
          const x = pairs.map((p) => p[0]);
          const y = pairs.map((p) => p[1]);
          const ref = sampleRankCorrelation(x, y);
          const r = spearman(x, y);
          if (Number.isFinite(ref)) expect(r).toBeCloseTo(ref, 10);
          else expect(r).toBeNaN();
        },
      ),
    );
  });

  it('spearman(x, y) is 1 for any increasing transform (here x³)', () => {
    const x = [0.3, -2, 5, 7, 1.1, 1.2];
    expect(
      spearman(
        x,
        x.map((v) => v ** 3),
      ),
    ).toBe(1);
  });
});

describe('cronbachAlpha', () => {
  it('cronbachAlpha(items) by hand: item variances 5/3 and 19/12, total variance 25/4 → 2 × (1 − 3.25/6.25) = 0.96', () => {
    const r = cronbachAlpha([
      [1, 2, 3, 4],
      [2, 3, 3, 5],
    ]);
    expect(r.alpha).toBeCloseTo(0.96, 12);
    expect(r.items).toBe(2);
    expect(r.observations).toBe(4);
  });

  it('cronbachAlpha(items) equals the covariance form k c̄ / (v̄ + (k − 1) c̄) (a second formula)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((k) =>
          fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: k, maxLength: k }), {
            minLength: 3,
            maxLength: 30,
          }),
        ),
        (rows) => {
          const k = rows[0]!.length;
          const items = Array.from({ length: k }, (_, j) => rows.map((r) => r[j]!));
          const n = rows.length;
          const mean = items.map((c) => c.reduce((s, v) => s + v, 0) / n);
          const cov = (a: number, b: number) =>
            items[a]!.reduce((s, v, i) => s + (v - mean[a]!) * (items[b]![i]! - mean[b]!), 0) / (n - 1);
          let v = 0;
          let c = 0;
          for (let a = 0; a < k; a++) {
            v += cov(a, a);
            for (let b = 0; b < k; b++) if (a !== b) c += cov(a, b);
          }
          v /= k;
          c /= k * (k - 1);
          const expected = (k * c) / (v + (k - 1) * c);
          const r = cronbachAlpha(items);
          if (Number.isFinite(expected) && v + (k - 1) * c > 1e-9) expect(r.alpha).toBeCloseTo(expected, 9);
        },
      ),
    );
  });

  it('cronbachAlpha(items) drops incomplete observations and is NaN with one item', () => {
    expect(
      cronbachAlpha([
        [1, 2, 3, 4, Number.NaN],
        [2, 3, 3, 5, 9],
      ]).alpha,
    ).toBeCloseTo(0.96, 12);
    expect(cronbachAlpha([[1, 2, 3]]).alpha).toBeNaN();
  });
});
