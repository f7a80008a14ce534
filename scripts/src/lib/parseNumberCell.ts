import { DataError, type DataErrorLocation } from '../data/DataError.ts';

export interface NumberCellOptions {
  /** Accept `12,5` as 12.5 (files re-saved by a French spreadsheet). Default false: it is an error. */
  decimalComma?: boolean;
  /** Refuse values below zero (counts, areas, medians, rates). Default true. */
  nonNegative?: boolean;
}

/** Markers some INSEE and partner files put for withheld or unavailable values: read as missing. */
const MISSING_MARKERS = new Set(['s', 'S', 'nd', 'ND', 'n.d.', 'NA', 'N/A', 'secret']);

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/**
 * The value of a cell holding a plain non-negative number, the common case, read as
 * `parseNumberCell` reads it but without a location object per cell (France's comparateur has
 * two million cells); undefined for anything else (empty, markers, commas, negative), which
 * `parseNumberCell` reads or refuses with its located error.
 */
export function plainNumber(raw: string): number | undefined {
  if (!NUMBER.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Reads one numeric cell. Empty cells and the withheld/unavailable markers (`s`, `nd`, `NA`...)
 * are missing (`null`), never 0. Anything else that is not a plain number is a located error.
 */
export function parseNumberCell(
  raw: string,
  where: DataErrorLocation,
  options: NumberCellOptions = {},
): number | null {
  if (raw === '' || MISSING_MARKERS.has(raw)) return null;
  let text = raw;
  if (!NUMBER.test(text)) {
    if (DECIMAL_COMMA.test(text)) {
      if (!options.decimalComma) {
        throw new DataError(
          'DECIMAL_COMMA',
          {
            fr: 'Nombre écrit avec une virgule décimale.',
            en: 'Number written with a decimal comma.',
            hintFr:
              'Les fichiers INSEE utilisent le point décimal : réexportez le fichier sans le modifier, ou relancez avec --decimal-comma si la virgule est voulue.',
            hintEn:
              'INSEE files use a decimal point: export the file again unmodified, or run again with --decimal-comma if the comma is intended.',
          },
          { ...where, value: raw },
        );
      }
      text = text.replace(',', '.');
    } else {
      throw new DataError(
        'NOT_A_NUMBER',
        {
          fr: 'Valeur non numérique dans une colonne de nombres.',
          en: 'Non-numeric value in a numeric column.',
          hintFr:
            'Corrigez la cellule : un nombre sans espace ni unité (point décimal), ou une cellule vide si la valeur est inconnue ou soumise au secret statistique.',
          hintEn:
            'Fix the cell: a number without spaces or units (decimal point), or an empty cell when the value is unknown or withheld.',
        },
        { ...where, value: raw },
      );
    }
  }
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw new DataError(
      'NOT_A_NUMBER',
      {
        fr: 'Nombre hors limites.',
        en: 'Number out of range.',
        hintFr: 'Corrigez la cellule.',
        hintEn: 'Fix the cell.',
      },
      { ...where, value: raw },
    );
  }
  if (value < 0 && options.nonNegative !== false) {
    throw new DataError(
      'NEGATIVE_VALUE',
      {
        fr: 'Valeur négative pour un effectif, une surface ou un taux qui ne peut pas l’être.',
        en: 'Negative value for a count, area or rate that cannot be negative.',
        hintFr: 'Corrigez la cellule à la source ; laissez-la vide si la valeur est inconnue.',
        hintEn: 'Fix the cell at the source; leave it empty when the value is unknown.',
      },
      { ...where, value: raw },
    );
  }
  return value;
}
