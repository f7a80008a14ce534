import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from './helpers.ts';

let t: TestApp;
// A stand-in for the built map UI, made before the app starts (the UI folder is checked at start).
const dist = mkdtempSync(join(tmpdir(), 'ptce-ui-'));
beforeAll(async () => {
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Carte PTCE</title>');
  writeFileSync(join(dist, 'assets', 'main-abc123.js'), 'console.log("carte")');
  t = await testApp({ config: { uiDist: dist } });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the map UI', () => {
  it('GET / and unknown page paths send index.html, revalidated each time', async () => {
    for (const url of ['/', '/carte/epci?poids=1']) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('Carte PTCE');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('GET /assets/* is served with a long immutable cache', async () => {
    const res = await t.app.inject('/assets/main-abc123.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('unknown /api paths and non-GET requests get a JSON 404, not the page', async () => {
    const api = await t.app.inject('/api/nope');
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe('NOT_FOUND');
    const post = await t.app.inject({ method: 'POST', url: '/carte' });
    expect(post.statusCode).toBe(404);
  });

  it('without a build, GET / is a JSON 503 saying how to build the UI', async () => {
    const bare = await testApp();
    const res = await bare.app.inject('/');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'UI_NOT_BUILT' });
    expect(res.json().message).toContain('pnpm --filter @ptce/map-ui build');
    await bare.close();
  });
});
