import { type Classification, type ClassMethod, classify } from './classify/classify.ts';
import { classOf } from './classify/classOf.ts';
import { MISSING_COLOR, paletteById, paletteColors } from './color/palettes.ts';

/** Caveat bits, the same as the engine's `CellFlag` (kept here so this module stays dependency-free). */
export const FLAG = {
  missing: 1,
  withheld: 2,
  estimated: 4,
  imputed: 8,
  synthetic: 16,
  treated: 32,
} as const;

export interface ChoroplethOptions {
  method: ClassMethod;
  classes: number;
  manual: readonly number[];
  palette: string;
}

export interface LegendEntry {
  color: string;
  /** For categories (LISA clusters): their name. */
  label?: string;
  /** Lower and upper bound of the class (the data's min and max at the ends). */
  from: number;
  to: number;
  count: number;
}

export interface Choropleth {
  /** Classes of a numeric layer, or categories (LISA clusters: no thresholds, no histogram). */
  kind: 'classes' | 'categories';
  classification: Classification;
  legend: LegendEntry[];
  /** Per territory: class index, −1 when the value is missing. */
  unitClass: Int16Array;
  /** Per territory: fill colour (the missing grey when missing). */
  unitColor: string[];
}

/**
 * Classes and colours of one layer: the map, the legend and the histogram read this one object,
 * so they never disagree. Palettes cap the number of classes they keep apart
 * (`Palette.maxClasses`); a stdDev classification on a sequential palette switches to a
 * diverging one (deviations read both ways from the mean).
 *
 * Complexity: O(n log n).
 * @throws {UiError} from {@link classify} (bad class count, bad manual thresholds).
 */
export function buildChoropleth(values: Float64Array, options: ChoroplethOptions): Choropleth {
  let palette = paletteById(options.palette);
  if (options.method === 'stddev' && palette.kind !== 'diverging') palette = paletteById('PuOr');
  const classes = Math.min(options.classes, palette.maxClasses ?? 9);
  const classification = classify(values, { method: options.method, classes, manual: options.manual });
  const k = classification.thresholds.length + 1;
  const colors = paletteColors(palette, Math.min(k, palette.maxClasses ?? 9));
  // Manual thresholds may ask for more classes than the palette holds: repeat the last colour
  // rather than invent one (the legend then shows it).
  const colorOf = (c: number) => colors[Math.min(c, colors.length - 1)]!;
  const edges = [classification.min, ...classification.thresholds, classification.max];
  const legend = classification.counts.map((count, c) => ({
    color: colorOf(c),
    from: edges[c]!,
    to: edges[c + 1]!,
    count,
  }));
  const unitClass = new Int16Array(values.length);
  const unitColor = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const c = classOf(values[i]!, classification.thresholds);
    unitClass[i] = c;
    unitColor[i] = c < 0 ? MISSING_COLOR : colorOf(c);
  }
  return { kind: 'classes', classification, legend, unitClass, unitColor };
}

/**
 * A map of categories (LISA cluster codes): one colour and label per code; `missingCode` marks
 * territories without a value, drawn as missing (hatched). Categories nobody falls in are left
 * out of the legend.
 *
 * Complexity: O(n).
 */
export function categoricalChoropleth(
  codes: Uint8Array,
  colors: readonly string[],
  labels: readonly string[],
  missingCode: number,
): Choropleth {
  const counts = new Array<number>(colors.length).fill(0);
  const unitClass = new Int16Array(codes.length);
  const unitColor = new Array<string>(codes.length);
  let missing = 0;
  codes.forEach((k, i) => {
    counts[k]!++;
    unitClass[i] = k === missingCode ? -1 : k;
    unitColor[i] = k === missingCode ? MISSING_COLOR : colors[k]!;
    if (k === missingCode) missing++;
  });
  const legend = counts.flatMap((count, k) =>
    count > 0 && k !== missingCode
      ? [{ color: colors[k]!, label: labels[k]!, from: Number.NaN, to: Number.NaN, count }]
      : [],
  );
  const classification: Classification = {
    method: 'manual',
    thresholds: [],
    min: Number.NaN,
    max: Number.NaN,
    counts: legend.map((e) => e.count),
    missing,
  };
  return { kind: 'categories', classification, legend, unitClass, unitColor };
}

/** What a territory's value is, in words (French), from its value and caveat bits. */
export function valueStatus(value: number, flags: number): { key: string; label: string }[] {
  const out: { key: string; label: string }[] = [];
  const has = Number.isFinite(value);
  if (!has) {
    out.push(
      flags & FLAG.withheld
        ? { key: 'withheld', label: 'secret statistique' }
        : { key: 'missing', label: 'donnée manquante' },
    );
  } else if (flags & FLAG.withheld) {
    // A group's estimate whose members are partly withheld (Filosofi for small communes).
    out.push({ key: 'partlyWithheld', label: 'communes en partie sous secret statistique' });
  }
  if (flags & FLAG.estimated) out.push({ key: 'estimated', label: 'estimation' });
  if (flags & FLAG.imputed) out.push({ key: 'imputed', label: 'valeur imputée' });
  if (flags & FLAG.synthetic) out.push({ key: 'synthetic', label: 'données simulées' });
  if (flags & FLAG.treated) out.push({ key: 'treated', label: 'valeur extrême traitée' });
  return out;
}
