import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMini, rawCopy, ptce as run } from './helpers.ts';

let vintages = '';

const ptce = (args: string[]) => run(args, { vintages });

beforeAll(async () => {
  vintages = (await buildMini(rawCopy(), { id: 'mini' })).outDir;
}, 60_000);

describe('ptce spatial', () => {
  it('prints Moran and LISA, and writes one row per commune as CSV', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ptce-sp-')), 'lisa.csv');
    const run = ptce(['spatial', '--vintage', 'mini', '--permutations', '99', '--out', out, '--json']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ vintage: 'mini', level: 'commune', value: 'score', synthetic: true });
    expect(Number.isFinite(summary.moranI)).toBe(true);
    const text = readFileSync(out, 'utf8');
    expect(
      text.startsWith('\uFEFFcode;nom;valeur;classe LISA;p LISA;décalage spatial;classe Gi*;z Gi*\r\n'),
    ).toBe(true);
    const rows = text.trim().split('\r\n');
    expect(rows).toHaveLength(1 + 4);
  });

  it('exits 2 on a bad option and 1 on an unknown value', () => {
    expect(ptce(['spatial', '--vintage', 'mini', '--correction', 'holm']).code).toBe(2);
    expect(ptce(['spatial', '--vintage', 'mini', '--permutations', '-1']).code).toBe(2);
    const value = ptce(['spatial', '--vintage', 'mini', '--value', 'dimension:nope']);
    expect(value.code).toBe(1);
    expect(value.stderr).toContain('[UNKNOWN_VALUE]');
  });
});

describe('ptce candidates', () => {
  it('proposes contiguous zones within the constraints and writes their outlines', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ptce-cz-')), 'zones.geojson');
    const run = ptce([
      'candidates',
      '--vintage',
      'mini',
      '--min-communes',
      '2',
      '--max-communes',
      '2',
      '--count',
      '1',
      '--intervals',
      '100',
      '--out',
      out,
      '--json',
    ]);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.candidates).toHaveLength(1);
    expect(summary.candidates[0].communes).toBe(2);
    // With --intervals: the zone's rank interval under the robustness module's perturbations.
    expect(summary.candidates[0].rankInterval.p05).toBeLessThanOrEqual(
      summary.candidates[0].rankInterval.p95,
    );
    const geo = JSON.parse(readFileSync(out, 'utf8'));
    expect(geo.features[0].geometry.type).toBe('Polygon');
    expect(geo.features[0].properties.members).toHaveLength(2);
  });

  it('names a commune it does not know, and refuses malformed codes', () => {
    expect(ptce(['candidates', '--vintage', 'mini', '--include', '6748']).code).toBe(2);
    const unknown = ptce(['candidates', '--vintage', 'mini', '--include', '67999']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('67999');
  });
});
