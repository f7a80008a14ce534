import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { histogram } from './histogram.ts';

describe('histogram', () => {
  it('histogram(values, bins) counts by hand-computed bins and keeps NaN apart', () => {
    const h = histogram(Float64Array.of(0, 1, 2, 3, Number.NaN), 2);
    expect(h).toEqual({ edges: [0, 1.5, 3], counts: [2, 2], missing: 1 });
    // 10 values 0..9 in 3 bins of width 3: [0,3) [3,6) [6,9]
    expect(
      histogram(
        Float64Array.from({ length: 10 }, (_, i) => i),
        3,
      ).counts,
    ).toEqual([3, 3, 4]);
  });

  it('histogram(values, bins) of a constant or empty column', () => {
    expect(histogram(Float64Array.of(4, 4, 4), 5)).toEqual({ edges: [4, 4], counts: [3], missing: 0 });
    expect(histogram(Float64Array.of(Number.NaN), 5)).toEqual({ edges: [], counts: [], missing: 1 });
  });

  it('histogram(values, bins) counts every valid value exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.constant(Number.NaN)), {
          minLength: 1,
        }),
        fc.integer({ min: 1, max: 40 }),
        (xs, bins) => {
          const h = histogram(Float64Array.from(xs), bins);
          const valid = xs.filter(Number.isFinite).length;
          expect(h.missing).toBe(xs.length - valid);
          expect(h.counts.reduce((a, b) => a + b, 0)).toBe(valid);
        },
      ),
    );
  });

  it('histogram(values, bins) keeps values over a range too small for its bin width (denormals)', () => {
    expect(histogram([0, 5e-324], 2).counts).toEqual([1, 1]);
  });
});
