import Papa from 'papaparse';
import { DataError } from '../data/DataError.ts';

export type Separator = ';' | ',' | '\t';

export interface CsvTable {
  /** File label used in messages. */
  file: string;
  /** 'xlsx' for a table read from a workbook sheet. */
  separator: Separator | 'xlsx';
  header: string[];
  /** 1-based line of the header. */
  headerLine: number;
  rows: string[][];
  /** 1-based line of each row (a quoted field may span lines: this is where the row starts). */
  lines: number[];
}

export interface ReadCsvOptions {
  /** File label used in messages. */
  file: string;
  /** Separators accepted, in order of preference. Default `;`, `,`, tab. */
  separators?: Separator[];
  /**
   * Recognises the header row when title lines precede it (INSEE tables have 4 to 5).
   * Default: the first non-empty line.
   */
  isHeader?: (cells: string[]) => boolean;
  /** How many lines to search for the header. Default 12. */
  headerSearchLines?: number;
}

const SEPARATOR_NAMES: Record<string, string> = { ';': 'point-virgule', ',': 'virgule', '\t': 'tabulation' };

/**
 * Reads a delimited text file with papaparse: finds the header (after title lines if any),
 * detects the separator from it, keeps every cell as a trimmed string and records each row's
 * line number so that later checks can say where a bad value is. Rows whose number of fields
 * differs from the header's are located errors (usually a wrong separator or a cut line).
 */
export function readCsv(text: string, options: ReadCsvOptions): CsvTable {
  const { file, separators = [';', ',', '\t'], isHeader, headerSearchLines = 12 } = options;
  const firstLines = text.split(/\r?\n/, headerSearchLines);
  let headerIndex = -1;
  let separator: Separator | undefined;
  for (let i = 0; i < firstLines.length && headerIndex < 0; i++) {
    const line = firstLines[i];
    if (line.trim() === '') continue;
    const sep = bestSeparator(line, separators);
    if (!sep) {
      if (!isHeader) break;
      continue;
    }
    const cells = splitSimple(line, sep);
    if (!isHeader || isHeader(cells)) {
      headerIndex = i;
      separator = sep;
    }
  }
  if (headerIndex < 0 || !separator) {
    const first = firstLines.find((l) => l.trim() !== '') ?? '';
    throw new DataError(
      isHeader && first !== '' && bestSeparator(first, separators) ? 'HEADER_NOT_FOUND' : 'WRONG_SEPARATOR',
      {
        fr: isHeader
          ? `En-tête introuvable dans les ${headerSearchLines} premières lignes, ou séparateur non reconnu (attendu : ${separators.map((s) => SEPARATOR_NAMES[s]).join(', ')}).`
          : `Séparateur de colonnes non reconnu (attendu : ${separators.map((s) => SEPARATOR_NAMES[s]).join(', ')}).`,
        en: isHeader
          ? `Header not found in the first ${headerSearchLines} lines, or unknown separator (expected: ${separators.map((s) => JSON.stringify(s)).join(', ')}).`
          : `Unknown column separator (expected: ${separators.map((s) => JSON.stringify(s)).join(', ')}).`,
        hintFr:
          'Exportez le fichier en CSV séparé par des points-virgules (format INSEE), avec la ligne d’en-tête des codes de variables (CODGEO, ...).',
        hintEn:
          'Export the file as semicolon-separated CSV (INSEE format), with the header row of variable codes (CODGEO, ...).',
      },
      { file, line: 1, value: first.slice(0, 80) },
    );
  }
  // Offset of the header line in the text.
  let offset = 0;
  for (let i = 0; i < headerIndex; i++) offset = text.indexOf('\n', offset) + 1;
  const body = text.slice(offset);

  const rows: string[][] = [];
  const lines: number[] = [];
  let header: string[] | undefined;
  let line = headerIndex + 1;
  let scanned = 0;
  Papa.parse<string[]>(body, {
    delimiter: separator,
    skipEmptyLines: false,
    step: (result) => {
      const cursor = result.meta.cursor;
      const row = result.data;
      // The row started at `scanned`; count the line breaks that separate it from the previous one.
      const rowLine = line;
      for (let i = scanned; i < cursor; i++) if (body.charCodeAt(i) === 10) line++;
      scanned = cursor;
      if (row.length === 1 && row[0].trim() === '') return;
      if (!header) {
        header = row.map((cell) => cell.trim().replace(/^\uFEFF/, ''));
        return;
      }
      rows.push(row.map((cell) => cell.trim()));
      lines.push(rowLine);
    },
  });
  if (!header) throw new Error('unreachable: header row vanished');
  const width = header.length;
  for (let r = 0; r < rows.length; r++) {
    if (rows[r].length !== width) {
      throw new DataError(
        'FIELD_COUNT',
        {
          fr: `La ligne a ${rows[r].length} champ(s) alors que l’en-tête en a ${width} (séparateur « ${SEPARATOR_NAMES[separator as string]} »).`,
          en: `The line has ${rows[r].length} field(s) while the header has ${width} (separator ${JSON.stringify(separator)}).`,
          hintFr:
            'Vérifiez que toutes les lignes utilisent le même séparateur et qu’aucune ligne n’a été coupée ; un séparateur présent dans une valeur doit être entre guillemets.',
          hintEn:
            'Check every line uses the same separator and none was cut; a separator inside a value must be quoted.',
        },
        { file, line: lines[r], value: rows[r].join(separator).slice(0, 80) },
      );
    }
  }
  return { file, separator, header, headerLine: headerIndex + 1, rows, lines };
}

function bestSeparator(line: string, separators: Separator[]): Separator | undefined {
  let best: Separator | undefined;
  let bestCount = 0;
  for (const sep of separators) {
    const count = line.split(sep).length - 1;
    if (count > bestCount) {
      best = sep;
      bestCount = count;
    }
  }
  return best;
}

function splitSimple(line: string, sep: Separator): string[] {
  return line.split(sep).map((c) =>
    c
      .trim()
      .replace(/^"|"$/g, '')
      .replace(/^\uFEFF/, ''),
  );
}

/** Index of each required column; a located error listing the missing ones and the columns found. */
export function requireColumns(
  table: CsvTable,
  required: string[],
  hint: { fr: string; en: string },
): number[] {
  const missing = required.filter((name) => !table.header.includes(name));
  if (missing.length > 0) {
    throw new DataError(
      'MISSING_COLUMNS',
      {
        fr: `Colonne(s) obligatoire(s) absente(s) : ${missing.join(', ')}. Colonnes trouvées : ${table.header.slice(0, 20).join(', ')}${table.header.length > 20 ? ', ...' : ''}.`,
        en: `Required column(s) missing: ${missing.join(', ')}. Columns found: ${table.header.slice(0, 20).join(', ')}${table.header.length > 20 ? ', ...' : ''}.`,
        hintFr: hint.fr,
        hintEn: hint.en,
      },
      { file: table.file, line: table.headerLine, field: missing.join(', ') },
    );
  }
  return required.map((name) => table.header.indexOf(name));
}
