import { type TSchema, Type } from 'typebox';
import type { JsonObject } from '../store/types.ts';
import { VINTAGE_ID_PATTERN } from '../vintages/registry.ts';

/** Ids the API generates (UUIDs); anything else, such as a path or SQL, is refused before any lookup. */
export const ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

export const ErrorSchema = Type.Object(
  {
    code: Type.String({ description: 'Code stable (ex. VALIDATION_ERROR, VINTAGE_NOT_FOUND)' }),
    message: Type.String({ description: 'Ce qui ne va pas et comment le corriger (français)' }),
    details: Type.Record(Type.String(), Type.Unknown(), {
      description: 'Où : champ, valeur, valeurs possibles',
    }),
  },
  { additionalProperties: false, description: 'Erreur' },
);

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Jeton absent ou invalide',
  403: 'Rôle insuffisant',
  404: 'Introuvable',
  409: 'Conflit (version dépassée, liste publiée)',
  413: 'Corps de requête trop gros',
  415: 'Type de contenu non pris en charge',
  429: 'Trop de requêtes',
  501: 'Fonction pas encore disponible',
  503: 'Service indisponible (millésime absent ou illisible)',
};

/** The error responses a route can give, for its `response` schema (and the OpenAPI document). */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  const responses: Record<number, TSchema> = {};
  for (const status of [400, 401, 403, 429, ...statuses]) {
    responses[status] = Type.Object(ErrorSchema.properties, {
      additionalProperties: false,
      description: ERROR_DESCRIPTIONS[status] ?? 'Erreur',
    });
  }
  return responses;
}

/**
 * A JSON object (not an array, not null) whose content another layer checks (a scoring
 * configuration, checked by the engine), or that a response passes through as it is.
 */
export function jsonObject(description?: string) {
  return Type.Unsafe<JsonObject>({
    type: 'object',
    additionalProperties: true,
    ...(description ? { description } : {}),
  });
}
export const JsonObjectSchema = jsonObject();
export const OpenObjectSchema = JsonObjectSchema;

export const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
export const VintageParams = Type.Object({
  vid: Type.String({ pattern: VINTAGE_ID_PATTERN, description: 'Id du millésime (ex. bas-rhin-2021)' }),
});
export { VINTAGE_ID_PATTERN };
