import { basename } from 'node:path';
import { streamCsvRows } from '../../lib/streamCsvRows.ts';
import { DataError } from '../DataError.ts';
import type { EssLayer, EssStem } from './essVariables.ts';

/**
 * ESS families by INSEE legal category (nomenclature des catégories juridiques, niveau III),
 * following INSEE's statistical perimeter of the social economy: associations (92xx, incl.
 * 9260 associations de droit local of Alsace-Moselle), foundations (9300), mutuals (82xx and
 * the mutual insurance companies 6411-6413), cooperatives (the cooperative SARL/SA/SAS forms,
 * agricultural cooperatives and CUMA, SICA).
 */
const FAMILY_BY_CATEGORY: Record<string, 'ASSO' | 'COOP' | 'MUT' | 'FOND'> = {};
for (const c of ['9210', '9220', '9221', '9222', '9223', '9224', '9230', '9240', '9260'])
  FAMILY_BY_CATEGORY[c] = 'ASSO';
FAMILY_BY_CATEGORY['9300'] = 'FOND';
for (const c of ['8210', '8250', '8290', '6411', '6412', '6413']) FAMILY_BY_CATEGORY[c] = 'MUT';
for (const c of [
  '5432',
  '5443',
  '5451',
  '5453',
  '5454',
  '5455',
  '5458',
  '5459',
  '5460',
  '5532',
  '5543',
  '5547',
  '5551',
  '5552',
  '5553',
  '5554',
  '5555',
  '5558',
  '5559',
  '5560',
  '5632',
  '5643',
  '5647',
  '5651',
  '5652',
  '5653',
  '5654',
  '5655',
  '5658',
  '5659',
  '5660',
  '6316',
  '6317',
  '6318',
  '6532',
])
  FAMILY_BY_CATEGORY[c] = 'COOP';

/** Midpoints of SIRENE's salaried-size classes (trancheEffectifs); NN/00/empty = no employee known. */
const SIZE_MIDPOINT: Record<string, number> = {
  '01': 1.5,
  '02': 4,
  '03': 7.5,
  '11': 14.5,
  '12': 34.5,
  '21': 74.5,
  '22': 149.5,
  '31': 224.5,
  '32': 374.5,
  '41': 749.5,
  '42': 1499.5,
  '51': 3499.5,
  '52': 7499.5,
  '53': 10000,
};

const FAMILY_STEM = {
  ASSO: 'ESS_ETAB_ASSO',
  COOP: 'ESS_ETAB_COOP',
  MUT: 'ESS_ETAB_MUT',
  FOND: 'ESS_ETAB_FOND',
} as const;

export interface SireneOptions {
  establishments: string;
  legalUnits: string;
  /** Maps a SIRENE commune code to a reference commune, or undefined when out of scope. */
  toReference: (code: string) => string | undefined;
  /** Reference communes in scope (all get a value: 0 when no ESS establishment is found). */
  scope: string[];
}

function requireHeader(header: string[], required: string[], file: string): void {
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new DataError(
      'MISSING_COLUMNS',
      {
        fr: `Colonne(s) SIRENE absente(s) : ${missing.join(', ')}.`,
        en: `SIRENE column(s) missing: ${missing.join(', ')}.`,
        hintFr:
          'Donnez les fichiers stock SIRENE de l’INSEE avec leurs noms de colonnes officiels (StockUniteLegale, StockEtablissement).',
        hintEn:
          "Give INSEE's SIRENE stock files with their official column names (StockUniteLegale, StockEtablissement).",
      },
      { file, line: 1, field: missing.join(', ') },
    );
  }
}

/**
 * Counts, per commune, the active establishments whose legal unit belongs to the ESS: the
 * `economieSocialeSolidaireUniteLegale` flag is 'O', or it is empty and the legal category is
 * in INSEE's ESS list ('N' excludes). Employees are estimated from the size classes' midpoints
 * (flagged as estimates). Creations: establishments created in the 5 years before the latest
 * creation date of the extract.
 */
