import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { InputRecord } from '@ptce/engine';
import { repoRoot } from '../lib/repoRoot.ts';
import { DataError } from './DataError.ts';

export type Origin = InputRecord['origin'];

export interface SourceRoot {
  dir: string;
  origin: Origin;
}

export interface ResolvedSource {
  path: string;
  origin: Origin;
  url?: string;
}

/** The environment variable naming a folder of raw files (second in the search order). */
export const RAW_DIR_ENV = 'PTCE_RAW_DIR';

/** Where raw files are looked for, in order: --source, $PTCE_RAW_DIR, ../shared/datasets/raw. */
export function sourceRoots(
  sourceOption: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  useShared = true,
): SourceRoot[] {
  const roots: SourceRoot[] = [];
  if (sourceOption) roots.push({ dir: resolve(sourceOption), origin: 'source-option' });
  if (env[RAW_DIR_ENV]) roots.push({ dir: resolve(env[RAW_DIR_ENV] as string), origin: 'env' });
  for (const root of roots) {
    if (!existsSync(root.dir) || !statSync(root.dir).isDirectory()) {
      throw new DataError(
        'SOURCE_DIR_MISSING',
        {
          fr: `Le dossier de sources ${root.dir} n’existe pas.`,
          en: `The source folder ${root.dir} does not exist.`,
          hintFr: `Vérifiez le chemin donné ${root.origin === 'env' ? `dans ${RAW_DIR_ENV}` : 'à --source'}.`,
          hintEn: `Check the path given ${root.origin === 'env' ? `in ${RAW_DIR_ENV}` : 'to --source'}.`,
        },
        { file: root.dir },
      );
    }
  }
  if (useShared)
    roots.push({ dir: resolve(repoRoot(), '..', 'shared', 'datasets', 'raw'), origin: 'shared' });
  return roots;
}

/** Every file under a root, up to 3 folders deep (raw/insee/..., raw/geo/france/...). */
function listFiles(dir: string, depth = 3): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (depth > 0) out.push(...listFiles(path, depth - 1));
    } else out.push(path);
  }
  return out.sort();
}

/** Finds raw files by name pattern through the roots, first root first. */
export class SourceFinder {
  private readonly listings = new Map<string, string[]>();

  constructor(readonly roots: SourceRoot[]) {}

  private files(root: SourceRoot): string[] {
    let files = this.listings.get(root.dir);
    if (!files) this.listings.set(root.dir, (files = listFiles(root.dir)));
    return files;
  }

  /**
   * The first file matching one of `patterns` (in order of preference) in the first root that
   * has one; undefined when none does.
   */
  find(patterns: RegExp[]): ResolvedSource | undefined {
    for (const root of this.roots) {
      const files = this.files(root);
      for (const pattern of patterns) {
        const path = files.find((f) => pattern.test(basename(f)));
        if (path) return { path, origin: root.origin };
      }
    }
    return undefined;
  }

  /** Every file whose name matches `pattern`, through all the roots (first root first). */
  matching(pattern: RegExp): string[] {
    return this.roots.flatMap((root) => this.files(root).filter((f) => pattern.test(basename(f))));
  }

  /** Where files were looked for, for error messages. */
  describe(): string {
    return this.roots.map((r) => `${r.dir} (${r.origin})`).join(', ');
  }
}

interface SourcesFile {
  sources: Record<string, { url: string; file: string; page?: string; licence?: string }>;
}

/** The official download addresses (datasets/sources.json, or $PTCE_SOURCES_FILE). */
export function officialSources(env: NodeJS.ProcessEnv = process.env): SourcesFile['sources'] {
  const file = env.PTCE_SOURCES_FILE ?? join(repoRoot(), 'datasets', 'sources.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as SourcesFile).sources;
}

/**
 * Downloads an official file into datasets/cache/ (written aside, then renamed, so a cut
 * download never passes for a file), and records its address. Used only when no local copy
 * exists.
 */
export async function download(role: string, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedSource> {
  const source = officialSources(env)[role];
  if (!source) throw new Error(`no official address for ${role}`);
  const cacheDir = env.PTCE_CACHE_DIR ?? join(repoRoot(), 'datasets', 'cache');
  const target = join(cacheDir, source.file);
  if (existsSync(target)) return { path: target, origin: 'download', url: source.url };
  let bytes: Uint8Array;
  try {
    const response = await fetch(source.url, { signal: AbortSignal.timeout(120_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new DataError(
      'DOWNLOAD_FAILED',
      {
        fr: `Fichier « ${role} » introuvable localement, et son téléchargement a échoué (${(error as Error).message}).`,
        en: `File "${role}" not found locally, and downloading it failed (${(error as Error).message}).`,
        hintFr: `Téléchargez-le depuis ${source.page ?? source.url} et placez-le dans un dossier donné par --source ou ${RAW_DIR_ENV}.`,
        hintEn: `Download it from ${source.page ?? source.url} and put it in a folder given by --source or ${RAW_DIR_ENV}.`,
      },
      { file: source.url },
    );
  }
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${target}.part-${process.pid}`;
  writeFileSync(partial, bytes);
  renameSync(partial, target);
  return { path: target, origin: 'download', url: source.url };
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
