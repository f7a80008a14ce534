import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isApiError } from '../errors.ts';
import { ErrorSchema } from '../schemas/common.ts';

/**
 * Liveness (`/health`: the process answers) and readiness (`/ready`: database open, default
 * vintage loaded, and — when scorings run in worker threads — at least one score worker started).
 */
const health: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Le processus répond',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
      config: { access: 'open', rateLimit: false },
    },
    async () => ({ status: 'ok' as const }),
  );

  fastify.get(
    '/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Base ouverte, millésime par défaut chargé, fils de calcul du score démarrés',
        response: {
          200: Type.Object({
            status: Type.Literal('ready'),
            vintage: Type.String(),
            communes: Type.Integer(),
          }),
          503: ErrorSchema,
        },
      },
      config: { access: 'open', rateLimit: false },
    },
    async (_request, reply) => {
      const problems: Record<string, string> = {};
      try {
        await fastify.store.ping();
      } catch (error) {
        problems.database = String(error);
      }
      let communes = 0;
      const vintageId = fastify.vintages.defaultId;
      try {
        communes = (await fastify.vintages.load(vintageId)).vintage.communes.codes.length;
      } catch (error) {
        problems.vintage = isApiError(error) ? error.message : String(error);
      }
      const pool = fastify.scoring.pool;
      if (pool && pool.readyWorkers === 0) {
        problems.scoreWorkers = `aucun des ${pool.size} fils de calcul du score n'est encore démarré`;
      }
      if (Object.keys(problems).length > 0) {
        return reply.code(503).send({
          code: 'NOT_READY',
          message: `Service pas prêt : ${Object.values(problems).join(' ; ')}`,
          details: problems,
        });
      }
      return { status: 'ready' as const, vintage: vintageId, communes };
    },
  );
};

export default health;
