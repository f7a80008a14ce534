import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  type JsonObject,
  type Shortlist,
  type ShortlistItem,
  type ShortlistRepo,
  type ShortlistStatus,
  type ShortlistSummary,
  StoreError,
} from '../types.ts';

interface ShortlistRow {
  id: string;
  title: string;
  status: ShortlistStatus;
  scenario_id: string | null;
  scenario_version: number | null;
  vintage_id: string;
  config: string;
  result_hash: string;
  level: string;
  items: string;
  item_count: number;
  author: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  published_by: string | null;
}

function summary(row: ShortlistRow): ShortlistSummary {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    scenarioId: row.scenario_id,
    scenarioVersion: row.scenario_version,
    vintageId: row.vintage_id,
    resultHash: row.result_hash,
    level: row.level,
    itemCount: row.item_count,
    author: row.author,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
  };
}

function full(row: ShortlistRow): Shortlist {
  const { itemCount: _count, ...rest } = summary(row);
  return {
    ...rest,
    config: JSON.parse(row.config) as JsonObject,
    items: JSON.parse(row.items) as ShortlistItem[],
  };
}

const published = (id: string) =>
  new StoreError(
    'SHORTLIST_PUBLISHED',
    `La liste restreinte ${id} est publiée : elle ne peut plus être modifiée ni supprimée. Créez-en une nouvelle à partir d'elle.`,
    { id },
  );

const COLUMNS = '*, json_array_length(items) AS item_count';

export function sqliteShortlistRepo(db: Database.Database): ShortlistRepo {
  const listAll = db.prepare<[], ShortlistRow>(
    `SELECT ${COLUMNS} FROM shortlists ORDER BY updated_at DESC, id`,
  );
  const listPublished = db.prepare<[], ShortlistRow>(
    `SELECT ${COLUMNS} FROM shortlists WHERE status = 'published' ORDER BY published_at DESC, id`,
  );
  const get = db.prepare<[string], ShortlistRow>(`SELECT ${COLUMNS} FROM shortlists WHERE id = ?`);
  const insert = db.prepare(
    `INSERT INTO shortlists (id, title, status, scenario_id, scenario_version, vintage_id, config, result_hash,
       level, items, author, created_at, updated_at)
     VALUES (@id, @title, 'draft', @scenarioId, @scenarioVersion, @vintageId, @config, @resultHash,
       @level, @items, @author, @now, @now)`,
  );
  const update = db.prepare(
    `UPDATE shortlists SET title = @title, scenario_id = @scenarioId, scenario_version = @scenarioVersion,
       vintage_id = @vintageId, config = @config, result_hash = @resultHash, level = @level, items = @items,
       updated_at = @now
     WHERE id = @id AND status = 'draft'`,
  );
  const publish = db.prepare(
    `UPDATE shortlists SET status = 'published', published_at = @now, published_by = @by, updated_at = @now
     WHERE id = @id AND status = 'draft'`,
  );
  const remove = db.prepare(`DELETE FROM shortlists WHERE id = ? AND status = 'draft'`);

  function draft(id: string): Shortlist {
    const row = get.get(id);
    if (!row) throw new StoreError('NOT_FOUND', `Liste restreinte ${id} introuvable.`, { id });
    if (row.status === 'published') throw published(id);
    return full(row);
  }

  const change = db.transaction((id: string, patch: Parameters<ShortlistRepo['update']>[1]) => {
    const merged = { ...draft(id), ...patch };
    update.run({
      ...merged,
      id,
      config: JSON.stringify(merged.config),
      items: JSON.stringify(merged.items),
      now: new Date().toISOString(),
    });
  });

  const publishDraft = db.transaction((id: string, by: string) => {
    draft(id);
    publish.run({ id, by, now: new Date().toISOString() });
  });

  return {
    async list({ includeDrafts }) {
      return (includeDrafts ? listAll : listPublished).all().map(summary);
    },
    async create(input) {
      const id = randomUUID();
      insert.run({
        ...input,
        id,
        config: JSON.stringify(input.config),
        items: JSON.stringify(input.items),
        now: new Date().toISOString(),
      });
      return full(get.get(id)!);
    },
    async get(id) {
      const row = get.get(id);
      return row ? full(row) : null;
    },
    async update(id, patch) {
      change.immediate(id, patch);
      return full(get.get(id)!);
    },
    async publish(id, by) {
      publishDraft.immediate(id, by);
      return full(get.get(id)!);
    },
    async remove(id) {
      const row = get.get(id);
      if (!row) return false;
      if (row.status === 'published') throw published(id);
      return remove.run(id).changes > 0;
    },
  };
}
