import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

/**
 * The OpenAPI 3 document, built from the routes' TypeBox schemas, at `/openapi.json`, and its
 * browsable form at `/docs`.
 */
export default fp(
  async (fastify) => {
    await fastify.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'PTCE — API du diagnostic territorial',
          description:
            'Millésimes de données (INSEE, IGN), score composite PTCE, scénarios et listes restreintes. Erreurs : `{ code, message, details }`. Jeton : `Authorization: Bearer <jeton>` (rôles viewer < analyst < admin).',
          version: '0.1.0',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }, {}],
        tags: [
          { name: 'vintages', description: 'Millésimes de données, géométries, territoires' },
          { name: 'score', description: 'Score composite et calculs longs' },
          { name: 'scenarios', description: 'Scénarios enregistrés (analystes)' },
          { name: 'shortlists', description: 'Listes restreintes' },
          { name: 'auth', description: 'Jetons et rôles' },
          { name: 'health', description: 'Santé du service' },
        ],
      },
    });
    await fastify.register(swaggerUi, { routePrefix: '/docs', staticCSP: false });
    fastify.get('/openapi.json', { schema: { hide: true }, config: { access: 'open' } }, async () =>
      fastify.swagger(),
    );
  },
  { name: 'swagger', fastify: '5.x' },
);
