import { type CsvTable, readCsv, requireColumns } from '../lib/csv.ts';
import { decodeText } from '../lib/decodeText.ts';
import type { InputBytes } from '../lib/readInput.ts';
import { readXlsxTable } from '../lib/readXlsxTable.ts';
import { DataError } from './DataError.ts';
import { readCodes } from './readComparateur.ts';

/** Columns of sheet COM the build needs. */
export const APPARTENANCE_COLUMNS = [
  'CODGEO',
  'LIBGEO',
  'DEP',
  'REG',
  'EPCI',
  'NATURE_EPCI',
  'ARR',
  'CV',
  'ZE2020',
  'UU2020',
  'AAV2020',
  'BV2012',
] as const;

export type AppartenanceColumn = (typeof APPARTENANCE_COLUMNS)[number];

export interface AppartenanceRow {
  code: string;
  name: string;
  line: number;
  /** Column -> code (EPCI, ARR, CV ...). */
  values: Record<AppartenanceColumn, string>;
}

export interface ZoneName {
  level: string;
  code: string;
  name: string;
  communes: number | null;
}

export interface Appartenance {
  file: string;
  rows: AppartenanceRow[];
  byCode: Map<string, AppartenanceRow>;
  /** `${NIVGEO}:${CODGEO}` -> name and number of communes. */
  zones: Map<string, ZoneName>;
  zonesFile: string;
}

const hasCodgeo = (cells: string[]) => cells.includes('CODGEO');

/**
 * Reads INSEE's *table d'appartenance géographique des communes*: the .xlsx as published
 * (sheets COM and Zones_supra_communales, header after title lines), or its sheets as CSV.
 */
export async function readAppartenance(
  communes: InputBytes,
  zones: InputBytes | undefined,
  labels: { communes: string; zones?: string },
): Promise<Appartenance> {
  const isXlsx = (input: InputBytes) => input.bytes[0] === 0x50 && input.bytes[1] === 0x4b;
  const comTable = isXlsx(communes)
    ? await readXlsxTable(communes.bytes, labels.communes, 'COM', hasCodgeo)
    : readCsv(decodeText(communes.bytes, labels.communes).text, {
        file: labels.communes,
        isHeader: hasCodgeo,
      });
  let zonesTable: CsvTable;
  if (zones) {
    const zonesLabel = labels.zones ?? 'zones';
    zonesTable = isXlsx(zones)
      ? await readXlsxTable(zones.bytes, zonesLabel, 'Zones_supra_communales', hasCodgeo)
      : readCsv(decodeText(zones.bytes, zonesLabel).text, { file: zonesLabel, isHeader: hasCodgeo });
  } else if (isXlsx(communes)) {
    zonesTable = await readXlsxTable(communes.bytes, labels.communes, 'Zones_supra_communales', hasCodgeo);
  } else {
    throw new DataError(
      'SOURCE_MISSING',
      {
        fr: 'La feuille des zones supra-communales (noms des EPCI, bassins de vie, zones d’emploi...) est introuvable.',
        en: "The supra-communal zones sheet (names of EPCI, bassins de vie, zones d'emploi...) was not found.",
        hintFr:
          'Placez table-appartenance-geo-zones-supra-AA.csv à côté de la table des communes, ou donnez le classeur .xlsx publié.',
        hintEn:
          'Put table-appartenance-geo-zones-supra-YY.csv beside the communes table, or give the published .xlsx workbook.',
      },
      { file: labels.communes },
    );
  }

  const indices = requireColumns(comTable, [...APPARTENANCE_COLUMNS], {
    fr: 'Donnez la table d’appartenance géographique des communes de l’INSEE (feuille COM).',
    en: "Give INSEE's table d'appartenance géographique des communes (sheet COM).",
  });
  const codes = readCodes(comTable, indices[0]);
  const rows: AppartenanceRow[] = comTable.rows.map((row, r) => {
    const values = {} as Record<AppartenanceColumn, string>;
    APPARTENANCE_COLUMNS.forEach((column, k) => {
      values[column] = row[indices[k]];
    });
    return { code: codes[r], name: values.LIBGEO, line: comTable.lines[r], values };
  });

  const [nivgeo, codgeo, libgeo] = requireColumns(zonesTable, ['NIVGEO', 'CODGEO', 'LIBGEO'], {
    fr: 'Donnez la feuille Zones_supra_communales de la table d’appartenance (NIVGEO;CODGEO;LIBGEO;NB_COM).',
    en: 'Give the Zones_supra_communales sheet of the table (NIVGEO;CODGEO;LIBGEO;NB_COM).',
  });
  const nbCom = zonesTable.header.indexOf('NB_COM');
  const zoneMap = new Map<string, ZoneName>();
  zonesTable.rows.forEach((row) => {
    const count = nbCom >= 0 && row[nbCom] !== '' ? Number(row[nbCom]) : null;
    zoneMap.set(`${row[nivgeo]}:${row[codgeo]}`, {
      level: row[nivgeo],
      code: row[codgeo],
      name: row[libgeo],
      communes: count !== null && Number.isFinite(count) ? count : null,
    });
  });
  return {
    file: comTable.file,
    rows,
    byCode: new Map(rows.map((r) => [r.code, r])),
    zones: zoneMap,
    zonesFile: zonesTable.file,
  };
}
