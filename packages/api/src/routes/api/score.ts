import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sendPayload } from '../../http/payload.ts';
import { errorResponses, VintageParams } from '../../schemas/common.ts';
import { ScoreConfigSchema, ScoreResultSchema } from '../../schemas/score.ts';
import { needsContiguity } from '../../scoring/scorer.ts';
import { levelContiguity } from '../../vintages/levelContiguity.ts';

/**
 * The composite score: a configuration in, the ranked explanation out. Results are cached by
 * the hash of (vintage, configuration); `x-ptce-cache: hit|miss` says which, and the ETag is
 * the result's hash.
 */
const score: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/vintages/:vid/score',
    {
      schema: {
        tags: ['score'],
        summary: 'Calculer le score composite PTCE et le classement expliqué',
        params: VintageParams,
        body: ScoreConfigSchema,
        response: { 200: ScoreResultSchema, ...errorResponses(404, 501, 503) },
      },
      config: { access: 'score' },
    },
    async (request, reply) => {
      const loaded = await fastify.vintages.load(request.params.vid);
      const config = request.body;
      // The neighbours imputation needs the level's contiguity (derived from the vintage: the cache key does not change).
      const level = config.level ?? 'commune';
      const context =
        needsContiguity(config) && level !== 'groups'
          ? { neighbours: await levelContiguity(fastify.vintages, loaded, level) }
          : {};
      const { payload, cached } = await fastify.scoring.score(
        loaded,
        config,
        context,
        request.headers['accept-encoding'],
      );
      reply.header('x-ptce-cache', cached ? 'hit' : 'miss');
      return sendPayload(request, reply, payload, 'private, no-cache');
    },
  );
};

export default score;
