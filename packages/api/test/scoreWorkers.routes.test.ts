import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { miniConfig } from './fixtures/miniFramework.ts';
import { bearer, type TestApp, testApp } from './helpers.ts';

const post = (t: TestApp, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/vintages/vintage-mini/score', payload, headers });

describe('POST score with PTCE_SCORE_WORKERS=2 (real worker threads) against PTCE_SCORE_WORKERS=0', () => {
  let pooled: TestApp;
  let inline: TestApp;
  beforeAll(async () => {
    [pooled, inline] = await Promise.all([
      testApp({ config: { scoreWorkers: 2 } }),
      testApp({ config: { scoreWorkers: 0 } }),
    ]);
  });
  afterAll(async () => Promise.all([pooled.close(), inline.close()]));

  it('the app with workers scores in its pool, the other on the event loop', () => {
    expect(pooled.app.scoring.pool?.size).toBe(2);
    expect(inline.app.scoring.pool).toBeNull();
  });

  it('POST score answers the same status, headers and bytes, compressed or not, and the same engine errors', async () => {
    const configs: object[] = [
      miniConfig,
      { ...miniConfig, level: 'commune', changes: { dimensions: { economy: { weight: 2.75 } } } },
      { ...miniConfig, level: 'commune', methods: { imputation: { method: 'neighbours' } } },
      // Engine errors, thrown in the worker (the main thread never calls the engine in this mode):
      { ...miniConfig, changes: { indicators: { eco_jobs: { weight: 0 }, eco_ess: { weight: 0 } } } },
      { ...miniConfig, changes: { pillars: { need: 0, potential: 0 } } },
      { ...miniConfig, level: 'region' },
      {},
    ];
    const statuses = new Set<number>();
    for (const config of configs) {
      const encodings: Record<string, string>[] = [
        {},
        { 'accept-encoding': 'gzip, deflate, br' },
        { 'accept-encoding': 'gzip' },
      ];
      for (const headers of encodings) {
        const [a, b] = [await post(pooled, config, headers), await post(inline, config, headers)];
        statuses.add(a.statusCode);
        expect(a.statusCode, a.body).toBe(b.statusCode);
        for (const name of ['content-type', 'content-encoding', 'etag', 'cache-control', 'vary']) {
          expect(a.headers[name], name).toBe(b.headers[name]);
        }
        expect(a.rawPayload.equals(b.rawPayload)).toBe(true);
        if (a.statusCode >= 400) expect(a.json().details).toEqual(b.json().details);
      }
    }
    expect([...statuses].sort()).toEqual([200, 400]);
    const worker = await post(pooled, configs[1]!, { 'accept-encoding': 'br' });
    expect(worker.headers['x-ptce-cache']).toBe('hit');
    const plain = await post(inline, configs[1]!);
    expect(brotliDecompressSync(worker.rawPayload).equals(plain.rawPayload)).toBe(true);
  });

  it('identical requests in flight together are scored once', async () => {
    const config = { ...miniConfig, changes: { dimensions: { precarity: { weight: 1.125 } } } };
    const before = pooled.app.scoring.stats();
    const replies = await Promise.all(Array.from({ length: 5 }, () => post(pooled, config)));
    const after = pooled.app.scoring.stats();
    expect(replies.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(replies.map((r) => r.body)).size).toBe(1);
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(4);
    expect(replies.filter((r) => r.headers['x-ptce-cache'] === 'miss')).toHaveLength(1);
  });

  it('workers that end are replaced: /ready, /api/status and scoring come back', async () => {
    const pool = pooled.app.scoring.pool!;
    const status = async () =>
      (await pooled.app.inject({ url: '/api/status', headers: bearer(pooled.tokens.admin) })).json()
        .scoreWorkers;
    expect(await status()).toEqual({ size: 2, ready: 2, pending: 0, restarts: 0 });
    expect((await pooled.app.inject('/ready')).statusCode).toBe(200);
    await Promise.all(pool.workers().map((w) => w.terminate()));
    expect(pool.readyWorkers).toBe(0);
    const notReady = await pooled.app.inject('/ready');
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json().details.scoreWorkers).toMatch(/fils de calcul/);
    // Asked while no worker is up: waits for a new one rather than fail.
    const res = await post(pooled, { ...miniConfig, changes: { dimensions: { economy: { weight: 4 } } } });
    expect(res.statusCode, res.body).toBe(200);
    await pool.whenReady();
    expect(await status()).toMatchObject({ size: 2, ready: 2, restarts: 2 });
    expect((await pooled.app.inject('/ready')).statusCode).toBe(200);
  });

  it('closing the app stops the workers', async () => {
    const t = await testApp({ config: { scoreWorkers: 1 } });
    const pool = t.app.scoring.pool!;
    expect(pool.readyWorkers).toBe(1);
    await t.close();
    expect(pool.workers()).toHaveLength(0);
  });
});
