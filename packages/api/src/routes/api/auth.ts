import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createToken } from '../../auth/tokens.ts';
import { ApiError } from '../../errors.ts';
import { CreatedTokenSchema, CreateTokenBody, MeSchema, TokenSchema } from '../../schemas/auth.ts';
import { errorResponses, IdParams } from '../../schemas/common.ts';

/** Who am I, and token management for admins (tokens are usually created with `pnpm ptce token create`). */
const auth: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Rôle et nom du jeton envoyé',
        response: { 200: MeSchema, ...errorResponses() },
      },
      config: { access: 'viewer' },
    },
    async (request) => ({ role: request.principal!.role, name: request.principal!.name }),
  );

  fastify.get(
    '/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Jetons (sans leur secret) — admin',
        response: { 200: Type.Array(TokenSchema), ...errorResponses() },
      },
      config: { access: 'admin' },
    },
    async () => fastify.store.tokens.list(),
  );

  fastify.post(
    '/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Créer un jeton ; son secret est montré une seule fois — admin',
        body: CreateTokenBody,
        response: { 201: CreatedTokenSchema, ...errorResponses() },
      },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      const created = await createToken(fastify.store, request.body);
      request.log.info(
        { tokenId: created.id, role: created.role, by: request.principal?.name },
        'token created',
      );
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  fastify.delete(
    '/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Révoquer un jeton — admin',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(404) },
      },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      if (!(await fastify.store.tokens.revoke(request.params.id))) {
        throw new ApiError(404, 'TOKEN_NOT_FOUND', `Aucun jeton actif d'id ${request.params.id}.`, {
          id: request.params.id,
        });
      }
      return reply.code(204).send(null);
    },
  );
};

export default auth;
