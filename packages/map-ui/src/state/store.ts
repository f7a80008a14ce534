import { batch, computed, signal } from '@preact/signals';
import type { Choropleth } from '../lib/choropleth.ts';
import { buildChoropleth, categoricalChoropleth } from '../lib/choropleth.ts';
import { LISA_COLORS } from '../lib/color/categorical.ts';
import { decodeView } from '../lib/url/urlState.ts';
import type { ViewState } from '../lib/url/viewState.ts';
import { type LayerInfo, layerValues, listLayers } from '../scoring/layers.ts';
import type { RankIntervalView, VintageMeta } from '../scoring/scoringApi.ts';
import type { LisaView, ZoneView } from '../scoring/spatial.ts';

export { scoreConfig } from '../scoring/viewConfig.ts';

import type { ScoreView } from '../scoring/scoreView.ts';
import { nextSelection } from './nextSelection.ts';

export interface VintageListItem {
  id: string;
  title: string;
  synthetic: boolean;
  scope?: { label?: string };
}

/** The view: what the URL holds. */
export const view = signal<ViewState>(decodeView(location.search));
export const vintages = signal<VintageListItem[]>([]);
export const meta = signal<VintageMeta | null>(null);
export const scores = signal<ScoreView | null>(null);
/** Code of the territory under the pointer (map, table or scatter). */
export const hovered = signal<string | null>(null);
export const me = signal<{ role: string; name: string } | null>(null);
/** A message the status line shows (errors in French, with their code). */
export const notice = signal<{ kind: 'error' | 'info'; text: string } | null>(null);
export const busy = signal<string | null>(null);

export function setView(patch: Partial<ViewState>): void {
  view.value = { ...view.value, ...patch };
}

export function showError(error: unknown): void {
  const e = error as { code?: string; message?: string };
  notice.value = { kind: 'error', text: `${e.message ?? String(error)}${e.code ? ` (${e.code})` : ''}` };
}

/** The last LISA computed, for the layer, run and options in `key`. */
export const lisa = signal<{ key: string; view: LisaView } | null>(null);
/** Rank intervals (Monte-Carlo) of the run with `hash`, by territory code. */
export const robustness = signal<{
  hash: string;
  replicates: number;
  byCode: Map<string, RankIntervalView>;
} | null>(null);
/** Candidate zones found on the commune-level run with `hash`. */
export const zoneResult = signal<{ hash: string; candidates: ZoneView[]; message: string } | null>(null);

/** Layers of the current run. */
export const layers = computed(() => (scores.value ? listLayers(scores.value) : []));

/** The layer on the map; a LISA layer (`lisa:<base layer>`) is described from its base layer. */
export const currentLayer = computed<LayerInfo | undefined>(() => {
  const id = view.value.layer;
  const base = id.startsWith('lisa:') ? id.slice(5) : id;
  const found = layers.value.find((l) => l.id === base) ?? layers.value[0];
  if (!found || !id.startsWith('lisa:')) return found;
  return {
    ...found,
    id,
    kind: 'lisa',
    label: `Regroupements LISA : ${found.label}`,
    group: 'Analyse spatiale',
  };
});

/** What identifies a LISA map: run, layer, significance options. */
export const lisaKey = computed(() => {
  const v = view.value;
  if (!scores.value || !v.layer.startsWith('lisa:')) return '';
  return `${scores.value.hash}|${v.layer}|${v.options.lisaAlpha ?? '0.05'}|${v.options.lisaCorr ?? 'none'}`;
});

/** Values, flags and classes of the layer on the map: the map, legend, histogram and tooltip read this. */
export const choropleth = computed<
  | { values: Float64Array; flags: Uint8Array | null; map: Choropleth; error: null }
  | { error: string; values: null; flags: null; map: null }
  | null
>(() => {
  const s = scores.value;
  const layer = currentLayer.value;
  if (!s || !layer) return null;
  const v = view.value;
  if (layer.kind === 'lisa') {
    const base = layerValues(s, layer.id.slice(5));
    const l = lisa.value;
    if (!base || !l || l.key !== lisaKey.value) return null;
    const map = categoricalChoropleth(l.view.clusters, LISA_COLORS, l.view.labels, 5);
    return { values: base.values, flags: base.flags, map, error: null };
  }
  const data = layerValues(s, layer.id);
  if (!data) return null;
  try {
    const map = buildChoropleth(data.values, {
      method: v.method,
      classes: v.classes,
      manual: v.manual,
      palette: v.palette,
    });
    return { ...data, map, error: null };
  } catch (error) {
    return { error: (error as Error).message, values: null, flags: null, map: null };
  }
});

/** Code -> row of the current run. */
export const rowOf = computed(() => {
  const m = new Map<string, number>();
  scores.value?.codes.forEach((c, i) => {
    m.set(c, i);
  });
  return m;
});

/**
 * Selects a territory: a plain click makes it the only one (its sheet opens); with `add`
 * (Shift + click) it is toggled in the comparison set, up to 4 (the oldest drops out).
 */
export function select(code: string, options: { add?: boolean; openSheet?: boolean } = {}): void {
  batch(() =>
    setView({
      selection: nextSelection(view.value.selection, code, !!options.add),
      sheet: options.openSheet ?? view.value.sheet,
    }),
  );
}
