import type { Framework, FrameworkChanges, IndicatorFormula, Pillar } from '../framework/types.ts';
import type { CellFlagName } from './flags.ts';

/* ------------------------------------------------------------------------------------------------
 * Configuration (plain JSON: POSTed to the API, saved in scenarios and shortlists, put in URLs)
 * ---------------------------------------------------------------------------------------------- */

export type NormalisationMethod =
  | 'minMax'
  | 'zScore'
  | 'rank'
  | 'percentile'
  | 'distanceToReference'
  | 'goalposts';
export type MeanMethod = 'arithmetic' | 'geometric' | 'harmonic';
export type AggregationMethod = MeanMethod | 'copeland' | 'topsis';
export type ImputationMethod = 'none' | 'groupMean' | 'groupMedian' | 'neighbours';
/** `needPotential`: score = mean of need and potential; `composite`: score = mean of the dimensions. */
export type Reading = 'needPotential' | 'composite';
export type WeightingMethod = 'framework' | 'equal' | 'ahp';

/** A pairwise comparison matrix on Saaty's 1-9 scale: `matrix[i][j]` = importance of `ids[i]` over `ids[j]`. */
export interface PairwiseComparisons {
  ids: string[];
  matrix: number[][];
}

export interface ScreeningOptions {
  /** Share of the active indicators a territory must have (before imputation) to be ranked. Default 0.65. */
  minCoverage: number;
}

export interface ImputationOptions {
  /** Default `none`: missing stays missing (weights are re-spread over the available indicators). */
  method: ImputationMethod;
  /** Zoning level whose units form the groups of `groupMean` / `groupMedian`. Default `epci`. */
  groupLevel: string;
}

export interface OutlierOptions {
  /** `coinr` (default): the COINr rule; `none`: values as they are. */
  method: 'none' | 'coinr';
  /** Absolute skewness threshold (COINr `skew_thresh`). Default 2. */
  skewness: number;
  /** Kurtosis threshold (COINr `kurt_thresh`, Excel/e1071 type 2 excess kurtosis). Default 3.5. */
  kurtosis: number;
  /** Most points winsorised per indicator before falling back to a log transform (COINr `winmax`). Default 5. */
  maxWinsorised: number;
}

export interface NormalisationOptions {
  /** Default `minMax`. */
  method: NormalisationMethod;
  /** Target range of `minMax` (and of `goalposts`). Default [0, 100]. */
  range: [number, number];
  /** Goalposts per indicator id, overriding the framework's. */
  goalposts: Record<string, [number, number]>;
}

export interface WeightingOptions {
  /** `framework` (default): the framework's weights after changes; `equal`; `ahp`: from pairwise comparisons. */
  method: WeightingMethod;
  /** For `ahp`: comparisons between dimensions and/or between the indicators of a dimension. */
  ahp: { dimensions?: PairwiseComparisons; indicators?: Record<string, PairwiseComparisons> };
  /** Saaty's limit on the consistency ratio. Default 0.1. */
  maxConsistencyRatio: number;
  /** Above the limit: `reject` (throw `AHP_INCONSISTENT`, default) or `warn` (go on, with a warning). */
  onInconsistent: 'reject' | 'warn';
}

export interface AggregationOptions {
  /** How indicators make a dimension and dimensions make need, potential or the composite. Default `arithmetic`. */
  method: AggregationMethod;
  /** Default `needPotential`. */
  reading: Reading;
  /** How need and potential make the score in the `needPotential` reading. Default `geometric`. */
  needPotential: MeanMethod;
}

export interface ScoreMethods {
  screening: ScreeningOptions;
  imputation: ImputationOptions;
  outliers: OutlierOptions;
  normalisation: NormalisationOptions;
  weighting: WeightingOptions;
  aggregation: AggregationOptions;
}

/** A user-defined group of communes, scored like a zoning unit. */
export interface CommuneGroup {
  id: string;
  name: string;
  /** Commune codes (COG). */
  members: string[];
}

