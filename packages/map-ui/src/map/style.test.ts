import { describe, expect, it } from 'vitest';
import { dotsPattern, hatchPattern } from './patterns.ts';
import { buildStyle, LAYERS, SOURCES } from './style.ts';

describe('map style', () => {
  it('buildStyle() is fully offline: no URL, no glyphs, no sprite, no symbol layer', () => {
    const style = buildStyle();
    const text = JSON.stringify(style);
    expect(text).not.toMatch(/https?:|mapbox:|\/\//);
    expect(style).not.toHaveProperty('glyphs');
    expect(style).not.toHaveProperty('sprite');
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
  });

  it('buildStyle() layers reference declared sources and draw selection above the fill', () => {
    const style = buildStyle();
    const ids = style.layers.map((l) => l.id);
    for (const l of style.layers) {
      if ('source' in l) expect(Object.values(SOURCES)).toContain(l.source);
    }
    expect(ids.indexOf(LAYERS.selected)).toBeGreaterThan(ids.indexOf(LAYERS.fill));
    expect(ids.indexOf(LAYERS.depLine)).toBeGreaterThan(ids.indexOf(LAYERS.epciLines));
  });

  it('hatchPattern() and dotsPattern() are RGBA images of the stated size with some opaque pixels', () => {
    for (const p of [hatchPattern(), dotsPattern()]) {
      expect(p.data.length).toBe(p.width * p.height * 4);
      const alpha = Array.from(p.data.filter((_, i) => i % 4 === 3));
      expect(alpha.some((a) => a > 0)).toBe(true);
      expect(alpha.some((a) => a === 0)).toBe(true);
    }
  });
});
