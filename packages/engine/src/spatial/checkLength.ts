import { EngineError } from '../errors.ts';

/** Throws `SPATIAL_LENGTH_MISMATCH` unless the array has one entry per territory of the weights. */
export function checkLength(values: ArrayLike<unknown>, w: { n: number }, what = 'valeurs'): void {
  if (values.length !== w.n) {
    throw new EngineError(
      'SPATIAL_LENGTH_MISMATCH',
      `Il y a ${values.length} ${what} pour ${w.n} territoires : il en faut une par territoire, dans l'ordre des polygones.`,
      { field: what, length: values.length, expected: w.n },
    );
  }
}