export interface ScoreFilters {
  /** Territories below this population are set aside (reason `filtered`). */
  minPopulation?: number;
  maxPopulation?: number;
  /** Keep territories with at least one in-scope commune in these départements. */
  departements?: string[];
}

export interface ExplainOptions {
  /** How many strengths and weaknesses to list. Default 3. */
  strengths: number;
  /**
   * `full` (default): every territory carries its per-indicator explanation, strengths and
   * weaknesses. `summary`: only the territories listed in `territories` do; the others keep rank,
   * scores, need, potential, dimensions and caveats — several times smaller, for interactive use
   * (a slider moved) and for large levels (all French communes).
   */
  detail: 'full' | 'summary' | 'ranking';
  /** Codes of territories explained in full whatever `detail` says (the one a user opened). */
  territories: string[];
}

/** What a caller sends: everything optional, merged over {@link defaultConfig}. */
export interface ScoreConfig {
  /** `commune` (default), a zoning level id of the vintage (`epci`, `canton`, `bv2012`...), or `groups`. */
  level?: string;
  /** The user-defined groups scored when `level` is `groups`. */
  groups?: CommuneGroup[];
  /** The framework (default: the default PTCE framework). */
  framework?: Framework;
  changes?: FrameworkChanges;
  methods?: { [K in keyof ScoreMethods]?: Partial<ScoreMethods[K]> };
  filters?: ScoreFilters;
  explain?: Partial<ExplainOptions>;
}

/** The full configuration a result was computed with (defaults merged, changes applied). */
export interface ResolvedScoreConfig {
  level: string;
  groups: CommuneGroup[];
  framework: Framework;
  methods: ScoreMethods;
  filters: ScoreFilters;
  explain: ExplainOptions;
}

/** Non-JSON inputs of a run. */
export interface ScoreContext {
  /**
   * Contiguity in CSR form over the matrix's territories (for `neighbours` imputation): the
   * neighbours of territory `i` are `neighbours[offsets[i] .. offsets[i+1]-1]`. When `codes` is
   * given, the structure is over those territories and is re-indexed to the matrix's order.
   */
  neighbours?: { offsets: Int32Array; neighbours: Int32Array; codes?: string[] };
  /** A matrix built earlier for the same (vintage, framework formulas, level): skips the aggregation. */
  matrix?: IndicatorMatrix;
}

/* ------------------------------------------------------------------------------------------------
 * Indicator matrix: the expensive aggregation, once per (vintage, framework, level)
 * ---------------------------------------------------------------------------------------------- */

export interface MatrixIndicator {
  id: string;
  formula: IndicatorFormula;
  /** Canonical vintage variable ids used (`POP@2018`...). */
  variables: string[];
  /** True when any variable is simulated. */
  synthetic: boolean;
  /** Territories whose denominator summed to 0 (value missing). */
  zeroDenominators: number;
}

/** The territories of a level: codes, names and members (commune rows of the vintage), sorted by code. */
export interface TerritorySet {
  level: string;
  codes: string[];
  names: string[];
  /** 1 when every member commune of France is in the vintage (zoning units); 1 for communes and groups. */
  complete: Uint8Array;
  /** 1 when the territory includes communes outside the vintage's scope. */
  includesOutsideScope: Uint8Array;
  /** Member communes (vintage rows) of territory i: `memberIndex[memberOffsets[i] .. memberOffsets[i+1]-1]`. */
  memberOffsets: Int32Array;
  memberIndex: Int32Array;
  /** Member communes in scope, per territory. */
  membersInScope: Int32Array;
}

/**
 * Raw indicator values per territory, column-major: the value of indicator `j` for territory `i`
 * is `values[j * n + i]` (NaN = missing), with its caveat bits in `flags` and the share of the
 * territory's population whose data entered it in `coverage`. Territories are sorted by code.
 */
