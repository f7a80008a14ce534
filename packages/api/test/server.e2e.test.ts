/** End-to-end: the real server process on a loopback port, called with fetch. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/tokens.ts';
import { openStore } from '../src/store/openStore.ts';
import { miniConfig } from './fixtures/miniFramework.ts';
import { type ServerProcess, startServer } from './serverProcess.ts';

let dataDir: string;
let server: ServerProcess;
let token: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ptce-e2e-'));
  const store = await openStore(dataDir);
  token = (await createToken(store, { role: 'analyst', name: 'e2e' })).token;
  await store.close();
  server = await startServer(dataDir, { PTCE_CORS_ORIGINS: 'http://allowed.example', PTCE_RATE_LIMIT: '60' });
});
afterAll(async () => {
  if (server.child.exitCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the server over HTTP', () => {
  it('GET /health and /ready answer; request ids come back; security headers are set', async () => {
    const health = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'e2e-req-1' } });
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(health.headers.get('x-request-id')).toBe('e2e-req-1');
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
    // Ready once the score workers have started (they load tsx and the engine: a moment after listening).
    let ready = await fetch(`${server.url}/ready`);
    for (let i = 0; ready.status !== 200 && i < 300; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ready = await fetch(`${server.url}/ready`);
    }
    expect(await ready.json()).toMatchObject({ status: 'ready', communes: 5 });
    expect(server.logs.some((l) => l.includes('"reqId":"e2e-req-1"'))).toBe(true);
  });

  it('POST score over HTTP, compressed, then served from the cache', async () => {
    const post = () =>
      fetch(`${server.url}/api/vintages/vintage-mini/score`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
        body: JSON.stringify(miniConfig),
      });
    const first = await post();
    expect(first.status).toBe(200);
    expect(first.headers.get('content-encoding')).toBe('gzip');
    const result = (await first.json()) as { counts: { territories: number }; hash: string };
    expect(result.counts.territories).toBe(2);
    const second = await post();
    expect(second.headers.get('x-ptce-cache')).toBe('hit');
    expect(((await second.json()) as { hash: string }).hash).toBe(result.hash);
  });

  it('CORS allows the configured origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/scenarios`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      });
    expect((await preflight('http://allowed.example')).headers.get('access-control-allow-origin')).toBe(
      'http://allowed.example',
    );
    expect((await preflight('http://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the rate limit answers 429 RATE_LIMITED in the common error shape', async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 80 && !limited; i++) {
      const res = await fetch(`${server.url}/api/vintages`);
      if (res.status === 429) limited = res;
      else await res.arrayBuffer();
    }
    expect(limited?.status).toBe(429);
    const body = await limited!.json();
    expect(body).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 60 } });
    expect(limited!.headers.get('retry-after')).not.toBeNull();
  });

  it('SIGTERM closes the server cleanly (exit 0) after a write, which is then on disk', async () => {
    const created = await fetch(`${server.url}/api/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'avant arrêt', vintageId: 'vintage-mini', config: {} }),
    });
    // The token bucket is per token, so the anonymous rate limit above does not block this.
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.logs.some((l) => l.includes('shutting down'))).toBe(true);
    const store = await openStore(dataDir);
    expect((await store.scenarios.get(id))?.name).toBe('avant arrêt');
    await store.close();
  });
});
