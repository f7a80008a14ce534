import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import {
  type CommunesFile,
  decodeVintage,
  isEngineError,
  type VariablesFile,
  type Vintage,
  type VintageManifest,
  type ZoningsFile,
  type ZoningUnit,
} from '@ptce/engine';
import { ApiError } from '../errors.ts';
import { CachedPayload } from '../http/payload.ts';

/** Vintage ids are folder names: lower-case letters, digits, `-` and `_` (no dots, no slashes). */
export const VINTAGE_ID_PATTERN = '^[a-z0-9][a-z0-9_-]{0,63}$';
const VINTAGE_ID = new RegExp(VINTAGE_ID_PATTERN);

/** How often (ms) a cached vintage checks whether its folder was rebuilt. */
const FRESHNESS_CHECK_MS = 2000;

export interface VintageSummary {
  id: string;
  title: string;
  createdAt: string;
  scope: VintageManifest['scope'];
  synthetic: VintageManifest['synthetic'];
  counts: VintageManifest['counts'];
  levels: VintageManifest['levels'];
  isDefault: boolean;
}

/** A decoded vintage and what the API derives from it once. */
export interface LoadedVintage {
  id: string;
  dir: string;
  vintage: Vintage;
  /** sha256 of manifest.json: changes whenever the vintage is rebuilt (the manifest lists its outputs' hashes). */
  fingerprint: string;
  /** Commune rows of each zoning unit: level -> unit code -> row indices. */
  members: Map<string, Map<string, number[]>>;
  /** Zoning units by code: level -> unit code -> unit. */
  units: Map<string, Map<string, ZoningUnit>>;
}

interface Entry {
  manifestMtimeMs: number;
  checkedAt: number;
  loaded?: Promise<LoadedVintage>;
  files: Map<string, Promise<CachedPayload>>;
}

/**
 * The dataset vintages under a folder (one sub-folder per vintage, see
 * packages/engine/src/vintage/types.ts). Loads each lazily on first use and keeps it decoded
 * in memory; notices a rebuild (manifest.json changed) and reloads.
 */
export class VintageRegistry {
  readonly dir: string;
  readonly defaultId: string;
  private readonly entries = new Map<string, Entry>();

  constructor(dir: string, defaultId: string) {
    this.dir = resolve(dir);
    this.defaultId = defaultId;
  }

