import type { AhpReport, DimensionSummary, IndicatorSummary, ScoreWarning } from '@ptce/engine';

/** A raw vintage variable offered as a map layer. */
export interface VariableSummary {
  id: string;
  stem: string;
  label: string;
  unit: string;
  synthetic: boolean;
  aggregation: 'sum' | 'weightedMean';
}

/**
 * A scoring run in columnar form, as the worker sends it to the page: one typed array per layer,
 * aligned with `codes` (transferred, not copied). The full per-territory explanation stays in
 * the worker and is asked for when a sheet opens (`explain`).
 */
export interface ScoreView {
  hash: string;
  vintageId: string;
  level: { id: string; label: string };
  synthetic: boolean;
  codes: string[];
  names: string[];
  population: Float64Array;
  /** 1 = best; NaN = set aside (see `status`). */
  rank: Float64Array;
  /** Engine `TerritoryStatus`: 0 ranked, 1 filtered, 2 insufficient data, 3 no score. */
  status: Uint8Array;
  /** 1 when the unit's totals cover all its member communes of France. */
  complete: Uint8Array;
  score: Float64Array;
  need: Float64Array;
  potential: Float64Array;
  dimensions: DimensionSummary[];
  dimensionScores: Record<string, Float64Array>;
  indicators: IndicatorSummary[];
  /** Raw indicator values (before imputation) and their engine `CellFlag` bits. */
  indicatorValues: Record<string, Float64Array>;
  indicatorFlags: Record<string, Uint8Array>;
  variables: VariableSummary[];
  variableValues: Record<string, Float64Array>;
  variableFlags: Record<string, Uint8Array>;
  /** The département (all communes in scope), for comparisons. */
  reference: { label: string; indicators: Record<string, number>; variables: Record<string, number> };
  counts: { territories: number; ranked: number; setAside: number };
  warnings: ScoreWarning[];
  ahp: { dimensions?: AhpReport } | null;
  /** Time spent in the worker, for the status line and the bench. */
  timings: { matrixMs: number; scoreMs: number };
}
