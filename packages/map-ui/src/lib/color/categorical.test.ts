import { describe, expect, it } from 'vitest';
import { LISA_COLORS, OKABE_ITO } from './categorical.ts';
import { type Deficiency, simulateDeficiency } from './colorVision.ts';
import { deltaE } from './lab.ts';
import { hexToRgb } from './rgb.ts';

const VISIONS: (Deficiency | 'normal')[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];
const seen = (hex: string, v: Deficiency | 'normal') =>
  v === 'normal' ? hexToRgb(hex) : simulateDeficiency(hex, v);

describe('categorical colours', () => {
  it('LISA_COLORS keeps the four significant clusters and "not significant" apart for every colour vision', () => {
    const significant = [0, 1, 2, 3, 4].map((k) => LISA_COLORS[k]!);
    for (const v of VISIONS) {
      for (let a = 0; a < significant.length; a++) {
        for (let b = a + 1; b < significant.length; b++) {
          expect(
            deltaE(seen(significant[a]!, v), seen(significant[b]!, v)),
            `${v} ${a}/${b}`,
          ).toBeGreaterThan(10);
        }
      }
    }
  });

  it('OKABE_ITO colours stay distinct for every colour vision (the first five, used for zones)', () => {
    const first = OKABE_ITO.slice(0, 5);
    for (const v of VISIONS) {
      for (let a = 0; a < first.length; a++) {
        for (let b = a + 1; b < first.length; b++) {
          expect(
            deltaE(seen(first[a]!, v), seen(first[b]!, v)),
            `${v} ${first[a]} ${first[b]}`,
          ).toBeGreaterThan(8);
        }
      }
    }
  });
});
