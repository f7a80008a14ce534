import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (packages/api/src -> ../../..), base of every relative default path. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Reads that can be opened to callers without a token (`PTCE_PUBLIC_READS`). Drafts never can. */
export const PUBLIC_READS = ['vintages', 'score', 'published'] as const;
export type PublicRead = (typeof PUBLIC_READS)[number];

export interface ApiConfig {
  /** `PTCE_HOST`, default `127.0.0.1` (loopback only: say `0.0.0.0` to listen on every interface). */
  host: string;
  /** `PTCE_PORT`, default `8080`; `0` picks a free port. */
  port: number;
  /** `PTCE_DATA_DIR`, default `<repo>/data`: the SQLite file (scenarios, shortlists, tokens). */
  dataDir: string;
  /** `PTCE_VINTAGES_DIR`, default `<repo>/datasets/build`: one folder per dataset vintage. */
  vintagesDir: string;
  /** `PTCE_DEFAULT_VINTAGE`, default `bas-rhin-2021`. */
  defaultVintage: string;
  /** `PTCE_UI_DIST`, default `<repo>/packages/map-ui/dist`: the built map, served at `/`. */
  uiDist: string;
  /** `PTCE_CORS_ORIGINS`, comma-separated origins allowed to call the API from a browser; default none. */
  corsOrigins: string[];
  /** `PTCE_PUBLIC_READS`, comma-separated among vintages, score, published; default `vintages,score`. */
  publicReads: ReadonlySet<PublicRead>;
  /** `PTCE_RATE_LIMIT`, requests per minute per client (token, else address); `0` disables. Default 1200. */
  rateLimitPerMinute: number;
  /** `PTCE_BODY_LIMIT`, largest request body in bytes; default 1 MiB. */
  bodyLimit: number;
  /** `PTCE_SCORE_CACHE`, most scoring results kept in memory (least recently used dropped); default 256. */
  scoreCacheEntries: number;
  /**
   * `PTCE_SCORE_CACHE_MB`, memory for those results, in MiB; default 128. A commune-level result
   * of the Bas-Rhin weighs about 3 MB, of France about 200 MB: the budget, not the count, binds.
   */
  scoreCacheMegabytes: number;
  /** `PTCE_JOB_TTL`, seconds a finished job's result is kept; default 900. */
  jobTtlSeconds: number;
  /**
   * `PTCE_SCORE_WORKERS`, worker threads that score (engine, serialisation, compression) off
   * the event loop; default the available parallelism, at most 4. `0` scores on the event loop.
   * Each worker decodes the vintages it scores: memory grows by one vintage per worker.
   */
  scoreWorkers: number;
  /**
   * `PTCE_ROBUSTNESS_WORKERS`, worker threads that run the parts of a Monte-Carlo robustness job
   * at once (same figures as one thread); default as for scoring. Started on the first job,
   * stopped after a minute without work. `0` runs the jobs on the event loop, in one part.
   */
  robustnessWorkers: number;
  /** `PTCE_LOG_LEVEL`, default `info`. */
  logLevel: string;
}

/** A setting that cannot be used: the server refuses to start and says which variable to fix. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.variable = variable;
  }
}

/** One worker per core, capped: beyond 4, vintage copies cost more memory than the cores gain. */
const DEFAULT_SCORE_WORKERS = Math.min(availableParallelism(), 4);

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `« ${raw} » n'est pas un entier entre ${min} et ${max}.`);
  }
  return value;
}

function path(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  return isAbsolute(raw) ? raw : resolve(process.cwd(), raw);
}

function list(env: Env, name: string, fallback: string): string[] {
  const raw = env[name] ?? fallback;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function publicReads(env: Env): Set<PublicRead> {
  const values = list(env, 'PTCE_PUBLIC_READS', 'vintages,score');
  const allowed = new Set<string>(PUBLIC_READS);
  for (const value of values) {
    if (value === 'none') continue;
    if (!allowed.has(value)) {
      throw new ConfigError(
        'PTCE_PUBLIC_READS',
        `« ${value} » est inconnu ; valeurs possibles : ${PUBLIC_READS.join(', ')} (ou none).`,
      );
    }
  }
  return new Set(values.filter((v): v is PublicRead => allowed.has(v)));
}

/**
 * Reads the configuration from environment variables, with the documented defaults.
 * @throws {ConfigError} when a variable holds a value that cannot be used.
 */
export function loadConfig(env: Env = process.env): ApiConfig {
  const vintage = env.PTCE_DEFAULT_VINTAGE?.trim() || 'bas-rhin-2021';
  return {
    host: env.PTCE_HOST?.trim() || '127.0.0.1',
    port: integer(env, 'PTCE_PORT', 8080, 0, 65535),
    dataDir: path(env, 'PTCE_DATA_DIR', resolve(REPO_ROOT, 'data')),
    vintagesDir: path(env, 'PTCE_VINTAGES_DIR', resolve(REPO_ROOT, 'datasets/build')),
    defaultVintage: vintage,
    uiDist: path(env, 'PTCE_UI_DIST', resolve(REPO_ROOT, 'packages/map-ui/dist')),
    corsOrigins: list(env, 'PTCE_CORS_ORIGINS', ''),
    publicReads: publicReads(env),
    rateLimitPerMinute: integer(env, 'PTCE_RATE_LIMIT', 1200, 0, 10_000_000),
    bodyLimit: integer(env, 'PTCE_BODY_LIMIT', 1024 * 1024, 1024, 64 * 1024 * 1024),
    scoreCacheEntries: integer(env, 'PTCE_SCORE_CACHE', 256, 0, 100_000),
    scoreCacheMegabytes: integer(env, 'PTCE_SCORE_CACHE_MB', 128, 0, 1_000_000),
    jobTtlSeconds: integer(env, 'PTCE_JOB_TTL', 900, 1, 7 * 24 * 3600),
    scoreWorkers: integer(env, 'PTCE_SCORE_WORKERS', DEFAULT_SCORE_WORKERS, 0, 64),
    robustnessWorkers: integer(env, 'PTCE_ROBUSTNESS_WORKERS', DEFAULT_SCORE_WORKERS, 0, 64),
    logLevel: env.PTCE_LOG_LEVEL?.trim() || 'info',
  };
}
