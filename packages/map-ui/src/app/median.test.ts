import { describe, expect, it } from 'vitest';
import { median } from './median.ts';

describe('median', () => {
  it('median(values) skips NaN and averages the middle pair', () => {
    expect(median(Float64Array.of(3, Number.NaN, 1, 2))).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([Number.NaN])).toBeNaN();
  });
});
