import { readCsv, requireColumns } from '../../lib/csv.ts';
import { parseNumberCell } from '../../lib/parseNumberCell.ts';
import { DataError } from '../DataError.ts';
import { readCodes } from '../readComparateur.ts';
import type { EssLayer, EssStem } from './essVariables.ts';

/**
 * Columns of the CRESS file (one row per commune), documented in datasets/README.md and
 * datasets/schemas/ess-cres.schema.json. `code_commune`, `annee` and `etablissements_ess` are
 * required; the others may be absent (then missing).
 */
export const CRES_COLUMNS: Record<string, EssStem | 'code' | 'year'> = {
  code_commune: 'code',
  annee: 'year',
  etablissements_ess: 'ESS_ETAB',
  salaries_ess: 'ESS_SAL',
  etablissements_associations: 'ESS_ETAB_ASSO',
  etablissements_cooperatives: 'ESS_ETAB_COOP',
  etablissements_mutuelles: 'ESS_ETAB_MUT',
  etablissements_fondations: 'ESS_ETAB_FOND',
  creations_ess_5_ans: 'ESS_CREA',
};

/**
 * Reads the ESS file supplied by the CRESS (regional chamber of the social and solidarity
 * economy). Codes are mapped to the reference COG by the caller; here: format, numbers, one
 * year for the whole file, families that do not exceed the total.
 */
export function readCresEss(text: string, file: string, options: { decimalComma?: boolean } = {}): EssLayer {
  const table = readCsv(text, { file });
  const [codeIndex, yearIndex] = requireColumns(table, ['code_commune', 'annee', 'etablissements_ess'], {
    fr: 'Le fichier CRESS doit suivre le format décrit dans datasets/README.md (code_commune;annee;etablissements_ess;...).',
    en: 'The CRESS file must follow the format in datasets/README.md (code_commune;annee;etablissements_ess;...).',
  });
  const codes = readCodes(table, codeIndex);
  const values: EssLayer['values'] = {};
  const columns = table.header
    .map((name, index) => ({ name, index, stem: CRES_COLUMNS[name] }))
    .filter(
      (c): c is { name: string; index: number; stem: EssStem } =>
        c.stem !== undefined && c.stem !== 'code' && c.stem !== 'year',
    );
  for (const c of columns) values[c.stem] = new Map();
  let year: number | undefined;
  table.rows.forEach((row, r) => {
    const where = { file, line: table.lines[r] };
    const rowYear = Number(row[yearIndex]);
    if (!/^\d{4}$/.test(row[yearIndex])) {
      throw new DataError(
        'INVALID_YEAR',
        {
          fr: 'Année invalide (4 chiffres attendus).',
          en: 'Invalid year (4 digits expected).',
          hintFr: 'Indiquez l’année des données, la même pour toutes les lignes.',
          hintEn: 'Give the year of the data, the same on every line.',
        },
        { ...where, column: yearIndex + 1, field: 'annee', value: row[yearIndex] },
      );
    }
    if (year !== undefined && rowYear !== year) {
      throw new DataError(
        'MIXED_YEARS',
        {
          fr: `Plusieurs années dans le fichier (${year} puis ${rowYear}).`,
          en: `Several years in the file (${year} then ${rowYear}).`,
          hintFr: 'Fournissez un fichier par année.',
          hintEn: 'Give one file per year.',
        },
        { ...where, column: yearIndex + 1, field: 'annee', value: row[yearIndex] },
      );
    }
    year = rowYear;
    for (const c of columns) {
      const v = parseNumberCell(row[c.index], { ...where, column: c.index + 1, field: c.name }, options);
      values[c.stem]?.set(codes[r], v);
    }
    const total = values.ESS_ETAB?.get(codes[r]);
    const families = (['ESS_ETAB_ASSO', 'ESS_ETAB_COOP', 'ESS_ETAB_MUT', 'ESS_ETAB_FOND'] as const)
      .map((s) => values[s]?.get(codes[r]))
      .filter((v): v is number => typeof v === 'number');
    const sum = families.reduce((a, b) => a + b, 0);
    if (typeof total === 'number' && sum > total) {
      throw new DataError(
        'INCONSISTENT_TOTAL',
        {
          fr: `La somme des familles (${sum}) dépasse le total des établissements ESS (${total}).`,
          en: `The families add up to ${sum}, more than the ESS establishments total (${total}).`,
          hintFr: 'Corrigez la ligne : le total doit inclure toutes les familles.',
          hintEn: 'Fix the line: the total must include every family.',
        },
        { ...where, field: 'etablissements_ess', value: String(total) },
      );
    }
  });
  return {
    origin: 'ess-cres',
    year: year ?? null,
    note: `Fichier fourni par la CRESS (${file}), année ${year ?? 'inconnue'}.`,
    values,
    estimatedStems: [],
    warnings: [],
  };
}
