import { readCsv, requireColumns } from '../lib/csv.ts';

export interface VariableLabel {
  label: string;
  labelLong: string;
}

/**
 * Reads INSEE's variable dictionary (`meta_base_cc_comparateur.csv`: COD_VAR;LIB_VAR;LIB_VAR_LONG;
 * COD_MOD;LIB_MOD;...). Rows with a modality (COD_MOD) describe the values of a categorical
 * variable (here: each commune's name for CODGEO); they are kept as `modalities`.
 */
export function readVariableDictionary(
  text: string,
  file: string,
): { labels: Map<string, VariableLabel>; modalities: Map<string, Map<string, string>> } {
  const table = readCsv(text, { file, separators: [';', ',', '\t'] });
  const [codVar, libVar] = requireColumns(table, ['COD_VAR', 'LIB_VAR'], {
    fr: 'Donnez le dictionnaire des variables publié par l’INSEE avec le fichier (meta_base_cc_comparateur.csv).',
    en: 'Give the variable dictionary INSEE publishes with the file (meta_base_cc_comparateur.csv).',
  });
  const libLong = table.header.indexOf('LIB_VAR_LONG');
  const codMod = table.header.indexOf('COD_MOD');
  const libMod = table.header.indexOf('LIB_MOD');
  const labels = new Map<string, VariableLabel>();
  const modalities = new Map<string, Map<string, string>>();
  for (const row of table.rows) {
    const name = row[codVar];
    if (codMod >= 0 && row[codMod] !== '') {
      let values = modalities.get(name);
      if (!values) modalities.set(name, (values = new Map()));
      values.set(row[codMod], libMod >= 0 ? row[libMod] : '');
      continue;
    }
    labels.set(name, {
      label: row[libVar],
      labelLong: libLong >= 0 && row[libLong] ? row[libLong] : row[libVar],
    });
  }
  return { labels, modalities };
}
