import { createRandom } from '../../random/xoshiro128.ts';
import type { LocalRows } from './localRows.ts';

/**
 * How permutation samples are drawn for local statistics.
 * - `shared` (default): one set of random draws serves every territory, each territory skipping
 *   itself — the scheme of PySAL/esda's `crand` (Rey, Arribas-Bel & Wolf 2023, "Geographic Data
 *   Science with Python", ch. 7). Each territory's reference distribution is exactly the
 *   conditional permutation distribution; p-values of different territories are correlated, as
 *   in esda. With rows of equal weights it needs O(permutations) work per territory instead of
 *   O(permutations × neighbours).
 * - `independent`: fresh draws for every territory, as GeoDa does. Slower.
 */
export type PermutationScheme = 'shared' | 'independent';

/**
 * Local statistics that permutation can test: for territory i, the statistic of a sample of
 * neighbour values is `scale[i] · (Σ_t coef_t · v_t + shift[i])`, where the v_t are values of
 * other territories drawn without replacement and coef are the row's coefficients. Local Moran:
 * scale = z_i, shift = 0; Gi*: scale = 1 / Σx, shift = coef_self · x_i.
 */
export interface LocalStatistic {
  rows: LocalRows;
  /** Values that are permuted (NaN = not in the pool). */
  values: Float64Array;
  scale: Float64Array;
  shift: Float64Array;
  /** Observed statistic; NaN = not tested. */
  observed: Float64Array;
}

/**
 * Folded pseudo p-values of local statistics under conditional randomisation (Anselin 1995,
 * "Local Indicators of Spatial Association — LISA", Geographical Analysis 27(2), §4): the values
 * of the other territories are randomly reassigned to i's neighbours, `permutations` times.
 * With c the number of permuted statistics ≥ the observed one, c is replaced by
 * `permutations − c` when that is smaller or equal, and p = (c + 1) / (permutations + 1) — GeoDa's
 * and esda's pseudo p-value, at best 1 / (permutations + 1). NaN where `observed` is NaN.
 * Ties count as "≥": a permuted sample with the same values as the real neighbours gives the same
 * statistic up to the rounding of a sum taken in another order, so the comparison allows that
 * rounding (1e-12 relative to the size of the terms). With discrete data (counts, ranks) ties are
 * frequent and GeoDa, which compares exactly, then counts them at random.
 *
 * Complexity: shared scheme O(P·K + n·P) for rows of equal weights (K = largest row + 1),
 * O(n·P·k) otherwise; independent scheme O(n·P·k).
 */
export function conditionalPermutationP(
  stat: LocalStatistic,
  permutations: number,
  seed: number,
  scheme: PermutationScheme,
): Float64Array {
  const n = stat.values.length;
  const pValues = new Float64Array(n).fill(Number.NaN);
  const pool: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(stat.values[i]!)) pool.push(i);
  const larger =
    scheme === 'shared'
      ? sharedCounts(stat, permutations, seed, pool)
      : independentCounts(stat, permutations, seed, pool);
  for (let i = 0; i < n; i++) {
    const c = larger[i]!;
    if (c < 0) continue;
    const folded = Math.min(permutations - c, c);
    pValues[i] = (folded + 1) / (permutations + 1);
  }
  return pValues;
}

function tested(stat: LocalStatistic, i: number): boolean {
  return !Number.isNaN(stat.observed[i]!) && stat.rows.count[i]! > 0;
}

/** The observed statistic lowered by the rounding a sum of the row's terms can carry. */
function thresholds(stat: LocalStatistic): Float64Array {
  const { rows, values, scale, shift, observed } = stat;
  let maxAbs = 0;
  for (const v of values) if (!Number.isNaN(v)) maxAbs = Math.max(maxAbs, Math.abs(v));
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let size = Math.abs(shift[i]!);
    for (let k = rows.offsets[i]!; k < rows.offsets[i + 1]!; k++) size += Math.abs(rows.coef[k]!) * maxAbs;
    out[i] = observed[i]! - 1e-12 * Math.abs(scale[i]!) * size;
  }
  return out;
}

