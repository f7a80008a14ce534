import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../schemas/common.ts';
import { TerritoryDetailSchema, TerritoryParams } from '../../schemas/vintages.ts';
import { territoryDetail } from '../../vintages/territoryDetail.ts';

/** One territory's detail: members, memberships and every raw variable combined over its members. */
const territories: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/vintages/:vid/territories/:level/:code',
    {
      schema: {
        tags: ['vintages'],
        summary: "Fiche d'un territoire : membres, appartenances, variables brutes",
        params: TerritoryParams,
        response: { 200: TerritoryDetailSchema, ...errorResponses(404, 503) },
      },
      config: { access: 'vintages' },
    },
    async (request) => {
      const { vid, level, code } = request.params;
      return territoryDetail(await fastify.vintages.load(vid), level, code);
    },
  );
};

export default territories;
