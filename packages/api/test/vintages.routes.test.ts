import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_DIR, FIXTURES_DIR, type TestApp, testApp } from './helpers.ts';

const MINI = join(FIXTURES_DIR, 'vintage-mini');
const file = (path: string) => readFileSync(join(MINI, path), 'utf8');

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());

describe('GET /api/vintages', () => {
  it('GET /api/vintages lists the fixture with its provenance summary', async () => {
    const res = await t.app.inject('/api/vintages');
    expect(res.statusCode).toBe(200);
    const [mini] = res.json();
    expect(mini).toMatchObject({
      id: 'vintage-mini',
      title: 'Millésime de test (5 communes)',
      isDefault: true,
      synthetic: { ess: true },
      counts: { communes: 5, communesInScope: 4 },
    });
    expect(mini.levels.map((l: { id: string }) => l.id)).toEqual(['commune', 'epci', 'dep']);
  });

  it('GET /api/vintages/:vid, /variables, /zonings send the files as written', async () => {
    for (const [url, path] of [
      ['/api/vintages/vintage-mini', 'manifest.json'],
      ['/api/vintages/vintage-mini/variables', 'variables.json'],
      ['/api/vintages/vintage-mini/zonings', 'zonings.json'],
    ] as const) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(file(path));
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    }
  });

  it('GET /api/vintages/:vid/report sends the build report as Markdown', async () => {
    const res = await t.app.inject('/api/vintages/vintage-mini/report');
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.body).toBe(file('report.md'));
  });

  it('GET /api/vintages/:vid/data bundles the four files, parseable and equal to each', async () => {
    const res = await t.app.inject('/api/vintages/vintage-mini/data');
    const data = res.json();
    expect(Object.keys(data)).toEqual(['manifest', 'variables', 'communes', 'zonings']);
    expect(data.communes).toEqual(JSON.parse(file('communes.json')));
    expect(data.manifest).toEqual(JSON.parse(file('manifest.json')));
  });

  it('GET /api/vintages/:vid answers 404 VINTAGE_NOT_FOUND naming the vintages that exist', async () => {
    const res = await t.app.inject('/api/vintages/bas-rhin-1999');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'VINTAGE_NOT_FOUND', details: { available: ['vintage-mini'] } });
  });
});

