import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createToken, hashToken } from '../auth/tokens.ts';
import { DATABASE_FILE, openStore } from './openStore.ts';
import type { NewShortlist, Store } from './types.ts';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ptce-store-'));
  store = await openStore(dir);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const shortlistInput: NewShortlist = {
  title: 'Sites pilotes',
  scenarioId: null,
  scenarioVersion: null,
  vintageId: 'vintage-mini',
  config: { level: 'epci' },
  resultHash: 'hash-0001',
  level: 'epci',
  items: [{ code: '200000002', name: 'CA Gamma', kind: 'territory', rank: 1, note: '' }],
  author: 'alice',
};

describe('openStore(dataDir)', () => {
  it('openStore() sets WAL and synchronous=FULL, and applies each migration once', async () => {
    await store.close();
    store = await openStore(dir); // second open: migrations already applied
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([
      { version: 1, name: '001_init.sql' },
    ]);
    db.close();
  });

  it('openStore() refuses a database migrated by a newer API', async () => {
    await store.close();
    const db = new Database(join(dir, DATABASE_FILE));
    db.prepare("INSERT INTO schema_migrations VALUES (999, '999_future.sql', 'x')").run();
    await expect(openStore(dir)).rejects.toThrow(/999/);
    db.close();
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'ptce-store-'));
    store = await openStore(dir); // for afterEach
  });
});

describe('ScenarioRepo', () => {
  it('update() keeps every version; get() returns the latest; getVersion() any', async () => {
    const created = await store.scenarios.create({
      name: 'A',
      vintageId: 'v',
      config: { w: 1 },
      author: 'alice',
    });
    expect(created).toMatchObject({ name: 'A', version: 1, author: 'alice', config: { w: 1 } });
    await store.scenarios.update(created.id, { config: { w: 2 }, author: 'bruno' });
    const renamed = await store.scenarios.update(created.id, { name: 'B', author: 'alice' });
    expect(renamed).toMatchObject({ name: 'B', version: 3, config: { w: 2 }, author: 'alice' });
    expect(
      (await store.scenarios.listVersions(created.id))!.map((v) => [v.version, v.name, v.author]),
    ).toEqual([
      [1, 'A', 'alice'],
      [2, 'A', 'bruno'],
      [3, 'B', 'alice'],
    ]);
    expect((await store.scenarios.getVersion(created.id, 1))!.config).toEqual({ w: 1 });
    expect(await store.scenarios.getVersion(created.id, 4)).toBeNull();
  });

  it('update() with a stale baseVersion is refused (VERSION_CONFLICT) and changes nothing', async () => {
    const { id } = await store.scenarios.create({ name: 'A', vintageId: 'v', config: {}, author: 'a' });
    await store.scenarios.update(id, { name: 'B', author: 'a', baseVersion: 1 });
    await expect(
      store.scenarios.update(id, { name: 'C', author: 'a', baseVersion: 1 }),
    ).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: 2 },
    });
    expect((await store.scenarios.get(id))!.name).toBe('B');
  });

  it('remove() hides the scenario from list, get and versions', async () => {
    const { id } = await store.scenarios.create({ name: 'A', vintageId: 'v', config: {}, author: 'a' });
    expect(await store.scenarios.remove(id)).toBe(true);
    expect(await store.scenarios.remove(id)).toBe(false);
    expect(await store.scenarios.get(id)).toBeNull();
    expect(await store.scenarios.listVersions(id)).toBeNull();
    expect(await store.scenarios.list()).toEqual([]);
    await expect(store.scenarios.update(id, { name: 'x', author: 'a' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('ShortlistRepo', () => {
  it('update() changes a draft; publish() freezes it; a published list refuses update, publish and remove', async () => {
    const draft = await store.shortlists.create(shortlistInput);
    expect(draft.status).toBe('draft');
    const edited = await store.shortlists.update(draft.id, { title: 'Sites pilotes v2' });
    expect(edited).toMatchObject({
      title: 'Sites pilotes v2',
      items: shortlistInput.items,
      config: { level: 'epci' },
    });
    const published = await store.shortlists.publish(draft.id, 'ada');
    expect(published).toMatchObject({ status: 'published', publishedBy: 'ada' });
    await expect(store.shortlists.update(draft.id, { title: 'x' })).rejects.toMatchObject({
      code: 'SHORTLIST_PUBLISHED',
    });
    await expect(store.shortlists.publish(draft.id, 'ada')).rejects.toMatchObject({
      code: 'SHORTLIST_PUBLISHED',
    });
    await expect(store.shortlists.remove(draft.id)).rejects.toMatchObject({ code: 'SHORTLIST_PUBLISHED' });
    expect((await store.shortlists.get(draft.id))!.title).toBe('Sites pilotes v2');
  });

  it('the database itself refuses to change or delete a published shortlist (trigger)', async () => {
    const { id } = await store.shortlists.create(shortlistInput);
    await store.shortlists.publish(id, 'ada');
    const db = new Database(join(dir, DATABASE_FILE));
    expect(() => db.prepare("UPDATE shortlists SET title = 'x' WHERE id = ?").run(id)).toThrow(
      /SHORTLIST_PUBLISHED/,
    );
    expect(() => db.prepare('DELETE FROM shortlists WHERE id = ?').run(id)).toThrow(/SHORTLIST_PUBLISHED/);
    db.close();
  });

  it('list() shows drafts only when asked, with item counts', async () => {
    const a = await store.shortlists.create(shortlistInput);
    await store.shortlists.create({ ...shortlistInput, title: 'Autre' });
    await store.shortlists.publish(a.id, 'ada');
    expect((await store.shortlists.list({ includeDrafts: false })).map((s) => s.id)).toEqual([a.id]);
    const all = await store.shortlists.list({ includeDrafts: true });
    expect(all).toHaveLength(2);
    expect(all.every((s) => s.itemCount === 1)).toBe(true);
  });
});

describe('createToken(store, { role, name })', () => {
  it('createToken() returns the secret once and stores only its sha256', async () => {
    const created = await createToken(store, { role: 'analyst', name: 'alice' });
    expect(created.token).toMatch(/^ptce_[A-Za-z0-9_-]{43}$/);
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const row = db.prepare('SELECT * FROM tokens').get() as Record<string, unknown>;
    db.close();
    expect(Object.values(row)).not.toContain(created.token);
    expect(row.hash).toBe(hashToken(created.token));
    expect(await store.tokens.findByHash(hashToken(created.token))).toMatchObject({
      role: 'analyst',
      name: 'alice',
    });
  });

  it('createToken() refuses an unknown role and an empty name', async () => {
    await expect(createToken(store, { role: 'root' as 'admin', name: 'x' })).rejects.toMatchObject({
      code: 'INVALID_TOKEN_REQUEST',
    });
    await expect(createToken(store, { role: 'viewer', name: '  ' })).rejects.toMatchObject({
      code: 'INVALID_TOKEN_REQUEST',
    });
  });

  it('TokenRepo.revoke() marks the token revoked once', async () => {
    const { id } = await createToken(store, { role: 'viewer', name: 'v' });
    expect(await store.tokens.revoke(id)).toBe(true);
    expect(await store.tokens.revoke(id)).toBe(false);
    expect((await store.tokens.list())[0]!.revokedAt).not.toBeNull();
  });
});
