import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type JobContext, JobRunner, TooManyJobsError } from './runner.ts';

/**
 * A real computation for the runner: `rounds` iterations of sha256 over its own output,
 * reporting progress every 1000 rounds. Its result can be checked by recomputing it.
 */
function hashChain(seed: string, rounds: number) {
  return async (context: JobContext) => {
    let digest = Buffer.from(seed);
    for (let i = 0; i < rounds; i++) {
      digest = createHash('sha256').update(digest).digest();
      if (i % 1000 === 999) await context.checkpoint((i + 1) / rounds);
    }
    return digest.toString('hex');
  };
}

function hashChainSync(seed: string, rounds: number): string {
  let digest = Buffer.from(seed);
  for (let i = 0; i < rounds; i++) digest = createHash('sha256').update(digest).digest();
  return digest.toString('hex');
}

async function until(
  runner: JobRunner,
  id: string,
  done: (status: string) => boolean,
  owner: string | null = 'o',
) {
  for (let i = 0; i < 2000; i++) {
    const job = runner.get(id, owner)!;
    if (done(job.status)) return job;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('job did not reach the expected state');
}

let runner: JobRunner;
afterEach(async () => runner?.close());

describe('JobRunner', () => {
  it('submit() returns at once; the job runs, reports progress and keeps its result', async () => {
    runner = new JobRunner({ sliceMs: 1 });
    const id = runner.submit('robustness', 'v', 'o', hashChain('ptce', 20_000));
    expect(runner.get(id, 'o')!.status).toBe('queued');
    const seen = new Set<number>();
    for (;;) {
      const job = runner.get(id, 'o')!;
      seen.add(job.progress);
      if (job.status === 'succeeded') break;
      await new Promise((r) => setImmediate(r));
    }
    const job = runner.get(id, 'o')!;
    expect(job.result).toBe(hashChainSync('ptce', 20_000));
    expect(job.progress).toBe(1);
    expect([...seen].some((p) => p > 0 && p < 1)).toBe(true); // intermediate progress was visible
    expect(job.startedAt).not.toBeNull();
    expect(job.finishedAt).not.toBeNull();
  });

  it('cancel() stops a running job at its next checkpoint', async () => {
    runner = new JobRunner({ sliceMs: 1 });
    const id = runner.submit('spatial', 'v', 'o', hashChain('x', 100_000_000));
    await until(runner, id, (s) => s === 'running');
    expect(runner.cancel(id, 'o')).toBe(true);
    const job = await until(runner, id, (s) => s !== 'running');
    expect(job.status).toBe('cancelled');
    expect(job.error?.code).toBe('JOB_CANCELLED');
    expect(job.progress).toBeLessThan(1);
  });

  it('runs jobs one at a time in order; cancel() removes a queued job before it starts', async () => {
    runner = new JobRunner();
    const order: string[] = [];
    const task = (name: string) => async () => {
      order.push(name);
      return name;
    };
    const a = runner.submit('k', 'v', 'o', task('a'));
    const b = runner.submit('k', 'v', 'o', task('b'));
    const c = runner.submit('k', 'v', 'o', task('c'));
    runner.cancel(b, 'o');
    await until(runner, c, (s) => s === 'succeeded');
    expect(order).toEqual(['a', 'c']);
    expect(runner.get(a, 'o')!.status).toBe('succeeded');
    expect(runner.get(b, 'o')!.status).toBe('cancelled');
  });

  it('a failing job keeps the error its describer gives', async () => {
    runner = new JobRunner({
      describeError: (e) => ({ code: 'BOOM', message: String((e as Error).message), details: {} }),
    });
    const id = runner.submit('k', 'v', 'o', async () => {
      throw new Error('division par zéro');
    });
    const job = await until(runner, id, (s) => s === 'failed');
    expect(job.error).toEqual({ code: 'BOOM', message: 'division par zéro', details: {} });
  });

  it('get() and cancel() hide a job from other owners; an admin sees it', () => {
    runner = new JobRunner();
    const id = runner.submit('k', 'v', 'alice', async () => 1);
    expect(runner.get(id, 'bruno')).toBeUndefined();
    expect(runner.get(id, null)).toBeUndefined();
    expect(runner.cancel(id, 'bruno')).toBe(false);
    expect(runner.get(id, 'bruno', true)).toBeDefined();
  });

  it('submit() refuses more than maxPerOwner unfinished jobs for one owner only', () => {
    runner = new JobRunner({ maxPerOwner: 2 });
    const never = () => new Promise<never>(() => {});
    runner.submit('k', 'v', 'o', never);
    runner.submit('k', 'v', 'o', never);
    expect(() => runner.submit('k', 'v', 'o', never)).toThrow(TooManyJobsError);
    expect(() => runner.submit('k', 'v', 'other', never)).not.toThrow();
  });

  it('a finished job is forgotten after its time to live', async () => {
    runner = new JobRunner({ ttlMs: 30 });
    const id = runner.submit('k', 'v', 'o', async () => 1);
    await until(runner, id, (s) => s === 'succeeded');
    await new Promise((r) => setTimeout(r, 80));
    expect(runner.get(id, 'o')).toBeUndefined();
  });
});
