import { describe, expect, it } from 'vitest';
import { type Deficiency, simulateDeficiency } from './colorVision.ts';
import { contrastRatio, relativeLuminance, textColorOn } from './contrast.ts';
import { deltaE, rgbToLab } from './lab.ts';
import { MISSING_COLOR, PALETTES, paletteColors } from './palettes.ts';
import { hexToRgb } from './rgb.ts';

const DEFICIENCIES: Deficiency[] = ['protanopia', 'deuteranopia', 'tritanopia'];

describe('palettes', () => {
  it('contrastRatio(a, b) matches WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
    // WebAIM's checker: #767676 on white is the lightest grey that passes AA, 4.54:1.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2158605, 6);
  });

  it('rgbToLab(rgb) matches the CIE reference for white and mid grey', () => {
    const white = rgbToLab([255, 255, 255]);
    expect(white[0]).toBeCloseTo(100, 3);
    expect(Math.abs(white[1]) + Math.abs(white[2])).toBeLessThan(0.01);
    expect(rgbToLab([119, 119, 119])[0]).toBeCloseTo(50.03, 1); // sRGB 119 ~ L* 50
  });

  it('simulateDeficiency(hex, d) keeps greys grey and merges red with green for deuteranopes', () => {
    for (const d of DEFICIENCIES) {
      const [r, g, b] = simulateDeficiency('#808080', d);
      expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThan(1.5);
    }
    const normal = deltaE('#d62728', '#2ca02c');
    const deutan = deltaE(
      simulateDeficiency('#d62728', 'deuteranopia'),
      simulateDeficiency('#2ca02c', 'deuteranopia'),
    );
    expect(deutan).toBeLessThan(normal / 2);
  });

  it('paletteColors(p, k) starts and ends on the palette ends, in both directions', () => {
    for (const p of PALETTES) {
      const c = paletteColors(p, 5);
      expect(c[0]).toBe(p.stops[0]);
      expect(c[4]).toBe(p.stops[p.stops.length - 1]);
      expect(paletteColors(p, 5, true)).toEqual([...c].reverse());
    }
  });

  it('paletteColors(p, k) keeps neighbouring classes distinguishable for every colour vision (k = 2..9)', () => {
    for (const p of PALETTES) {
      for (let k = 2; k <= (p.maxClasses ?? 9); k++) {
        const colors = paletteColors(p, k);
        for (const vision of ['normal', ...DEFICIENCIES] as const) {
          const seen = colors.map((c) => (vision === 'normal' ? hexToRgb(c) : simulateDeficiency(c, vision)));
          for (let i = 1; i < k; i++) {
            // 5 ΔE*ab: about twice a just noticeable difference, in the worst case (9 classes).
            expect(deltaE(seen[i - 1]!, seen[i]!), `${p.id} k=${k} ${vision} class ${i}`).toBeGreaterThan(5);
          }
        }
      }
    }
  });

  it('paletteColors(YlGnBu, 9) is rightly capped: its lightest classes merge for tritanopes', () => {
    const p = PALETTES.find((x) => x.id === 'YlGnBu')!;
    const [a, b] = paletteColors(p, 9).map((c) => simulateDeficiency(c, 'tritanopia'));
    expect(deltaE(a!, b!)).toBeLessThan(5);
    expect(p.maxClasses).toBe(8);
  });

  it('paletteColors(p, k) of a sequential palette is ordered in lightness for every colour vision', () => {
    for (const p of PALETTES.filter((x) => x.kind === 'sequential')) {
      const colors = paletteColors(p, 9);
      for (const d of [undefined, ...DEFICIENCIES]) {
        const lightness = colors.map((c) => rgbToLab(d ? simulateDeficiency(c, d) : hexToRgb(c))[0]);
        const rising = lightness.every((l, i) => i === 0 || l > lightness[i - 1]!);
        const falling = lightness.every((l, i) => i === 0 || l < lightness[i - 1]!);
        expect(rising || falling, `${p.id} ${d ?? 'normal'}`).toBe(true);
      }
    }
  });

  it('textColorOn(bg) reaches WCAG AA (4.5:1) on every class colour and on the missing grey', () => {
    for (const p of PALETTES) {
      for (const c of [...paletteColors(p, 9), MISSING_COLOR]) {
        expect(contrastRatio(c, textColorOn(c)), `${p.id} ${c}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
