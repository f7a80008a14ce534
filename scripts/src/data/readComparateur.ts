import { type CsvTable, readCsv, requireColumns } from '../lib/csv.ts';
import { parseNumberCell, plainNumber } from '../lib/parseNumberCell.ts';
import { type CanonicalName, canonicalVariable } from './canonicalVariable.ts';
import { DataError } from './DataError.ts';
import type { VariableLabel } from './readVariableDictionary.ts';

export interface ComparateurTable {
  file: string;
  separator: string;
  /** One per numeric column, in file order. */
  variables: CanonicalName[];
  codes: string[];
  lines: number[];
  /** variable id -> values per row, NaN when missing. */
  values: Map<string, Float64Array>;
}

/** A COG commune or municipal arrondissement code: 5 characters, Corsica as 2A/2B. */
export const COMMUNE_CODE = /^(\d{2}|2[AB])\d{3}$/;

/**
 * Reads INSEE's *Comparateur de territoires* (`base_cc_comparateur.csv`): one row per commune,
 * `CODGEO` then numeric variables whose names carry the edition (P18_POP, MED19 ...), renamed to
 * canonical ids by {@link canonicalVariable}. Empty cells stay missing (NaN); codes must be
 * well-formed and unique; every other cell must be a non-negative number.
 */
export function readComparateur(
  text: string,
  file: string,
  labels: Map<string, VariableLabel>,
  options: { decimalComma?: boolean } = {},
): ComparateurTable {
  const table = readCsv(text, { file, separators: [';', ',', '\t'] });
  const [codeIndex] = requireColumns(table, ['CODGEO'], {
    fr: 'Donnez le fichier « base_cc_comparateur » de l’INSEE tel que publié (première colonne CODGEO).',
    en: 'Give INSEE\'s "base_cc_comparateur" file as published (first column CODGEO).',
  });
  const numericColumns = table.header
    .map((_, i) => i)
    .filter((i) => i !== codeIndex && table.header[i] !== 'LIBGEO');
  if (numericColumns.length === 0) {
    throw new DataError(
      'MISSING_COLUMNS',
      {
        fr: 'Le fichier ne contient aucune variable après CODGEO.',
        en: 'The file holds no variable after CODGEO.',
        hintFr: 'Vérifiez le séparateur et que le fichier est bien le comparateur de territoires.',
        hintEn: 'Check the separator and that the file is the comparateur de territoires.',
      },
      { file, line: table.headerLine },
    );
  }
  const variables = numericColumns.map((i) =>
    canonicalVariable(table.header[i], labels.get(table.header[i])?.label),
  );
  checkUniqueIds(table, variables, numericColumns);
  const codes = readCodes(table, codeIndex);
  const values = new Map<string, Float64Array>();
  numericColumns.forEach((col, k) => {
    const column = new Float64Array(table.rows.length);
    const field = table.header[col];
    for (let r = 0; r < table.rows.length; r++) {
      const cell = table.rows[r][col];
      const plain = plainNumber(cell);
      if (plain !== undefined) {
        column[r] = plain;
        continue;
      }
      const v = parseNumberCell(
        cell,
        { file, line: table.lines[r], column: col + 1, field },
        { decimalComma: options.decimalComma },
      );
      column[r] = v === null ? Number.NaN : v;
    }
    values.set(variables[k].id, column);
  });
  return { file, separator: table.separator, variables, codes, lines: table.lines, values };
}

function checkUniqueIds(table: CsvTable, variables: CanonicalName[], columns: number[]): void {
  const seen = new Map<string, number>();
  variables.forEach((v, k) => {
    const previous = seen.get(v.id);
    if (previous !== undefined) {
      throw new DataError(
        'DUPLICATE_COLUMN',
        {
          fr: `Les colonnes ${table.header[previous]} et ${table.header[columns[k]]} désignent la même variable (${v.id}).`,
          en: `Columns ${table.header[previous]} and ${table.header[columns[k]]} name the same variable (${v.id}).`,
          hintFr: 'Supprimez la colonne en double.',
          hintEn: 'Remove the duplicate column.',
        },
        { file: table.file, line: table.headerLine, column: columns[k] + 1, field: table.header[columns[k]] },
      );
    }
    seen.set(v.id, columns[k]);
  });
}

/** Commune codes of a table: well-formed (leading zeros kept) and unique. */
export function readCodes(table: CsvTable, codeIndex: number): string[] {
  const field = table.header[codeIndex];
  const firstLine = new Map<string, number>();
  return table.rows.map((row, r) => {
    const code = row[codeIndex];
    const where = { file: table.file, line: table.lines[r], column: codeIndex + 1, field, value: code };
    if (!COMMUNE_CODE.test(code)) {
      throw new DataError(
        'INVALID_CODE',
        {
          fr: 'Code commune invalide : il faut 5 caractères (département sur 2 caractères, 2A/2B pour la Corse, puis 3 chiffres).',
          en: 'Invalid commune code: 5 characters are needed (2-character département, 2A/2B for Corsica, then 3 digits).',
          hintFr: /^\d{4}$/.test(code)
            ? 'Le zéro initial a été perdu (fichier ouvert dans un tableur ?) : rétablissez-le (ex. 1001 → 01001) ou reprenez le fichier d’origine.'
            : 'Corrigez le code ou supprimez la ligne.',
          hintEn: /^\d{4}$/.test(code)
            ? 'The leading zero was lost (opened in a spreadsheet?): restore it (e.g. 1001 → 01001) or take the original file.'
            : 'Fix the code or remove the line.',
        },
        where,
      );
    }
    const previous = firstLine.get(code);
    if (previous !== undefined) {
      throw new DataError(
        'DUPLICATE_CODE',
        {
          fr: `Code commune en double (déjà présent ligne ${previous}).`,
          en: `Duplicate commune code (already on line ${previous}).`,
          hintFr: 'Gardez une seule ligne par commune.',
          hintEn: 'Keep one line per commune.',
        },
        where,
      );
    }
    firstLine.set(code, table.lines[r]);
    return code;
  });
}
