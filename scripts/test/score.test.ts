import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/lib/repoRoot.ts';
import { buildMini, rawCopy, ptce as run } from './helpers.ts';

let vintages = '';

const ptce = (args: string[]) => run(args, { vintages });

/** Golden files: compare, or rewrite them with REGEN=1 (then review the diff). */
function golden(name: string, actual: string): void {
  const file = join(repoRoot(), 'scripts', 'test', 'golden', name);
  if (process.env.REGEN === '1' || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** Numbers rounded to 9 significant digits, so a last-bit difference across machines does not fail. */
const rounded = (json: string) =>
  JSON.stringify(
    JSON.parse(json, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(9)) : v)),
    null,
    2,
  );

beforeAll(async () => {
  const { outDir } = await buildMini(rawCopy(), { id: 'mini' });
  vintages = outDir;
}, 60_000);

describe('ptce score', () => {
  it('writes the ranking as French CSV: BOM, semicolons, decimal commas, numbers unquoted (golden)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ptce-score-')), 'classement.csv');
    const run = ptce(['score', '--vintage', 'mini', '--out', out]);
    expect(run.code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFrang;code;nom;score;')).toBe(true);
    // A score cell: digits, a comma, digits; never quoted.
    expect(csv.split('\r\n')[1].split(';')[3]).toMatch(/^\d+(,\d+)?$/);
    golden('score-mini-commune.csv', csv);
  });

  it('writes plain CSV with --plain-csv', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ptce-score-')), 'ranking.csv');
    expect(ptce(['score', '--vintage', 'mini', '--out', out, '--plain-csv']).code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('rang,code,nom,score,')).toBe(true);
    expect(csv.split('\r\n')[1].split(',')[3]).toMatch(/^\d+(\.\d+)?$/);
  });

  it('writes the full explained result as JSON (golden) and GeoJSON with the ranking', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptce-score-'));
    expect(ptce(['score', '--vintage', 'mini', '--level', 'epci', '--out', join(dir, 'r.json')]).code).toBe(
      0,
    );
    const json = readFileSync(join(dir, 'r.json'), 'utf8');
    expect(JSON.parse(json)).toMatchObject({ vintageId: 'mini', level: { id: 'epci' }, synthetic: true });
    golden('score-mini-epci.json', `${rounded(json)}\n`);
    expect(
      ptce(['score', '--vintage', 'mini', '--level', 'epci', '--out', join(dir, 'r.geojson')]).code,
    ).toBe(0);
    const geo = JSON.parse(readFileSync(join(dir, 'r.geojson'), 'utf8'));
    expect(
      geo.features.map((f: { properties: { code: string; rank: number } }) => f.properties.code).sort(),
    ).toEqual(['200070746', '246700488']);
    expect(geo.features[0].properties).toHaveProperty('rank');
  });

  it('reads a configuration file and prints a JSON summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptce-score-'));
    const config = join(dir, 'c.json');
    writeFileSync(
      config,
      JSON.stringify({
        version: 1,
        vintage: 'mini',
        level: 'epci',
        changes: { dimensions: { ess: { weight: 2 } } },
      }),
    );
    const run = ptce(['score', '--config', config, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      vintage: 'mini',
      level: 'epci',
      territories: 2,
      synthetic: true,
    });
  });
});

describe('ptce score on bad arguments and bad configuration files', () => {
  const write = (text: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'ptce-cfg-')), 'config.json');
    writeFileSync(file, text);
    return file;
  };

  it('exits 2 on an unknown format or option', () => {
    expect(ptce(['score', '--vintage', 'mini', '--out', '/tmp/x.xls']).code).toBe(2);
    expect(ptce(['score', '--levels', 'epci']).code).toBe(2);
  });

  it('exits 1 on invalid JSON with its line and column', () => {
    const run = ptce(['score', '--config', write('{\n  "version": 1,\n  "level": "epci",\n}\n')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[INVALID_JSON]');
    expect(run.stderr).toMatch(/ligne 4, colonne 1/);
  });

  it('lists every problem of a configuration, each at its line and column', () => {
    const text = [
      '{',
      '  "version": 2,',
      '  "level": "epci",',
      '  "changes": {',
      '    "indicators": { "x": { "weight": -1 } }',
      '  },',
      '  "methods": { "normalisation": { "metod": "minMax" } }',
      '}',
    ].join('\n');
    const run = ptce(['score', '--config', write(text), '--json']);
    expect(run.code).toBe(1);
    const error = JSON.parse(run.stdout).error;
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', line: 2, column: 14, field: 'version' });
    expect(error.message).toContain('ligne 5');
    expect(error.message).toContain('metod');
  });

  it('locates a level the vintage lacks', () => {
    const run = ptce([
      'score',
      '--config',
      write('{\n  "version": 1,\n  "level": "arrondissement"\n}\n'),
      '--vintage',
      'mini',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[UNKNOWN_LEVEL]');
    expect(run.stderr).toContain('ligne 3, colonne 12');
  });

  it('names the vintages available when the one asked for does not exist', () => {
    const run = ptce(['score', '--vintage', 'nope-2021']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[UNKNOWN_VINTAGE]');
    expect(run.stderr).toContain('mini');
  });
});