export interface IndicatorMatrix extends TerritorySet {
  vintageId: string;
  n: number;
  m: number;
  /** Population (latest `POP`) of each territory; NaN when the vintage has no `POP`. */
  population: Float64Array;
  indicators: MatrixIndicator[];
  /**
   * Column-major (n × m), NaN = missing. Read-only once built: the scoring core indexes the
   * missing cells of a values array on its first run and reuses the index (to score other values,
   * give a changed copy; never change the array in place).
   */
  values: Float64Array;
  flags: Uint8Array;
  coverage: Float64Array;
  /** The reference territory (all communes in scope: the département) computed the same way. */
  reference: { label: string; values: Float64Array; flags: Uint8Array; coverage: Float64Array };
}

/* ------------------------------------------------------------------------------------------------
 * Scoring core: numbers only, reusable thousands of times (robustness)
 * ---------------------------------------------------------------------------------------------- */

/**
 * The numeric form of a resolved configuration over a matrix: what the scoring core reads.
 * Robustness code builds variants of it (perturbed weights, other methods) and re-scores.
 */
export interface ScoringPlan {
  /** Dimension ids, in framework order. */
  dimensionIds: string[];
  /** Per matrix column: dimension index, or −1 when the indicator is inactive (weight 0, removed). */
  indicatorDimension: Int32Array;
  /** Per matrix column: +1 or −1. */
  direction: Float64Array;
  /** Per matrix column: weight within its dimension (relative). */
  indicatorWeight: Float64Array;
  /** Per dimension: weight (relative, within its pillar for the need × potential reading). */
  dimensionWeight: Float64Array;
  /** Per dimension: 0 = need, 1 = potential. */
  dimensionPillar: Uint8Array;
  /** [need, potential] weights. */
  pillarWeight: Float64Array;
  /** Per matrix column: goalposts lower/upper (NaN when none). */
  goalpostLower: Float64Array;
  goalpostUpper: Float64Array;
  /** 1 = eligible after filters; null = all. */
  eligible: Uint8Array | null;
  /** Per territory: imputation group id (−1 = none), for group imputation. */
  imputationGroups: Int32Array | null;
  /** CSR over the matrix's territories, for neighbour imputation. */
  neighbours: { offsets: Int32Array; neighbours: Int32Array } | null;
  /** Per matrix column: nominal weight of the indicator in the score (sums to 1 over active indicators). */
  effectiveWeight: Float64Array;
  methods: ScoreMethods;
}

/** Why a territory has no rank. */
export type SetAsideReason = 'filtered' | 'insufficientData' | 'noScore';

export const TerritoryStatus = { ranked: 0, filtered: 1, insufficientData: 2, noScore: 3 } as const;

/** What an outlier treatment did to one indicator. */
export interface OutlierReport {
  id: string;
  skewness: number;
  kurtosis: number;
  treatment: 'none' | 'winsorised' | 'log';
  /** Points winsorised (0 unless `winsorised`). */
  winsorised: number;
  /** Skewness and kurtosis after treatment. */
  skewnessAfter: number;
  kurtosisAfter: number;
  /** True when neither winsorising nor the log brought the indicator within the thresholds. */
  stillOutside: boolean;
}

/** Output of the scoring core: typed arrays, reusable across runs (pass it back as `out`). */
export interface ScoringOutput {
  n: number;
  m: number;
  d: number;
  /** Values after imputation and outlier treatment (n × m, column-major). */
  values: Float64Array;
  flags: Uint8Array;
  /** Normalised values, direction applied: higher = better PTCE site (n × m). */
  normalised: Float64Array;
  /** Reference territory: treated and normalised values per indicator. */
  referenceNormalised: Float64Array;
  /** Dimension scores (n × d, column-major). */
  dimensionScores: Float64Array;
  need: Float64Array;
  potential: Float64Array;
  score: Float64Array;
  /** 1 = best; 0 = set aside. Ties are broken by territory code. */
  rank: Int32Array;
  /** Ranked territories, best first (first `ranked` entries are meaningful). */
  order: Int32Array;
  ranked: number;
  /** {@link TerritoryStatus} per territory. */
  status: Uint8Array;
  /** Share of active indicators with a value before imputation. */
  dataCoverage: Float64Array;
  /** Active indicators. */
  activeIndicators: number;
  /** Per matrix column (null for inactive indicators). */
  outliers: (OutlierReport | null)[];
}

