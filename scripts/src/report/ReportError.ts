import { DataError, type DataErrorLocation } from '../data/DataError.ts';

/**
 * An error in what the report was asked to show (a shortlist naming a territory the score result
 * does not have, a level mismatch, a missing geometry file). Same shape as the data pipeline's
 * errors (stable `code`, French message, English message, what to do, where), so the command line
 * prints and maps it like any other input error.
 */
export function reportError(
  code: string,
  text: { fr: string; en: string; hintFr: string; hintEn: string },
  location: DataErrorLocation = {},
): DataError {
  return new DataError(code, text, location);
}
