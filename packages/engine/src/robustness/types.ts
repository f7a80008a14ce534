import type {
  AggregationMethod,
  ImputationMethod,
  IndicatorMatrix,
  NormalisationMethod,
  ResolvedScoreConfig,
  ScoringOutput,
  ScoringPlan,
} from '../composite/types.ts';

/* ------------------------------------------------------------------------------------------------
 * Options (plain JSON: sent to the API, saved with a report)
 * ---------------------------------------------------------------------------------------------- */

/** Which weights are uncertain: indicators within their dimension, dimensions, need vs potential. */
export type WeightLevel = 'indicators' | 'dimensions' | 'pillars';

export interface WeightUncertainty {
  /**
   * `uniform` (default): every weight is multiplied by 1 + U(−noise, +noise), independently (the
   * COINr `get_noisy_weights` scheme); `dirichlet`: the weights of each group of siblings are drawn
   * from a Dirichlet distribution centred on the chosen weights; `none`: weights stay as chosen.
   */
  distribution: 'none' | 'uniform' | 'dirichlet';
  /** Half-width of the uniform factor, in [0, 1). Default 0.25 (±25 %). */
  noise: number;
  /**
   * Dirichlet concentration Σα of each sibling group (α_i = concentration × chosen share). The
   * larger, the closer to the chosen weights: a share w varies with standard deviation
   * √(w(1−w)/(concentration+1)). Default 100.
   */
  concentration: number;
  /** Levels whose weights are perturbed. Default all three. */
  levels: WeightLevel[];
}

/** The uncertain inputs of the Monte-Carlo and Sobol analyses (OECD/JRC Handbook 2008, §7). */
export interface UncertaintyOptions {
  weights: WeightUncertainty;
  /**
   * Normalisation methods drawn with equal probability; the configuration's own method is always
   * one of them (listed first). Default `['minMax', 'zScore', 'rank']`. One method = not uncertain.
   */
  normalisation: NormalisationMethod[];
  /** Aggregation methods (indicators into dimensions, dimensions into pillars). Default `['arithmetic', 'geometric']`. */
  aggregation: AggregationMethod[];
  /** Imputation methods. Default `['none', 'groupMean']`. */
  imputation: ImputationMethod[];
  /** Leave one indicator out: none or one of the active indicators, drawn with equal probability. Default true. */
  leaveOneOut: boolean;
  /**
   * Sobol factors for the weights: `group` (default) = one factor for all of them; `each` = one
   * factor per perturbed weight (uniform noise only).
   */
  weightFactors: 'group' | 'each';
}

/** What a caller sends: everything optional, merged over the defaults. */
export interface RobustnessOptions {
  weights?: Partial<WeightUncertainty>;
  normalisation?: NormalisationMethod[];
  aggregation?: AggregationMethod[];
  imputation?: ImputationMethod[];
  leaveOneOut?: boolean;
  weightFactors?: 'group' | 'each';
}

/** Progress of a long run, for a progress bar. */
export interface RobustnessProgress {
  phase: 'scoring' | 'summarising' | 'bootstrap';
  /** Model runs (or bootstrap resamples) done. */
  done: number;
  total: number;
}

/** The part of `AbortSignal` the engine reads (an `AbortSignal` fits; the engine has no DOM types). */
export interface CancelSignal {
  readonly aborted: boolean;
}

export interface RunControl {
  /** Called at most every `yieldEveryMs` with the progress. */
  onProgress?: (progress: RobustnessProgress) => void;
  /** Cancels the run: the promise rejects with an `EngineError` of code `ABORTED`. */
  signal?: CancelSignal;
  /**
   * The run gives control back to the event loop (a macrotask) at least this often, so that a
   * Web Worker or the command line can deliver an abort or paint a progress bar. Default 50 ms.
   */
  yieldEveryMs?: number;
  /**
   * `cached` (default): each combination of normalisation, imputation and left-out indicator is
   * scored once by the core, and each run only re-aggregates and re-ranks; `direct`: every run
   * goes through the scoring core (slow; the reference the cached path is tested against).
   */
  strategy?: 'cached' | 'direct';
}

export interface MonteCarloOptions extends RunControl {
  /** Number of replicates. Default 1,000. */
  replicates?: number;
  /** Seed of the generator. Default 1. */
  seed?: number;
  /** k of the "probability of being in the top k". Default 5. */
  topK?: number;
  /**
   * Runs the replicates in `shards` parts at once, through `run` (the host's worker threads or Web
   * Workers, each holding the same model): the figures are the same as in one part, bit for bit.
   */
  parallel?: MonteCarloParallel;
}

/**
 * How a host runs parts of a Monte-Carlo analysis elsewhere (the engine has no threads of its own):
 * `run` must call {@link runMonteCarloShard} on a model built from the same vintage, configuration
 * and uncertainty options, pass on `control` (progress, cancellation) and hand back its result.
 */
export interface MonteCarloParallel {
  /** How many parts at most (the number of threads). 1 = no parallelism. */
  shards: number;
  run(shard: MonteCarloShard, control: RunControl): Promise<MonteCarloShardResult>;
}