/* ------------------------------------------------------------------------------------------------
 * Result (JSON-ready: numbers are finite or null)
 * ---------------------------------------------------------------------------------------------- */

/** A caveat; equal caveats of different territories are one shared, frozen object. */
export interface Caveat {
  code: CellFlagName | 'incomplete' | 'outsideScope' | 'partialData';
  message: string;
  indicators: readonly string[];
}

export interface IndicatorExplanation {
  id: string;
  /** Value computed from the vintage (null = missing). */
  raw: number | null;
  /** Value used: after imputation and outlier treatment. */
  value: number | null;
  normalised: number | null;
  /** Points this indicator adds to its pillar (need × potential reading) or to the composite. */
  contribution: number | null;
  /** Share of the territory's population whose data entered the value. */
  coverage: number | null;
  flags: readonly CellFlagName[];
}

export interface StrengthOrWeakness {
  id: string;
  label: string;
  /** Gap to the reference territory in standard deviations, direction applied (+ = argues for a PTCE). */
  gap: number;
  value: number | null;
  reference: number | null;
}

export interface TerritoryResult {
  code: string;
  name: string;
  rank: number | null;
  score: number | null;
  need: number | null;
  potential: number | null;
  dimensions: Record<string, number | null>;
  setAside: { reason: SetAsideReason; message: string } | null;
  /** Share of the active indicators with data (before imputation). */
  dataCoverage: number;
  population: number | null;
  members: number;
  membersInScope: number;
  complete: boolean;
  includesOutsideScope: boolean;
  /** Empty (one shared, frozen array) unless the territory is explained in detail; so are strengths and weaknesses. */
  indicators: IndicatorExplanation[];
  strengths: StrengthOrWeakness[];
  weaknesses: StrengthOrWeakness[];
  /** Shared and frozen: territories with the same caveats have the same list. */
  caveats: Caveat[];
}

export interface IndicatorSummary {
  id: string;
  label: string;
  labelEn: string;
  dimension: string;
  pillar: Pillar;
  direction: 1 | -1;
  unit: string;
  /** Weight within the dimension, normalised to sum to 1 over the dimension's active indicators. */
  weight: number;
  /** Nominal weight in the score (product of the weights down the tree). */
  effectiveWeight: number;
  /** Pearson correlation with the score over ranked territories (COINr-style effective importance). */
  correlation: number | null;
  /** r² / Σ r²: share of the score's explained variation carried by the indicator. */
  importance: number | null;
  variables: string[];
  synthetic: boolean;
  reference: number | null;
  outliers: OutlierReport | null;
  rationale: string;
}

export interface DimensionSummary {
  id: string;
  label: string;
  labelEn: string;
  pillar: Pillar;
  weight: number;
  effectiveWeight: number;
}

export interface AhpReport {
  ids: string[];
  weights: number[];
  lambdaMax: number;
  consistencyIndex: number;
  randomIndex: number;
  consistencyRatio: number;
  acceptable: boolean;
}

export interface ScoreWarning {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface ScoreResult {
  /** sha256 (hex) of the vintage id, the vintage's output hashes and the resolved configuration. */
  hash: string;
  vintageId: string;
  engine: { name: string; methodVersion: number };
  config: ResolvedScoreConfig;
  level: { id: string; label: string; labelEn: string };
  synthetic: boolean;
  counts: { territories: number; ranked: number; setAside: number };
  dimensions: DimensionSummary[];
  indicators: IndicatorSummary[];
  ahp: { dimensions?: AhpReport; indicators?: Record<string, AhpReport> } | null;
  /** Territories: ranked ones by rank, then the ones set aside by code. */
  territories: TerritoryResult[];
  warnings: ScoreWarning[];
}
