/**
 * The persistence boundary. Routes only see these interfaces; `openStore()` returns the SQLite
 * implementation (one file in the data folder). A PostgreSQL implementation for a multi-user
 * deployment implements the same interfaces: every method is asynchronous for that reason.
 */
import type { Role } from '../auth/roles.ts';

export type JsonObject = { [key: string]: unknown };

export interface ScenarioSummary {
  id: string;
  name: string;
  vintageId: string;
  /** Name of the token that created the scenario. */
  author: string;
  /** Latest version number (1 at creation). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Scenario extends ScenarioSummary {
  /** The scoring configuration (engine ScoreConfig) of the latest version. */
  config: JsonObject;
}

export interface ScenarioVersion {
  scenarioId: string;
  version: number;
  name: string;
  config: JsonObject;
  /** Name of the token that made this version. */
  author: string;
  createdAt: string;
}

export type ScenarioVersionSummary = Omit<ScenarioVersion, 'config' | 'scenarioId'>;

export interface NewScenario {
  name: string;
  vintageId: string;
  config: JsonObject;
  author: string;
}

export interface ScenarioChange {
  name?: string;
  config?: JsonObject;
  author: string;
  /** When given, the change is refused (`VERSION_CONFLICT`) unless it is still the latest version. */
  baseVersion?: number;
}

export interface ScenarioRepo {
  list(): Promise<ScenarioSummary[]>;
  create(input: NewScenario): Promise<Scenario>;
  /** The latest version; `null` when unknown or deleted. */
  get(id: string): Promise<Scenario | null>;
  /** `null` when the scenario is unknown or deleted. */
  listVersions(id: string): Promise<ScenarioVersionSummary[] | null>;
  getVersion(id: string, version: number): Promise<ScenarioVersion | null>;
  /** Records a new version. @throws {StoreError} `NOT_FOUND`, `VERSION_CONFLICT`. */
  update(id: string, change: ScenarioChange): Promise<Scenario>;
  /** Hides the scenario (its versions are kept for the shortlists that cite them). False when unknown. */
  remove(id: string): Promise<boolean>;
}

export type ShortlistStatus = 'draft' | 'published';

export interface ShortlistItem {
  /** Territory code at the shortlist's level, or the candidate zone's id. */
  code: string;
  name: string;
  kind: 'territory' | 'zone';
  /** For a candidate zone: the codes of the territories it groups. */
  members?: string[];
  rank: number;
  /** The analysts' note (free text, may be empty). */
  note: string;
}

export interface ShortlistSummary {
  id: string;
  title: string;
  status: ShortlistStatus;
  scenarioId: string | null;
  scenarioVersion: number | null;
  vintageId: string;
  resultHash: string;
  level: string;
  itemCount: number;
  author: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
}

export interface Shortlist extends Omit<ShortlistSummary, 'itemCount'> {
  config: JsonObject;
  items: ShortlistItem[];
}

export interface NewShortlist {
  title: string;
  scenarioId: string | null;
  scenarioVersion: number | null;
  vintageId: string;
  config: JsonObject;
  resultHash: string;
  level: string;
  items: ShortlistItem[];
  author: string;
}

export type ShortlistChange = Partial<
  Pick<NewShortlist, 'title' | 'scenarioId' | 'scenarioVersion' | 'config' | 'resultHash' | 'level' | 'items'>
>;

export interface ShortlistRepo {
  list(options: { includeDrafts: boolean }): Promise<ShortlistSummary[]>;
  create(input: NewShortlist): Promise<Shortlist>;
  get(id: string): Promise<Shortlist | null>;
  /** @throws {StoreError} `NOT_FOUND`, `SHORTLIST_PUBLISHED` (published shortlists are immutable). */
  update(id: string, change: ShortlistChange): Promise<Shortlist>;
  /** @throws {StoreError} `NOT_FOUND`, `SHORTLIST_PUBLISHED` when already published. */
  publish(id: string, by: string): Promise<Shortlist>;
  /** Deletes a draft. @throws {StoreError} `SHORTLIST_PUBLISHED`. False when unknown. */
  remove(id: string): Promise<boolean>;
}

export interface TokenRecord {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

export interface TokenRepo {
  insert(record: TokenRecord & { hash: string }): Promise<void>;
  /** The token whose secret hashes to `hash` (revoked or not), or `null`. */
  findByHash(hash: string): Promise<TokenRecord | null>;
  list(): Promise<TokenRecord[]>;
  /** False when unknown or already revoked. */
  revoke(id: string): Promise<boolean>;
}

export interface Store {
  scenarios: ScenarioRepo;
  shortlists: ShortlistRepo;
  tokens: TokenRepo;
  /** Resolves when the database answers (for `/ready`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A refusal from the store that the caller must tell apart (mapped to 404 / 409 by the API). */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: 'NOT_FOUND' | 'VERSION_CONFLICT' | 'SHORTLIST_PUBLISHED';
  readonly details: Record<string, unknown>;
  constructor(code: StoreError['code'], message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
