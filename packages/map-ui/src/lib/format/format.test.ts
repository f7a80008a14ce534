import { describe, expect, it } from 'vitest';
import {
  formatCell,
  formatEuro,
  formatNumber,
  formatPercent,
  formatRank,
  formatScore,
  formatShare,
  formatSigned,
  formatValue,
  MISSING_TEXT,
} from './format.ts';

// Written by hand from the French typographic rules (Imprimerie nationale, Lexique des règles
// typographiques): narrow no-break space between thousands, no-break space before % and €.
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('format', () => {
  it('formatNumber(v, digits) groups thousands with a narrow no-break space and uses a decimal comma', () => {
    expect(formatNumber(1234567.891, 1)).toBe(`1${NNBSP}234${NNBSP}567,9`);
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(-1234.56, 1)).toBe(`-1${NNBSP}234,6`);
    expect(formatNumber(2.5, 2)).toBe('2,5');
  });

  it('formatPercent(v) and formatShare(s) put a no-break space before %', () => {
    expect(formatPercent(14.23)).toBe(`14,2${NBSP}%`);
    expect(formatShare(0.125)).toBe(`12,5${NBSP}%`);
  });

  it('formatEuro(v) rounds to the euro and puts € after a no-break space', () => {
    expect(formatEuro(21340.4)).toBe(`21${NNBSP}340${NBSP}€`);
  });

  it('formatValue(v, unit) follows the INSEE unit', () => {
    expect(formatValue(290576.4, 'habitants')).toBe(`290${NNBSP}576${NBSP}habitants`);
    expect(formatValue(78.26, 'km²')).toBe(`78,3${NBSP}km²`);
    expect(formatValue(9.87, '%')).toBe(`9,9${NBSP}%`);
    expect(formatValue(23450, '€')).toBe(`23${NNBSP}450${NBSP}€`);
    expect(formatValue(12.5, 'établissements')).toBe(`13${NBSP}établissements`);
    // Rates and indices keep three significant figures.
    expect(formatValue(0.72345, "indice d'équitabilité (0 à 1)")).toBe(
      `0,723${NBSP}indice d'équitabilité (0 à 1)`,
    );
    expect(formatValue(87.36, 'emplois pour 100 actifs occupés')).toBe(
      `87,4${NBSP}emplois pour 100 actifs occupés`,
    );
    expect(formatValue(-4.567, '% sur la période')).toBe(`-4,57${NBSP}% sur la période`);
  });

  it('formatCell(v, unit) drops the unit a header gives, except % and €', () => {
    expect(formatCell(126.4, 'emplois pour 100 actifs occupés')).toBe('126');
    expect(formatCell(0.69213, "indice d'équitabilité (0 à 1)")).toBe('0,692');
    expect(formatCell(17.72, '%')).toBe(`17,7${NBSP}%`);
    expect(formatCell(1347.4, 'établissements')).toBe(`1${NNBSP}347`);
    expect(formatCell(Number.NaN, '%')).toBe(MISSING_TEXT);
  });

  it('formatX(NaN) prints n.d., never 0', () => {
    for (const f of [formatNumber, formatPercent, formatEuro, formatScore, formatSigned, formatRank]) {
      expect(f(Number.NaN)).toBe(MISSING_TEXT);
    }
    expect(formatValue(Number.NaN, 'habitants')).toBe(MISSING_TEXT);
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe(MISSING_TEXT);
  });

  it('formatSigned(v) and formatRank(r, n) write signs and French ordinals', () => {
    expect(formatSigned(2.345)).toBe('+2,3');
    expect(formatSigned(-0.04)).toBe('0'); // rounds to zero: no sign
    expect(formatRank(1, 514)).toBe('1er sur 514');
    expect(formatRank(23)).toBe('23e');
    expect(formatScore(63.456)).toBe('63,5');
    expect(formatScore(59)).toBe('59,0');
  });
});
