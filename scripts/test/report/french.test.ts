import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatFigure,
  formatNumber,
  frenchSpacing,
  lowerFirst,
  NNBSP,
  ordinal,
} from '../../src/report/french.ts';

describe('formatNumber(value, digits)', () => {
  it('formatNumber(value, digits) uses a narrow no-break space for thousands and a decimal comma', () => {
    expect(formatNumber(1133552)).toBe(`1${NNBSP}133${NNBSP}552`);
    expect(formatNumber(79.49812755, 1)).toBe('79,5');
    expect(formatNumber(-4.24, 1)).toBe('-4,2');
  });
  it('formatNumber(value) says « n. d. » for a missing value, never 0', () => {
    expect(formatNumber(null)).toBe(`n.${NNBSP}d.`);
    expect(formatNumber(Number.NaN, 1)).toBe(`n.${NNBSP}d.`);
  });
  it('formatNumber(-0.04, 1) shows 0,0, not -0,0', () => {
    expect(formatNumber(-0.04, 1)).toBe('0,0');
  });
  it('formatFigure(value, unit) puts the unit after a narrow no-break space', () => {
    expect(formatFigure(12.04, 'percent')).toBe(`12,0${NNBSP}%`);
    expect(formatFigure(21319.27, 'euro')).toBe(`21${NNBSP}319${NNBSP}€`);
    expect(formatFigure(0.87919, 'index')).toBe('0,88');
  });
});

describe('formatDate(date)', () => {
  it('formatDate(date) writes the French long date in Paris time', () => {
    expect(formatDate('2026-11-27T10:00:00Z')).toBe('27 novembre 2026');
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('1er janvier 2027');
  });
  it('ordinal(n) writes 1er then 2e', () => {
    expect([1, 2, 25].map(ordinal)).toEqual(['1er', '2e', '25e']);
  });
});

describe('frenchSpacing(text)', () => {
  it('frenchSpacing(text) puts a narrow no-break space before ; : ! ? and inside « »', () => {
    expect(frenchSpacing('Attention : « données » ! Vraiment ? Oui ; non')).toBe(
      `Attention${NNBSP}: «${NNBSP}données${NNBSP}»${NNBSP}! Vraiment${NNBSP}? Oui${NNBSP}; non`,
    );
    expect(frenchSpacing('Note: voir')).toBe(`Note${NNBSP}: voir`);
    expect(frenchSpacing('12 % et 3 €')).toBe(`12${NNBSP}% et 3${NNBSP}€`);
  });
  it('frenchSpacing(text) leaves times, URLs and ratios alone', () => {
    expect(frenchSpacing('à 12:30 sur https://insee.fr au 1:25000')).toBe(
      'à 12:30 sur https://insee.fr au 1:25000',
    );
  });
  it('frenchSpacing(text) is idempotent and never leaves a plain space before a colon', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', ' ', ':', ';', '!', '?', '«', '»', '1', '%', '\u00a0')),
        (chars) => {
          const once = frenchSpacing(chars.join(''));
          expect(frenchSpacing(once)).toBe(once);
          expect(once).not.toMatch(/\S[ \u00a0][;:!?](\s|$)/);
        },
      ),
    );
  });
  it('lowerFirst(label) keeps acronyms', () => {
    expect(lowerFirst('Part des logements vacants')).toBe('part des logements vacants');
    expect(lowerFirst('ESS et secteur marchand')).toBe('ESS et secteur marchand');
  });
});
