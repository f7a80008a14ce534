import { createRandom } from '../../random/xoshiro128.ts';
import { checkLength } from '../checkLength.ts';
import type { SpatialWeights } from '../weights/types.ts';
import { validMean } from './localMoran.ts';
import { checkPermutations } from './localOptions.ts';
import { normalTwoSidedP } from './normal.ts';

export interface GlobalMoranResult {
  /** Moran's I. */
  I: number;
  /** E[I] = −1 / (n − 1). */
  expected: number;
  /** Territories with a value (n in the formulas). */
  n: number;
  /** Variance, z-score and two-sided p-value under the normality assumption. */
  normality: { variance: number; z: number; p: number };
  /** Same under randomisation (uses the kurtosis of the values). */
  randomisation: { variance: number; z: number; p: number };
  /** Permutation inference; null when `permutations` is 0. */
  permutation: { permutations: number; seed: number; p: number; mean: number; sd: number; z: number } | null;
}

/**
 * Global Moran's I = (n / S0) · Σ_i Σ_j w_ij z_i z_j / Σ_i z_i², z = x − mean (Moran 1950;
 * Cliff & Ord 1981, "Spatial Processes", §1.5 and §2.3 for the moments under normality and under
 * randomisation, the formulas PySAL/esda and GeoDa use). Permutation inference: the values are
 * randomly reassigned to the territories `permutations` times (xoshiro128**, `seed`) and the
 * pseudo p-value is folded as for LISA: p = (min(c, P − c) + 1) / (P + 1), c = number of
 * permuted I ≥ observed.
 *
 * Missing values: territories without a value are dropped with their links; if the weights were
 * row-standardised the remaining rows are standardised again, so the statistic equals the one on
 * the sub-map of territories with a value.
 *
 * Complexity: O(links) for I and its moments, O(permutations · links) for the permutations.
 * @throws EngineError `SPATIAL_LENGTH_MISMATCH`, `SPATIAL_TOO_FEW_VALUES` (needs ≥ 4 values for the
 * randomisation variance), `SPATIAL_BAD_OPTION`.
 * @example
 * // path 0–1–2–3, values 1, 2, 3, 4, binary weights: I = 1/3, E[I] = −1/3, Var_N = 4/27
 * globalMoran(Float64Array.of(1, 2, 3, 4), weightsFromNeighbourLists([[1], [0, 2], [1, 3], [2]]), { permutations: 0 }).I;
 */
export function globalMoran(
  values: Float64Array,
  w: SpatialWeights,
  options: { permutations?: number; seed?: number } = {},
): GlobalMoranResult {
  const permutations = options.permutations ?? 999;
  const seed = options.seed ?? 1234567890;
  checkLength(values, w);
  checkPermutations(permutations);
  const { count: n, mean } = validMean(values);
  // Links between territories with a value, restandardised when the weights were row-standardised.
  const sub = restrictToValid(values, w);
  const z = new Float64Array(w.n);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < w.n; i++) {
    const d = values[i]! - mean;
    z[i] = Number.isNaN(d) ? 0 : d;
    m2 += z[i]! * z[i]!;
    m4 += z[i]! ** 4;
  }
  const { s0, s1, s2 } = weightSums(w.n, sub);
  const I = moranStatistic(z, sub, n, s0, m2);
  const expected = -1 / (n - 1);
  const n2 = n * n;
  const varNormal = (n2 * s1 - n * s2 + 3 * s0 * s0) / ((n2 - 1) * s0 * s0) - expected * expected;
  const b2 = (n * m4) / (m2 * m2);
  const varRandom =
    (n * ((n2 - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0) - b2 * ((n2 - n) * s1 - 2 * n * s2 + 6 * s0 * s0)) /
      ((n - 1) * (n - 2) * (n - 3) * s0 * s0) -
    expected * expected;
  const zN = (I - expected) / Math.sqrt(varNormal);
  const zR = (I - expected) / Math.sqrt(varRandom);
  return {
    I,
    expected,
    n,
    normality: { variance: varNormal, z: zN, p: normalTwoSidedP(zN) },
    randomisation: { variance: varRandom, z: zR, p: normalTwoSidedP(zR) },
    permutation:
      permutations > 0 ? permutationInference(values, z, sub, n, s0, m2, I, permutations, seed) : null,
  };
}

