import compress from '@fastify/compress';
import cors from '@fastify/cors';
import etag from '@fastify/etag';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import sensible from '@fastify/sensible';
import fp from 'fastify-plugin';
import type { AppOptions } from '../app.ts';
import { ApiError } from '../errors.ts';

/**
 * Transport hygiene: security headers (a CSP that lets MapLibre run its workers from blobs),
 * CORS for the configured origins only, rate limiting per token (else per address),
 * compression, ETags on every GET body, request ids echoed back.
 */
export default fp(
  async (fastify, { config }: AppOptions) => {
    await fastify.register(sensible);
    await fastify.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
          childSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          // Served over plain HTTP on a LAN (no TLS proxy), an upgrade would break every sub-resource.
          upgradeInsecureRequests: null,
        },
      },
    });
    await fastify.register(cors, {
      origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'if-none-match', 'x-request-id'],
      exposedHeaders: ['etag', 'x-request-id', 'x-ptce-cache'],
      maxAge: 600,
    });
    if (config.rateLimitPerMinute > 0) {
      await fastify.register(rateLimit, {
        max: config.rateLimitPerMinute,
        timeWindow: 60_000,
        // After authentication (preHandler), so that the key is the token's id when there is a valid one
        // (a team behind one address is not one user) and the address otherwise: made-up tokens
        // are refused by auth before they could open fresh buckets.
        hook: 'preHandler',
        keyGenerator: (request) =>
          request.principal ? `token:${request.principal.tokenId}` : `ip:${request.ip}`,
        errorResponseBuilder: (_request, context) =>
          new ApiError(
            429,
            'RATE_LIMITED',
            `Trop de requêtes : ${context.max} par minute au plus. Réessayez dans ${Math.ceil(context.ttl / 1000)} s.`,
            { limit: context.max, retryAfterSeconds: Math.ceil(context.ttl / 1000) },
          ),
      });
    }
    await fastify.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
    await fastify.register(etag);
    // Set early (not in onSend): cheaper, and present on every reply, errors included.
    fastify.addHook('onRequest', (request, reply, done) => {
      reply.header('x-request-id', request.id);
      done();
    });
  },
  { name: 'security', fastify: '5.x', dependencies: ['errors'] },
);
