import { describe, expect, it } from 'vitest';
import { buildChoropleth, categoricalChoropleth, FLAG, valueStatus } from './choropleth.ts';
import { MISSING_COLOR, PALETTES, paletteColors } from './color/palettes.ts';

describe('choropleth', () => {
  it('buildChoropleth(values, options) colours each unit by its class and missing ones grey', () => {
    const values = Float64Array.of(0, 10, Number.NaN, 20, 30);
    const c = buildChoropleth(values, { method: 'equal', classes: 3, manual: [], palette: 'Blues' });
    const blues = paletteColors(PALETTES.find((p) => p.id === 'Blues')!, 3);
    // Equal intervals over [0, 30]: thresholds 10 and 20 -> classes 0, 1, -, 2, 2
    expect(Array.from(c.unitClass)).toEqual([0, 1, -1, 2, 2]);
    expect(c.unitColor).toEqual([blues[0], blues[1], MISSING_COLOR, blues[2], blues[2]]);
    expect(c.legend.map((e) => [e.from, e.to, e.count])).toEqual([
      [0, 10, 1],
      [10, 20, 1],
      [20, 30, 2],
    ]);
    expect(c.classification.missing).toBe(1);
  });

  it('buildChoropleth(values, stddev) switches a sequential palette to a diverging one', () => {
    const values = Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9);
    const c = buildChoropleth(values, { method: 'stddev', classes: 4, manual: [], palette: 'viridis' });
    const puor = paletteColors(PALETTES.find((p) => p.id === 'PuOr')!, 4);
    expect(c.legend.map((e) => e.color)).toEqual(puor);
  });

  it('buildChoropleth(values, options) caps classes at the palette limit', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i);
    const c = buildChoropleth(values, { method: 'quantile', classes: 9, manual: [], palette: 'YlGnBu' });
    expect(c.legend).toHaveLength(8);
  });

  it('categoricalChoropleth(codes, colors, labels, missing) colours by code and keeps only used categories', () => {
    const c = categoricalChoropleth(
      Uint8Array.of(1, 0, 5, 1),
      ['#000', '#f00', '#00f', '', '', '#ccc'],
      ['NS', 'HH', 'LL', '', '', 'NA'],
      5,
    );
    expect(Array.from(c.unitClass)).toEqual([1, 0, -1, 1]);
    expect(c.unitColor).toEqual(['#f00', '#000', MISSING_COLOR, '#f00']);
    expect(c.legend.map((e) => [e.label, e.count])).toEqual([
      ['NS', 1],
      ['HH', 2],
    ]);
    expect(c.classification.missing).toBe(1);
  });

  it('valueStatus(value, flags) names withheld apart from missing, and every caveat', () => {
    expect(valueStatus(Number.NaN, FLAG.missing | FLAG.withheld).map((s) => s.key)).toEqual(['withheld']);
    expect(valueStatus(Number.NaN, 0).map((s) => s.key)).toEqual(['missing']);
    expect(valueStatus(12.5, FLAG.withheld | FLAG.estimated).map((s) => s.key)).toEqual([
      'partlyWithheld',
      'estimated',
    ]);
    expect(valueStatus(3, FLAG.estimated | FLAG.synthetic).map((s) => s.label)).toEqual([
      'estimation',
      'données simulées',
    ]);
    expect(valueStatus(3, 0)).toEqual([]);
  });
});
