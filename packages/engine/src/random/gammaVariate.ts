import { EngineError } from '../errors.ts';
import { standardNormal } from './standardNormal.ts';
import type { RandomSource } from './xoshiro128.ts';

/**
 * One draw from the Gamma(shape, 1) distribution (mean = variance = shape), by Marsaglia & Tsang
 * (2000, "A simple method for generating gamma variables", ACM TOMS 26(3)): for shape ≥ 1,
 * d = shape − 1/3, c = 1/√(9d); repeat x ~ N(0, 1), v = (1 + c x)³ until
 * ln u < x²/2 + d − d v + d ln v, and return d v. For shape < 1 the same paper's boost is used:
 * Gamma(shape) = Gamma(shape + 1) × u^(1/shape).
 *
 * Complexity: O(1) expected (acceptance above 95 % for every shape).
 * @throws {EngineError} `INVALID_SHAPE` when shape is not a finite number > 0.
 * @example
 * gammaVariate(createRandom(7), 2.5) // a positive number, 2.5 on average
 */
export function gammaVariate(random: RandomSource, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) {
    throw new EngineError(
      'INVALID_SHAPE',
      `Loi gamma : le paramètre de forme doit être un nombre > 0 (reçu ${shape}).`,
      {
        shape,
      },
    );
  }
  if (shape < 1) {
    const boost = random.float() ** (1 / shape);
    return gammaVariate(random, shape + 1) * boost;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random.float();
    // The squeeze avoids the logarithms in about 98 % of the draws.
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
