import { basename } from 'node:path';
import type { InputRecord } from '@ptce/engine';
import { decodeText } from '../lib/decodeText.ts';
import { type InputBytes, inputLabel, readInput } from '../lib/readInput.ts';
import { DataError } from './DataError.ts';
import { type Appartenance, readAppartenance } from './readAppartenance.ts';
import { type ComparateurTable, readComparateur } from './readComparateur.ts';
import { readVariableDictionary, type VariableLabel } from './readVariableDictionary.ts';
import { download, type ResolvedSource, SourceFinder, sourceRoots } from './sources.ts';

export interface ExplicitFiles {
  comparateur?: string;
  meta?: string;
  appartenance?: string;
  zones?: string;
  cres?: string;
  sireneEtablissements?: string;
  sireneUnitesLegales?: string;
}

export interface LoadOptions {
  source?: string;
  files?: ExplicitFiles;
  decimalComma?: boolean;
  /** Try the official addresses when a file is not found locally (default true). */
  download?: boolean;
  /** Look in ../shared/datasets/raw after --source and $PTCE_RAW_DIR (default true; tests turn it off). */
  useShared?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface LoadedTables {
  comparateur: ComparateurTable;
  labels: Map<string, VariableLabel>;
  /** Commune names by code from the dictionary's CODGEO modalities (COG of the statistics). */
  statisticsNames: Map<string, string>;
  appartenance: Appartenance;
  inputs: InputRecord[];
  warnings: { code: string; message: string }[];
  finder: SourceFinder;
  /** COG year read from the table's file name (`-22` -> 2022). */
  zoningsCog: number;
  statisticsEdition: number;
}

export const PATTERNS = {
  comparateur: [/^base_cc_comparateur.*\.csv$/i, /^base_cc_comparateur.*\.zip$/i],
  meta: [/^meta_base_cc_comparateur.*\.csv$/i],
  appartenance: [
    /^table-appartenance-geo-communes-\d{2}\.csv$/i,
    /^table-appartenance-geo-communes-\d{2}\.xlsx$/i,
    /^table-appartenance-geo-communes-\d{2}\.zip$/i,
  ],
  zones: [/^table-appartenance-geo-zones-supra-\d{2}\.csv$/i],
  departements: [/^departements(-\d+m)?\.geojson$/i, /^departements(-\d+m)?\.geojson\.gz$/i],
  nationalPolygons: [/^communes(-\d+m)?\.geojson$/i, /^communes(-\d+m)?\.geojson\.gz$/i],
  cres: [/^ess-cres.*\.csv$/i],
  sireneEtablissements: [/^StockEtablissement.*\.(csv|zip|gz)$/i],
  sireneUnitesLegales: [/^StockUniteLegale.*\.(csv|zip|gz)$/i],
} as const;

export function polygonPatterns(kind: 'communes' | 'cantons', dep: string): RegExp[] {
  return [
    new RegExp(`^${kind}-${dep}-.*\\.geojson$`, 'i'),
    new RegExp(`^${kind}-${dep}-.*\\.geojson\\.gz$`, 'i'),
  ];
}

export function inputRecord(
  role: string,
  input: Omit<InputBytes, 'bytes'>,
  source: ResolvedSource,
  rows: number,
  format: string,
  edition?: string,
): InputRecord {
  return {
    role,
    path: input.entry ? `${input.path}!${input.entry}` : input.path,
    origin: source.origin,
    ...(source.url ? { url: source.url } : {}),
    sha256: input.sha256,
    bytes: input.size,
    rows,
    format,
    ...(edition ? { edition } : {}),
  };
}

function explicit(path: string | undefined): ResolvedSource | undefined {
  return path ? { path, origin: 'source-option' } : undefined;
}

function missing(what: string, finder: SourceFinder, patterns: readonly RegExp[]): DataError {
  return new DataError('SOURCE_MISSING', {
    fr: `Fichier source introuvable : ${what}.`,
    en: `Source file not found: ${what}.`,
    hintFr: `Cherché dans : ${finder.describe()} (noms attendus : ${patterns.map((p) => p.source).join(' | ')}). Donnez un dossier avec --source, ou le fichier lui-même.`,
    hintEn: `Looked in: ${finder.describe()} (expected names: ${patterns.map((p) => p.source).join(' | ')}). Name a folder with --source, or the file itself.`,
  });
}

/** Resolves a role locally, then by download when allowed. */
export async function resolveRole(
  finder: SourceFinder,
  role: string,
  patterns: readonly RegExp[],
  options: LoadOptions,
  explicitPath?: string,
): Promise<ResolvedSource> {
  const found = explicit(explicitPath) ?? finder.find([...patterns]);
  if (found) return found;
  if (options.download !== false) {
    try {
      return await download(role, options.env);
    } catch (error) {
      if (error instanceof DataError) throw error;
    }
  }
  throw missing(role, finder, patterns);
}

/** Where the build looks for raw files (see `sourceRoots`); throws when a named folder is missing. */
export function sourceFinder(options: LoadOptions): SourceFinder {
  return new SourceFinder(sourceRoots(options.source, options.env, options.useShared !== false));
}

/** Reads the INSEE tables: the comparateur (+ dictionary) and the table d'appartenance. */
export async function loadTables(
  options: LoadOptions,
  finder: SourceFinder = sourceFinder(options),
): Promise<LoadedTables> {
  const inputs: InputRecord[] = [];
  const warnings: LoadedTables['warnings'] = [];

  const compSource = await resolveRole(
    finder,
    'comparateur',
    PATTERNS.comparateur,
    options,
    options.files?.comparateur,
  );
  const compInput = readInput(compSource.path, (names) =>
    names.find((n) => /^base_cc_comparateur.*\.csv$/i.test(basename(n))),
  );
  const compLabel = inputLabel(compInput);

  // The dictionary: beside the CSV, or inside the official zip.
  let labels = new Map<string, VariableLabel>();
  let statisticsNames = new Map<string, string>();
  const metaSource = explicit(options.files?.meta) ?? finder.find([...PATTERNS.meta]);
  let metaInput: InputBytes | undefined;
  if (metaSource) metaInput = readInput(metaSource.path);
  else if (compInput.compression === 'zip') {
    try {
      metaInput = readInput(compSource.path, (names) =>
        names.find((n) => /^meta_.*\.csv$/i.test(basename(n))),
      );
    } catch {
      metaInput = undefined;
    }
  }
  if (metaInput) {
    const dictionary = readVariableDictionary(
      decodeText(metaInput.bytes, inputLabel(metaInput)).text,
      inputLabel(metaInput),
    );
    labels = dictionary.labels;
    statisticsNames = dictionary.modalities.get('CODGEO') ?? new Map();
    inputs.push(inputRecord('comparateur-meta', metaInput, metaSource ?? compSource, labels.size, 'csv'));
  } else {
    warnings.push({
      code: 'NO_DICTIONARY',
      message:
        'Dictionnaire des variables (meta_base_cc_comparateur.csv) absent : libellés = codes, et les périodes (naissances, décès) sont reconnues par leur nom seulement.',
    });
  }

  const compText = decodeText(compInput.bytes, compLabel);
  const comparateur = readComparateur(compText.text, compLabel, labels, {
    decimalComma: options.decimalComma,
  });
  const years = comparateur.variables.map((v) => v.year ?? 0);
  const statisticsEdition = Math.max(...years) + 1;
  inputs.push(
    inputRecord(
      'comparateur',
      compInput,
      compSource,
      comparateur.codes.length,
      `csv (${compText.encoding}, séparateur ${JSON.stringify(comparateur.separator)})`,
      `édition ${statisticsEdition}`,
    ),
  );

  const appSource = await resolveRole(
    finder,
    'appartenance',
    PATTERNS.appartenance,
    options,
    options.files?.appartenance,
  );
  const appInput = readInput(appSource.path, (names) =>
    names.find((n) => /table-appartenance-geo-communes-\d{2}\.xlsx$/i.test(basename(n))),
  );
  const isCsv = !(appInput.bytes[0] === 0x50 && appInput.bytes[1] === 0x4b);
  const zonesSource = isCsv
    ? (explicit(options.files?.zones) ?? finder.find([...PATTERNS.zones]))
    : explicit(options.files?.zones);
  const zonesInput = zonesSource ? readInput(zonesSource.path) : undefined;
  const appartenance = await readAppartenance(appInput, zonesInput, {
    communes: inputLabel(appInput),
    zones: zonesInput ? inputLabel(zonesInput) : undefined,
  });
  const cogMatch = /-(\d{2})\.(csv|xlsx|zip)$/i.exec(basename(appInput.entry ?? appSource.path));
  const zoningsCog = cogMatch ? 2000 + Number(cogMatch[1]) : new Date().getFullYear();
  inputs.push(
    inputRecord(
      'appartenance',
      appInput,
      appSource,
      appartenance.rows.length,
      isCsv ? 'csv' : 'xlsx',
      `COG ${zoningsCog}`,
    ),
  );
  if (zonesInput && zonesSource)
    inputs.push(
      inputRecord(
        'appartenance-zones',
        zonesInput,
        zonesSource,
        appartenance.zones.size,
        'csv',
        `COG ${zoningsCog}`,
      ),
    );
  return {
    comparateur,
    labels,
    statisticsNames,
    appartenance,
    inputs,
    warnings,
    finder,
    zoningsCog,
    statisticsEdition,
  };
}
