import { fromLinear, hexToRgb, rgbToHex, toLinear } from './rgb.ts';

export type PaletteKind = 'sequential' | 'diverging';

export interface Palette {
  id: string;
  /** French label for the picker. */
  label: string;
  kind: PaletteKind;
  /** Anchor colours from low to high values. */
  stops: string[];
  /**
   * Most classes the palette keeps apart for every colour vision (checked in palettes.test.ts:
   * neighbouring classes at least 5 ΔE*ab apart after a protan, deutan or tritan simulation). Default 9.
   */
  maxClasses?: number;
}

/**
 * Colour-blind-safe palettes only. Viridis and cividis: 10 evenly spaced samples of the
 * matplotlib colormaps (van der Walt & Smith 2015; Nuñez, Anderton & Renslow 2018, PLOS ONE
 * 13(7)). ColorBrewer 2.0 (Brewer, Harrower et al., colorbrewer2.org) schemes flagged
 * "colorblind safe": 9-class sequential, 11-class diverging.
 */
export const PALETTES: Palette[] = [
  {
    id: 'viridis',
    label: 'Viridis',
    kind: 'sequential',
    stops: [
      '#440154',
      '#482878',
      '#3e4989',
      '#31688e',
      '#26828e',
      '#1f9e89',
      '#35b779',
      '#6ece58',
      '#b5de2b',
      '#fde725',
    ],
  },
  {
    id: 'cividis',
    label: 'Cividis',
    kind: 'sequential',
    stops: [
      '#00224e',
      '#123570',
      '#3b496c',
      '#575d6d',
      '#707173',
      '#8a8678',
      '#a59c74',
      '#c3b369',
      '#e1cc55',
      '#fee838',
    ],
  },
  {
    id: 'YlGnBu',
    label: 'Jaune-vert-bleu (ColorBrewer)',
    kind: 'sequential',
    // With 9 classes the two lightest yellows are 4.4 ΔE apart for tritanopes.
    maxClasses: 8,
    stops: [
      '#ffffd9',
      '#edf8b1',
      '#c7e9b4',
      '#7fcdbb',
      '#41b6c4',
      '#1d91c0',
      '#225ea8',
      '#253494',
      '#081d58',
    ],
  },
  {
    id: 'Blues',
    label: 'Bleus (ColorBrewer)',
    kind: 'sequential',
    stops: [
      '#f7fbff',
      '#deebf7',
      '#c6dbef',
      '#9ecae1',
      '#6baed6',
      '#4292c6',
      '#2171b5',
      '#08519c',
      '#08306b',
    ],
  },
  {
    id: 'OrRd',
    label: 'Orange-rouge (ColorBrewer)',
    kind: 'sequential',
    stops: [
      '#fff7ec',
      '#fee8c8',
      '#fdd49e',
      '#fdbb84',
      '#fc8d59',
      '#ef6548',
      '#d7301f',
      '#b30000',
      '#7f0000',
    ],
  },
  {
    id: 'PuOr',
    label: 'Orange-violet, divergente (ColorBrewer)',
    kind: 'diverging',
    stops: [
      '#7f3b08',
      '#b35806',
      '#e08214',
      '#fdb863',
      '#fee0b6',
      '#f7f7f7',
      '#d8daeb',
      '#b2abd2',
      '#8073ac',
      '#542788',
      '#2d004b',
    ],
  },
  {
    id: 'RdBu',
    label: 'Rouge-bleu, divergente (ColorBrewer)',
    kind: 'diverging',
    stops: [
      '#67001f',
      '#b2182b',
      '#d6604d',
      '#f4a582',
      '#fddbc7',
      '#f7f7f7',
      '#d1e5f0',
      '#92c5de',
      '#4393c3',
      '#2166ac',
      '#053061',
    ],
  },
  {
    id: 'BrBG',
    label: 'Brun-vert, divergente (ColorBrewer)',
    kind: 'diverging',
    stops: [
      '#543005',
      '#8c510a',
      '#bf812d',
      '#dfc27d',
      '#f6e8c3',
      '#f5f5f5',
      '#c7eae5',
      '#80cdc1',
      '#35978f',
      '#01665e',
      '#003c30',
    ],
  },
];

/** Colour of territories with no value: a neutral grey, drawn under a hatch pattern. */
export const MISSING_COLOR = '#d9d9d9';

export function paletteById(id: string): Palette {
  return PALETTES.find((p) => p.id === id) ?? PALETTES[0]!;
}

/**
 * k colours sampled evenly along a palette, interpolated in linear RGB between anchors.
 * For a diverging palette with an odd k the middle class gets the neutral centre.
 * `reverse` swaps the ends (used when a higher value is worse).
 *
 * Complexity: O(k).
 * @example paletteColors(PALETTES[3], 2) // ['#f7fbff', '#08306b']
 */
export function paletteColors(palette: Palette, k: number, reverse = false): string[] {
  const stops = palette.stops.map(hexToRgb);
  const out: string[] = [];
  for (let i = 0; i < k; i++) {
    const t = k === 1 ? 0.5 : i / (k - 1);
    const x = t * (stops.length - 1);
    const lo = Math.floor(x);
    const hi = Math.min(lo + 1, stops.length - 1);
    const f = x - lo;
    const a = stops[lo]!;
    const b = stops[hi]!;
    out.push(
      rgbToHex(
        [0, 1, 2].map((c) => fromLinear(toLinear(a[c]!) * (1 - f) + toLinear(b[c]!) * f)) as [
          number,
          number,
          number,
        ],
      ),
    );
  }
  return reverse ? out.reverse() : out;
}
