import type Database from 'better-sqlite3';
import type { Role } from '../../auth/roles.ts';
import type { TokenRecord, TokenRepo } from '../types.ts';

interface TokenRow {
  id: string;
  name: string;
  role: Role;
  created_at: string;
  revoked_at: string | null;
}

function record(row: TokenRow): TokenRecord {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, revokedAt: row.revoked_at };
}

export function sqliteTokenRepo(db: Database.Database): TokenRepo {
  const insert = db.prepare(
    'INSERT INTO tokens (id, name, role, hash, created_at) VALUES (@id, @name, @role, @hash, @createdAt)',
  );
  const byHash = db.prepare<[string], TokenRow>(
    'SELECT id, name, role, created_at, revoked_at FROM tokens WHERE hash = ?',
  );
  const list = db.prepare<[], TokenRow>(
    'SELECT id, name, role, created_at, revoked_at FROM tokens ORDER BY created_at, id',
  );
  const revoke = db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  return {
    async insert(token) {
      insert.run(token);
    },
    async findByHash(hash) {
      const row = byHash.get(hash);
      return row ? record(row) : null;
    },
    async list() {
      return list.all().map(record);
    },
    async revoke(id) {
      return revoke.run(new Date().toISOString(), id).changes > 0;
    },
  };
}
