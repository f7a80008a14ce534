import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildFails, buildMini, editText, rawCopy } from './helpers.ts';

const COMPARATEUR = 'insee/base_cc_comparateur.csv';
const TABLE = 'insee/table-appartenance-geo-communes-22.csv';
const POLYGONS_67 = 'geo/communes-67-mini.geojson';

/** Replaces one cell of the comparateur: `row` 0 = header, `column` 0 = CODGEO. */
function setCell(dir: string, row: number, column: number, value: string): void {
  editText(dir, COMPARATEUR, (text) => {
    const lines = text.split('\r\n');
    const cells = lines[row].split(';');
    cells[column] = value;
    lines[row] = cells.join(';');
    return lines.join('\r\n');
  });
}

describe('buildVintage(options) on bad input: a located error, a non-zero exit, nothing written', () => {
  it('a comma-separated file is read (separator detected)', async () => {
    const dir = rawCopy((d) => editText(d, COMPARATEUR, (t) => t.replaceAll(';', ',')));
    const { summary } = await buildMini(dir);
    expect(summary.communes).toBe(4);
  });

  it('a wrong separator on one line: FIELD_COUNT with the line', async () => {
    const dir = rawCopy((d) =>
      editText(d, COMPARATEUR, (t) => {
        const lines = t.split('\r\n');
        lines[3] = lines[3].replaceAll(';', '|');
        return lines.join('\r\n');
      }),
    );
    const error = await buildFails(dir);
    expect(error.code).toBe('FIELD_COUNT');
    expect(error.location).toMatchObject({ file: 'base_cc_comparateur.csv', line: 4 });
  });

  it('an unknown separator: WRONG_SEPARATOR', async () => {
    const dir = rawCopy((d) => editText(d, COMPARATEUR, (t) => t.replaceAll(';', '|')));
    expect((await buildFails(dir)).code).toBe('WRONG_SEPARATOR');
  });

  it('Windows-1252 and ISO-8859-1 files with accented names are read like UTF-8 ones', async () => {
    const dir = rawCopy((d) => {
      const path = join(d, TABLE);
      writeFileSync(path, Buffer.from(readFileSync(path, 'utf8'), 'latin1'));
      const meta = join(d, 'insee/meta_base_cc_comparateur.csv');
      writeFileSync(meta, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(meta)]));
    });
    const { dir: out } = await buildMini(dir);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.inputs.find((i: { role: string }) => i.role === 'appartenance').format).toBe('csv');
    const communes = JSON.parse(readFileSync(join(out, 'communes.json'), 'utf8'));
    expect(communes.names).toContain('Rountzenheim-Auenheim');
    const zonings = JSON.parse(readFileSync(join(out, 'zonings.json'), 'utf8'));
    expect(zonings.levels.find((l: { id: string }) => l.id === 'epci').units[1].name).toBe(
      'Eurométropole de Strasbourg',
    );
  });

  it('decimal commas: DECIMAL_COMMA at the cell, accepted with --decimal-comma', async () => {
    const dir = rawCopy((d) => setCell(d, 2, 3, '5,41'));
    const error = await buildFails(dir);
    expect(error.code).toBe('DECIMAL_COMMA');
    expect(error.location).toEqual({
      file: 'base_cc_comparateur.csv',
      line: 3,
      column: 4,
      field: 'SUPERF',
      value: '5,41',
    });
    const { summary } = await buildMini(dir, { decimalComma: true });
    expect(summary.communes).toBe(4);
  });

  it('a non-numeric cell: NOT_A_NUMBER at the cell', async () => {
    const error = await buildFails(rawCopy((d) => setCell(d, 5, 1, '4 540')));
    expect(error.code).toBe('NOT_A_NUMBER');
    expect(error.location).toMatchObject({ line: 6, column: 2, field: 'P18_POP', value: '4 540' });
    expect(error.format('fr')).toContain('ligne 6, colonne 2, champ P18_POP, valeur "4 540"');
  });

  it('a negative count: NEGATIVE_VALUE', async () => {
    const error = await buildFails(rawCopy((d) => setCell(d, 2, 24, '-140')));
    expect(error.code).toBe('NEGATIVE_VALUE');
    expect(error.location).toMatchObject({ line: 3, field: 'ETTOT18', value: '-140' });
  });

  it('a duplicate code: DUPLICATE_CODE naming both lines', async () => {
    const error = await buildFails(rawCopy((d) => setCell(d, 3, 0, '67001')));
    expect(error.code).toBe('DUPLICATE_CODE');
    expect(error.location).toMatchObject({ line: 4, field: 'CODGEO', value: '67001' });
    expect(error.message).toContain('ligne 3');
  });

  it('a code with its leading zero lost: INVALID_CODE with the fix', async () => {
    const error = await buildFails(rawCopy((d) => setCell(d, 8, 0, '7510')));
    expect(error.code).toBe('INVALID_CODE');
    expect(error.hint).toContain('zéro initial');
  });

  it('an unknown commune code: UNKNOWN_CODE', async () => {
    const error = await buildFails(rawCopy((d) => setCell(d, 2, 0, '67999')));
    expect(error.code).toBe('UNKNOWN_CODE');
    expect(error.message).toContain('67999');
    expect(error.location).toMatchObject({ file: 'base_cc_comparateur.csv', line: 3, value: '67999' });
  });

  it('a commune of the scope absent from the statistics: UNMATCHED_COMMUNES naming it', async () => {
    const dir = rawCopy((d) =>
      editText(d, COMPARATEUR, (t) =>
        t
          .split('\r\n')
          .filter((l) => !l.startsWith('67372'))
          .join('\r\n'),
      ),
    );
    const error = await buildFails(dir);
    expect(error.code).toBe('UNMATCHED_COMMUNES');
    expect(error.message).toContain('67372 (Val-de-Moder)');
  });

  it('missing required columns: MISSING_COLUMNS listing them', async () => {
    const dir = rawCopy((d) => editText(d, TABLE, (t) => t.replace(';EPCI;', ';EPCI_X;')));
    const error = await buildFails(dir);
    expect(error.code).toBe('MISSING_COLUMNS');
    expect(error.location).toMatchObject({
      file: 'table-appartenance-geo-communes-22.csv',
      line: 1,
      field: 'EPCI',
    });
  });

  it('a truncated zip: CORRUPT_ZIP', async () => {
    const dir = rawCopy((d) => {
      const zip = zipSync({ 'base_cc_comparateur.csv': readFileSync(join(d, COMPARATEUR)) });
      writeFileSync(join(d, 'insee/base_cc_comparateur_csv.zip'), zip.subarray(0, zip.length - 40));
      rmSync(join(d, COMPARATEUR));
    });
    const error = await buildFails(dir);
    expect(error.code).toBe('CORRUPT_ZIP');
    expect(error.location.file).toMatch(/base_cc_comparateur_csv\.zip$/);
  });

  it('the official zip is read whole', async () => {
    const dir = rawCopy((d) => {
      const zip = zipSync({
        'base_cc_comparateur.csv': readFileSync(join(d, COMPARATEUR)),
        'meta_base_cc_comparateur.csv': readFileSync(join(d, 'insee/meta_base_cc_comparateur.csv')),
      });
      writeFileSync(join(d, 'insee/base_cc_comparateur_csv.zip'), zip);
      rmSync(join(d, COMPARATEUR));
      rmSync(join(d, 'insee/meta_base_cc_comparateur.csv'));
    });
    const { summary, dir: out } = await buildMini(dir);
    expect(summary.communes).toBe(4);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.inputs.find((i: { role: string }) => i.role === 'comparateur').path).toMatch(
      /\.zip!base_cc_comparateur\.csv$/,
    );
  });

  it('a truncated gzip: CORRUPT_GZIP', async () => {
    const dir = rawCopy((d) => {
      const gz = gzipSync(readFileSync(join(d, POLYGONS_67)));
      writeFileSync(join(d, `${POLYGONS_67}.gz`), gz.subarray(0, gz.length - 30));
      rmSync(join(d, POLYGONS_67));
    });
    const error = await buildFails(dir);
    expect(error.code).toBe('CORRUPT_GZIP');
  });

  it('invalid GeoJSON syntax: INVALID_GEOJSON with line and column', async () => {
    const dir = rawCopy((d) => editText(d, POLYGONS_67, (t) => t.replace('"Feature"', '"Feature",,')));
    const error = await buildFails(dir);
    expect(error.code).toBe('INVALID_GEOJSON');
    expect(error.location).toMatchObject({ file: 'communes-67-mini.geojson', line: 1 });
    expect(error.location.column).toBeGreaterThan(1);
  });

  it('invalid GeoJSON structure: the feature and property at fault', async () => {
    const unclosed = await buildFails(
      rawCopy((d) => editText(d, POLYGONS_67, (t) => t.replace('[7.0, 48.5]]]', '[7.0, 48.50001]]]'))),
    );
    expect(unclosed.code).toBe('INVALID_GEOJSON');
    expect(unclosed.location.field).toBe('features[0].geometry.coordinates[0]');
    const noCode = await buildFails(
      rawCopy((d) => editText(d, POLYGONS_67, (t) => t.replace('"code": "67482"', '"kode": "67482"'))),
    );
    expect(noCode.location.field).toBe('features[1].properties.code');
    const lines = await buildFails(
      rawCopy((d) => editText(d, POLYGONS_67, (t) => t.replace('"Polygon"', '"LineString"'))),
    );
    expect(lines.location).toMatchObject({ field: 'features[0].geometry.type', value: 'LineString' });
  });

  it('a polygon code the COG does not know: UNKNOWN_CODE', async () => {
    const error = await buildFails(
      rawCopy((d) => editText(d, POLYGONS_67, (t) => t.replace('"67001"', '"67998"'))),
    );
    expect(error.code).toBe('UNKNOWN_CODE');
    expect(error.message).toContain('67998');
  });

  it('a missing source: SOURCE_MISSING saying where it looked', async () => {
    const dir = rawCopy((d) => renameSync(join(d, TABLE), join(d, 'insee/other.csv')));
    const error = await buildFails(dir);
    expect(error.code).toBe('SOURCE_MISSING');
    expect(error.hint).toContain(dir);
  });

  it('an unknown département: UNKNOWN_DEPARTEMENT', async () => {
    expect((await buildFails(rawCopy(), { deps: ['99'] })).code).toBe('UNKNOWN_DEPARTEMENT');
  });
});
