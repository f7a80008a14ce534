import { EngineError } from '../errors.ts';

/** Checks a count option (replicates, base samples, top k): an integer in [min, max]. */
export function checkCount(path: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EngineError(
      'INVALID_ROBUSTNESS_OPTIONS',
      `${path} : donnez un entier entre ${min} et ${max} (reçu ${value}).`,
      {
        path,
        value,
      },
    );
  }
}
