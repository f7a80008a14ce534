import { describe, expect, it } from 'vitest';
import { SAATY_STEPS, saatyLabel, saatyPosition } from './saatyScale.ts';

describe('saatyScale', () => {
  it('saatyPosition(value) finds each step and the nearest one in log scale', () => {
    SAATY_STEPS.forEach((s, i) => {
      expect(saatyPosition(s)).toBe(i);
    });
    expect(saatyPosition(2.9)).toBe(10); // 3
    expect(saatyPosition(0.34)).toBe(6); // 1/3
  });

  it('saatyLabel(value) reads judgements both ways', () => {
    expect(saatyLabel(1)).toBe('égale (1)');
    expect(saatyLabel(5)).toBe('forte (5)');
    expect(saatyLabel(1 / 9)).toBe('extrême (1/9)');
  });
});
