import { EngineError } from '../errors.ts';

/**
 * Saaty's random consistency indices RI(n) for n = 1..15 (Saaty 1980, *The Analytic Hierarchy
 * Process*, table 1.7 for n ≤ 10 — 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49 — and
 * Saaty 1994 for 11..15).
 */
export const SAATY_RANDOM_INDEX: readonly number[] = [
  0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
];

export interface AhpWeights {
  weights: number[];
  lambdaMax: number;
  consistencyIndex: number;
  randomIndex: number;
  /** CI / RI; 0 for n ≤ 2 (always consistent). */
  consistencyRatio: number;
}

/**
 * Weights from a reciprocal pairwise comparison matrix by the Analytic Hierarchy Process (Saaty
 * 1980; OECD/JRC Handbook §6.1.5): the principal right eigenvector of A (power iteration,
 * normalised to sum to 1), λmax = mean of (A w)_i / w_i, consistency index CI = (λmax − n)/(n − 1)
 * and consistency ratio CR = CI / RI(n). Saaty's rule: CR ≤ 0.1 is acceptable.
 *
 * Complexity: O(n² × iterations), n ≤ 15.
 *
 * @throws {EngineError} `AHP_INVALID` when the matrix is not square, positive and reciprocal, or n > 15.
 * @example
 * ahpWeights([[1, 3], [1 / 3, 1]]) // { weights: [0.75, 0.25], consistencyRatio: 0, ... }
 */
export function ahpWeights(matrix: readonly (readonly number[])[]): AhpWeights {
  const n = matrix.length;
  if (n < 1 || n > SAATY_RANDOM_INDEX.length || matrix.some((r) => r.length !== n)) {
    throw new EngineError(
      'AHP_INVALID',
      `La matrice de comparaisons doit être carrée, de taille 1 à 15 (reçu ${n}).`,
      {
        size: n,
      },
    );
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = matrix[i]![j]!;
      if (!(a > 0) || !Number.isFinite(a) || Math.abs(a * matrix[j]![i]! - 1) > 0.01) {
        throw new EngineError(
          'AHP_INVALID',
          `matrix[${i}][${j}] = ${a} : une matrice de comparaisons a des valeurs > 0 et réciproques (a[j][i] = 1 / a[i][j]).`,
          { row: i, column: j, value: a },
        );
      }
    }
  }
  let w = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let iter = 0; iter < 10_000; iter++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += matrix[i]![j]! * w[j]!;
      next[i] = s;
      sum += s;
    }
    let delta = 0;
    for (let i = 0; i < n; i++) {
      next[i]! /= sum;
      delta = Math.max(delta, Math.abs(next[i]! - w[i]!));
    }
    [w, next] = [next, w];
    if (delta < 1e-15) break;
  }
  let lambda = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += matrix[i]![j]! * w[j]!;
    lambda += s / w[i]!;
  }
  const lambdaMax = lambda / n;
  const consistencyIndex = n > 1 ? Math.max(0, (lambdaMax - n) / (n - 1)) : 0;
  const randomIndex = SAATY_RANDOM_INDEX[n - 1]!;
  return {
    weights: Array.from(w),
    lambdaMax,
    consistencyIndex,
    randomIndex,
    consistencyRatio: randomIndex > 0 ? consistencyIndex / randomIndex : 0,
  };
}
