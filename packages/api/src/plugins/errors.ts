import fp from 'fastify-plugin';
import type { AppOptions } from '../app.ts';
import { errorReply } from '../http/errorReply.ts';

/**
 * One error handler for the whole app: every error becomes `{ code, message, details }`.
 * Caller errors (4xx) say what to fix; server faults are logged with their stack and answered
 * with a bare 500 that only carries the request id to quote.
 */
export default fp(
  async (fastify, options: AppOptions) => {
    fastify.setErrorHandler((error, request, reply) => {
      const { status, body, fault } = errorReply(error, options.config.bodyLimit);
      if (fault) {
        request.log.error({ err: error }, 'request failed');
        body.details = { requestId: request.id };
      } else {
        request.log.info({ code: body.code, status }, body.message);
      }
      if (status === 401) reply.header('www-authenticate', 'Bearer');
      return reply.code(status).type('application/json; charset=utf-8').send(body);
    });
  },
  { name: 'errors', fastify: '5.x' },
);
