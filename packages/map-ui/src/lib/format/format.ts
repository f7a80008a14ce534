/**
 * French number formatting (fr-FR, Intl): a narrow no-break space (U+202F) groups thousands, a
 * decimal comma, a no-break space (U+00A0) before `%`, `€` and units, so that a value never
 * wraps across lines. Missing values (NaN) print as « n.d. » (non disponible), never as 0.
 */

/** What a missing value reads as, everywhere in the UI. */
export const MISSING_TEXT = 'n.d.';
/** Its explanation, for tooltips and legends. */
export const MISSING_TITLE = 'non disponible ou couvert par le secret statistique';

const NBSP = '\u00a0';
const cache = new Map<string, Intl.NumberFormat>();

function formatter(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat('fr-FR', options)));
  return f;
}

/**
 * A number with at most `digits` decimals (trailing zeros dropped).
 * @example formatNumber(1234567.891, 1) // '1 234 567,9' (U+202F between groups)
 */
export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return MISSING_TEXT;
  return formatter({ maximumFractionDigits: digits }).format(value);
}

/**
 * A value already expressed in percent (INSEE rates such as TP60 = 14.2).
 * @example formatPercent(14.23) // '14,2 %' (U+00A0 before %)
 */
export function formatPercent(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return MISSING_TEXT;
  return formatter({ style: 'unit', unit: 'percent', maximumFractionDigits: digits }).format(value);
}

/**
 * A share between 0 and 1 as a percent.
 * @example formatShare(0.125) // '12,5 %'
 */
export function formatShare(value: number, digits = 1): string {
  return formatPercent(value * 100, digits);
}

/**
 * Euros, rounded to the euro.
 * @example formatEuro(21340) // '21 340 €'
 */
export function formatEuro(value: number): string {
  if (!Number.isFinite(value)) return MISSING_TEXT;
  return formatter({ style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value);
}

/** Units of counts: census counts are weighted estimates with decimals, shown to the unit. */
const COUNT_UNIT =
  /^(habitants|emplois|établissements|logements|ménages|salariés|naissances|décès|actifs|chômeurs|ménages fiscaux|personnes)$/;

/**
 * Decimals that keep three significant figures for rates and indices (0,723 ; 14,2 ; 187).
 * @example significantDigits(0.7234) // 3
 */
export function significantDigits(value: number): number {
  const a = Math.abs(value);
  return a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
}

/**
 * A value in its unit: `%` and `€` as above, km² with one decimal, counts (habitants, emplois,
 * établissements…) to the unit, rates and indices with three significant figures.
 * @example formatValue(290576.4, 'habitants') // '290 576 habitants'
 */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return MISSING_TEXT;
  if (unit === '%') return formatPercent(value);
  if (unit === '€') return formatEuro(value);
  if (unit === 'km²') return `${formatNumber(value, 1)}${NBSP}km²`;
  if (COUNT_UNIT.test(unit)) return `${formatNumber(value, 0)}${NBSP}${unit}`;
  const digits = significantDigits(value);
  if (unit === '' || unit === 'score') return formatNumber(value, digits);
  return `${formatNumber(value, digits)}${NBSP}${unit}`;
}

/**
 * A value for a table cell whose column or row header already gives the unit: the number alone,
 * except `%` and `€` which read better attached.
 * @example formatCell(126.4, 'emplois pour 100 actifs occupés') // '126'
 */
export function formatCell(value: number, unit: string): string {
  if (!Number.isFinite(value)) return MISSING_TEXT;
  if (unit === '%' || unit === '€') return formatValue(value, unit);
  return formatNumber(value, COUNT_UNIT.test(unit) ? 0 : significantDigits(value));
}

/**
 * A composite or dimension score (0 to 100 scale) with one decimal.
 * @example formatScore(63.456) // '63,5'
 */
export function formatScore(value: number): string {
  if (!Number.isFinite(value)) return MISSING_TEXT;
  // Always one decimal, so that a column of scores lines up.
  return formatter({ minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/**
 * A signed change or contribution, with an explicit plus sign.
 * @example formatSigned(2.345, 1) // '+2,3'
 */
export function formatSigned(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return MISSING_TEXT;
  return formatter({ maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(value);
}

/**
 * A French ordinal rank out of a total: 1er, 2e, 3e…
 * @example formatRank(1, 514) // '1er sur 514'
 */
export function formatRank(rank: number, total?: number): string {
  if (!Number.isFinite(rank)) return MISSING_TEXT;
  const ordinal = `${formatNumber(rank)}${rank === 1 ? 'er' : 'e'}`;
  return total === undefined ? ordinal : `${ordinal} sur ${formatNumber(total)}`;
}
