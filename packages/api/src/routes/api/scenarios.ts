import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ApiError } from '../../errors.ts';
import { errorResponses, IdParams } from '../../schemas/common.ts';
import {
  CreateScenarioBody,
  RenameScenarioBody,
  ScenarioSchema,
  ScenarioSummarySchema,
  ScenarioVersionSchema,
  ScenarioVersionSummarySchema,
  UpdateScenarioBody,
  VersionParams,
} from '../../schemas/scenarios.ts';
import { checkScoreConfig } from '../../scoring/scorer.ts';
import type { Scenario } from '../../store/types.ts';

const config = { access: 'analyst' } as const;
const tags = ['scenarios'];

function notFound(id: string, version?: number): ApiError {
  return new ApiError(
    404,
    'SCENARIO_NOT_FOUND',
    version === undefined
      ? `Scénario ${id} introuvable.`
      : `Le scénario ${id} n'a pas de version ${version}.`,
    version === undefined ? { id } : { id, version },
  );
}

/**
 * Saved scoring configurations (analysts and admins). Everyone with the role reads them all;
 * only their author or an admin changes or deletes them. Every change (content or name) is a
 * new version; old versions stay readable.
 */
const scenarios: FastifyPluginAsyncTypebox = async (fastify) => {
  const { store } = fastify;

  /** The scenario, if the caller may change it. */
  async function editable(request: FastifyRequest, id: string): Promise<Scenario> {
    const scenario = await store.scenarios.get(id);
    if (!scenario) throw notFound(id);
    const principal = request.principal!;
    if (principal.role !== 'admin' && scenario.author !== principal.name) {
      throw new ApiError(
        403,
        'NOT_AUTHOR',
        `Seul l'auteur du scénario (${scenario.author}) ou un administrateur peut le modifier ; enregistrez-en une copie à votre nom.`,
        { id, author: scenario.author },
      );
    }
    return scenario;
  }

  fastify.get(
    '/scenarios',
    {
      schema: {
        tags,
        summary: 'Scénarios (dernière version de chacun)',
        response: { 200: Type.Array(ScenarioSummarySchema), ...errorResponses() },
      },
      config,
    },
    async () => store.scenarios.list(),
  );

  fastify.post(
    '/scenarios',
    {
      schema: {
        tags,
        summary: 'Enregistrer un scénario (version 1)',
        body: CreateScenarioBody,
        response: { 201: ScenarioSchema, ...errorResponses(404) },
      },
      config,
    },
    async (request, reply) => {
      const { name, vintageId, config: scoreConfig } = request.body;
      checkScoreConfig(scoreConfig);
      await fastify.vintages.manifest(vintageId); // 404 VINTAGE_NOT_FOUND for an unknown vintage
      const scenario = await store.scenarios.create({
        name,
        vintageId,
        config: scoreConfig,
        author: request.principal!.name,
      });
      return reply.code(201).header('location', `/api/scenarios/${scenario.id}`).send(scenario);
    },
  );

  fastify.get(
    '/scenarios/:id',
    {
      schema: {
        tags,
        summary: 'Un scénario (dernière version)',
        params: IdParams,
        response: { 200: ScenarioSchema, ...errorResponses(404) },
      },
      config,
    },
    async (request) => {
      const scenario = await store.scenarios.get(request.params.id);
      if (!scenario) throw notFound(request.params.id);
      return scenario;
    },
  );

  fastify.get(
    '/scenarios/:id/versions',
    {
      schema: {
        tags,
        summary: "Historique des versions d'un scénario",
        params: IdParams,
        response: { 200: Type.Array(ScenarioVersionSummarySchema), ...errorResponses(404) },
      },
      config,
    },
    async (request) => {
      const versions = await store.scenarios.listVersions(request.params.id);
      if (!versions) throw notFound(request.params.id);
      return versions;
    },
  );

  fastify.get(
    '/scenarios/:id/versions/:n',
    {
      schema: {
        tags,
        summary: "Une version d'un scénario",
        params: VersionParams,
        response: { 200: ScenarioVersionSchema, ...errorResponses(404) },
      },
      config,
    },
    async (request) => {
      const { id, n } = request.params;
      const version = await store.scenarios.getVersion(id, n);
      if (!version) throw notFound(id, n);
      return version;
    },
  );

  fastify.put(
    '/scenarios/:id',
    {
      schema: {
        tags,
        summary: 'Modifier (configuration et/ou nom) : nouvelle version',
        params: IdParams,
        body: UpdateScenarioBody,
        response: { 200: ScenarioSchema, ...errorResponses(404, 409) },
      },
      config,
    },
    async (request) => {
      const { id } = request.params;
      await editable(request, id);
      if (request.body.config !== undefined) checkScoreConfig(request.body.config);
      return store.scenarios.update(id, { ...request.body, author: request.principal!.name });
    },
  );

  fastify.patch(
    '/scenarios/:id',
    {
      schema: {
        tags,
        summary: 'Renommer : nouvelle version, même configuration',
        params: IdParams,
        body: RenameScenarioBody,
        response: { 200: ScenarioSchema, ...errorResponses(404, 409) },
      },
      config,
    },
    async (request) => {
      const { id } = request.params;
      await editable(request, id);
      return store.scenarios.update(id, { name: request.body.name, author: request.principal!.name });
    },
  );

  fastify.delete(
    '/scenarios/:id',
    {
      schema: {
        tags,
        summary: 'Supprimer un scénario (ses versions restent citables par les listes publiées)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(404) },
      },
      config,
    },
    async (request, reply) => {
      const { id } = request.params;
      await editable(request, id);
      await store.scenarios.remove(id);
      return reply.code(204).send(null);
    },
  );
};

export default scenarios;
