import { describe, expect, it } from 'vitest';
import { WorkerClient } from './client.ts';
import { serveWorker } from './host.ts';
import { memoryPorts } from './memoryPorts.ts';

type TestApi = {
  square: { payload: number; result: number };
  fail: { payload: string; result: never };
};

/** A worker whose `square` resolves only when the test releases it, to control interleavings. */
function setup() {
  const [page, worker] = memoryPorts();
  const started: number[] = [];
  const gates: (() => void)[] = [];
  serveWorker<TestApi>(
    worker,
    {
      square: (n) =>
        new Promise<number>((resolve) => {
          started.push(n);
          gates.push(() => resolve(n * n));
        }),
      fail: (field) => {
        throw { code: 'BAD_WEIGHT', message: 'Poids invalide', details: { field } };
      },
    },
    { coalesce: ['square'], schedule: (run) => queueMicrotask(run) },
  );
  const client = new WorkerClient<TestApi>(page);
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return { client, started, gates, tick };
}

describe('worker protocol', () => {
  it('call(kind, payload) answers each request by id, and errors keep their code and details', async () => {
    const { client, gates, tick } = setup();
    const p = client.call('square', 7);
    await tick();
    gates.shift()!();
    expect(await p).toBe(49);
    await expect(client.call('fail', 'dim:x')).rejects.toMatchObject({
      code: 'BAD_WEIGHT',
      details: { field: 'dim:x' },
    });
  });

  it('latest(kind, payload) computes the first and the last of a burst, and drops the middle unsent', async () => {
    const { client, started, gates, tick } = setup();
    const results = [1, 2, 3, 4, 5].map((n) => client.latest('square', n));
    await tick();
    expect(started).toEqual([1]);
    gates.shift()!();
    await tick();
    expect(started).toEqual([1, 5]);
    gates.shift()!();
    const settled = await Promise.all(results);
    expect(settled[0]).toMatchObject({ stale: false, result: 1, superseded: true });
    expect(settled.slice(1, 4)).toEqual([{ stale: true }, { stale: true }, { stale: true }]);
    expect(settled[4]).toMatchObject({ stale: false, result: 25, superseded: false });
    expect(client.sent).toBe(2);
  });

  it('serveWorker(port) answers cancelled for a queued request that was cancelled or superseded', async () => {
    const { client, started, gates, tick } = setup();
    const first = client.send('square', 2);
    const second = client.send('square', 3);
    const third = client.send('square', 4);
    client.cancel(third.id);
    await tick();
    // 2 and 3 were queued together: 2 is superseded by 3; 4 is cancelled.
    expect(await first.response).toEqual({ id: first.id, ok: false, cancelled: true });
    expect(started).toEqual([3]);
    gates.shift()!();
    expect(await second.response).toMatchObject({ ok: true, result: 9 });
    expect(await third.response).toEqual({ id: third.id, ok: false, cancelled: true });
  });
});

type LongApi = {
  long: { payload: number; result: string };
  quick: { payload: number; result: number };
};

describe('worker protocol: background requests', () => {
  it('start(kind, payload, onProgress) reports progress, leaves quick requests free, and stops on cancel', async () => {
    const [page, worker] = memoryPorts();
    serveWorker<LongApi>(
      worker,
      {
        // A long run that yields between steps, as the engine's Monte-Carlo does.
        long: async (steps, { signal, progress }) => {
          for (let k = 1; k <= steps; k++) {
            await new Promise((r) => setTimeout(r, 5));
            if (signal.aborted) throw { code: 'ABORTED', message: 'arrêté', details: {} };
            progress(k / steps);
          }
          return 'fini';
        },
        quick: (n) => n + 1,
      },
      { background: ['long'], schedule: (run) => queueMicrotask(run) },
    );
    const client = new WorkerClient<LongApi>(page);
    const seen: number[] = [];
    const done = client.start('long', 4, (p) => seen.push(p));
    // While the long run goes on, a quick request is answered.
    expect(await client.call('quick', 41)).toBe(42);
    expect(await done.result).toBe('fini');
    expect(seen).toEqual([0.25, 0.5, 0.75, 1]);

    const stopped = client.start('long', 1000);
    await new Promise((r) => setTimeout(r, 20));
    client.cancel(stopped.id);
    await expect(stopped.result).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
