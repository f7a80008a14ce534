import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { roleAtLeast } from '../../auth/roles.ts';
import { ApiError } from '../../errors.ts';
import { errorResponses, IdParams } from '../../schemas/common.ts';
import {
  CreateShortlistBody,
  ShortlistSchema,
  ShortlistSummarySchema,
  UpdateShortlistBody,
} from '../../schemas/shortlists.ts';
import { checkScoreConfig } from '../../scoring/scorer.ts';
import { checkItems } from '../../shortlists/checkItems.ts';
import { toCsv } from '../../shortlists/toCsv.ts';
import type { Shortlist } from '../../store/types.ts';

const tags = ['shortlists'];

function notFound(id: string): ApiError {
  return new ApiError(404, 'SHORTLIST_NOT_FOUND', `Liste restreinte ${id} introuvable.`, { id });
}

/** Analysts and admins see drafts; viewers (and the public, when configured) only published lists. */
function seesDrafts(request: FastifyRequest): boolean {
  return request.principal !== null && roleAtLeast(request.principal.role, 'analyst');
}

/**
 * Shortlists: ranked territories or candidate zones with the analysts' notes, frozen with the
 * scenario (and its version), the vintage, the configuration and the result hash. Drafts are
 * edited by their author (or an admin); an admin publishes, after which the list is immutable
 * (the database refuses the change too).
 */
const shortlists: FastifyPluginAsyncTypebox = async (fastify) => {
  const { store } = fastify;

  /** The shortlist if the caller may read it; a draft is "not found" for whoever may not see drafts. */
  async function readable(request: FastifyRequest, id: string): Promise<Shortlist> {
    const shortlist = await store.shortlists.get(id);
    if (!shortlist || (shortlist.status === 'draft' && !seesDrafts(request))) throw notFound(id);
    return shortlist;
  }

  /** The shortlist if the caller may change it: a draft of theirs, or any draft for an admin. */
  async function editable(request: FastifyRequest, id: string): Promise<Shortlist> {
    const shortlist = await readable(request, id);
    const principal = request.principal!;
    if (shortlist.status === 'published') {
      throw new ApiError(
        409,
        'SHORTLIST_PUBLISHED',
        `La liste restreinte ${id} est publiée : elle ne peut plus être modifiée ni supprimée. Créez-en une nouvelle à partir d'elle.`,
        { id },
      );
    }
    if (principal.role !== 'admin' && shortlist.author !== principal.name) {
      throw new ApiError(
        403,
        'NOT_AUTHOR',
        `Seul l'auteur de la liste (${shortlist.author}) ou un administrateur peut la modifier.`,
        { id, author: shortlist.author },
      );
    }
    return shortlist;
  }

  /** The scenario version a shortlist is frozen with. @throws {ApiError} 400 when the scenario is unknown. */
  async function scenarioVersion(scenarioId: string | null | undefined): Promise<number | null> {
    if (scenarioId === undefined || scenarioId === null) return null;
    const scenario = await store.scenarios.get(scenarioId);
    if (!scenario) {
      throw new ApiError(400, 'UNKNOWN_SCENARIO', `scenarioId : aucun scénario ${scenarioId}.`, {
        field: 'scenarioId',
        scenarioId,
      });
    }
    return scenario.version;
  }

  fastify.get(
    '/shortlists',
    {
      schema: {
        tags,
        summary: 'Listes restreintes (publiées ; et brouillons pour les analystes)',
        response: { 200: Type.Array(ShortlistSummarySchema), ...errorResponses() },
      },
      config: { access: 'published' },
    },
    async (request) => store.shortlists.list({ includeDrafts: seesDrafts(request) }),
  );

  fastify.post(
    '/shortlists',
    {
      schema: {
        tags,
        summary: 'Créer une liste restreinte (brouillon)',
        body: CreateShortlistBody,
        response: { 201: ShortlistSchema, ...errorResponses(404) },
      },
      config: { access: 'analyst' },
    },
    async (request, reply) => {
      const body = request.body;
      checkScoreConfig(body.config);
      checkItems(await fastify.vintages.load(body.vintageId), body.level, body.items);
      const shortlist = await store.shortlists.create({
        ...body,
        scenarioId: body.scenarioId ?? null,
        scenarioVersion: await scenarioVersion(body.scenarioId),
        author: request.principal!.name,
      });
      return reply.code(201).header('location', `/api/shortlists/${shortlist.id}`).send(shortlist);
    },
  );

  fastify.get(
    '/shortlists/:id',
    {
      schema: {
        tags,
        summary: 'Une liste restreinte',
        params: IdParams,
        response: { 200: ShortlistSchema, ...errorResponses(404) },
      },
      config: { access: 'published' },
    },
    async (request) => readable(request, request.params.id),
  );

  fastify.put(
    '/shortlists/:id',
    {
      schema: {
        tags,
        summary: 'Modifier un brouillon',
        params: IdParams,
        body: UpdateShortlistBody,
        response: { 200: ShortlistSchema, ...errorResponses(404, 409) },
      },
      config: { access: 'analyst' },
    },
    async (request) => {
      const current = await editable(request, request.params.id);
      const change = request.body;
      if (change.config !== undefined) checkScoreConfig(change.config);
      const level = change.level ?? current.level;
      if (change.items !== undefined || change.level !== undefined) {
        checkItems(await fastify.vintages.load(current.vintageId), level, change.items ?? current.items);
      }
      const { scenarioId, ...rest } = change;
      return store.shortlists.update(
        current.id,
        scenarioId === undefined
          ? rest
          : { ...rest, scenarioId, scenarioVersion: await scenarioVersion(scenarioId) },
      );
    },
  );

  fastify.post(
    '/shortlists/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publier (admin) : la liste devient immuable',
        params: IdParams,
        response: { 200: ShortlistSchema, ...errorResponses(404, 409) },
      },
      config: { access: 'admin' },
    },
    async (request) => {
      const published = await store.shortlists.publish(request.params.id, request.principal!.name);
      request.log.info({ shortlist: published.id, by: published.publishedBy }, 'shortlist published');
      return published;
    },
  );

  fastify.delete(
    '/shortlists/:id',
    {
      schema: {
        tags,
        summary: 'Supprimer un brouillon',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(404, 409) },
      },
      config: { access: 'analyst' },
    },
    async (request, reply) => {
      await editable(request, request.params.id);
      await store.shortlists.remove(request.params.id);
      return reply.code(204).send(null);
    },
  );

  fastify.get(
    '/shortlists/:id/export.csv',
    {
      schema: {
        tags,
        summary: 'Export CSV (séparateur ;, UTF-8 avec BOM)',
        params: IdParams,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...errorResponses(404) },
      },
      config: { access: 'published' },
    },
    async (request, reply) => {
      const shortlist = await readable(request, request.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="liste-restreinte-${shortlist.id}.csv"`)
        .send(toCsv(shortlist));
    },
  );
};

export default shortlists;
