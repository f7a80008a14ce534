import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  type JsonObject,
  type NewScenario,
  type Scenario,
  type ScenarioChange,
  type ScenarioRepo,
  type ScenarioSummary,
  type ScenarioVersion,
  type ScenarioVersionSummary,
  StoreError,
} from '../types.ts';

interface ScenarioRow {
  id: string;
  name: string;
  vintage_id: string;
  author: string;
  version: number;
  created_at: string;
  updated_at: string;
  config?: string;
}

interface VersionRow {
  scenario_id: string;
  version: number;
  name: string;
  config: string;
  author: string;
  created_at: string;
}

function summary(row: ScenarioRow): ScenarioSummary {
  return {
    id: row.id,
    name: row.name,
    vintageId: row.vintage_id,
    author: row.author,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Scenarios joined to their latest version (which carries the name and the configuration). */
const LATEST = `SELECT s.id, v.name, s.vintage_id, s.author, s.version, s.created_at, s.updated_at, v.config
  FROM scenarios s JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = s.version
  WHERE s.deleted_at IS NULL`;

export function sqliteScenarioRepo(db: Database.Database): ScenarioRepo {
  const list = db.prepare<[], ScenarioRow>(`${LATEST} ORDER BY s.updated_at DESC, s.id`);
  const get = db.prepare<[string], ScenarioRow>(`${LATEST} AND s.id = ?`);
  const insertScenario = db.prepare(
    'INSERT INTO scenarios (id, vintage_id, author, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)',
  );
  const insertVersion = db.prepare(
    'INSERT INTO scenario_versions (scenario_id, version, name, config, author, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const bump = db.prepare('UPDATE scenarios SET version = ?, updated_at = ? WHERE id = ?');
  const versions = db.prepare<[string], VersionRow>(
    'SELECT version, name, author, created_at FROM scenario_versions WHERE scenario_id = ? ORDER BY version',
  );
  const version = db.prepare<[string, number], VersionRow>(
    `SELECT v.* FROM scenario_versions v JOIN scenarios s ON s.id = v.scenario_id
     WHERE s.deleted_at IS NULL AND v.scenario_id = ? AND v.version = ?`,
  );
  const remove = db.prepare('UPDATE scenarios SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');

  function load(id: string): Scenario | null {
    const row = get.get(id);
    return row ? { ...summary(row), config: JSON.parse(row.config!) as JsonObject } : null;
  }

  const create = db.transaction((input: NewScenario): string => {
    const id = randomUUID();
    const now = new Date().toISOString();
    insertScenario.run(id, input.vintageId, input.author, now, now);
    insertVersion.run(id, 1, input.name, JSON.stringify(input.config), input.author, now);
    return id;
  });

  const update = db.transaction((id: string, change: ScenarioChange): void => {
    const current = load(id);
    if (!current) throw new StoreError('NOT_FOUND', `Scénario ${id} introuvable.`, { id });
    if (change.baseVersion !== undefined && change.baseVersion !== current.version) {
      throw new StoreError(
        'VERSION_CONFLICT',
        `Le scénario a été modifié entre-temps (version ${current.version}, vous partiez de la version ${change.baseVersion}) : rechargez-le puis refaites vos changements.`,
        { id, baseVersion: change.baseVersion, currentVersion: current.version },
      );
    }
    const next = current.version + 1;
    const now = new Date().toISOString();
    insertVersion.run(
      id,
      next,
      change.name ?? current.name,
      JSON.stringify(change.config ?? current.config),
      change.author,
      now,
    );
    bump.run(next, now, id);
  });

  return {
    async list() {
      return list.all().map(summary);
    },
    async create(input) {
      return load(create.immediate(input))!;
    },
    async get(id) {
      return load(id);
    },
    async listVersions(id) {
      if (!get.get(id)) return null;
      return versions.all(id).map(
        (row): ScenarioVersionSummary => ({
          version: row.version,
          name: row.name,
          author: row.author,
          createdAt: row.created_at,
        }),
      );
    },
    async getVersion(id, n) {
      const row = version.get(id, n);
      if (!row) return null;
      const result: ScenarioVersion = {
        scenarioId: row.scenario_id,
        version: row.version,
        name: row.name,
        config: JSON.parse(row.config) as JsonObject,
        author: row.author,
        createdAt: row.created_at,
      };
      return result;
    },
    async update(id, change) {
      update.immediate(id, change);
      return load(id)!;
    },
    async remove(id) {
      return remove.run(new Date().toISOString(), id).changes > 0;
    },
  };
}