  /** Ids of the folders holding a manifest.json, sorted. */
  ids(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir, { withFileTypes: true })
      .filter(
        (d) =>
          d.isDirectory() && VINTAGE_ID.test(d.name) && existsSync(join(this.dir, d.name, 'manifest.json')),
      )
      .map((d) => d.name)
      .sort();
  }

  async list(): Promise<VintageSummary[]> {
    const summaries: VintageSummary[] = [];
    for (const id of this.ids()) {
      const manifest = await this.manifest(id);
      summaries.push({
        id,
        title: manifest.title,
        createdAt: manifest.createdAt,
        scope: manifest.scope,
        synthetic: manifest.synthetic,
        counts: manifest.counts,
        levels: manifest.levels,
        isDefault: id === this.defaultId,
      });
    }
    return summaries;
  }

  async manifest(id: string): Promise<VintageManifest> {
    return JSON.parse((await this.file(id, 'manifest.json')).body.toString('utf8')) as VintageManifest;
  }

  /** The decoded vintage. @throws {ApiError} 404 `VINTAGE_NOT_FOUND`, 503 `VINTAGE_UNREADABLE`. */
  async load(id: string): Promise<LoadedVintage> {
    const entry = await this.entry(id);
    entry.loaded ??= this.decode(id).catch((error: unknown) => {
      entry.loaded = undefined;
      throw error;
    });
    return entry.loaded;
  }

  /**
   * A file of the vintage folder as a cached payload (read once). `path` is relative to the
   * vintage folder and must stay inside it.
   * @throws {ApiError} 404 `VINTAGE_NOT_FOUND` / `VINTAGE_FILE_MISSING`.
   */
  async file(
    id: string,
    path: string,
    contentType = 'application/json; charset=utf-8',
  ): Promise<CachedPayload> {
    const entry = await this.entry(id);
    let payload = entry.files.get(path);
    if (!payload) {
      payload = this.read(id, path, contentType);
      entry.files.set(path, payload);
      payload.catch(() => entry.files.delete(path));
    }
    return payload;
  }

  /** The four JSON files in one body, as written (not re-serialised): what the map's worker decodes. */
  async bundle(id: string): Promise<CachedPayload> {
    const entry = await this.entry(id);
    let payload = entry.files.get('#bundle');
    if (!payload) {
      payload = (async () => {
        const [manifest, variables, communes, zonings] = await Promise.all(
          ['manifest.json', 'variables.json', 'communes.json', 'zonings.json'].map((f) => this.file(id, f)),
        );
        return new CachedPayload(
          Buffer.concat([
            Buffer.from('{"manifest":'),
            manifest!.body,
            Buffer.from(',"variables":'),
            variables!.body,
            Buffer.from(',"communes":'),
            communes!.body,
            Buffer.from(',"zonings":'),
            zonings!.body,
            Buffer.from('}'),
          ]),
          'application/json; charset=utf-8',
        );
      })();
      entry.files.set('#bundle', payload);
      payload.catch(() => entry.files.delete('#bundle'));
    }
    return payload;
  }

  /** Forgets what was read of a vintage (next use reads the folder again). */
  evict(id: string): boolean {
    return this.entries.delete(id);
  }

  private folder(id: string): string {
    if (!VINTAGE_ID.test(id) || !existsSync(join(this.dir, id, 'manifest.json'))) {
      const known = this.ids();
      throw new ApiError(
        404,
        'VINTAGE_NOT_FOUND',
        `Millésime « ${id} » introuvable. ${
          known.length > 0
            ? `Millésimes disponibles : ${known.join(', ')}.`
            : 'Aucun millésime construit : lancez « pnpm ptce data build ».'
        }`,
        { vintageId: id, available: known },
      );
    }
    return join(this.dir, id);
  }

  private async entry(id: string): Promise<Entry> {
    const now = Date.now();
    let entry = this.entries.get(id);
    // Only ids whose folder was found have an entry: a fresh one needs no file system call.
    if (entry && now - entry.checkedAt < FRESHNESS_CHECK_MS) return entry;
    const dir = this.folder(id);
    const { mtimeMs } = await stat(join(dir, 'manifest.json'));
    if (!entry || entry.manifestMtimeMs !== mtimeMs) {
      entry = { manifestMtimeMs: mtimeMs, checkedAt: now, files: new Map() };
      this.entries.set(id, entry);
    }
    entry.checkedAt = now;
    return entry;
  }

  private async read(id: string, path: string, contentType: string): Promise<CachedPayload> {
    const dir = this.folder(id);
    const full = resolve(dir, path);
    const inside = relative(dir, full);
    if (inside.startsWith('..') || inside.startsWith(sep) || !existsSync(full)) {
      throw new ApiError(404, 'VINTAGE_FILE_MISSING', `Le millésime « ${id} » n'a pas de fichier ${path}.`, {
        vintageId: id,
        file: path,
      });
    }
    return new CachedPayload(await readFile(full), contentType);
  }

  private async decode(id: string): Promise<LoadedVintage> {
    const parse = async <T>(name: string): Promise<T> => {
      const payload = await this.file(id, name);
      try {
        return JSON.parse(payload.body.toString('utf8')) as T;
      } catch (error) {
        throw unreadable(id, `${name} n'est pas du JSON valide (${(error as Error).message})`);
      }
    };
    const [manifest, variables, communes, zonings] = await Promise.all([
      parse<VintageManifest>('manifest.json'),
      parse<VariablesFile>('variables.json'),
      parse<CommunesFile>('communes.json'),
      parse<ZoningsFile>('zonings.json'),
    ]);
    let vintage: Vintage;
    try {
      vintage = decodeVintage({ manifest, variables, communes, zonings });
    } catch (error) {
      if (isEngineError(error)) throw unreadable(id, error.message);
      throw error;
    }
    const fingerprint = createHash('sha256')
      .update((await this.file(id, 'manifest.json')).body)
      .digest('hex');
    const units = new Map(vintage.zonings.map((z) => [z.id, new Map(z.units.map((u) => [u.code, u]))]));
    return { id, dir: join(this.dir, id), vintage, fingerprint, members: membersByUnit(vintage), units };
  }
}

function unreadable(id: string, reason: string): ApiError {
  return new ApiError(
    503,
    'VINTAGE_UNREADABLE',
    `Le millésime « ${id} » est illisible : ${reason}. Reconstruisez-le avec « pnpm ptce data build ».`,
    { vintageId: id },
  );
}

function membersByUnit(vintage: Vintage): Map<string, Map<string, number[]>> {
  const byLevel = new Map<string, Map<string, number[]>>();
  for (const [level, codes] of Object.entries(vintage.communes.zonings)) {
    const units = new Map<string, number[]>();
    codes.forEach((code, row) => {
      if (code === '') return;
      const rows = units.get(code);
      if (rows) rows.push(row);
      else units.set(code, [row]);
    });
    byLevel.set(level, units);
  }
  return byLevel;
}
