import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyseSpatial,
  createRobustnessModel,
  decodeVintage,
  proposeCandidateZones,
  runMonteCarlo,
} from '@ptce/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_DIR, bearer, type TestApp, testApp } from './helpers.ts';

const REAL = join(BUILD_DIR, 'bas-rhin-2021');
const hasReal = existsSync(join(REAL, 'manifest.json'));

async function waitFor(t: TestApp, jobId: string, token: string) {
  for (let i = 0; i < 600; i++) {
    const job = (await t.app.inject({ url: `/api/jobs/${jobId}`, headers: bearer(token) })).json();
    if (job.status !== 'queued' && job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

describe.skipIf(!hasReal)(
  'engine jobs on the real Bas-Rhin vintage: spatial statistics and candidate zones',
  () => {
    let t: TestApp;
    const read = (f: string) => JSON.parse(readFileSync(join(REAL, f), 'utf8'));
    beforeAll(async () => {
      t = await testApp({ config: { vintagesDir: BUILD_DIR, defaultVintage: 'bas-rhin-2021' } });
    });
    afterAll(() => t?.close());

    it('POST .../jobs/spatial returns what the engine computes directly', async () => {
      const body = { config: { level: 'epci' }, value: 'dimension:precarity', permutations: 99, seed: 5 };
      const start = await t.app.inject({
        method: 'POST',
        url: '/api/vintages/bas-rhin-2021/jobs/spatial',
        payload: body,
        headers: bearer(t.tokens.analyst),
      });
      expect(start.statusCode).toBe(202);
      const job = await waitFor(t, start.json().jobId, t.tokens.analyst);
      expect(job.status).toBe('succeeded');
      const vintage = decodeVintage({
        manifest: read('manifest.json'),
        variables: read('variables.json'),
        communes: read('communes.json'),
        zonings: read('zonings.json'),
      });
      const direct = analyseSpatial(vintage, read('geo/epci.geojson').features, {
        ...body,
        correction: 'none',
        alpha: 0.05,
        contiguity: 'queen',
      });
      expect(job.result).toEqual(JSON.parse(JSON.stringify(direct)));
    });

    it('POST .../jobs/candidates proposes zones within the constraints', async () => {
      const body = { minPopulation: 20000, maxPopulation: 50000, count: 2, excluded: ['67482'] };
      const start = await t.app.inject({
        method: 'POST',
        url: '/api/vintages/bas-rhin-2021/jobs/candidates',
        payload: body,
        headers: bearer(t.tokens.analyst),
      });
      expect(start.statusCode).toBe(202);
      const job = await waitFor(t, start.json().jobId, t.tokens.analyst);
      expect(job.status).toBe('succeeded');
      const vintage = decodeVintage({
        manifest: read('manifest.json'),
        variables: read('variables.json'),
        communes: read('communes.json'),
        zonings: read('zonings.json'),
      });
      expect(job.result).toEqual(
        JSON.parse(
          JSON.stringify(proposeCandidateZones(vintage, read('geo/commune.geojson').features, body)),
        ),
      );
      for (const zone of job.result.candidates) {
        expect(zone.population).toBeGreaterThanOrEqual(20000);
        expect(zone.population).toBeLessThanOrEqual(50000);
      }
      // With intervals, every zone gets its rank interval from the robustness module.
      const withIntervals = await t.app.inject({
        method: 'POST',
        url: '/api/vintages/bas-rhin-2021/jobs/candidates',
        payload: { ...body, intervals: 100 },
        headers: bearer(t.tokens.analyst),
      });
      const done = await waitFor(t, withIntervals.json().jobId, t.tokens.analyst);
      expect(done.result.intervals).toEqual({ replicates: 100, topK: 5, seed: 1 });
      expect(done.result.candidates[0].rankInterval.p05).toBeGreaterThanOrEqual(1);
    });

    it("POST .../robustness/estimate gives the cost, then the robustness job gives the engine's rank intervals", async () => {
      const body = { config: { level: 'epci' }, replicates: 500, topK: 5, seed: 9 };
      const estimate = await t.app.inject({
        method: 'POST',
        url: '/api/vintages/bas-rhin-2021/robustness/estimate',
        payload: body,
        headers: bearer(t.tokens.analyst),
      });
      expect(estimate.statusCode).toBe(200);
      expect(estimate.json()).toMatchObject({ analysis: 'monteCarlo', runs: 500 });
      const start = await t.app.inject({
        method: 'POST',
        url: '/api/vintages/bas-rhin-2021/jobs/robustness',
        payload: body,
        headers: bearer(t.tokens.analyst),
      });
      expect(start.statusCode).toBe(202);
      const job = await waitFor(t, start.json().jobId, t.tokens.analyst);
      expect(job.status).toBe('succeeded');
      const vintage = decodeVintage({
        manifest: read('manifest.json'),
        variables: read('variables.json'),
        communes: read('communes.json'),
        zonings: read('zonings.json'),
      });
      const direct = await runMonteCarlo(createRobustnessModel(vintage, { level: 'epci' }), {
        replicates: 500,
        topK: 5,
        seed: 9,
      });
      expect(job.result).toEqual(JSON.parse(JSON.stringify(direct)));
      expect(job.result.territories).toHaveLength(25);
    });

    it('a Monte-Carlo job on the communes (in the robustness worker threads) can be cancelled while it runs', async () => {
      const start = await t.app.inject({
        method: 'POST',
        url: '/api/vintages/bas-rhin-2021/jobs/robustness',
        payload: { replicates: 20_000, seed: 3 },
        headers: bearer(t.tokens.analyst),
      });
      expect(start.statusCode).toBe(202);
      const id = start.json().jobId;
      // Let the parts start in the workers, then cancel.
      for (let i = 0; i < 400; i++) {
        const job = (
          await t.app.inject({ url: `/api/jobs/${id}`, headers: bearer(t.tokens.analyst) })
        ).json();
        if (job.progress > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const cancelled = await t.app.inject({
        method: 'DELETE',
        url: `/api/jobs/${id}`,
        headers: bearer(t.tokens.analyst),
      });
      expect(cancelled.statusCode).toBe(200);
      expect((await waitFor(t, id, t.tokens.analyst)).status).toBe('cancelled');
    });

    it('a robustness job can be cancelled', async () => {
      const start = await t.app.inject({
        method: 'POST',
        url: '/api/vintages/bas-rhin-2021/jobs/robustness',
        payload: { analysis: 'sobol', baseSamples: 5000, bootstrap: 2000 },
        headers: bearer(t.tokens.analyst),
      });
      expect(start.statusCode).toBe(202);
      const id = start.json().jobId;
      const cancelled = await t.app.inject({
        method: 'DELETE',
        url: `/api/jobs/${id}`,
        headers: bearer(t.tokens.analyst),
      });
      expect(cancelled.statusCode).toBe(200);
      expect((await waitFor(t, id, t.tokens.analyst)).status).toBe('cancelled');
    });

    it('refuses a bad job body before queuing, saying which field', async () => {
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/vintages/bas-rhin-2021/jobs/candidates',
        payload: { count: 500 },
        headers: bearer(t.tokens.analyst),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'INVALID_JOB', details: { field: 'count' } });
      const config = await t.app.inject({
        method: 'POST',
        url: '/api/vintages/bas-rhin-2021/jobs/spatial',
        payload: { config: { levle: 'epci' } },
        headers: bearer(t.tokens.analyst),
      });
      expect(config.statusCode).toBe(400);
      expect(config.json().code).toBe('INVALID_CONFIG');
      const level = await t.app.inject({
        method: 'POST',
        url: '/api/vintages/bas-rhin-2021/jobs/spatial',
        payload: { config: { level: 'region' } },
        headers: bearer(t.tokens.analyst),
      });
      expect(level.statusCode).toBe(404);
    });
  },
);
