import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ckmeansBreaks } from './ckmeansBreaks.ts';
import { classify } from './classify.ts';
import { classOf } from './classOf.ts';
import { equalIntervalBreaks } from './equalIntervalBreaks.ts';
import { quantileBreaks } from './quantileBreaks.ts';
import { stdDevBreaks } from './stdDevBreaks.ts';

const sortedOf = (xs: number[]) => Float64Array.from(xs).sort();

/** Within-class sum of squares of a partition given by thresholds: the quantity natural breaks minimise. */
function withinSS(sorted: Float64Array, thresholds: number[]): number {
  const groups = new Map<number, number[]>();
  for (const v of sorted) {
    const c = classOf(v, thresholds);
    groups.set(c, [...(groups.get(c) ?? []), v]);
  }
  let ss = 0;
  for (const g of groups.values()) {
    const m = g.reduce((a, b) => a + b, 0) / g.length;
    for (const v of g) ss += (v - m) ** 2;
  }
  return ss;
}

/** Second implementation: the best split into k contiguous groups by exhaustive search. */
function bruteForceMinSS(sorted: Float64Array, k: number): number {
  const n = sorted.length;
  let best = Number.POSITIVE_INFINITY;
  const cut = (start: number, left: number, acc: number[]) => {
    if (left === 1) {
      const ts = acc.map((i) => sorted[i]!);
      // A cut between equal values is not expressible by thresholds; skip it.
      if (acc.every((i) => sorted[i] !== sorted[i - 1])) best = Math.min(best, withinSS(sorted, ts));
      return;
    }
    for (let i = start; i <= n - left + 1; i++) cut(i + 1, left - 1, [...acc, i]);
  };
  cut(1, k, []);
  return best;
}

describe('classify', () => {
  it('quantileBreaks(sorted, 4) interpolates like R type 7 (hand computed)', () => {
    // n = 9: h = 8 i / 4 -> positions 2, 4, 6 -> values 3, 5, 7 (0-based on 1..9)
    expect(quantileBreaks(sortedOf([9, 1, 8, 2, 7, 3, 6, 4, 5]), 4)).toEqual([3, 5, 7]);
    // n = 4, k = 3: h = 1, 2 -> positions 1 and 2 -> 20, 30
    expect(quantileBreaks(sortedOf([10, 20, 30, 40]), 3)).toEqual([20, 30]);
    // n = 4, k = 4: fractional positions h = 0.75, 1.5, 2.25
    expect(quantileBreaks(sortedOf([0, 10, 20, 30]), 4)).toEqual([7.5, 15, 22.5]);
  });

  it('quantileBreaks(sorted, k) merges tied thresholds instead of making empty classes', () => {
    expect(quantileBreaks(sortedOf([0, 0, 0, 0, 0, 0, 1, 2]), 4)).toEqual([0.25]);
  });

  it('equalIntervalBreaks(sorted, k) cuts the range in equal widths', () => {
    expect(equalIntervalBreaks(sortedOf([2, 3, 14]), 4)).toEqual([5, 8, 11]);
    expect(equalIntervalBreaks(sortedOf([5, 5]), 4)).toEqual([]);
  });

  it('stdDevBreaks(sorted, k) centres on the mean with population sigma (hand computed)', () => {
    // Mean 5, population variance 4 (the textbook example), sigma 2.
    const s = sortedOf([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(stdDevBreaks(s, 4)).toEqual([3, 5, 7]);
    expect(stdDevBreaks(s, 5)).toEqual([4, 6, 8]); // mean ± 0.5 sigma, ± 1.5 sigma
    expect(stdDevBreaks(s, 6)).toEqual([3, 5, 7, 9]); // mean - 2 sigma = 1 < min 2 is dropped
  });

  it('ckmeansBreaks(sorted, k) separates obvious clusters', () => {
    expect(ckmeansBreaks(sortedOf([1, 2, 3, 10, 11, 12, 50, 51]), 3)).toEqual([10, 50]);
    expect(ckmeansBreaks(sortedOf([4, 4, 4]), 3)).toEqual([]);
  });

  it('ckmeansBreaks(sorted, k) reaches the exhaustive-search minimum of within-class squares', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 9 }),
        fc.integer({ min: 2, max: 4 }),
        (xs, k) => {
          const s = sortedOf(xs);
          const distinct = new Set(xs).size;
          fc.pre(distinct >= k);
          const got = withinSS(s, ckmeansBreaks(s, k));
          expect(got).toBeCloseTo(bruteForceMinSS(s, k), 9);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('classOf(value, thresholds) puts a value equal to a threshold in the upper class and NaN at -1', () => {
    expect(classOf(2.9, [3, 5])).toBe(0);
    expect(classOf(3, [3, 5])).toBe(1);
    expect(classOf(99, [3, 5])).toBe(2);
    expect(classOf(Number.NaN, [3, 5])).toBe(-1);
  });

  it('classify(values, options) counts missing apart and every valid value once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(Number.NaN))),
        fc.constantFrom('quantile', 'ckmeans', 'equal', 'stddev' as const),
        fc.integer({ min: 2, max: 9 }),
        (xs, method, classes) => {
          const c = classify(Float64Array.from(xs), { method, classes });
          const nan = xs.filter((x) => Number.isNaN(x)).length;
          expect(c.missing).toBe(nan);
          expect(c.counts.reduce((a, b) => a + b, 0)).toBe(xs.length - nan);
          expect(c.counts.length).toBeLessThanOrEqual(classes);
          for (let i = 1; i < c.thresholds.length; i++)
            expect(c.thresholds[i]!).toBeGreaterThan(c.thresholds[i - 1]!);
        },
      ),
    );
  });

  it('classify(values, manual) validates thresholds with a typed error', () => {
    expect(classify(Float64Array.of(1, 15, 25), { method: 'manual', manual: [10, 20] }).counts).toEqual([
      1, 1, 1,
    ]);
    expect(() => classify(Float64Array.of(1), { method: 'manual', manual: [10, 5] })).toThrow(
      expect.objectContaining({ code: 'MANUAL_BREAKS', details: { position: 2 } }),
    );
    expect(() => classify(Float64Array.of(1), { method: 'quantile', classes: 12 })).toThrow(
      expect.objectContaining({ code: 'CLASS_COUNT' }),
    );
  });

  it('classify(values, options) does not mutate its input', () => {
    const input = Float64Array.of(3, 1, 2);
    classify(input, { method: 'quantile', classes: 2 });
    expect(Array.from(input)).toEqual([3, 1, 2]);
  });
});
