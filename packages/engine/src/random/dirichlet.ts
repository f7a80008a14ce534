import { EngineError } from '../errors.ts';
import { gammaVariate } from './gammaVariate.ts';
import type { RandomSource } from './xoshiro128.ts';

/**
 * One draw from the Dirichlet(α₁ … α_k) distribution: independent g_i ~ Gamma(α_i, 1), then
 * g_i / Σ g (Devroye 1986, "Non-Uniform Random Variate Generation", §XI.4). The components are
 * positive and sum to 1; component i has mean α_i / Σα and variance
 * α_i (Σα − α_i) / ((Σα)² (Σα + 1)). A component with α_i = 0 is fixed at 0 (a weight that is off).
 *
 * Complexity: O(k).
 * @throws {EngineError} `INVALID_SHAPE` when an α is negative or not finite, or all are 0.
 * @example
 * dirichlet(createRandom(3), [2, 2, 4]) // e.g. Float64Array [0.21, 0.30, 0.49]: sums to 1, mean (0.25, 0.25, 0.5)
 */
export function dirichlet(
  random: RandomSource,
  alpha: ArrayLike<number>,
  out: Float64Array = new Float64Array(alpha.length),
): Float64Array {
  let sum = 0;
  for (let i = 0; i < alpha.length; i++) {
    const a = alpha[i]!;
    if (!(a >= 0) || !Number.isFinite(a)) {
      throw new EngineError(
        'INVALID_SHAPE',
        `Loi de Dirichlet : α[${i}] doit être un nombre ≥ 0 (reçu ${a}).`,
        {
          index: i,
          alpha: a,
        },
      );
    }
    const g = a > 0 ? gammaVariate(random, a) : 0;
    out[i] = g;
    sum += g;
  }
  if (!(sum > 0)) {
    throw new EngineError('INVALID_SHAPE', 'Loi de Dirichlet : au moins un α doit être > 0.', {});
  }
  for (let i = 0; i < alpha.length; i++) out[i]! /= sum;
  return out;
}
