import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './sqlite/migrate.ts';
import { sqliteScenarioRepo } from './sqlite/scenarios.ts';
import { sqliteShortlistRepo } from './sqlite/shortlists.ts';
import { sqliteTokenRepo } from './sqlite/tokens.ts';
import type { Store } from './types.ts';

/** The SQLite file inside the data folder. */
export const DATABASE_FILE = 'ptce.sqlite';

/**
 * Opens (creating if needed) the SQLite store in `dataDir`, applies pending migrations and
 * returns the repositories.
 *
 * Durability: WAL journal with `synchronous = FULL`, so a transaction that has returned is on
 * disk; a crash or `kill -9` loses nothing that was acknowledged (see test/crash.e2e.test.ts).
 * One writer at a time: every write is a short `BEGIN IMMEDIATE` transaction.
 */
export async function openStore(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const ping = db.prepare('SELECT 1');
  return {
    scenarios: sqliteScenarioRepo(db),
    shortlists: sqliteShortlistRepo(db),
    tokens: sqliteTokenRepo(db),
    async ping() {
      ping.get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
