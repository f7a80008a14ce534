import { EngineError } from '../errors.ts';
import type { RandomSource } from '../random/xoshiro128.ts';

/**
 * Saltelli's sampling design for first-order and total Sobol indices (Saltelli 2002; Saltelli et
 * al. 2010, "Variance based sensitivity analysis of model output", Computer Physics Communications
 * 181, §3): two independent N × D matrices A and B of uniform points in [0, 1)^D, and for each
 * factor i the matrix A_B^(i) — A with the coordinates of factor i taken from B. A factor may own
 * several coordinates (a group of inputs, e.g. all the weights), which gives the indices of the
 * group (Jacques, Lavergne & Devictor 2006).
 *
 * Returns the (k + 2) × N points, row-major, D numbers per point: rows [0, N) = A, [N, 2N) = B,
 * [(2 + i)N, (3 + i)N) = A_B^(i). Pseudo-random points from `random` (not a quasi-random sequence):
 * the same seed gives the same design.
 *
 * Complexity: O((k + 2) × N × D).
 * @throws {EngineError} `INVALID_ROBUSTNESS_OPTIONS` when a coordinate is out of range or owned twice.
 * @example
 * saltelliSample(3, 1000, createRandom(1), [[0], [1], [2]]) // Float64Array of 5 × 1000 × 3 numbers
 */
export function saltelliSample(
  dimensions: number,
  baseSamples: number,
  random: RandomSource,
  factors: number[][],
): Float64Array {
  const D = dimensions;
  const N = baseSamples;
  const k = factors.length;
  const owner = new Int32Array(D).fill(-1);
  factors.forEach((coords, i) => {
    for (const c of coords) {
      if (!(c >= 0 && c < D) || owner[c] !== -1) {
        throw new EngineError(
          'INVALID_ROBUSTNESS_OPTIONS',
          `Plan de Saltelli : la coordonnée ${c} du facteur ${i} est hors de [0, ${D - 1}] ou déjà prise.`,
          {
            factor: i,
            coordinate: c,
          },
        );
      }
      owner[c] = i;
    }
  });
  const out = new Float64Array((k + 2) * N * D);
  for (let s = 0; s < N; s++) {
    for (let c = 0; c < D; c++) out[s * D + c] = random.float();
    for (let c = 0; c < D; c++) out[(N + s) * D + c] = random.float();
  }
  for (let i = 0; i < k; i++) {
    const block = (2 + i) * N * D;
    out.copyWithin(block, 0, N * D);
    for (let s = 0; s < N; s++) for (const c of factors[i]!) out[block + s * D + c] = out[(N + s) * D + c]!;
  }
  return out;
}