interface SubWeights {
  offsets: Int32Array;
  cols: Int32Array;
  weights: Float64Array;
}

function restrictToValid(values: Float64Array, w: SpatialWeights): SubWeights {
  const offsets = new Int32Array(w.n + 1);
  const cols: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < w.n; i++) {
    const start = cols.length;
    if (!Number.isNaN(values[i]!)) {
      for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++) {
        const j = w.neighbours[k]!;
        if (Number.isNaN(values[j]!)) continue;
        cols.push(j);
        weights.push(w.weights[k]!);
      }
      if (w.transform === 'row') {
        let sum = 0;
        for (let k = start; k < cols.length; k++) sum += weights[k]!;
        for (let k = start; k < cols.length; k++) weights[k]! /= sum;
      }
    }
    offsets[i + 1] = cols.length;
  }
  return { offsets, cols: Int32Array.from(cols), weights: Float64Array.from(weights) };
}

/** S0 = Σ w_ij, S1 = ½ Σ (w_ij + w_ji)², S2 = Σ_i (w_i. + w_.i)² (Cliff & Ord 1981, eq. 1.38). */
function weightSums(n: number, sub: SubWeights): { s0: number; s1: number; s2: number } {
  const rowSum = new Float64Array(n);
  const colSum = new Float64Array(n);
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < n; i++) {
    for (let k = sub.offsets[i]!; k < sub.offsets[i + 1]!; k++) {
      const j = sub.cols[k]!;
      const wij = sub.weights[k]!;
      s0 += wij;
      rowSum[i]! += wij;
      colSum[j]! += wij;
      // A pair linked both ways is met from both ends (½ each time); a one-way link is met once
      // but stands for the two ordered pairs (i, j) and (j, i), each worth w_ij².
      const wji = weightOf(sub, j, i);
      s1 += wji === null ? wij * wij : ((wij + wji) * (wij + wji)) / 2;
    }
  }
  let s2 = 0;
  for (let i = 0; i < n; i++) s2 += (rowSum[i]! + colSum[i]!) ** 2;
  return { s0, s1, s2 };
}

/** Weight of the link i→j, null when there is no such link. */
function weightOf(sub: SubWeights, i: number, j: number): number | null {
  let lo = sub.offsets[i]!;
  let hi = sub.offsets[i + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = sub.cols[mid]!;
    if (c === j) return sub.weights[mid]!;
    if (c < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}

function moranStatistic(z: Float64Array, sub: SubWeights, n: number, s0: number, m2: number): number {
  let cross = 0;
  for (let i = 0; i + 1 < sub.offsets.length; i++) {
    let lag = 0;
    for (let k = sub.offsets[i]!; k < sub.offsets[i + 1]!; k++) lag += sub.weights[k]! * z[sub.cols[k]!]!;
    cross += z[i]! * lag;
  }
  return ((n / s0) * cross) / m2;
}

function permutationInference(
  values: Float64Array,
  z: Float64Array,
  sub: SubWeights,
  n: number,
  s0: number,
  m2: number,
  observed: number,
  permutations: number,
  seed: number,
): NonNullable<GlobalMoranResult['permutation']> {
  const rng = createRandom(seed);
  const valid: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) valid.push(i);
  const pool = Float64Array.from(valid, (i) => z[i]!);
  const permuted = new Float64Array(z.length);
  let larger = 0;
  let sum = 0;
  let sumSq = 0;
  for (let p = 0; p < permutations; p++) {
    for (let t = pool.length - 1; t > 0; t--) {
      const r = rng.int(t + 1);
      const tmp = pool[t]!;
      pool[t] = pool[r]!;
      pool[r] = tmp;
    }
    for (let t = 0; t < valid.length; t++) permuted[valid[t]!] = pool[t]!;
    const I = moranStatistic(permuted, sub, n, s0, m2);
    if (I >= observed) larger++;
    sum += I;
    sumSq += I * I;
  }
  const folded = Math.min(permutations - larger, larger);
  const mean = sum / permutations;
  const sd = Math.sqrt(Math.max(0, (sumSq - permutations * mean * mean) / (permutations - 1)));
  return { permutations, seed, p: (folded + 1) / (permutations + 1), mean, sd, z: (observed - mean) / sd };
}
