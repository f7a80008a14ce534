import fp from 'fastify-plugin';
import type { AppOptions } from '../app.ts';
import { type Access, checkAccess, type Principal } from '../auth/roles.ts';
import { authenticate } from '../auth/tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who sent the request (from `Authorization: Bearer`), `null` without a token. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /**
     * What the route needs (see auth/roles.ts). Required under `/api` (a route without it
     * fails closed); routes outside `/api` (documentation, the UI) are open.
     */
    access?: Access;
  }
}

/**
 * Authentication and access control. A request with a token is authenticated before anything
 * else (a bad token is a 401 even on a public route, so that a typo is not silently ignored);
 * then the route's `config.access` is checked against the role and the public reads.
 */
export default fp(
  async (fastify, { config }: AppOptions) => {
    fastify.decorateRequest('principal', null);
    fastify.addHook('onRequest', async (request) => {
      request.principal = await authenticate(fastify.store, request.headers.authorization);
      // Unmatched URLs (404, the UI's files) have no route config: the fallback handles them.
      if (request.is404) return;
      const { url = '', config: routeConfig } = request.routeOptions;
      const access = routeConfig.access ?? (url.startsWith('/api') ? undefined : 'open');
      if (access === undefined) throw new Error(`route ${url} declares no config.access`);
      checkAccess(request.principal, access, config.publicReads);
    });
  },
  { name: 'auth', fastify: '5.x', dependencies: ['store', 'errors'] },
);
