import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editText, rawCopy, ptce as run } from './helpers.ts';

const ptce = (args: string[]) => run(args, { env: { PTCE_RAW_DIR: '' } });

describe('ptce (command line)', () => {
  it('prints help in French, or English with --lang en, and exits 2 without a command', () => {
    const none = ptce([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Commandes :');
    const help = ptce(['data', 'build', '--help', '--lang', 'en']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Builds a dataset vintage');
  });

  it('exits 2 on an unknown command or option, saying which', () => {
    const unknown = ptce(['dta', 'build']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Commande inconnue : dta build');
    const option = ptce(['data', 'build', '--deps', '67']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('--deps');
    expect(ptce(['data', 'build', '--dep', '6']).code).toBe(2);
  });

  it('data build --json prints the summary scripts rely on', () => {
    const out = mkdtempSync(join(tmpdir(), 'ptce-cli-'));
    const run = ptce([
      'data',
      'build',
      '--source',
      rawCopy(),
      '--out',
      out,
      '--id',
      'cli',
      '--json',
      '--no-download',
    ]);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(Object.keys(summary)).toEqual(
      expect.arrayContaining([
        'vintage',
        'communes',
        'withPolygon',
        'unmatched',
        'merged',
        'syntheticEss',
        'warnings',
        'durationMs',
      ]),
    );
    expect(summary).toMatchObject({
      vintage: 'cli',
      communes: 4,
      withPolygon: 4,
      unmatched: 0,
      syntheticEss: true,
    });
    expect(summary.merged).toContainEqual({ from: '67014', to: '67418', source: 'polygons', kind: 'fusion' });
  });

  it('exits 1 on a bad file with the place and the fix, in JSON too', () => {
    const raw = rawCopy((d) =>
      editText(d, 'insee/base_cc_comparateur.csv', (t) => t.replace('67001;2202;', '67001;2 202;')),
    );
    const out = mkdtempSync(join(tmpdir(), 'ptce-cli-'));
    const text = ptce(['data', 'build', '--source', raw, '--out', out, '--no-download']);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('[NOT_A_NUMBER]');
    expect(text.stderr).toContain('ligne 3, colonne 2, champ P18_POP, valeur "2 202"');
    expect(text.stderr).toContain('que faire');
    const json = ptce([
      'data',
      'build',
      '--source',
      raw,
      '--out',
      out,
      '--no-download',
      '--json',
      '--lang',
      'en',
    ]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error).toMatchObject({
      code: 'NOT_A_NUMBER',
      line: 3,
      column: 2,
      field: 'P18_POP',
      value: '2 202',
    });
    expect(json.stderr).toContain('line 3, column 2');
  });

  it('token create shows the secret once, list never shows it, revoke ends it; a bad role exits 2', () => {
    const data = mkdtempSync(join(tmpdir(), 'ptce-tokens-'));
    const created = ptce([
      'token',
      'create',
      '--role',
      'analyst',
      '--name',
      'Alice',
      '--data',
      data,
      '--json',
    ]);
    expect(created.code).toBe(0);
    const token = JSON.parse(created.stdout);
    expect(token).toMatchObject({ role: 'analyst', name: 'Alice', revokedAt: null });
    expect(token.token).toMatch(/^ptce_[A-Za-z0-9_-]{43}$/);
    const list = ptce(['token', 'list', '--data', data, '--json']);
    expect(list.stdout).not.toContain(token.token);
    expect(JSON.parse(list.stdout)).toHaveLength(1);
    expect(ptce(['token', 'revoke', token.id, '--data', data]).code).toBe(0);
    expect(ptce(['token', 'revoke', token.id, '--data', data]).code).toBe(1);
    const bad = ptce(['token', 'create', '--role', 'boss', '--name', 'x', '--data', data]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('viewer, analyst, admin');
  });

  it('data list and data show: listing, provenance, and their errors', () => {
    const out = mkdtempSync(join(tmpdir(), 'ptce-list-'));
    expect(
      ptce(['data', 'build', '--source', rawCopy(), '--out', out, '--id', 'listed', '--no-download']).code,
    ).toBe(0);
    const list = run(['data', 'list', '--json'], { env: { PTCE_VINTAGES_DIR: out } });
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ id: 'listed', communes: 4, syntheticEss: true }),
    ]);
    const show = run(['data', 'show', 'listed'], { env: { PTCE_VINTAGES_DIR: out } });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('67014→67418');
    expect(ptce(['data', 'show']).code).toBe(2);
    expect(ptce(['data', 'list', '--bogus']).code).toBe(2);
    const unknown = run(['data', 'show', 'nope-2021'], { env: { PTCE_VINTAGES_DIR: out } });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('listed');
  });
});
