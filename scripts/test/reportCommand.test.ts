import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@ptce/api';
import { score } from '@ptce/engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadVintage } from '../src/lib/vintages.ts';
import { buildMini, rawCopy, ptce as run } from './helpers.ts';

let vintages = '';
let data = '';

const ptce = (args: string[]) => run(args, { vintages });

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

beforeAll(async () => {
  vintages = (await buildMini(rawCopy(), { id: 'mini' })).outDir;
  data = mkdtempSync(join(tmpdir(), 'ptce-data-'));
}, 60_000);

describe('ptce report', () => {
  it('writes the PDF from a configuration: the top of the ranking, with the demonstration warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptce-report-'));
    const config = join(dir, 'c.json');
    writeFileSync(config, JSON.stringify({ version: 1, vintage: 'mini', level: 'commune' }));
    const run = ptce([
      'report',
      '--config',
      config,
      '--top',
      '2',
      '--robustness',
      '200',
      '--out',
      join(dir, 'r.pdf'),
      '--json',
    ]);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    const ranking = score(loadVintage('mini', vintages), { level: 'commune' });
    expect(summary.territories).toEqual(ranking.territories.slice(0, 2).map((t) => t.code));
    const text = pdfText(join(dir, 'r.pdf'));
    for (const t of ranking.territories.slice(0, 2)) expect(text).toContain(t.name);
    expect(text).toContain('Synthèse');
    expect(text).toContain('DÉMONSTRATION');
    // With --robustness, the ranked table gives rank intervals and the probability of staying in the top k.
    expect(text).toMatch(/Probabilité/);
    expect(text).not.toContain('non calculé');
  });

  it('writes the printable HTML for chosen territories', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptce-report-'));
    const config = join(dir, 'c.json');
    writeFileSync(config, JSON.stringify({ version: 1, vintage: 'mini', level: 'epci' }));
    expect(
      ptce(['report', '--config', config, '--territories', '246700488', '--out', join(dir, 'r.html')]).code,
    ).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('Eurométropole de Strasbourg');
    expect(html).toContain('<svg');
  });

  it("writes the PDF of a shortlist saved through the API, with the analysts' notes", async () => {
    const store = await openStore(data);
    const vintage = loadVintage('mini', vintages);
    const result = score(vintage, { level: 'epci' });
    const list = await store.shortlists.create({
      title: 'Sites pilotes — comité du 3 décembre',
      scenarioId: null,
      scenarioVersion: null,
      vintageId: 'mini',
      config: { level: 'epci' },
      resultHash: result.hash,
      level: 'epci',
      items: [
        {
          code: '200070746',
          name: 'CA Mini Transfrontalière',
          kind: 'territory',
          rank: 1,
          note: 'Réseau associatif à rencontrer en janvier.',
        },
      ],
      author: 'alice',
    });
    await store.close();
    const out = join(mkdtempSync(join(tmpdir(), 'ptce-report-')), 'liste.pdf');
    const run = ptce(['report', '--shortlist', list.id, '--data', data, '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('diffère');
    const text = pdfText(out);
    expect(text).toContain('Sites pilotes');
    expect(text).toContain('Réseau associatif à rencontrer en janvier.');
  });

  it('says what is wrong with its arguments (exit 2) and with a missing shortlist (exit 1)', () => {
    expect(ptce(['report', '--out', '/tmp/x.pdf']).code).toBe(2);
    expect(ptce(['report', '--shortlist', 'x', '--out', '/tmp/x.docx']).code).toBe(2);
    const missing = ptce(['report', '--shortlist', 'nope', '--data', data, '--out', '/tmp/x.pdf']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[UNKNOWN_SHORTLIST]');
    const dir = mkdtempSync(join(tmpdir(), 'ptce-report-'));
    const config = join(dir, 'c.json');
    writeFileSync(config, JSON.stringify({ version: 1, vintage: 'mini', level: 'epci' }));
    const unknown = ptce([
      'report',
      '--config',
      config,
      '--territories',
      '999999999',
      '--out',
      join(dir, 'r.pdf'),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('999999999');
  });
});
