import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { score } from '@ptce/engine';
import readXlsxFile from 'read-excel-file/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadVintage } from '../src/lib/vintages.ts';
import { scoreCsv } from '../src/output/scoreCsv.ts';
import { buildMini, rawCopy } from './helpers.ts';

const hasSoffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
let vintages = '';

beforeAll(async () => {
  vintages = (await buildMini(rawCopy(), { id: 'mini' })).outDir;
}, 60_000);

/** Opens a CSV as a French LibreOffice user would (UTF-8, `;`, French locale) and reads the cells. */
async function openInCalc(csv: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ptce-calc-'));
  writeFileSync(join(dir, 'classement.csv'), csv);
  // Filter options: separator 59 (;), text delimiter 34 ("), charset 76 (UTF-8), first line 1,
  // default column formats, language 1036 (French: decimal comma).
  execFileSync(
    'soffice',
    [
      '--headless',
      '--infilter=CSV:59,34,76,1,,1036',
      '--convert-to',
      'xlsx',
      '--outdir',
      dir,
      join(dir, 'classement.csv'),
    ],
    {
      stdio: 'ignore',
      timeout: 120_000,
    },
  );
  return (await readXlsxFile(join(dir, 'classement.xlsx')))[0].data;
}

describe.skipIf(!hasSoffice)('score CSV opened in LibreOffice Calc (skipped without soffice)', () => {
  it('keeps every number a number, with its value, and text as text', async () => {
    const result = score(loadVintage('mini', vintages), { level: 'commune' });
    const rows = await openInCalc(scoreCsv(result, { plain: false }));
    expect(rows[0].slice(0, 6)).toEqual(['rang', 'code', 'nom', 'score', 'besoin', 'potentiel']);
    result.territories.forEach((t, k) => {
      const row = rows[k + 1];
      expect(row[0]).toBe(t.rank);
      expect(row[2]).toBe(t.name);
      expect(typeof row[3]).toBe('number');
      expect(row[3] as number).toBeCloseTo(t.score as number, 4);
      expect(row[4] as number).toBeCloseTo(t.need as number, 4);
      expect(row[10]).toBe(t.population);
    });
  }, 180_000);
});
