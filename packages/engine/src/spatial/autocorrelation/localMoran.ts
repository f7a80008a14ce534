import { EngineError } from '../../errors.ts';
import { checkLength } from '../checkLength.ts';
import type { SpatialWeights } from '../weights/types.ts';
import { CLUSTER } from './clusterLabels.ts';
import { conditionalPermutationP } from './conditionalPermutation.ts';
import { checkPermutations, LOCAL_DEFAULTS, type LocalOptions } from './localOptions.ts';
import { localRows, rowSum } from './localRows.ts';
import { significanceCutoff } from './multipleTesting.ts';

export interface LocalMoranResult {
  /** Standardised values (x − mean) / s, s the sample standard deviation; NaN where missing. */
  z: Float64Array;
  /** Spatial lag of z (see spatialLag for the missing-neighbour rule). */
  lag: Float64Array;
  /** Local Moran's I_i = z_i · lag_i. */
  lisa: Float64Array;
  /** Folded pseudo p-values from conditional permutations; NaN when not tested. */
  pValues: Float64Array;
  /** Quadrant of (z_i, lag_i) whatever the significance: 1 HH, 2 LL, 3 LH, 4 HL; 5 missing, 6 isolated. */
  quadrants: Uint8Array;
  /** Cluster code (CLUSTER): the quadrant where p ≤ cutoff, 0 elsewhere; 5 missing, 6 isolated. */
  clusters: Uint8Array;
  /** p-value cutoff after the multiple-testing correction. */
  cutoff: number;
  /** Number of neighbours with a value that entered the lag. */
  neighboursUsed: Int32Array;
  options: LocalOptions;
}

/**
 * Local Moran's I (Anselin 1995, "Local Indicators of Spatial Association — LISA", Geographical
 * Analysis 27(2), eq. 12), computed as GeoDa computes it: values standardised with the sample
 * standard deviation (n − 1), I_i = z_i · Σ_j w_ij z_j, quadrant from the signs of z_i and its
 * lag (a zero counts as high), inference by conditional permutation (see
 * conditionalPermutationP) and cluster labels HH / LL / LH / HL / not significant. Use
 * row-standardised weights to reproduce GeoDa.
 *
 * Missing values (NaN) are left out: their territory is "undefined" (code 5), and they are
 * neither neighbours in lags nor drawn in permutations; territories without a neighbour with a
 * value are "isolated" (code 6).
 *
 * Complexity: O(links) for the statistics; permutations as in conditionalPermutationP.
 * @throws EngineError `SPATIAL_LENGTH_MISMATCH`, `SPATIAL_BAD_OPTION`.
 * @example
 * const w = rowStandardize(contiguityWeights(features));
 * const { clusters, pValues } = localMoran(scores, w, { permutations: 999, seed: 42 });
 */
export function localMoran(
  values: Float64Array,
  w: SpatialWeights,
  options: Partial<LocalOptions> = {},
): LocalMoranResult {
  const opts = { ...LOCAL_DEFAULTS, ...options };
  checkLength(values, w);
  checkPermutations(opts.permutations);
  const n = w.n;
  const z = standardizeSample(values);
  const rows = localRows(w, z);
  const lag = new Float64Array(n).fill(Number.NaN);
  const lisa = new Float64Array(n).fill(Number.NaN);
  const quadrants = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(z[i]!)) {
      quadrants[i] = CLUSTER.undefined;
      continue;
    }
    if (rows.count[i] === 0) {
      quadrants[i] = CLUSTER.isolated;
      continue;
    }
    const s = rowSum(rows, z, i);
    lag[i] = s;
    lisa[i] = z[i]! * s;
    quadrants[i] = quadrantOf(z[i]!, s);
  }
  const pValues =
    opts.permutations > 0
      ? conditionalPermutationP(
          { rows, values: z, scale: z, shift: new Float64Array(n), observed: lisa },
          opts.permutations,
          opts.seed,
          opts.scheme,
        )
      : new Float64Array(n).fill(Number.NaN);
  const cutoff = significanceCutoff(pValues, opts.alpha, opts.correction);
  const clusters = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const q = quadrants[i]!;
    if (q >= CLUSTER.undefined) clusters[i] = q;
    else clusters[i] = pValues[i]! <= cutoff ? q : CLUSTER.notSignificant;
  }
  return { z, lag, lisa, pValues, quadrants, clusters, cutoff, neighboursUsed: rows.count, options: opts };
}

/** GeoDa's quadrant rule: HL if z > 0 > lag, LH if z < 0 < lag, LL if both < 0, else HH. */
function quadrantOf(z: number, lag: number): number {
  if (z > 0 && lag < 0) return CLUSTER.highLow;
  if (z < 0 && lag > 0) return CLUSTER.lowHigh;
  if (z < 0 && lag < 0) return CLUSTER.lowLow;
  return CLUSTER.highHigh;
}

/**
 * (x − mean) / s over the non-missing values, s with n − 1 (GeoDa's standardisation).
 * @throws EngineError `SPATIAL_TOO_FEW_VALUES` with fewer than 3 values, `SPATIAL_CONSTANT_VALUES`
 * when all values are equal (no spatial pattern to measure).
 */
export function standardizeSample(values: Float64Array): Float64Array {
  const { count: n, mean } = validMean(values);
  let ss = 0;
  for (const v of values) if (!Number.isNaN(v)) ss += (v - mean) * (v - mean);
  if (!(ss > 0)) {
    throw new EngineError(
      'SPATIAL_CONSTANT_VALUES',
      "La variable a la même valeur partout : il n'y a pas de structure spatiale à mesurer.",
      { count: n },
    );
  }
  const sd = Math.sqrt(ss / (n - 1));
  const z = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) z[i] = (values[i]! - mean) / sd;
  return z;
}

/** Count and mean of the non-missing values. @throws EngineError `SPATIAL_TOO_FEW_VALUES` below 3. */
export function validMean(values: Float64Array): { count: number; sum: number; mean: number } {
  let count = 0;
  let sum = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    count++;
    sum += v;
  }
  if (count < 3) {
    throw new EngineError(
      'SPATIAL_TOO_FEW_VALUES',
      `Il faut au moins 3 territoires avec une valeur pour une statistique spatiale (il y en a ${count}).`,
      { count },
    );
  }
  return { count, sum, mean: sum / count };
}
