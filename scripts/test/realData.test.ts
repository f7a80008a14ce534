import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommunesFile, VintageManifest, ZoningsFile } from '@ptce/engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuildSummary, buildVintage } from '../src/data/buildVintage.ts';
import { readAppartenance } from '../src/data/readAppartenance.ts';
import { readInput } from '../src/lib/readInput.ts';
import { hasShared, readJson, SHARED_RAW } from './helpers.ts';

/** The raw comparateur read the simplest way, independently of the pipeline's reader. */
function rawRows(): Map<string, Record<string, string>> {
  const lines = readFileSync(join(SHARED_RAW, 'insee', 'base_cc_comparateur.csv'), 'latin1')
    .split('\r\n')
    .filter(Boolean);
  const header = lines[0].split(';');
  return new Map(
    lines.slice(1).map((l) => {
      const cells = l.split(';');
      return [cells[0], Object.fromEntries(header.map((h, k) => [h, cells[k]]))];
    }),
  );
}

describe.skipIf(!hasShared)('the real Bas-Rhin vintage, from ../shared/datasets/raw', () => {
  let summary: BuildSummary;
  let communes: CommunesFile;
  let zonings: ZoningsFile;
  let manifest: VintageManifest;

  beforeAll(async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'ptce-real-'));
    summary = await buildVintage({ outDir, download: false, env: {} });
    communes = readJson(join(summary.dir, 'communes.json'));
    zonings = readJson(join(summary.dir, 'zonings.json'));
    manifest = readJson(join(summary.dir, 'manifest.json'));
  }, 120_000);

  it('has 514 communes, all with a polygon, none unmatched, and lists the merged ones', () => {
    expect(summary).toMatchObject({
      vintage: 'bas-rhin-2021',
      communes: 514,
      withPolygon: 514,
      unmatched: 0,
      syntheticEss: true,
    });
    expect(summary.merged).toEqual([
      { from: '67014', to: '67418', source: 'polygons', kind: 'fusion' },
      { from: '67402', to: '67372', source: 'polygons', kind: 'fusion' },
    ]);
    expect(manifest.cog).toEqual({ reference: 2022, statistics: 2021, zonings: 2022, polygons: 2018 });
  });

  it('matches the raw file: population and establishments totals, missing medians', () => {
    const raw = rawRows();
    let pop = 0;
    let etab = 0;
    let missingMedian = 0;
    let missingPoverty = 0;
    for (const [code, row] of raw) {
      if (!code.startsWith('67')) continue;
      pop += Number(row.P18_POP);
      etab += Number(row.ETTOT18);
      if (row.MED19 === '') missingMedian++;
      if (row.TP6019 === '') missingPoverty++;
    }
    const sum = (id: string) =>
      communes.columns[id].reduce<number>((s, v, i) => s + (communes.inScope[i] ? (v ?? 0) : 0), 0);
    expect(sum('POP@2018')).toBeCloseTo(pop, 6);
    expect(sum('ETTOT@2018')).toBe(etab);
    expect(manifest.missing['MED@2019']).toBe(missingMedian);
    // Poverty rates are withheld for most small communes: missing, never 0.
    expect(manifest.missing['TP60@2019']).toBe(missingPoverty);
    expect(missingPoverty).toBeGreaterThan(300);
    expect(communes.columns['TP60@2019'].filter((v, i) => communes.inScope[i] && v === 0)).toHaveLength(0);
    // Strasbourg, checked cell by cell.
    const i = communes.codes.indexOf('67482');
    expect(communes.columns['CHOM1564@2018'][i]).toBe(Number(raw.get('67482')?.P18_CHOM1564));
    expect(communes.names[i]).toBe('Strasbourg');
  });

  it('completes the two cross-border EPCI from the national file', () => {
    const epci = zonings.levels.find((l) => l.id === 'epci');
    expect(epci?.units).toHaveLength(25);
    expect(epci?.units.every((u) => u.complete)).toBe(true);
    const ems = epci?.units.find((u) => u.code === '246700488');
    expect(ems).toMatchObject({
      name: 'Eurométropole de Strasbourg',
      membersInVintage: 33,
      membersInScope: 33,
      nature: 'ME',
    });
    const sarreguemines = epci?.units.find((u) => u.code === '200070746');
    expect(sarreguemines).toMatchObject({ membersInScope: 1, membersInVintage: 38 });
    expect(epci?.units.find((u) => u.code === '200030526')).toMatchObject({
      membersInVintage: (epci?.units.find((u) => u.code === '200030526')?.membersInScope ?? 0) + 1,
    });
    expect(summary.communesOutsideScope).toBe(38);
  });

  it("has every zoning level, the 23 cantons with Strasbourg's six grouped", () => {
    expect(summary.levels.map((l) => [l.id, l.units])).toEqual([
      ['commune', 514],
      ['epci', 25],
      ['arr', 5],
      ['cv', 19],
      ['canton', 18],
      ['bv2012', 36],
      ['ze2020', 5],
      ['aav2020', 13],
      ['uu2020', 71],
      ['dep', 1],
    ]);
    const strasbourg = zonings.levels
      .find((l) => l.id === 'canton')
      ?.units.find((u) => u.name.includes('Strasbourg-1'));
    expect(strasbourg?.name.split(' + ')).toHaveLength(6);
    expect(communes.zonings.canton[communes.codes.indexOf('67482')]).toBe(strasbourg?.code);
  });
});

describe.skipIf(!hasShared)('readAppartenance(xlsx) on the published workbook', () => {
  it('reads the same 34,955 communes and zone names as the CSV conversion of its sheets', async () => {
    const xlsx = readInput(join(SHARED_RAW, 'insee', 'table-appartenance-geo-communes-22.xlsx'));
    const fromXlsx = await readAppartenance(xlsx, undefined, { communes: 'table.xlsx' });
    const fromCsv = await readAppartenance(
      readInput(join(SHARED_RAW, 'insee', 'table-appartenance-geo-communes-22.csv')),
      readInput(join(SHARED_RAW, 'insee', 'table-appartenance-geo-zones-supra-22.csv')),
      { communes: 'com.csv', zones: 'zones.csv' },
    );
    expect(fromXlsx.rows).toHaveLength(34_955);
    expect(fromXlsx.rows.map((r) => [r.code, r.values])).toEqual(fromCsv.rows.map((r) => [r.code, r.values]));
    expect([...fromXlsx.zones.values()]).toEqual([...fromCsv.zones.values()]);
    // Line numbers are the sheet's rows: the header is row 6.
    expect(fromXlsx.rows[0].line).toBe(7);
  }, 60_000);
});

describe.skipIf(!hasShared || process.env.PTCE_SKIP_FRANCE === '1')('the whole of France (--all)', () => {
  it('builds every commune, with the re-established one reported', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'ptce-france-'));
    const summary = await buildVintage({ all: true, outDir, download: false, env: {} });
    expect(summary).toMatchObject({ vintage: 'france-2021', communes: 34_955, unmatched: 0 });
    expect(summary.withPolygon).toBe(34_954);
    expect(summary.warnings.join('\n')).toContain('14666 (Sannerville)');
    expect(summary.merged.filter((m) => m.source === 'statistics')).toHaveLength(10);
    expect(summary.levels.find((l) => l.id === 'epci')?.units).toBe(1255);
  }, 300_000);
});
