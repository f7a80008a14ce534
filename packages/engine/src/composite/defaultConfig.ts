import { defaultFramework } from '../framework/defaultFramework.ts';
import type { ResolvedScoreConfig, ScoreMethods } from './types.ts';

/**
 * Documented defaults of every method (OECD/JRC Handbook 2008 steps; COINr's defaults where it
 * has one):
 * - screening: a territory needs 65 % of the active indicators (COINr `Screen` / `get_stats` `t_avail = 0.65`);
 * - imputation: none — missing stays missing and the weights of a dimension are re-spread over the
 *   indicators that have a value (Handbook §3: "case deletion"/available-case; never silent);
 * - outliers: the COINr rule (|skewness| > 2 and kurtosis > 3.5 → winsorise up to 5 points, then
 *   `log_CT` if still outside);
 * - normalisation: min-max onto [0, 100] (Handbook §5, COINr `n_minmax` default `l_u = c(0, 100)`);
 * - weighting: the framework's weights (equal within each dimension, equal dimensions, equal pillars);
 * - aggregation: weighted arithmetic means of indicators into dimensions and of dimensions into
 *   need and potential; the score is the weighted geometric mean of need and potential (each first
 *   mapped to [1, 100]) so that a territory with needs but no actors, or actors but no needs, is not
 *   rewarded.
 */
export const defaultMethods: ScoreMethods = {
  screening: { minCoverage: 0.65 },
  imputation: { method: 'none', groupLevel: 'epci' },
  outliers: { method: 'coinr', skewness: 2, kurtosis: 3.5, maxWinsorised: 5 },
  normalisation: { method: 'minMax', range: [0, 100], goalposts: {} },
  weighting: { method: 'framework', ahp: {}, maxConsistencyRatio: 0.1, onInconsistent: 'reject' },
  aggregation: { method: 'arithmetic', reading: 'needPotential', needPotential: 'geometric' },
};

/** The full default configuration: communes, the default PTCE framework, {@link defaultMethods}. */
export const defaultConfig: ResolvedScoreConfig = {
  level: 'commune',
  groups: [],
  framework: defaultFramework,
  methods: defaultMethods,
  filters: {},
  explain: { strengths: 3, detail: 'full', territories: [] },
};
