import { checkLength } from '../checkLength.ts';
import type { SpatialWeights } from '../weights/types.ts';
import { CLUSTER } from './clusterLabels.ts';
import { conditionalPermutationP } from './conditionalPermutation.ts';
import { validMean } from './localMoran.ts';
import { checkPermutations, LOCAL_DEFAULTS, type LocalOptions } from './localOptions.ts';
import { localRows } from './localRows.ts';
import { significanceCutoff } from './multipleTesting.ts';
import { normalTwoSidedP } from './normal.ts';

export interface GiStarResult {
  /** G*_i = Σ_j w*_ij x_j / Σ_j x_j (self included). */
  gStar: Float64Array;
  /** Σ_j w*_ij x_j: with row-standardised weights, the mean of the territory and its neighbours (GeoDa's "lag"). */
  lag: Float64Array;
  /** Ord & Getis (1995) standardised G*_i (analytical z-score); positive = hot spot. */
  z: Float64Array;
  /** Two-sided normal p-value of z. */
  pNormal: Float64Array;
  /** Folded permutation pseudo p-values (NaN when `permutations` is 0 or not tested). */
  pValues: Float64Array;
  /** 1 hot spot, 2 cold spot, 0 not significant, 5 missing value, 6 isolated (see CLUSTER). */
  clusters: Uint8Array;
  /** p-value cutoff after the multiple-testing correction. */
  cutoff: number;
  neighboursUsed: Int32Array;
  options: LocalOptions;
}

/**
 * Getis-Ord Gi* local statistic (Getis & Ord 1992, "The analysis of spatial association by use of
 * distance statistics", Geographical Analysis 24(3); z-score of Ord & Getis 1995, Geographical
 * Analysis 27(4), eq. 9 with w_ii included). The star weights w* are the links of `w` plus the
 * territory itself, all with weight 1, divided by their number when `w` is row-standardised — the
 * values then equal GeoDa's `localGStar`. Meant for non-negative variables (counts, rates, scores).
 *
 * Significance: conditional permutation p-values when `permutations` > 0 (as GeoDa), otherwise
 * the analytical normal p-values; a significant territory is a hot spot when z > 0, a cold spot
 * when z < 0 (GeoDa compares G*_i with the mean of all G*, which gives the same label to every
 * significant territory). Missing values as in localMoran.
 *
 * Complexity: O(links) plus the permutations (see conditionalPermutationP).
 * @throws EngineError `SPATIAL_LENGTH_MISMATCH`, `SPATIAL_TOO_FEW_VALUES`, `SPATIAL_BAD_OPTION`.
 * @example
 * const { clusters, z } = getisOrdGiStar(rate, rowStandardize(contiguityWeights(features)));
 */
export function getisOrdGiStar(
  values: Float64Array,
  w: SpatialWeights,
  options: Partial<LocalOptions> = {},
): GiStarResult {
  const opts = { ...LOCAL_DEFAULTS, ...options };
  checkLength(values, w);
  checkPermutations(opts.permutations);
  const n = w.n;
  const { count, sum: sumX, mean } = validMean(values);
  let sumSq = 0;
  for (const v of values) if (!Number.isNaN(v)) sumSq += v * v;
  const s = Math.sqrt(sumSq / count - mean * mean);
  const rows = localRows(w, values);
  const standardised = w.transform === 'row';
  // Star rows: every neighbour with a value and the territory itself weigh 1, or 1/(k+1).
  const scale = new Float64Array(n).fill(1 / sumX);
  const shift = new Float64Array(n);
  const gStar = new Float64Array(n).fill(Number.NaN);
  const lag = new Float64Array(n).fill(Number.NaN);
  const z = new Float64Array(n).fill(Number.NaN);
  const pNormal = new Float64Array(n).fill(Number.NaN);
  const quadrant = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const from = rows.offsets[i]!;
    const to = rows.offsets[i + 1]!;
    const k = to - from;
    const c = standardised ? 1 / (k + 1) : 1;
    for (let m = from; m < to; m++) rows.coef[m] = c;
    rows.uniform[i] = 1;
    if (Number.isNaN(values[i]!)) {
      quadrant[i] = CLUSTER.undefined;
      continue;
    }
    if (k === 0) {
      quadrant[i] = CLUSTER.isolated;
      continue;
    }
    let sum = values[i]!;
    for (let m = from; m < to; m++) sum += values[rows.cols[m]!]!;
    const starSum = sum * c;
    lag[i] = starSum;
    gStar[i] = starSum / sumX;
    shift[i] = c * values[i]!;
    const W = c * (k + 1);
    const S1 = c * c * (k + 1);
    z[i] = (starSum - mean * W) / (s * Math.sqrt((count * S1 - W * W) / (count - 1)));
    pNormal[i] = normalTwoSidedP(z[i]!);
    quadrant[i] = z[i]! >= 0 ? CLUSTER.highHigh : CLUSTER.lowLow;
  }
  const pValues =
    opts.permutations > 0
      ? conditionalPermutationP(
          { rows, values, scale, shift, observed: gStar },
          opts.permutations,
          opts.seed,
          opts.scheme,
        )
      : new Float64Array(n).fill(Number.NaN);
  const used = opts.permutations > 0 ? pValues : pNormal;
  const cutoff = significanceCutoff(used, opts.alpha, opts.correction);
  const clusters = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const q = quadrant[i]!;
    clusters[i] = q >= CLUSTER.undefined ? q : used[i]! <= cutoff ? q : CLUSTER.notSignificant;
  }
  return { gStar, lag, z, pNormal, pValues, clusters, cutoff, neighboursUsed: rows.count, options: opts };
}