describe('GET /api/vintages/:vid/geo/:level', () => {
  it('GET geo/:level sends each level as GeoJSON with code and name', async () => {
    for (const [level, codes] of [
      ['commune', ['67001', '67002', '67003', '68001']],
      ['epci', ['200000001', '200000002']],
      ['dep', ['67', '68']],
    ] as const) {
      const res = await t.app.inject(`/api/vintages/vintage-mini/geo/${level}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/geo+json; charset=utf-8');
      const fc = res.json();
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(codes);
    }
  });

  it('GET geo/context and geo/places send the outlines and the towns', async () => {
    const context = (await t.app.inject('/api/vintages/vintage-mini/geo/context')).json();
    expect(context.features.map((f: { properties: unknown }) => f.properties)).toEqual([
      { code: '67', name: 'Bas-Rhin', inScope: true },
      { code: '68', name: 'Haut-Rhin', inScope: false },
    ]);
    const places = (await t.app.inject('/api/vintages/vintage-mini/geo/places')).json();
    expect(places.features[0].properties).toEqual({ code: '67003', name: 'Gamma', population: 2000 });
  });

  it('GET geo/:level answers 404 UNKNOWN_LEVEL listing the levels', async () => {
    const res = await t.app.inject('/api/vintages/vintage-mini/geo/canton');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      code: 'UNKNOWN_LEVEL',
      details: { available: ['commune', 'epci', 'dep'] },
    });
  });

  it('GET geo/:level answers 304 to a matching If-None-Match, and compresses on request', async () => {
    const url = '/api/vintages/vintage-mini/geo/commune';
    const first = await t.app.inject(url);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await t.app.inject({ url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const br = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.etag).not.toBe(etag); // one entity tag per encoding
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(first.body);
    const gz = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(first.body);
    expect(gz.headers.vary).toContain('Accept-Encoding');
  });
});

describe('GET /api/vintages/:vid/territories/:level/:code', () => {
  it('GET territories/epci/:code gives members and aggregated variables (hand-computed)', async () => {
    const res = await t.app.inject('/api/vintages/vintage-mini/territories/epci/200000002');
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail).toMatchObject({
      level: 'epci',
      code: '200000002',
      name: 'CA Gamma',
      nature: 'CA',
      complete: true,
      membersTotal: 3,
      members: [
        { code: '67003', name: 'Gamma', inScope: true },
        { code: '67004', name: 'Delta', inScope: true },
        { code: '68001', name: 'Epsilon', inScope: false },
      ],
      memberships: [],
    });
    const v = Object.fromEntries(detail.variables.map((x: { id: string }) => [x.id, x]));
    expect(v['POP@2018']).toMatchObject({ value: 3050, estimate: true, missingMembers: 0 }); // 2000+250+800
    expect(v.SUPERF.value).toBe(31); // 20+3+8
    expect(v['NBMENFISC@2019']).toMatchObject({ value: null, missingMembers: 1 }); // Delta withheld
    expect(v['MED@2019'].value).toBeCloseTo((850 * 23000 + 330 * 20000) / 1180, 6);
    expect(v['TP60@2019'].value).toBeCloseTo((850 * 9 + 330 * 15) / 1180, 9);
    expect(v['ESS_ETAB@2018']).toMatchObject({ value: 15, synthetic: true });
  });

  it('GET territories/commune/:code gives its memberships at each level', async () => {
    const detail = (await t.app.inject('/api/vintages/vintage-mini/territories/commune/67002')).json();
    expect(detail).toMatchObject({ name: 'Beta', membersTotal: 1, complete: true });
    expect(detail.memberships).toEqual([
      { level: 'epci', code: '200000001', name: 'CC Alpha-Beta' },
      { level: 'dep', code: '67', name: 'Bas-Rhin' },
    ]);
    const med = detail.variables.find((x: { id: string }) => x.id === 'MED@2019');
    expect(med).toMatchObject({ value: null, missingMembers: 1, estimate: false });
  });

  it('GET territories answers 404 UNKNOWN_TERRITORY and UNKNOWN_LEVEL', async () => {
    const unknown = await t.app.inject('/api/vintages/vintage-mini/territories/epci/999999999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('UNKNOWN_TERRITORY');
    const level = await t.app.inject('/api/vintages/vintage-mini/territories/arr/671');
    expect(level.json().code).toBe('UNKNOWN_LEVEL');
  });
});

describe('GET /api/frameworks/default', () => {
  it('GET /api/frameworks/default sends the engine framework with its four dimensions', async () => {
    const res = await t.app.inject('/api/frameworks/default');
    expect(res.statusCode).toBe(200);
    expect(res.json().dimensions.map((d: { id: string }) => d.id)).toEqual([
      'economy',
      'ess',
      'precarity',
      'desertification',
    ]);
    const config = (await t.app.inject('/api/config/default')).json();
    expect(config).toMatchObject({ level: 'commune', methods: { normalisation: { method: 'minMax' } } });
  });
});

describe('GET /health and /ready', () => {
  it('GET /ready says ready once the default vintage loads; 503 NOT_READY when it is missing', async () => {
    expect((await t.app.inject('/health')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/ready')).json()).toEqual({
      status: 'ready',
      vintage: 'vintage-mini',
      communes: 5,
    });
    const other = await testApp({ config: { defaultVintage: 'absent-2099' } });
    const res = await other.app.inject('/ready');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      code: 'NOT_READY',
      details: { vintage: expect.stringContaining('absent-2099') },
    });
    await other.close();
  });
});

const REAL = join(BUILD_DIR, 'bas-rhin-2021');
describe.skipIf(!existsSync(join(REAL, 'manifest.json')))('territories on the real Bas-Rhin vintage', () => {
  let real: TestApp;
  beforeAll(async () => {
    real = await testApp({ config: { vintagesDir: BUILD_DIR, defaultVintage: 'bas-rhin-2021' } });
  });
  afterAll(async () => real.close());

  it('GET territories/epci/:code sums the population of its members as read from communes.json', async () => {
    const communes = JSON.parse(readFileSync(join(REAL, 'communes.json'), 'utf8'));
    const zonings = JSON.parse(readFileSync(join(REAL, 'zonings.json'), 'utf8'));
    const epci = zonings.levels.find((l: { id: string }) => l.id === 'epci');
    const popId = JSON.parse(readFileSync(join(REAL, 'variables.json'), 'utf8')).aliases.latest.POP;
    // The largest EPCI by members, checked independently of the API's aggregation.
    const unit = [...epci.units].sort((a, b) => b.membersInVintage - a.membersInVintage)[0];
    let expected = 0;
    communes.codes.forEach((_: string, i: number) => {
      if (communes.zonings.epci[i] === unit.code) expected += communes.columns[popId][i];
    });
    const detail = (
      await real.app.inject(`/api/vintages/bas-rhin-2021/territories/epci/${unit.code}`)
    ).json();
    expect(detail.members).toHaveLength(unit.membersInVintage);
    expect(detail.variables.find((v: { id: string }) => v.id === popId).value).toBeCloseTo(expected, 6);
  });
});
