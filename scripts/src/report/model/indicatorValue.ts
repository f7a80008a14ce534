import { formatNumber, MISSING, NNBSP } from '../french.ts';

/** A value in an indicator's own unit, split so that a sentence can say « 12,0 % contre 7,8 % ». */
export interface UnitValue {
  /** `12,0 %`, `21 319 €`, `0,88`, `64,5` */
  text: string;
  /** Words that follow the number once, after the comparison (`habitants par km²`), or ''. */
  words: string;
}

/**
 * Formats a value with the framework's unit (French, free text): `%` and `% sur la période` one
 * decimal with a narrow space before `%`; `€` no decimal; an index (`indice …`) two decimals;
 * anything else one decimal, the unit's words said once after the comparison.
 */
export function indicatorValue(value: number | null | undefined, unit: string): UnitValue {
  const u = unit.trim();
  const finite = value !== null && value !== undefined && Number.isFinite(value);
  if (u === '%' || u.startsWith('% ')) {
    return { text: finite ? `${formatNumber(value, 1)}${NNBSP}%` : MISSING, words: u.slice(1).trim() };
  }
  if (u === '€') return { text: finite ? `${formatNumber(value, 0)}${NNBSP}€` : MISSING, words: '' };
  if (u.startsWith('indice')) return { text: formatNumber(value, 2), words: '' };
  return { text: formatNumber(value, 1), words: u };
}

/** `12,0 % contre 7,8 % dans le département`, `64,5 contre 238,1 habitants par km² dans le département`. */
export function compareWithReference(
  value: number | null,
  reference: number | null,
  unit: string,
  where: string,
): string {
  const a = indicatorValue(value, unit);
  const b = indicatorValue(reference, unit);
  return `${a.text} contre ${b.text}${b.words ? ` ${b.words}` : ''} ${where}`;
}
