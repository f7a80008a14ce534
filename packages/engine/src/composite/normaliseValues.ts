import { rankNormalise } from './rankNormalise.ts';
import type { NormalisationMethod } from './types.ts';

export interface NormaliseParams {
  method: NormalisationMethod;
  /** +1 or −1: applied so that a higher normalised value always means a better PTCE site. */
  direction: number;
  /** Target range of `minMax` and `goalposts`. */
  lo: number;
  hi: number;
  /** Goalposts, in the indicator's unit. */
  goalLower: number;
  goalUpper: number;
  /** The reference territory's value (for `distanceToReference`). */
  reference: number;
}

/**
 * Normalises `x[0 .. k-1]` into `out[0 .. k-1]` (OECD/JRC Handbook §5, Table 3; COINr `Normalise`),
 * with the direction applied (y = direction × x) so that higher is always better:
 *
 * - `minMax`: lo + (y − min y) / (max y − min y) × (hi − lo); a constant column gets the middle of the range;
 * - `zScore`: (y − mean y) / sd y, sample standard deviation (n − 1, as R's `sd` in COINr); 0 when sd = 0;
 * - `rank`: the rank of y, 1 = worst, ties get their average rank (R `rank`, ties "average");
 * - `percentile`: (rank − 1) / (k − 1) × 100, in [0, 100]; 50 for a single value;
 * - `distanceToReference`: 100 × (1 + direction × (x − ref) / |ref|): 100 = the reference territory,
 *   110 = 10 % better than it (Handbook "distance to a reference", in relative-difference form so
 *   that direction −1 stays linear);
 * - `goalposts`: (x − L) / (U − L) (or (U − x) / (U − L) for direction −1), capped to [0, 1], onto
 *   [lo, hi] (Handbook "distance to a target"; COINr `n_goalposts`).
 *
 * Returns `{ a, b }` such that out = a·x + b for the linear methods (to normalise the reference
 * the same way), NaN for `rank`, `percentile` and the capped `goalposts`.
 *
 * Complexity: O(k) (the ranking methods by a radix sort: {@link rankNormalise}).
 *
 * @example
 * const out = new Float64Array(3);
 * const p = { method: 'minMax', direction: 1, lo: 0, hi: 100, goalLower: NaN, goalUpper: NaN, reference: NaN };
 * normaliseValues(Float64Array.of(2, 4, 10), 3, out, p) // { a: 12.5, b: -25 }; out = [0, 25, 100]
 */
export function normaliseValues(
  x: Float64Array,
  k: number,
  out: Float64Array,
  p: NormaliseParams,
): { a: number; b: number } {
  const d = p.direction;
  switch (p.method) {
    case 'minMax': {
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < k; i++) {
        const y = d * x[i]!;
        if (y < min) min = y;
        if (y > max) max = y;
      }
      // A spread at rounding-noise level is a constant column, not a 0-to-100 difference.
      if (!(max - min > 1e-9 * Math.max(1, Math.abs(max), Math.abs(min)))) {
        for (let i = 0; i < k; i++) out[i] = (p.lo + p.hi) / 2;
        return { a: 0, b: (p.lo + p.hi) / 2 };
      }
      const s = (p.hi - p.lo) / (max - min);
      // lo + (y − min)·s rather than a·x + b: exact at the minimum, within an ulp at the maximum.
      for (let i = 0; i < k; i++) out[i] = p.lo + (d * x[i]! - min) * s;
      return { a: s * d, b: p.lo - s * min };
    }
    case 'zScore': {
      let mean = 0;
      for (let i = 0; i < k; i++) mean += x[i]!;
      mean /= k;
      let ss = 0;
      for (let i = 0; i < k; i++) ss += (x[i]! - mean) ** 2;
      const sd = k > 1 ? Math.sqrt(ss / (k - 1)) : 0;
      if (!(sd > 0)) {
        out.fill(0, 0, k);
        return { a: 0, b: 0 };
      }
      const a = d / sd;
      const b = (-d * mean) / sd;
      for (let i = 0; i < k; i++) out[i] = a * x[i]! + b;
      return { a, b };
    }
    case 'rank':
    case 'percentile': {
      rankNormalise(x, k, out, d, p.method === 'percentile');
      return { a: Number.NaN, b: Number.NaN };
    }
    case 'distanceToReference': {
      const ref = p.reference;
      const a = (100 * d) / Math.abs(ref);
      const b = 100 - a * ref;
      for (let i = 0; i < k; i++) out[i] = a * x[i]! + b;
      return { a, b };
    }
    case 'goalposts': {
      for (let i = 0; i < k; i++) out[i] = goalpostValue(x[i]!, p);
      return { a: Number.NaN, b: Number.NaN };
    }
  }
}

/**
 * Goalposts normalisation of one value: (x − L) / (U − L) (or (U − x) / (U − L) for direction −1),
 * capped to [0, 1], onto [lo, hi].
 * @example goalpostValue(30, { goalLower: 0, goalUpper: 25, direction: 1, lo: 0, hi: 100 }) // 100
 */
export function goalpostValue(
  x: number,
  p: Pick<NormaliseParams, 'goalLower' | 'goalUpper' | 'direction' | 'lo' | 'hi'>,
): number {
  const span = p.goalUpper - p.goalLower;
  const t = p.direction > 0 ? (x - p.goalLower) / span : (p.goalUpper - x) / span;
  return p.lo + Math.max(0, Math.min(1, t)) * (p.hi - p.lo);
}
