import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createToken, openStore } from '@ptce/api';
import { type BrowserContext, chromium } from 'playwright-core';

/*
 * What the end-to-end tests and the bench need, started from nothing: the built UI, the API
 * server on a free port with a fresh data folder and an analyst token, headless Chromium.
 */

export const UI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = resolve(UI_DIR, '../..');
export const VINTAGES_DIR = join(REPO, 'datasets/build');
export const ARTIFACTS = join(UI_DIR, 'e2e/artifacts');

/** Builds the UI into dist/ (the API serves it). */
export function buildUi(): void {
  const r = spawnSync(join(UI_DIR, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: UI_DIR,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

export interface Api {
  baseUrl: string;
  /** Bearer tokens created for the run. */
  tokens: { analyst: string; admin: string };
  close(): Promise<void>;
}

/** Starts `packages/api/src/server.ts` against datasets/build with a fresh data folder. */
export async function startApi(): Promise<Api> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ptce-e2e-data-'));
  const store = await openStore(dataDir);
  const analyst = (await createToken(store, { role: 'analyst', name: 'Analyste e2e' })).token;
  const admin = (await createToken(store, { role: 'admin', name: 'Admin e2e' })).token;
  await store.close();
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx/esm', join(REPO, 'packages/api/src/server.ts')],
    {
      cwd: join(REPO, 'packages/api'),
      env: {
        ...process.env,
        PTCE_PORT: String(port),
        PTCE_HOST: '127.0.0.1',
        PTCE_UI_DIST: join(UI_DIR, 'dist'),
        PTCE_DATA_DIR: dataDir,
        PTCE_VINTAGES_DIR: VINTAGES_DIR,
        PTCE_LOG_LEVEL: 'warn',
        PTCE_RATE_LIMIT: '0',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited early (code ${child.exitCode})`);
    const ready = await fetch(`${baseUrl}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error('the API was not ready after 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    tokens: { analyst, admin },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium (Debian package) with WebGL through SwiftShader, per shared/TOOLCHAIN.md. */
export async function launchBrowser(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ptce-ui-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 720 },
    locale: 'fr-FR',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}