export async function readSireneEss(options: SireneOptions): Promise<EssLayer> {
  const ulFile = basename(options.legalUnits);
  const essUnits = new Map<string, 'ASSO' | 'COOP' | 'MUT' | 'FOND' | 'AUTRE'>();
  await streamCsvRows(
    options.legalUnits,
    ulFile,
    (header) =>
      requireHeader(
        header,
        ['siren', 'categorieJuridiqueUniteLegale', 'economieSocialeSolidaireUniteLegale'],
        ulFile,
      ),
    (row) => {
      const flag = row.economieSocialeSolidaireUniteLegale;
      const family = FAMILY_BY_CATEGORY[row.categorieJuridiqueUniteLegale];
      if (flag === 'O') essUnits.set(row.siren, family ?? 'AUTRE');
      else if ((flag === '' || flag === undefined) && family) essUnits.set(row.siren, family);
    },
  );
  const etFile = basename(options.establishments);
  const counts = new Map<
    string,
    { etab: number; sal: number; fam: Record<string, number>; created: string[] }
  >();
  for (const code of options.scope)
    counts.set(code, { etab: 0, sal: 0, fam: { ASSO: 0, COOP: 0, MUT: 0, FOND: 0 }, created: [] });
  let latest = '';
  const unplaced = new Map<string, number>();
  await streamCsvRows(
    options.establishments,
    etFile,
    (header) =>
      requireHeader(
        header,
        [
          'siren',
          'codeCommuneEtablissement',
          'etatAdministratifEtablissement',
          'trancheEffectifsEtablissement',
          'dateCreationEtablissement',
        ],
        etFile,
      ),
    (row) => {
      if (row.dateCreationEtablissement > latest) latest = row.dateCreationEtablissement;
      if (row.etatAdministratifEtablissement !== 'A') return;
      const family = essUnits.get(row.siren);
      if (!family) return;
      const code = row.codeCommuneEtablissement;
      const reference = options.toReference(code);
      if (reference === undefined) {
        unplaced.set(code, (unplaced.get(code) ?? 0) + 1);
        return;
      }
      const c = counts.get(reference);
      if (!c) return;
      c.etab++;
      c.sal += SIZE_MIDPOINT[row.trancheEffectifsEtablissement] ?? 0;
      if (family !== 'AUTRE') c.fam[family]++;
      if (row.dateCreationEtablissement) c.created.push(row.dateCreationEtablissement);
    },
  );
  const year = latest ? Number(latest.slice(0, 4)) : null;
  const since = latest ? `${Number(latest.slice(0, 4)) - 5}${latest.slice(4)}` : '';
  const values: Partial<Record<EssStem, Map<string, number | null>>> = {
    ESS_ETAB: new Map(),
    ESS_SAL: new Map(),
    ESS_ETAB_ASSO: new Map(),
    ESS_ETAB_COOP: new Map(),
    ESS_ETAB_MUT: new Map(),
    ESS_ETAB_FOND: new Map(),
    ESS_CREA: new Map(),
  };
  for (const [code, c] of counts) {
    values.ESS_ETAB?.set(code, c.etab);
    values.ESS_SAL?.set(code, Math.round(c.sal));
    for (const f of ['ASSO', 'COOP', 'MUT', 'FOND'] as const) values[FAMILY_STEM[f]]?.set(code, c.fam[f]);
    values.ESS_CREA?.set(code, c.created.filter((d) => d > since).length);
  }
  const warnings: EssLayer['warnings'] = [
    {
      code: 'SIRENE_ESS_LIMITS',
      message:
        'ESS d’après SIRENE : seuls les établissements immatriculés au répertoire SIRENE sont comptés ; les associations de droit local non employeuses du Bas-Rhin, du Haut-Rhin et de la Moselle (registre des tribunaux) peuvent manquer. Salariés estimés par le milieu des tranches d’effectifs.',
    },
  ];
  return {
    origin: 'ess-sirene',
    year,
    note: `Extrait SIRENE (${etFile}, ${ulFile}), établissements actifs d’unités légales de l’ESS, date de référence ${latest || 'inconnue'}.`,
    values,
    estimatedStems: ['ESS_SAL'],
    warnings,
  };
}