/**
 * One part of a Monte-Carlo analysis: the replicates whose combination of normalisation,
 * imputation and left-out indicator is one of `groups` (group keys, see `groupKeys`). Each part
 * draws the same points from the seed, so parts need only this to agree. Plain JSON.
 */
export interface MonteCarloShard {
  seed: number;
  replicates: number;
  topK: number;
  groups: number[];
}

/** The ranks of a part, to be merged into the whole tally ({@link RankTally}). */
export type TallyPart =
  /** Up to 2,048 territories: per territory, how many replicates gave each rank (n × (n + 1)). */
  | { kind: 'histogram'; counts: Uint16Array | Int32Array }
  /** Above: the ranks of each replicate of the part (`rows`), n per replicate. */
  | { kind: 'ranks'; rows: Int32Array; ranks: Uint16Array | Int32Array };

export interface MonteCarloShardResult {
  tally: TallyPart;
  /** Runs that went through the whole scoring core. */
  fullScorings: number;
}

/** The scalar output whose variance Sobol indices decompose. */
export type SobolOutput =
  /** Mean absolute rank shift from the nominal ranking over the territories ranked in both (Saisana et al. 2005). */
  | { kind: 'meanRankShift' }
  /** The rank of one territory. */
  | { kind: 'rank'; territory: string }
  /** The score of one territory (scores of different normalisations are on different scales). */
  | { kind: 'score'; territory: string };

export interface SobolOptions extends RunControl {
  /** N, the number of base samples; the analysis costs N × (k + 2) model runs. Default 1,000. */
  baseSamples?: number;
  seed?: number;
  output?: SobolOutput;
  /** Bootstrap resamples for the confidence intervals. Default 1,000 (0 = none). */
  bootstrap?: number;
  /** Confidence level of the intervals. Default 0.95. */
  confidence?: number;
  /** Also give first-order and total indices of every territory's rank (point estimates). Default false. */
  perTerritory?: boolean;
}

export type RunRequest =
  | { analysis: 'monteCarlo'; replicates?: number }
  | { analysis: 'sobol'; baseSamples?: number };

/* ------------------------------------------------------------------------------------------------
 * Model: what every analysis re-scores (not JSON; built once per vintage, configuration, level)
 * ---------------------------------------------------------------------------------------------- */

/** One uncertain input as a Sobol factor: one or more coordinates of the unit hypercube. */
export interface Factor {
  id: string;
  label: string;
  labelEn: string;
  /** Coordinates of the sample point this factor owns. */
  coordinates: number[];
  /** For a discrete factor: its levels (first = the configuration's own choice). */
  levels?: { id: string; label: string }[];
}

/** Where each uncertain input sits in a sample point u ∈ [0, 1)^dimensions. */
export interface ScenarioLayout {
  dimensions: number;
  /** Coordinates of the perturbed weights, in the order of `weightTargets` (one coordinate for Dirichlet). */
  weightCoordinates: number[];
  /** What each uniform weight coordinate multiplies. */
  weightTargets: { level: WeightLevel; index: number }[];
  /** Coordinate of each discrete input, −1 when it has a single level. */
  normalisation: number;
  aggregation: number;
  imputation: number;
  exclusion: number;
}

/** Weights that only matter relative to each other: the siblings of one level, at least two. */
export interface WeightGroup {
  level: WeightLevel;
  /** Indicator columns, dimension indices, or pillars (0 = need, 1 = potential). */
  members: number[];
}

export interface RobustnessModel {
  vintageId: string;
  level: string;
  config: ResolvedScoreConfig;
  options: UncertaintyOptions;
  matrix: IndicatorMatrix;
  /** The plan and the output of the configuration as chosen. */
  nominal: { plan: ScoringPlan; output: ScoringOutput };
  /** Levels of the discrete inputs, first = the configuration's own choice. */
  normalisations: NormalisationMethod[];
  aggregations: AggregationMethod[];
  imputations: ImputationMethod[];
  /** Matrix columns that can be left out (active indicators); level 0 of the exclusion input is "none". */
  excludable: number[];
  /** One plan per (normalisation, imputation) level pair, index `a * imputations.length + b`. */
  plans: ScoringPlan[];
  layout: ScenarioLayout;
  factors: Factor[];
  /** Sibling groups whose weights are perturbed. */
  weightGroups: WeightGroup[];
}

export interface RunEstimate {
  analysis: 'monteCarlo' | 'sobol';
  /** Model runs (re-scorings) the analysis will do. */
  runs: number;
  /** Sobol factors (k), or the uncertain inputs of the Monte-Carlo. */
  factors: number;
  /** Upper bound on the runs that go through the whole scoring core (the others only re-aggregate). */
  fullScorings: number;
  /** Plain-words summary for a confirmation dialog. */
  message: string;
}

/* ------------------------------------------------------------------------------------------------
 * Results (JSON-ready: numbers are finite or null)
 * ---------------------------------------------------------------------------------------------- */

export interface FactorSummary {
  id: string;
  label: string;
  labelEn: string;
  levels?: { id: string; label: string }[];
}

