import { Type } from 'typebox';
import { ID_PATTERN, JsonObjectSchema, jsonObject, VINTAGE_ID_PATTERN } from './common.ts';

const Name = Type.String({ minLength: 1, maxLength: 200, description: 'Nom du scénario' });

export const ScenarioSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  vintageId: Type.String(),
  author: Type.String(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const ScenarioSchema = Type.Object({ ...ScenarioSummarySchema.properties, config: JsonObjectSchema });

export const ScenarioVersionSchema = Type.Object({
  scenarioId: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  config: JsonObjectSchema,
  author: Type.String(),
  createdAt: Type.String(),
});

export const ScenarioVersionSummarySchema = Type.Object({
  version: Type.Integer(),
  name: Type.String(),
  author: Type.String(),
  createdAt: Type.String(),
});

export const CreateScenarioBody = Type.Object(
  {
    name: Name,
    vintageId: Type.String({ pattern: VINTAGE_ID_PATTERN }),
    config: jsonObject('Configuration de score (ScoreConfig du moteur)'),
  },
  { additionalProperties: false },
);

export const UpdateScenarioBody = Type.Object(
  {
    name: Type.Optional(Name),
    config: Type.Optional(JsonObjectSchema),
    baseVersion: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Version de départ : refus (409) si le scénario a changé depuis',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const RenameScenarioBody = Type.Object({ name: Name }, { additionalProperties: false });

export const VersionParams = Type.Object({
  id: Type.String({ pattern: ID_PATTERN }),
  n: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
});
