import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommunesFile, VariablesFile, VintageManifest } from '@ptce/engine';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/lib/repoRoot.ts';
import { buildFails, buildMini, rawCopy, readJson } from './helpers.ts';

const ESS = join(repoRoot(), 'datasets', 'fixtures', 'ess');

function column(communes: CommunesFile, id: string): Record<string, number | null> {
  return Object.fromEntries(communes.codes.map((c, i) => [c, communes.columns[id][i]]));
}

describe('ESS from a CRESS file', () => {
  it('reads the documented columns, sums communes merged since, and is not synthetic', async () => {
    const dir = rawCopy((d) => copyFileSync(join(ESS, 'ess-cres-mini.csv'), join(d, 'ess-cres-mini.csv')));
    const { dir: out, summary } = await buildMini(dir);
    expect(summary.syntheticEss).toBe(false);
    const communes = readJson<CommunesFile>(join(out, 'communes.json'));
    const variables = readJson<VariablesFile>(join(out, 'variables.json'));
    const manifest = readJson<VintageManifest>(join(out, 'manifest.json'));
    expect(variables.aliases.latest.ESS_ETAB).toBe('ESS_ETAB@2023');
    // 67418 gets its own 9 plus 3 of Auenheim (67014, merged).
    expect(column(communes, 'ESS_ETAB@2023')).toEqual({
      '57631': 140,
      '67001': 12,
      '67372': 25,
      '67418': 12,
      '67482': 2350,
    });
    // An empty cell stays missing.
    expect(column(communes, 'ESS_CREA@2023')['67372']).toBeNull();
    expect(manifest.synthetic.ess).toBe(false);
    expect(manifest.ess.origin).toBe('ess-cres');
    expect(manifest.inputs.find((i) => i.role === 'ess-cres')?.rows).toBe(6);
  });

  it('refuses families that exceed the total, at the line', async () => {
    const dir = rawCopy((d) =>
      writeFileSync(
        join(d, 'ess-cres-bad.csv'),
        'code_commune;annee;etablissements_ess;etablissements_associations\n67001;2023;12;10\n67482;2023;20;25\n',
      ),
    );
    const error = await buildFails(dir);
    expect(error.code).toBe('INCONSISTENT_TOTAL');
    expect(error.location).toMatchObject({ file: 'ess-cres-bad.csv', line: 3 });
  });

  it('refuses a file mixing years', async () => {
    const dir = rawCopy((d) =>
      writeFileSync(
        join(d, 'ess-cres-x.csv'),
        'code_commune;annee;etablissements_ess\n67001;2023;12\n67482;2022;20\n',
      ),
    );
    expect((await buildFails(dir)).code).toBe('MIXED_YEARS');
  });
});

describe('ESS from a SIRENE extract', () => {
  it('counts active establishments of ESS legal units per commune and family', async () => {
    const dir = rawCopy((d) => {
      copyFileSync(join(ESS, 'StockEtablissement_mini.csv'), join(d, 'StockEtablissement_mini.csv'));
      copyFileSync(join(ESS, 'StockUniteLegale_mini.csv'), join(d, 'StockUniteLegale_mini.csv'));
    });
    const { dir: out, summary } = await buildMini(dir);
    expect(summary.syntheticEss).toBe(false);
    const communes = readJson<CommunesFile>(join(out, 'communes.json'));
    // By hand from the fixture (see the rows): the flag 'O' or an ESS legal category with no flag; 'N' excludes;
    // closed establishments (F) are left out; 67014 (Auenheim) counts for 67418.
    expect(column(communes, 'ESS_ETAB@2023')).toEqual({
      '57631': 0,
      '67001': 1,
      '67372': 1,
      '67418': 2,
      '67482': 2,
    });
    expect(column(communes, 'ESS_ETAB_ASSO@2023')).toEqual({
      '57631': 0,
      '67001': 0,
      '67372': 0,
      '67418': 0,
      '67482': 2,
    });
    expect(column(communes, 'ESS_ETAB_COOP@2023')['67001']).toBe(1);
    expect(column(communes, 'ESS_ETAB_MUT@2023')['67418']).toBe(1);
    expect(column(communes, 'ESS_ETAB_FOND@2023')['67372']).toBe(1);
    // Employees from size-class midpoints: 02 -> 4 and NN -> 0; 12 -> 34.5; 21 -> 74.5 + 01 -> 1.5; 03 -> 7.5.
    expect(column(communes, 'ESS_SAL@2023')).toEqual({
      '57631': 0,
      '67001': 35,
      '67372': 8,
      '67418': 76,
      '67482': 4,
    });
    // Created after 2018-09-09 (5 years before the latest creation, 2023-09-09).
    expect(column(communes, 'ESS_CREA@2023')).toEqual({
      '57631': 0,
      '67001': 0,
      '67372': 1,
      '67418': 1,
      '67482': 1,
    });
    const i = communes.codes.indexOf('67482');
    expect(communes.estimated['ESS_SAL@2023']).toContain(i);
  });

  it('names the missing SIRENE columns', async () => {
    const dir = rawCopy((d) => {
      writeFileSync(join(d, 'StockEtablissement_x.csv'), 'siren,codeCommuneEtablissement\n1,67482\n');
      copyFileSync(join(ESS, 'StockUniteLegale_mini.csv'), join(d, 'StockUniteLegale_mini.csv'));
    });
    const error = await buildFails(dir);
    expect(error.code).toBe('MISSING_COLUMNS');
    expect(error.message).toContain('etatAdministratifEtablissement');
  });
});
