import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashChain, hashChainJob } from './fixtures/hashChainJob.ts';
import { bearer, type TestApp, testApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ jobs: { robustness: hashChainJob } });
});
afterAll(async () => t.close());

const start = (payload: object, token?: string, kind = 'robustness') =>
  t.app.inject({
    method: 'POST',
    url: `/api/vintages/vintage-mini/jobs/${kind}`,
    payload,
    headers: token ? bearer(token) : {},
  });

async function poll(id: string, token?: string) {
  for (let i = 0; i < 4000; i++) {
    const job = (await t.app.inject({ url: `/api/jobs/${id}`, headers: token ? bearer(token) : {} })).json();
    if (!['queued', 'running'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('job did not finish');
}

describe('/api/vintages/:vid/jobs and /api/jobs/:id', () => {
  it('POST jobs/:kind answers 202 { jobId }; GET /api/jobs/:id reaches succeeded with the result', async () => {
    const res = await start({ rounds: 3000 }, t.tokens.viewer);
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json();
    expect(res.headers.location).toBe(`/api/jobs/${jobId}`);
    const job = await poll(jobId, t.tokens.viewer);
    expect(job).toMatchObject({
      id: jobId,
      kind: 'robustness',
      vintageId: 'vintage-mini',
      status: 'succeeded',
      progress: 1,
    });
    expect(job.result).toEqual({ rounds: 3000, digest: hashChain('vintage-mini', 3000) });
  });

  it('DELETE /api/jobs/:id cancels a running job; progress stays below 1', async () => {
    const { jobId } = (await start({ rounds: 50_000_000 }, t.tokens.analyst)).json();
    for (;;) {
      const job = (
        await t.app.inject({ url: `/api/jobs/${jobId}`, headers: bearer(t.tokens.analyst) })
      ).json();
      if (job.progress > 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/jobs/${jobId}`,
      headers: bearer(t.tokens.analyst),
    });
    expect(del.statusCode).toBe(200);
    const job = await poll(jobId, t.tokens.analyst);
    expect(job.status).toBe('cancelled');
    expect(job.error.code).toBe('JOB_CANCELLED');
    expect(job.progress).toBeLessThan(1);
  });

  it('a job is visible to the token that started it and to admins only', async () => {
    const { jobId } = (await start({ rounds: 10 }, t.tokens.analyst)).json();
    await poll(jobId, t.tokens.analyst);
    expect(
      (await t.app.inject({ url: `/api/jobs/${jobId}`, headers: bearer(t.tokens.analyst2) })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: `/api/jobs/${jobId}` })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/jobs/${jobId}`, headers: bearer(t.tokens.admin) })).statusCode,
    ).toBe(200);
  });

  it('a bad job body is refused before queuing (400), an unplugged kind is 501, an unknown kind 400', async () => {
    const bad = await start({ rounds: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_JOB');
    const unplugged = await start({}, undefined, 'spatial');
    expect(unplugged.statusCode).toBe(501);
    expect(unplugged.json().code).toBe('JOB_KIND_UNAVAILABLE');
    const unknown = await start({}, undefined, 'mining');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('VALIDATION_ERROR');
  });

  it('too many unfinished jobs for one caller is 429 TOO_MANY_JOBS', async () => {
    const ids: string[] = [];
    let refused: { statusCode: number; json: () => { code: string } } | undefined;
    for (let i = 0; i < 6 && !refused; i++) {
      const res = await start({ rounds: 50_000_000 }, t.tokens.admin);
      if (res.statusCode === 202) ids.push(res.json().jobId);
      else refused = res;
    }
    expect(refused?.statusCode).toBe(429);
    expect(refused?.json().code).toBe('TOO_MANY_JOBS');
    for (const id of ids)
      await t.app.inject({ method: 'DELETE', url: `/api/jobs/${id}`, headers: bearer(t.tokens.admin) });
  });

  it('the event loop keeps answering while a job computes', async () => {
    const { jobId } = (await start({ rounds: 50_000_000 }, t.tokens.viewer)).json();
    const status = async () =>
      (await t.app.inject({ url: `/api/jobs/${jobId}`, headers: bearer(t.tokens.viewer) })).json();
    while ((await status()).progress === 0) await new Promise((r) => setTimeout(r, 5));
    expect((await t.app.inject('/health')).statusCode).toBe(200);
    expect((await status()).status).toBe('running'); // /health was answered in the middle of the computation
    await t.app.inject({ method: 'DELETE', url: `/api/jobs/${jobId}`, headers: bearer(t.tokens.viewer) });
  });
});
