import { describe, expect, it } from 'vitest';
import { parseThresholds } from './parseThresholds.ts';

describe('parseThresholds', () => {
  it('parseThresholds(text) reads French numbers separated by semicolons', () => {
    expect(parseThresholds('1 000,5 ; 2000')).toEqual([1000.5, 2000]);
    expect(parseThresholds('10;20; ;30')).toEqual([10, 20, 30]);
    expect(parseThresholds('1\u202f234,5')).toEqual([1234.5]);
    expect(parseThresholds('dix')).toEqual([Number.NaN]); // reported by manualBreaks as MANUAL_BREAKS
  });
});
