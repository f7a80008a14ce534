import type { ClassMethod } from '../classify/classify.ts';

/** Which panel the side bar shows. */
export type Panel = 'weights' | 'ranking' | 'scatter' | 'compare' | 'shortlist' | 'space';

/**
 * Everything that defines what the analyst sees: a copied link reopens exactly this view.
 * Weights hold only the analyst's changes from the framework (`dim:<id>` or `ind:<id>` -> weight).
 */
export interface ViewState {
  /** Vintage id (`bas-rhin-2021`); '' = the first one the API lists. */
  vintage: string;
  /** `commune` or a zoning level id (`epci`, `canton`, `bv2012`, `ze2020`, `aav2020`). */
  level: string;
  /**
   * What the map colours: `composite`, `need`, `potential`, `dim:<dimension>`, `ind:<indicator>`,
   * `var:<variable id>` (a raw variable), `lisa:<indicator>` (LISA clusters).
   */
  layer: string;
  method: ClassMethod;
  classes: number;
  palette: string;
  /** Inner thresholds for the manual method. */
  manual: number[];
  /** Weight changes from the framework, `dim:<id>` / `ind:<id>` -> weight. */
  weights: Record<string, number>;
  /** AHP judgements between dimensions (upper triangle, row by row), or empty when weights are direct. */
  ahp: number[];
  /** Method choices (normalisation, aggregation…), id -> value. */
  options: Record<string, string>;
  /** Selected territory codes (the first is the one whose sheet is open; up to 4 are compared). */
  selection: string[];
  panel: Panel;
  /** Whether the territory sheet of the first selected territory is open. */
  sheet: boolean;
}

export const PANELS: Panel[] = ['weights', 'ranking', 'scatter', 'compare', 'shortlist', 'space'];

export const DEFAULT_VIEW: ViewState = {
  vintage: '',
  level: 'commune',
  layer: 'composite',
  method: 'quantile',
  classes: 5,
  palette: 'viridis',
  manual: [],
  weights: {},
  ahp: [],
  options: {},
  selection: [],
  panel: 'weights',
  sheet: false,
};
