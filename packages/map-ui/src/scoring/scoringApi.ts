import type {
  Correction,
  Framework,
  ScoreConfig,
  TerritoryResult,
  VintageManifest,
  ZoneConstraints,
} from '@ptce/engine';
import type { ScoreView, VariableSummary } from './scoreView.ts';
import type { LisaView, ZoneView } from './spatial.ts';

/** A territory's rank interval over the Monte-Carlo runs (engine `RankInterval`, trimmed). */
export interface RankIntervalView {
  code: string;
  medianRank: number | null;
  p05: number | null;
  p95: number | null;
  /** Share of runs where it is in the top 5. */
  pTopK: number;
}

/** What the page learns once the worker has loaded and decoded a vintage. */
export interface VintageMeta {
  manifest: VintageManifest;
  /** `commune` first, then the vintage's zoning levels that have geometry. */
  levels: { id: string; label: string; units: number }[];
  variables: VariableSummary[];
  /** The default framework the sliders start from. */
  framework: Framework;
  loadMs: number;
}

/** The scoring worker's requests: payload and result of each. */
export type ScoringApi = {
  /** Fetch `/api/vintages/:vid/data`, decode it and keep it. */
  load: { payload: { url: string }; result: VintageMeta };
  /** Score with the engine (coalesced: only the newest waiting request runs). */
  score: { payload: { config: ScoreConfig }; result: ScoreView };
  /** One territory's full explanation from the run with that hash (null when it is gone). */
  explain: { payload: { hash: string; code: string }; result: TerritoryResult | null };
  /** LISA clusters of `values` (aligned with the level's scoring order) over queen contiguity. */
  lisa: {
    payload: { level: string; values: Float64Array; alpha: number; correction: Correction };
    result: LisaView;
  };
  /**
   * Monte-Carlo uncertainty of the ranking (engine `runMonteCarlo`, default uncertainties): rank
   * intervals per territory, for the run with the returned `hash`. Runs in the background.
   */
  robustness: {
    payload: { config: ScoreConfig; replicates: number };
    result: { hash: string; replicates: number; intervals: RankIntervalView[] };
  };
  /** Candidate zones of communes from the commune-level run with that hash. */
  zones: {
    payload: { hash: string; constraints: Partial<ZoneConstraints>; count: number };
    result: { candidates: ZoneView[]; message: string };
  };
};
