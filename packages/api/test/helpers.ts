import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from '../src/app.ts';
import { createToken } from '../src/auth/tokens.ts';
import type { PublicRead } from '../src/config.ts';
import { REPO_ROOT } from '../src/config.ts';

/** Folder holding the hand-made vintage `vintage-mini` (5 communes, 2 EPCI, 2 départements). */
export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures', import.meta.url));
/** Where the real vintages are built (`pnpm ptce data build`). */
export const BUILD_DIR = join(REPO_ROOT, 'datasets/build');

export type TestApp = Awaited<ReturnType<typeof testApp>>;

/**
 * An app on the fixture vintage with a fresh data folder, no rate limit, no UI, no logs, and
 * one token per role (plus a second analyst to test authorship). Settings come only from here,
 * never from the environment of the test run. Scorings run on the event loop unless
 * `config.scoreWorkers` says otherwise; with workers, resolves once they have all started.
 */
export async function testApp(
  options: Omit<BuildOptions, 'config'> & {
    config?: BuildOptions['config'];
    publicReads?: PublicRead[];
  } = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ptce-api-'));
  const app = await build({
    logger: false,
    ...options,
    env: {},
    config: {
      dataDir,
      vintagesDir: FIXTURES_DIR,
      defaultVintage: 'vintage-mini',
      uiDist: join(dataDir, 'no-ui'),
      rateLimitPerMinute: 0,
      publicReads: new Set(options.publicReads ?? ['vintages', 'score']),
      scoreWorkers: 0,
      ...options.config,
    },
  });
  await app.ready();
  await app.scoring.pool?.whenReady();
  const token = async (role: 'viewer' | 'analyst' | 'admin', name: string) =>
    (await createToken(app.store, { role, name })).token;
  const tokens = {
    viewer: await token('viewer', 'victor'),
    analyst: await token('analyst', 'alice'),
    analyst2: await token('analyst', 'bruno'),
    admin: await token('admin', 'ada'),
  };
  return {
    app,
    tokens,
    dataDir,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
