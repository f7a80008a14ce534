import { isEngineError } from '@ptce/engine';
import fp from 'fastify-plugin';
import type { AppOptions } from '../app.ts';
import { errorReply } from '../http/errorReply.ts';
import type { JobHandlers } from '../jobs/kinds.ts';
import { JobRunner } from '../jobs/runner.ts';
import { ScoreService } from '../scoring/scoreService.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Scoring with its cache by hash of (vintage, configuration). */
    scoring: ScoreService;
    /** The long computations running in the process. */
    jobs: JobRunner;
    /** How each kind of job is started (robustness, spatial, candidates). */
    jobHandlers: JobHandlers;
  }
}

/** The computing services: scoring (cached) and the job runner (cancelled when the app closes). */
export default fp(
  async (fastify, { config, scorer, jobs }: AppOptions) => {
    fastify.decorate(
      'scoring',
      new ScoreService(scorer, {
        entries: config.scoreCacheEntries,
        megabytes: config.scoreCacheMegabytes,
      }),
    );
    const runner = new JobRunner({
      ttlMs: config.jobTtlSeconds * 1000,
      describeError: (error) => {
        const { body, fault } = errorReply(error);
        if (fault && !isEngineError(error)) fastify.log.error({ err: error }, 'job failed');
        return body;
      },
    });
    fastify.decorate('jobs', runner);
    fastify.decorate('jobHandlers', jobs);
    fastify.addHook('onClose', async () => runner.close());
  },
  { name: 'services', fastify: '5.x' },
);