/** Number of permuted statistics ≥ observed, per territory (-1 = not tested). */
function sharedCounts(stat: LocalStatistic, permutations: number, seed: number, pool: number[]): Int32Array {
  const { rows, values, scale, shift } = stat;
  const observed = thresholds(stat);
  const n = values.length;
  const counts = new Int32Array(n).fill(-1);
  let kMax = 0;
  for (let i = 0; i < n; i++) if (tested(stat, i)) kMax = Math.max(kMax, rows.count[i]!);
  if (kMax === 0) return counts;
  const m = pool.length;
  const K = Math.min(kMax + 1, m);
  const P = permutations;
  // draws[p*K + t]: the t-th territory drawn in permutation p (partial Fisher–Yates on the pool).
  const rng = createRandom(seed);
  const shuffled = Int32Array.from(pool);
  const draws = new Int32Array(P * K);
  for (let p = 0; p < P; p++) {
    for (let t = 0; t < K; t++) {
      const r = t + rng.int(m - t);
      const tmp = shuffled[t]!;
      shuffled[t] = shuffled[r]!;
      shuffled[r] = tmp;
      draws[p * K + t] = shuffled[t]!;
    }
  }
  // prefix[t*P + p] = sum of the first t values drawn in permutation p (layout: contiguous in p).
  const prefix = new Float64Array((K + 1) * P);
  for (let p = 0; p < P; p++) {
    let s = 0;
    for (let t = 0; t < K; t++) {
      s += values[draws[p * K + t]!]!;
      prefix[(t + 1) * P + p] = s;
    }
  }
  // where each territory was drawn: CSR territory -> (p, t)
  const seenStart = new Int32Array(n + 1);
  for (let q = 0; q < draws.length; q++) seenStart[draws[q]! + 1]!++;
  for (let i = 0; i < n; i++) seenStart[i + 1]! += seenStart[i]!;
  const fill = seenStart.slice(0, n);
  const seenAt = new Int32Array(draws.length);
  for (let q = 0; q < draws.length; q++) seenAt[fill[draws[q]!]!++] = q;

  for (let i = 0; i < n; i++) {
    if (!tested(stat, i)) continue;
    const k = rows.count[i]!;
    const a = scale[i]!;
    const b = shift[i]!;
    const obs = observed[i]!;
    let c = 0;
    if (rows.uniform[i]) {
      const coef = rows.coef[rows.offsets[i]!]!;
      const base = k * P;
      for (let p = 0; p < P; p++) if (a * (coef * prefix[base + p]! + b) >= obs) c++;
      // permutations where i itself was among the first k draws: use the first k others instead
      const vi = values[i]!;
      for (let s = seenStart[i]!; s < seenStart[i + 1]!; s++) {
        const q = seenAt[s]!;
        const p = (q / K) | 0;
        if (q - p * K >= k) continue;
        const wrong = a * (coef * prefix[base + p]! + b) >= obs;
        const right = a * (coef * (prefix[base + P + p]! - vi) + b) >= obs;
        c += (right ? 1 : 0) - (wrong ? 1 : 0);
      }
    } else {
      const from = rows.offsets[i]!;
      for (let p = 0; p < P; p++) {
        let sum = 0;
        for (let t = 0, used = 0; used < k; t++) {
          const j = draws[p * K + t]!;
          if (j === i) continue;
          sum += rows.coef[from + used]! * values[j]!;
          used++;
        }
        if (a * (sum + b) >= obs) c++;
      }
    }
    counts[i] = c;
  }
  return counts;
}

function independentCounts(
  stat: LocalStatistic,
  permutations: number,
  seed: number,
  pool: number[],
): Int32Array {
  const { rows, values, scale, shift } = stat;
  const observed = thresholds(stat);
  const n = values.length;
  const counts = new Int32Array(n).fill(-1);
  const rng = createRandom(seed);
  const m = pool.length;
  const stamp = new Int32Array(n).fill(-1);
  let mark = 0;
  for (let i = 0; i < n; i++) {
    if (!tested(stat, i)) continue;
    const k = rows.count[i]!;
    const from = rows.offsets[i]!;
    const a = scale[i]!;
    const b = shift[i]!;
    const obs = observed[i]!;
    let c = 0;
    for (let p = 0; p < permutations; p++) {
      mark++;
      stamp[i] = mark;
      let sum = 0;
      for (let used = 0; used < k; ) {
        const j = pool[rng.int(m)]!;
        if (stamp[j] === mark) continue;
        stamp[j] = mark;
        sum += rows.coef[from + used]! * values[j]!;
        used++;
      }
      if (a * (sum + b) >= obs) c++;
    }
    counts[i] = c;
  }
  return counts;
}
