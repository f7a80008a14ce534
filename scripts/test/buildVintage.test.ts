import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommunesFile, VariablesFile, VintageManifest, ZoningsFile } from '@ptce/engine';
import { decodeVintage } from '@ptce/engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMini, rawCopy, readJson } from './helpers.ts';

describe('buildVintage(options) on the hand-made raw folder', () => {
  let dir: string;
  let summary: Awaited<ReturnType<typeof buildMini>>['summary'];
  let manifest: VintageManifest;
  let communes: CommunesFile;
  let variables: VariablesFile;
  let zonings: ZoningsFile;

  beforeAll(async () => {
    ({ dir, summary } = await buildMini(rawCopy(), { deps: ['67'] }));
    manifest = readJson(join(dir, 'manifest.json'));
    communes = readJson(join(dir, 'communes.json'));
    variables = readJson(join(dir, 'variables.json'));
    zonings = readJson(join(dir, 'zonings.json'));
  });

  it('keeps the communes of the scope and adds the outside members of their EPCI', () => {
    expect(summary).toMatchObject({
      communes: 4,
      communesOutsideScope: 1,
      withPolygon: 4,
      unmatched: 0,
      syntheticEss: true,
    });
    expect(communes.codes).toEqual(['57631', '67001', '67372', '67418', '67482']);
    expect(communes.inScope).toEqual([0, 1, 1, 1, 1]);
    expect(communes.dep[0]).toBe('57');
  });

  it('lists every old code merged into a current commune, for polygons and statistics', () => {
    expect(summary.merged).toEqual([
      { from: '67014', to: '67418', source: 'polygons', kind: 'fusion' },
      { from: '67402', to: '67372', source: 'polygons', kind: 'fusion' },
      { from: '67014', to: '67418', source: 'statistics', kind: 'fusion' },
    ]);
  });

  it('sums counts of merged communes and estimates medians by weighted mean, flagged', () => {
    const i = communes.codes.indexOf('67418');
    // Raw rows: 67418 P18_POP 1640 and 67014 (merged) 1030.
    expect(communes.columns['POP@2018'][i]).toBe(1640 + 1030);
    // MED19 23650 (665 fiscal households) and 23100 (415).
    expect(communes.columns['MED@2019'][i]).toBeCloseTo((23650 * 665 + 23100 * 415) / (665 + 415), 9);
    expect(communes.estimated['MED@2019']).toEqual([i]);
    expect(communes.estimated['POP@2018']).toBeUndefined();
  });

  it('keeps empty cells missing, never 0, and counts them per variable', () => {
    const tp60 = communes.columns['TP60@2019'];
    // TP6019 is empty for 67001, 67014 (so the merged 67418) and present for 67372, 67482.
    expect(communes.codes.map((_, i) => tp60[i])).toEqual([21, null, 9, null, 23]);
    expect(manifest.missing['TP60@2019']).toBe(2);
    expect(variables.variables.find((v) => v.id === 'TP60@2019')).toMatchObject({
      missing: 2,
      aggregation: 'weightedMean',
      unit: '%',
    });
  });

  it('names variables by stem and year, with latest and previous aliases', () => {
    expect(variables.aliases.latest.POP).toBe('POP@2018');
    expect(variables.aliases.previous.POP).toBe('POP@2013');
    expect(variables.aliases.latest.NAIS).toBe('NAIS@2018');
    expect(variables.variables.find((v) => v.id === 'NAIS@2018')?.period).toEqual([2013, 2018]);
    expect(variables.aliases.latest.ESS_ETAB).toBe('ESS_ETAB');
  });

  it('completes the cross-border EPCI and says which units are incomplete', () => {
    const epci = zonings.levels.find((l) => l.id === 'epci');
    expect(epci?.units.map((u) => [u.code, u.membersInVintage, u.membersInScope, u.complete])).toEqual([
      ['200070746', 3, 2, true],
      ['246700488', 2, 2, false],
    ]);
    expect(communes.zonings.epci).toEqual(['200070746', '246700488', '200070746', '200070746', '246700488']);
    // Other levels keep only the communes of the scope.
    expect(communes.zonings.bv2012[0]).toBe('');
    // "Outside urban units" (67000) and "outside attraction areas" (000) are not units.
    expect(communes.zonings.uu2020).toEqual(['', '67701', '', '', '67701']);
    expect(manifest.warnings.map((w) => w.code)).toContain('EPCI_INCOMPLETE');
  });

  it('dissolves merged communes and zonings from the polygons', () => {
    const geo = readJson<GeoJSON.FeatureCollection<GeoJSON.Polygon>>(join(dir, 'geo', 'commune.geojson'));
    const rountzenheim = geo.features.find((f) => f.properties?.code === '67418');
    // Two 0.1° squares side by side (67418 and 67014) become one 0.1° × 0.2° rectangle.
    expect(rountzenheim?.geometry.type).toBe('Polygon');
    const xs = rountzenheim?.geometry.coordinates[0].map((p) => p[0]) ?? [];
    const ys = rountzenheim?.geometry.coordinates[0].map((p) => p[1]) ?? [];
    expect([Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]).toEqual([
      7.2, 7.3, 48.5, 48.7,
    ]);
    const epci = readJson<GeoJSON.FeatureCollection>(join(dir, 'geo', 'epci.geojson'));
    expect(epci.features.map((f) => f.properties?.code)).toEqual(['200070746', '246700488']);
  });

  it('writes a manifest with provenance, hashes of every output and the synthetic flag', () => {
    expect(manifest.id).toBe('mini');
    expect(manifest.cog).toEqual({ reference: 2022, statistics: 2021, zonings: 2022, polygons: null });
    expect(manifest.synthetic.ess).toBe(true);
    const roles = manifest.inputs.map((i) => i.role);
    expect(roles).toEqual(
      expect.arrayContaining([
        'comparateur',
        'comparateur-meta',
        'appartenance',
        'appartenance-zones',
        'polygons-67',
        'polygons-57',
      ]),
    );
    const comparateur = manifest.inputs.find((i) => i.role === 'comparateur');
    expect(comparateur).toMatchObject({ origin: 'source-option', rows: 8 });
    expect(comparateur?.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const output of manifest.outputs) expect(existsSync(join(dir, output.path))).toBe(true);
    expect(manifest.outputs.map((o) => o.path)).toContain('geo/commune.geojson');
    // The report (with its build date) is apart, so two identical builds have identical data hashes.
    expect(manifest.outputs.map((o) => o.path)).not.toContain('report.md');
    expect(manifest.report.sha256).toMatch(/^[0-9a-f]{64}$/);
    const report = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(report).toContain('DÉMONSTRATION – données ESS simulées');
    expect(report).toContain('| 67014 | Auenheim | 67418 | Rountzenheim-Auenheim |');
  });

  it('is read by the engine (decodeVintage)', () => {
    const vintage = decodeVintage({ manifest, variables, communes, zonings });
    expect(vintage.communes.columns['TP60@2019'][1]).toBeNaN();
    expect(vintage.communes.columns['POP@2018'][vintage.communes.index.get('67482') as number]).toBe(290576);
  });
});

