import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../../schemas/common.ts';

const Count = Type.Integer({ minimum: 0 });

/** What the process holds, for administrators and the load benchmark (memory before and after). */
const status: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/status',
    {
      schema: {
        tags: ['health'],
        summary: 'État du processus : mémoire, cache des scores, calculs — admin',
        querystring: Type.Object(
          {
            gc: Type.Optional(
              Type.Boolean({ description: 'Ramasser les miettes avant de mesurer (si node --expose-gc)' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            uptimeSeconds: Type.Number(),
            memory: Type.Object({
              rss: Count,
              heapTotal: Count,
              heapUsed: Count,
              external: Count,
              arrayBuffers: Count,
            }),
            scoreCache: Type.Object({ entries: Count, bytes: Count, hits: Count, misses: Count }),
            scoreWorkers: Type.Object(
              { size: Count, ready: Count, pending: Count, restarts: Count },
              { description: 'Fils de calcul du score (size 0 : calcul dans la boucle principale)' },
            ),
            jobs: Count,
            gcRun: Type.Boolean(),
          }),
          ...errorResponses(),
        },
      },
      config: { access: 'admin' },
    },
    async (request) => {
      const gc = (globalThis as { gc?: () => void }).gc;
      const gcRun = request.query.gc === true && typeof gc === 'function';
      // Twice: the first collection runs the finalisers that free Buffers' memory, the second reclaims the rest.
      if (gcRun) {
        gc!();
        gc!();
      }
      return {
        uptimeSeconds: process.uptime(),
        memory: process.memoryUsage(),
        scoreCache: fastify.scoring.stats(),
        scoreWorkers: fastify.scoring.workerStats(),
        jobs: fastify.jobs.size,
        gcRun,
      };
    },
  );
};

export default status;
