import { EngineError } from '../../errors.ts';
import type { PermutationScheme } from './conditionalPermutation.ts';
import type { Correction } from './multipleTesting.ts';

/** Options shared by the local statistics (LISA, Gi*). */
export interface LocalOptions {
  /** Number of conditional permutations; 0 skips inference. Default 999 (GeoDa's default). */
  permutations: number;
  /** Seed of the xoshiro128** generator (same seed, same p-values). Default 1234567890, GeoDa's. */
  seed: number;
  /** Nominal significance level. Default 0.05. */
  alpha: number;
  /** Multiple-testing correction. Default `none` (GeoDa's default map). */
  correction: Correction;
  /** Default `shared` (see PermutationScheme). */
  scheme: PermutationScheme;
}

export const LOCAL_DEFAULTS: LocalOptions = {
  permutations: 999,
  seed: 1234567890,
  alpha: 0.05,
  correction: 'none',
  scheme: 'shared',
};

export function checkPermutations(permutations: number): void {
  if (!Number.isInteger(permutations) || permutations < 0 || permutations > 1_000_000) {
    throw new EngineError(
      'SPATIAL_BAD_OPTION',
      `Le nombre de permutations doit être un entier entre 0 et 1 000 000 (reçu : ${permutations}).`,
      { option: 'permutations', value: permutations },
    );
  }
}
