/**
 * French typography for the report (Lexique des règles typographiques en usage à l'Imprimerie
 * nationale): a narrow no-break space (U+202F) before ; : ! ? and % and inside « », fr-FR numbers
 * (U+202F thousands separator, decimal comma) and dates (`1er mars 2026`, `27 novembre 2026`).
 */
import type { FigureUnit } from './types.ts';

/** Narrow no-break space (espace fine insécable). */
export const NNBSP = '\u202f';

/** Shown for a missing value: « non disponible ». */
export const MISSING = 'n.\u202fd.';

const formatters = new Map<number, Intl.NumberFormat>();

/** `12 345,6` with `digits` decimals (fr-FR), or « n. d. » for a missing or non-finite value. */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  let format = formatters.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(digits, format);
  }
  // -0,0 reads oddly in a table: a value that rounds to zero is shown as zero.
  const text = format.format(value);
  return /^-0(,0*)?$/.test(text) ? text.slice(1) : text;
}

/** A figure with its unit: `12,3 %`, `21 319 €`, `3,6 ‰`, `24 509`. */
export function formatFigure(value: number | null | undefined, unit: FigureUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  switch (unit) {
    case 'percent':
      return `${formatNumber(value, 1)}${NNBSP}%`;
    case 'euro':
      return `${formatNumber(value, 0)}${NNBSP}€`;
    case 'perThousand':
      return `${formatNumber(value, 1)}${NNBSP}‰`;
    case 'index':
      return formatNumber(value, 2);
    case 'points':
      return formatNumber(value, 1);
    case 'count':
      return formatNumber(value, 0);
  }
}

/** A probability in [0, 1] as a percentage without decimals: `87 %`. */
export function formatProbability(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return MISSING;
  return `${formatNumber(p * 100, 0)}${NNBSP}%`;
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});

/** `27 novembre 2026`; the first of the month is written `1er`, as French does. */
export function formatDate(date: Date | string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return MISSING;
  return dateFormat.format(d).replace(/^1 /, '1er ');
}

/** `1er`, `2e`, `25e`. */
export function ordinal(n: number): string {
  return n === 1 ? '1er' : `${n}e`;
}

/**
 * Puts French spacing into a text: a narrow no-break space before `;` `:` `!` `?` (replacing a
 * plain or no-break space there), between a number and `%` `‰` `€`, and inside « ». A `:` not followed by a space or the end is left
 * alone, so times (`12:30`), URLs (`https://`) and ratios (`1:25 000`) keep their colon.
 * @example frenchSpacing('Attention : « données » !') // 'Attention\u202f: «\u202fdonnées\u202f»\u202f!'
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/(?<=\S)[ \u00a0\u202f]?([;:!?])(?=[\s»;:!?]|$)/gu, `${NNBSP}$1`)
    .replace(/(\d)[ \u00a0]?([%‰€])/gu, `$1${NNBSP}$2`)
    .replace(/«[ \u00a0\u202f]*/gu, `«${NNBSP}`)
    .replace(/[ \u00a0\u202f]*»/gu, `${NNBSP}»`);
}

/** Lower-cases the first letter of a label to use it inside a sentence, unless it starts an acronym (`ESS`). */
export function lowerFirst(label: string): string {
  if (label.length < 2 || label[1] !== label[1]!.toLowerCase()) return label;
  return label[0]!.toLowerCase() + label.slice(1);
}
