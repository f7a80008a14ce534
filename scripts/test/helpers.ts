import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildOptions, buildVintage } from '../src/data/buildVintage.ts';
import { DataError } from '../src/data/DataError.ts';
import { repoRoot } from '../src/lib/repoRoot.ts';

export const FIXTURE = join(repoRoot(), 'datasets', 'fixtures', 'raw-mini');
export const SHARED_RAW = join(repoRoot(), '..', 'shared', 'datasets', 'raw');
export const hasShared = existsSync(join(SHARED_RAW, 'insee', 'base_cc_comparateur.csv'));

/** A copy of the hand-made raw folder, changed by `edit` (paths relative to the copy). */
export function rawCopy(edit?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'ptce-raw-'));
  cpSync(FIXTURE, dir, { recursive: true });
  edit?.(dir);
  return dir;
}

export function editText(dir: string, path: string, change: (text: string) => string): void {
  const file = join(dir, path);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

/** Builds from a raw folder into a fresh output folder, never looking at ../shared or the network. */
export async function buildMini(source: string, options: Partial<BuildOptions> = {}) {
  const outDir = mkdtempSync(join(tmpdir(), 'ptce-out-'));
  const summary = await buildVintage({
    source,
    outDir,
    id: 'mini',
    download: false,
    useShared: false,
    env: {},
    ...options,
  });
  return { summary, outDir, dir: join(outDir, 'mini') };
}

/** Runs a build expected to fail; returns the DataError and checks nothing was left behind. */
export async function buildFails(source: string, options: Partial<BuildOptions> = {}): Promise<DataError> {
  const outDir = mkdtempSync(join(tmpdir(), 'ptce-out-'));
  try {
    await buildVintage({
      source,
      outDir,
      id: 'mini',
      download: false,
      useShared: false,
      env: {},
      ...options,
    });
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    const left = readdirSync(outDir);
    if (left.length > 0) throw new Error(`a failed build left files behind: ${left.join(', ')}`);
    return error;
  }
  throw new Error('the build was expected to fail');
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Runs the real command line (`ptce ...`) in a child process; `vintages` adds `--vintages DIR`. */
export function ptce(args: string[], options: { vintages?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx/esm',
      join(repoRoot(), 'scripts/src/cli.ts'),
      ...args,
      ...(options.vintages ? ['--vintages', options.vintages] : []),
    ],
    { cwd: join(repoRoot(), 'scripts'), encoding: 'utf8', env: { ...process.env, CI: '1', ...options.env } },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
