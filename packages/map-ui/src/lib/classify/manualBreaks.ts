import { UiError } from '../errors.ts';

/**
 * Validates class thresholds typed by the analyst: finite numbers in strictly increasing order.
 *
 * @throws {UiError} `MANUAL_BREAKS` naming the first offending position.
 * @example manualBreaks([10, 20, 30]) // [10, 20, 30]
 */
export function manualBreaks(thresholds: readonly number[]): number[] {
  if (thresholds.length === 0) {
    throw new UiError(
      'MANUAL_BREAKS',
      'Seuils manuels : saisissez au moins un seuil (ex. « 10 ; 20 ; 30 »).',
      {
        position: 0,
      },
    );
  }
  thresholds.forEach((t, i) => {
    if (!Number.isFinite(t)) {
      throw new UiError('MANUAL_BREAKS', `Seuils manuels : le seuil n° ${i + 1} n'est pas un nombre.`, {
        position: i + 1,
      });
    }
    if (i > 0 && t <= thresholds[i - 1]!) {
      throw new UiError(
        'MANUAL_BREAKS',
        `Seuils manuels : le seuil n° ${i + 1} (${t}) doit être supérieur au précédent (${thresholds[i - 1]}).`,
        { position: i + 1 },
      );
    }
  });
  return [...thresholds];
}