describe('buildVintage(options) scope', () => {
  it('builds several départements with --dep 67,57', async () => {
    const { summary } = await buildMini(rawCopy(), { deps: ['67', '57'] });
    expect(summary).toMatchObject({ communes: 5, communesOutsideScope: 0 });
  });

  it('draws the same demonstration ESS layer from the same seed, another from another seed', async () => {
    const a = readJson<CommunesFile>(join((await buildMini(rawCopy(), { seed: 7 })).dir, 'communes.json'));
    const b = readJson<CommunesFile>(join((await buildMini(rawCopy(), { seed: 7 })).dir, 'communes.json'));
    const c = readJson<CommunesFile>(join((await buildMini(rawCopy(), { seed: 8 })).dir, 'communes.json'));
    // Identical builds, identical data files (the report alone carries the build date).
    const manifests = await Promise.all([
      buildMini(rawCopy(), { seed: 7 }),
      buildMini(rawCopy(), { seed: 7 }),
    ]);
    const [m1, m2] = manifests.map((b) => readJson<VintageManifest>(join(b.dir, 'manifest.json')));
    expect(m1.outputs).toEqual(m2.outputs);
    expect(a.columns.ESS_ETAB).toEqual(b.columns.ESS_ETAB);
    expect(a.columns.ESS_SAL).not.toEqual(c.columns.ESS_SAL);
    // Families never exceed the total.
    a.columns.ESS_ETAB.forEach((total, i) => {
      const families = ['ESS_ETAB_ASSO', 'ESS_ETAB_COOP', 'ESS_ETAB_MUT', 'ESS_ETAB_FOND'].map(
        (s) => a.columns[s][i] as number,
      );
      expect(families.reduce((x, y) => x + y, 0)).toBe(total);
    });
  });
});
