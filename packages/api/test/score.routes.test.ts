import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { contiguityWeights, decodeVintage, type ScoreConfig, score } from '@ptce/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { miniConfig } from './fixtures/miniFramework.ts';
import { BUILD_DIR, bearer, FIXTURES_DIR, type TestApp, testApp } from './helpers.ts';

const read = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));

/** A vintage folder decoded by the engine alone, without the API's registry. */
function readVintage(dir: string) {
  const [manifest, variables, communes, zonings] = ['manifest', 'variables', 'communes', 'zonings'].map((f) =>
    read(dir, `${f}.json`),
  );
  return decodeVintage({ manifest, variables, communes, zonings });
}

/** The engine called directly on the files: the reference the route must reproduce exactly. */
function direct(dir: string, config: ScoreConfig) {
  return JSON.parse(JSON.stringify(score(readVintage(dir), config)));
}

const post = (t: TestApp, payload: object, headers: Record<string, string> = {}, vid = 'vintage-mini') =>
  t.app.inject({ method: 'POST', url: `/api/vintages/${vid}/score`, payload, headers });

/** Every route test runs twice: scoring on the event loop, and in a pool of real worker threads. */
const MODES = [
  ['on the event loop', 0],
  ['in worker threads', 2],
] as const;

describe.each(MODES)('POST /api/vintages/:vid/score on the fixture, scoring %s', (_mode, scoreWorkers) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ config: { scoreWorkers } });
  });
  afterAll(async () => t.close());

  it('POST score returns exactly what the engine computes, with its hash as ETag', async () => {
    const res = await post(t, miniConfig);
    expect(res.statusCode).toBe(200);
    const expected = direct(join(FIXTURES_DIR, 'vintage-mini'), miniConfig as ScoreConfig);
    expect(res.json()).toEqual(expected);
    expect(res.body).toBe(
      JSON.stringify(score(readVintage(join(FIXTURES_DIR, 'vintage-mini')), miniConfig as ScoreConfig)),
    );
    expect(res.headers.etag).toBe(`"${expected.hash}"`);
    expect(expected.counts.territories).toBe(2);
  });

  it('POST score caches by (vintage, configuration): same config in another key order hits', async () => {
    const config = {
      ...miniConfig,
      changes: { dimensions: { economy: { weight: 3 }, precarity: { weight: 1 } } },
    };
    const first = await post(t, config);
    expect(first.headers['x-ptce-cache']).toBe('miss');
    const reordered = {
      changes: { dimensions: { precarity: { weight: 1 }, economy: { weight: 3 } } },
      framework: miniConfig.framework,
      level: 'epci',
    };
    const second = await post(t, reordered);
    expect(second.headers['x-ptce-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    const other = await post(t, { ...config, changes: { dimensions: { economy: { weight: 2 } } } });
    expect(other.headers['x-ptce-cache']).toBe('miss');
    expect(other.json().hash).not.toBe(first.json().hash);
    const revalidated = await post(t, config, { 'if-none-match': first.headers.etag as string });
    expect(revalidated.statusCode).toBe(304);
  });

  it('POST reload (admin) empties the score cache', async () => {
    await post(t, miniConfig);
    expect((await post(t, miniConfig)).headers['x-ptce-cache']).toBe('hit');
    const reload = await t.app.inject({
      method: 'POST',
      url: '/api/vintages/vintage-mini/reload',
      headers: bearer(t.tokens.admin),
    });
    expect(reload.json()).toEqual({ id: 'vintage-mini', communes: 5 });
    expect((await post(t, miniConfig)).headers['x-ptce-cache']).toBe('miss');
  });

  it('POST score with the neighbours imputation supplies the level contiguity, as the engine expects', async () => {
    const config = { ...miniConfig, level: 'commune', methods: { imputation: { method: 'neighbours' } } };
    const res = await post(t, config);
    expect(res.statusCode, res.body).toBe(200);
    // Reference: the engine given the contiguity computed here from the same polygons.
    const dir = join(FIXTURES_DIR, 'vintage-mini');
    const vintage = readVintage(dir);
    const { features } = read(dir, 'geo/commune.geojson');
    const w = contiguityWeights(features);
    const codes = features.map((f: { properties: { code: string } }) => f.properties.code);
    const expected = score(vintage, config as ScoreConfig, {
      neighbours: { offsets: w.offsets, neighbours: w.neighbours, codes },
    });
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(expected)));
    // Beta (67002, median income withheld) borders Alpha and Gamma: its value is imputed.
    const beta = res.json().territories.find((x: { code: string }) => x.code === '67002');
    const income = beta.indicators.find((i: { id: string }) => i.id === 'prec_income');
    expect(income.raw).toBeNull();
    expect(income.value).not.toBeNull();
  });

  it('POST score answers 501 SCORING_UNAVAILABLE when the server has no scorer', async () => {
    const bare = await testApp({ scorer: null });
    const res = await post(bare, miniConfig);
    expect(res.statusCode).toBe(501);
    expect(res.json().code).toBe('SCORING_UNAVAILABLE');
    await bare.close();
  });
});

const REAL = join(BUILD_DIR, 'bas-rhin-2021');
const hasReal = existsSync(join(REAL, 'manifest.json'));
if (!hasReal) {
  console.warn(
    `score.routes.test: ${REAL} absent — real-vintage tests skipped (build it with \`pnpm ptce data build\`).`,
  );
}

describe.skipIf(!hasReal).each(MODES)(
  'POST /api/vintages/bas-rhin-2021/score on the real Bas-Rhin vintage, scoring %s',
  (_mode, scoreWorkers) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp({
        config: { vintagesDir: BUILD_DIR, defaultVintage: 'bas-rhin-2021', scoreWorkers },
      });
    });
    afterAll(async () => t.close());

    it('POST score with the default framework ranks the 514 communes exactly as the engine does', async () => {
      const res = await post(t, {}, {}, 'bas-rhin-2021');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const expected = direct(REAL, {});
      expect(body.hash).toBe(expected.hash);
      expect(body.counts).toEqual(expected.counts);
      expect(body.counts.territories).toBe(514);
      expect(body.territories.map((x: { code: string }) => x.code)).toEqual(
        expected.territories.map((x: { code: string }) => x.code),
      );
    });

    it('POST score for the ranking view (new weights, explain.detail ranking) sends the bytes of JSON.stringify of the engine result', async () => {
      const vintage = readVintage(REAL);
      for (const ess of [1.2345678, 0.75]) {
        const config = {
          changes: { dimensions: { ess: { weight: ess }, precarity: { weight: 1.3 } } },
          explain: { detail: 'ranking' },
        };
        const res = await post(t, config, {}, 'bas-rhin-2021');
        expect(res.statusCode).toBe(200);
        expect(res.headers['x-ptce-cache']).toBe('miss');
        expect(res.body).toBe(JSON.stringify(score(vintage, config as ScoreConfig)));
        const compressed = await post(t, config, { 'accept-encoding': 'gzip, deflate, br' }, 'bas-rhin-2021');
        expect(compressed.headers['content-encoding']).toBe('br');
        expect(brotliDecompressSync(compressed.rawPayload).toString()).toBe(res.body);
      }
    });

    it('POST score at the EPCI level with changed weights matches the engine', async () => {
      for (const weight of [1, 2, 0.5]) {
        const config = { level: 'epci', changes: { dimensions: { ess: { weight } } } };
        const res = await post(t, config, {}, 'bas-rhin-2021');
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual(direct(REAL, config));
      }
    });
  },
);
