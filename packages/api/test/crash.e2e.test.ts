/**
 * Durability: kill -9 the real server in the middle of a burst of scenario writes, restart it
 * on the same data folder, and check that every write that was answered 2xx is there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/tokens.ts';
import { openStore } from '../src/store/openStore.ts';
import { type ServerProcess, startServer } from './serverProcess.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'ptce-crash-'));
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const s of servers)
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

interface Acknowledged {
  id: string;
  version: number;
  config: { filters: { minPopulation: number } };
}

describe('kill -9 during a burst of writes', () => {
  it('every write answered 2xx before the kill is there after a restart', async () => {
    const store = await openStore(dataDir);
    const token = (await createToken(store, { role: 'analyst', name: 'burst' })).token;
    await store.close();
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

    const first = await startServer(dataDir);
    servers.push(first);
    const acknowledged: Acknowledged[] = [];
    let failures = 0;
    let n = 0;
    let killed = false;

    /** One writer: creates a scenario, then adds versions to it, until the server dies. */
    async function writer(): Promise<void> {
      let current: { id: string } | null = null;
      while (!killed || current) {
        const config = { filters: { minPopulation: n++ } };
        try {
          const res: Response = current
            ? await fetch(`${first.url}/api/scenarios/${current.id}`, {
                method: 'PUT',
                headers,
                body: JSON.stringify({ config }),
              })
            : await fetch(`${first.url}/api/scenarios`, {
                method: 'POST',
                headers,
                body: JSON.stringify({
                  name: `burst ${config.filters.minPopulation}`,
                  vintageId: 'vintage-mini',
                  config,
                }),
              });
          if (res.status >= 200 && res.status < 300) {
            const body = (await res.json()) as { id: string; version: number };
            acknowledged.push({ id: body.id, version: body.version, config });
            current = body.version < 3 ? { id: body.id } : null;
          } else {
            failures++;
            killed = true; // a refused write is a bug in this test, not a crash: stop at once
          }
        } catch {
          return; // connection refused or reset: the server is gone
        }
      }
    }

    const writers = Array.from({ length: 8 }, () => writer());
    // Kill once a good number of writes went through, while the writers are still going.
    while (acknowledged.length < 300 && failures === 0) await new Promise((r) => setTimeout(r, 2));
    first.child.kill('SIGKILL');
    killed = true;
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await Promise.all(writers);
    expect(failures).toBe(0);

    const second = await startServer(dataDir);
    servers.push(second);
    const missing: Acknowledged[] = [];
    for (const ack of acknowledged) {
      const res = await fetch(`${second.url}/api/scenarios/${ack.id}/versions/${ack.version}`, { headers });
      const version = res.status === 200 ? ((await res.json()) as Pick<Acknowledged, 'config'>) : null;
      if (version?.config.filters.minPopulation !== ack.config.filters.minPopulation) missing.push(ack);
    }
    expect(missing).toEqual([]);
    console.info(
      `crash test: ${acknowledged.length} acknowledged writes before kill -9, all found after restart`,
    );
    second.child.kill('SIGTERM');
    await second.exited;
  });
});
