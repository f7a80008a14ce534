import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRobustnessModel, runMonteCarlo } from '@ptce/engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadVintage } from '../src/lib/vintages.ts';
import { buildMini, rawCopy, ptce as run } from './helpers.ts';

let vintages = '';
const ptce = (args: string[]) => run(args, { vintages });

beforeAll(async () => {
  vintages = (await buildMini(rawCopy(), { id: 'mini', seed: 1 })).outDir;
  // A second edition of the same territory: another draw of the demonstration ESS layer moves ranks.
  await buildMini(rawCopy(), { id: 'mini-b', seed: 2, outDir: vintages });
}, 90_000);

describe('ptce robustness', () => {
  it("gives the engine's Monte-Carlo rank intervals, as CSV for spreadsheets", async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ptce-rob-')), 'intervalles.csv');
    const res = ptce([
      'robustness',
      '--vintage',
      'mini',
      '--replicates',
      '300',
      '--top',
      '2',
      '--seed',
      '4',
      '--out',
      out,
      '--json',
    ]);
    expect(res.code).toBe(0);
    const printed = JSON.parse(res.stdout);
    const direct = await runMonteCarlo(createRobustnessModel(loadVintage('mini', vintages), {}), {
      replicates: 300,
      topK: 2,
      seed: 4,
    });
    expect(printed).toEqual(JSON.parse(JSON.stringify(direct)));
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFcode;nom;rang nominal;rang médian;rang p05;rang p95;P(top 2);P(1er)')).toBe(
      true,
    );
    expect(csv.trim().split('\r\n')).toHaveLength(1 + direct.territories.length);
  });

  it('--threads 2 runs the replicates in two worker threads with the same figures', () => {
    const args = ['robustness', '--vintage', 'mini', '--replicates', '400', '--seed', '6', '--json'];
    const one = ptce([...args, '--threads', '1']);
    const two = ptce([...args, '--threads', '2']);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(JSON.parse(two.stdout).territories).toEqual(JSON.parse(one.stdout).territories);
    expect(ptce([...args, '--threads', '0']).code).toBe(2);
  });

  it('runs Sobol and the redundancy analysis', () => {
    const sobol = ptce([
      'robustness',
      '--vintage',
      'mini',
      '--analysis',
      'sobol',
      '--base-samples',
      '50',
      '--json',
    ]);
    expect(sobol.code).toBe(0);
    expect(JSON.parse(sobol.stdout)).toMatchObject({ analysis: 'sobol', baseSamples: 50 });
    const redundancy = ptce(['robustness', '--vintage', 'mini', '--analysis', 'redundancy', '--json']);
    expect(redundancy.code).toBe(0);
    expect(JSON.parse(redundancy.stdout).dimensions.length).toBeGreaterThan(0);
  });

  it('exits 2 on bad options', () => {
    expect(ptce(['robustness', '--vintage', 'mini', '--analysis', 'bootstrap']).code).toBe(2);
    expect(ptce(['robustness', '--vintage', 'mini', '--noise', '1.5']).code).toBe(2);
    expect(ptce(['robustness', '--vintage', 'mini', '--out', 'x.pdf']).code).toBe(2);
  });
});

describe('ptce diff', () => {
  it('lists rank changes between two vintages with the indicators that drive them', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ptce-diff-')), 'diff.csv');
    const res = ptce(['diff', '--from', 'mini', '--to', 'mini-b', '--out', out, '--json']);
    expect(res.code).toBe(0);
    const result = JSON.parse(res.stdout);
    expect(result).toMatchObject({ before: 'mini', after: 'mini-b', level: 'commune' });
    expect(result.territories).toHaveLength(4);
    for (const t of result.territories) {
      if (t.rankBefore !== null && t.rankAfter !== null) expect(t.change).toBe(t.rankBefore - t.rankAfter);
    }
    expect(readFileSync(out, 'utf8')).toContain('indicateurs moteurs');
  });

  it('says what is missing', () => {
    expect(ptce(['diff', '--from', 'mini']).code).toBe(2);
    const unknown = ptce(['diff', '--from', 'mini', '--to', 'nope-2030']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('[UNKNOWN_VINTAGE]');
  });
});