export interface RankInterval {
  code: string;
  name: string;
  /** Rank of the configuration as chosen (null = set aside). */
  nominalRank: number | null;
  /** Median, 5th and 95th percentiles of the rank over the replicates where it is ranked (inverse empirical CDF: whole ranks). */
  medianRank: number | null;
  p05: number | null;
  p95: number | null;
  /** Share of replicates with rank ≤ topK (a replicate where it is set aside counts as not in the top). */
  pTopK: number;
  /** Share of replicates where it is first. */
  pFirst: number;
  /** Share of replicates where it is ranked at all. */
  rankedShare: number;
}

export interface UncertaintyResult {
  analysis: 'monteCarlo';
  vintageId: string;
  level: string;
  seed: number;
  replicates: number;
  topK: number;
  factors: FactorSummary[];
  options: UncertaintyOptions;
  /** Ranked territories by nominal rank, then the others by code. */
  territories: RankInterval[];
  /** How many replicates drew each level of each discrete factor. */
  draws: Record<string, number[]>;
  /** Full scorings done through the core (the other runs re-aggregated a cached scoring). */
  fullScorings: number;
}

export interface SobolIndex {
  id: string;
  label: string;
  labelEn: string;
  /** First-order index S_i (Jansen 1999 estimator), with its bootstrap interval. */
  first: number | null;
  firstLow: number | null;
  firstHigh: number | null;
  /** Total-effect index S_Ti (Jansen 1999 estimator), with its bootstrap interval. */
  total: number | null;
  totalLow: number | null;
  totalHigh: number | null;
}

export interface SensitivityResult {
  analysis: 'sobol';
  vintageId: string;
  level: string;
  seed: number;
  output: SobolOutput;
  baseSamples: number;
  runs: number;
  bootstrap: number;
  confidence: number;
  /** Variance of the output over the 2N base runs (null when the output never varies). */
  variance: number | null;
  mean: number | null;
  indices: SobolIndex[];
  /** Σ S_i: below 1, the rest is due to interactions. */
  sumFirst: number | null;
  /** With `perTerritory`: indices of each territory's rank, keyed by factor id. */
  territories?: {
    code: string;
    name: string;
    first: Record<string, number | null>;
    total: Record<string, number | null>;
  }[];
  options: UncertaintyOptions;
  fullScorings: number;
}

export type CorrelationMatrix = (number | null)[][];

export type RedundancyFlag =
  | { kind: 'collinear'; a: string; b: string; pearson: number; spearman: number | null; message: string }
  | { kind: 'negativeWithDimension'; indicator: string; dimension: string; pearson: number; message: string };

export interface RedundancyResult {
  vintageId: string;
  level: string;
  /** Territories the statistics are computed over (the ranked ones). */
  territories: number;
  threshold: number;
  /** Active indicator ids, in framework order (rows and columns of the indicator matrices). */
  indicators: string[];
  pearson: CorrelationMatrix;
  spearman: CorrelationMatrix;
  /** Levels: the dimensions, then `need`, `potential`, `score`. */
  levels: string[];
  /** Indicator × level correlations (Pearson, Spearman). */
  indicatorLevels: { pearson: CorrelationMatrix; spearman: CorrelationMatrix };
  /** Level × level correlations. */
  levelLevels: { pearson: CorrelationMatrix; spearman: CorrelationMatrix };
  flags: RedundancyFlag[];
  dimensions: {
    id: string;
    label: string;
    alpha: number | null;
    items: number;
    territories: number;
    note: string | null;
  }[];
  /**
   * Per indicator: nominal effective weight, Pearson correlation with the score, and r²/Σr² (the
   * share of the score's linear variation it carries; Paruolo, Saisana & Saltelli 2013).
   */
  effectiveWeights: { id: string; nominal: number; correlation: number | null; importance: number | null }[];
}

export interface RankChange {
  code: string;
  name: string;
  rankBefore: number | null;
  rankAfter: number | null;
  /** rankBefore − rankAfter: positive = moved up. Null when not ranked in both. */
  change: number | null;
  scoreBefore: number | null;
  scoreAfter: number | null;
  /** Indicators whose change moves the rank (or the score) most, one at a time, largest effect first. */
  drivers: RankDriver[];
}

export interface RankDriver {
  id: string;
  label: string;
  rawBefore: number | null;
  rawAfter: number | null;
  /** Score change when only this indicator takes its new (normalised) value. */
  scoreEffect: number;
  /** rankBefore − rank when only this indicator changes: positive = pushes the territory up. */
  rankEffect: number;
}

export interface StabilityResult {
  before: string;
  after: string;
  level: string;
  territories: RankChange[];
  /** Codes only in one vintage. */
  added: string[];
  removed: string[];
  /** Spearman correlation of the two rankings over the territories ranked in both. */
  rankCorrelation: number | null;
  meanAbsoluteChange: number | null;
  maxAbsoluteChange: number | null;
  /** Per indicator: mean |rank effect| over the territories ranked in both (what drives changes overall). */
  indicators: { id: string; label: string; meanAbsoluteRankEffect: number | null }[];
}
