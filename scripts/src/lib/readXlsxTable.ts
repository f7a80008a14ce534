import { readSheet } from 'read-excel-file/node';
import { DataError } from '../data/DataError.ts';
import type { CsvTable } from './csv.ts';

/**
 * Reads one sheet of an .xlsx workbook as a table of trimmed strings, with the header found by
 * `isHeader` (INSEE puts 4 title lines and a row of long labels before the row of codes). Line
 * numbers are the sheet's row numbers, as a spreadsheet user sees them.
 */
export async function readXlsxTable(
  bytes: Uint8Array,
  file: string,
  sheet: string,
  isHeader: (cells: string[]) => boolean,
): Promise<CsvTable> {
  let data: unknown[][];
  try {
    data = (await readSheet(Buffer.from(bytes), sheet)) as unknown[][];
  } catch (error) {
    const missingSheet =
      /sheet/i.test((error as Error).message) && /not found/i.test((error as Error).message);
    throw new DataError(
      missingSheet ? 'XLSX_SHEET_MISSING' : 'XLSX_UNREADABLE',
      {
        fr: missingSheet
          ? `Feuille « ${sheet} » absente du classeur.`
          : `Classeur .xlsx illisible : ${(error as Error).message}.`,
        en: missingSheet
          ? `Sheet "${sheet}" missing from the workbook.`
          : `Unreadable .xlsx workbook: ${(error as Error).message}.`,
        hintFr:
          'Donnez la table d’appartenance géographique telle que publiée par l’INSEE (feuilles COM et Zones_supra_communales), ou ses feuilles en CSV.',
        hintEn:
          "Give the table d'appartenance géographique as INSEE publishes it (sheets COM and Zones_supra_communales), or its sheets as CSV.",
      },
      { file, field: sheet },
    );
  }
  const text = (cell: unknown): string => (cell === null || cell === undefined ? '' : String(cell).trim());
  const headerIndex = data.findIndex((row, i) => i < 12 && isHeader(row.map(text)));
  if (headerIndex < 0) {
    throw new DataError(
      'HEADER_NOT_FOUND',
      {
        fr: `En-tête introuvable dans les 12 premières lignes de la feuille « ${sheet} ».`,
        en: `Header not found in the first 12 rows of sheet "${sheet}".`,
        hintFr:
          'La feuille doit contenir la ligne des codes de variables (CODGEO, ...), comme dans le fichier publié.',
        hintEn: 'The sheet must hold the row of variable codes (CODGEO, ...), as in the published file.',
      },
      { file, field: sheet },
    );
  }
  const header = data[headerIndex].map(text);
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = headerIndex + 1; i < data.length; i++) {
    const row = data[i].map(text);
    if (row.every((c) => c === '')) continue;
    while (row.length < header.length) row.push('');
    rows.push(row.slice(0, header.length));
    lines.push(i + 1);
  }
  return { file: `${file}[${sheet}]`, separator: 'xlsx', header, headerLine: headerIndex + 1, rows, lines };
}
