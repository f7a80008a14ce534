import { Type } from 'typebox';
import { LEVEL_PATTERN } from '../vintages/levels.ts';
import { TERRITORY_CODE_PATTERN } from '../vintages/territoryDetail.ts';
import { ID_PATTERN, JsonObjectSchema, jsonObject, VINTAGE_ID_PATTERN } from './common.ts';

export const MAX_ITEMS = 500;

export const ShortlistItemSchema = Type.Object(
  {
    code: Type.String({
      pattern: TERRITORY_CODE_PATTERN,
      description: 'Code du territoire, ou id de la zone candidate',
    }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Union([Type.Literal('territory'), Type.Literal('zone')]),
    members: Type.Optional(
      Type.Array(Type.String({ pattern: TERRITORY_CODE_PATTERN }), {
        minItems: 1,
        maxItems: 5000,
        description: "Pour une zone : codes des territoires qu'elle regroupe, au niveau de la liste",
      }),
    ),
    rank: Type.Integer({ minimum: 1, maximum: 100_000 }),
    note: Type.String({ maxLength: 10_000, description: 'Note des analystes (peut être vide)' }),
  },
  { additionalProperties: false },
);

const Title = Type.String({ minLength: 1, maxLength: 300 });
const ResultHash = Type.String({
  pattern: '^[A-Za-z0-9_:.-]{8,200}$',
  description: 'Empreinte du résultat de score',
});
const Items = Type.Array(ShortlistItemSchema, { minItems: 1, maxItems: MAX_ITEMS });
const Status = Type.Union([Type.Literal('draft'), Type.Literal('published')]);
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const CreateShortlistBody = Type.Object(
  {
    title: Title,
    scenarioId: Type.Optional(Type.String({ pattern: ID_PATTERN })),
    vintageId: Type.String({ pattern: VINTAGE_ID_PATTERN }),
    config: jsonObject('Configuration de score figée avec la liste'),
    resultHash: ResultHash,
    level: Type.String({ pattern: LEVEL_PATTERN }),
    items: Items,
  },
  { additionalProperties: false },
);

export const UpdateShortlistBody = Type.Object(
  {
    title: Type.Optional(Title),
    scenarioId: Type.Optional(Type.Union([Type.String({ pattern: ID_PATTERN }), Type.Null()])),
    config: Type.Optional(JsonObjectSchema),
    resultHash: Type.Optional(ResultHash),
    level: Type.Optional(Type.String({ pattern: LEVEL_PATTERN })),
    items: Type.Optional(Items),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ShortlistSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: Status,
  scenarioId: NullableString,
  scenarioVersion: Type.Union([Type.Integer(), Type.Null()]),
  vintageId: Type.String(),
  resultHash: Type.String(),
  level: Type.String(),
  itemCount: Type.Integer(),
  author: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  publishedAt: NullableString,
  publishedBy: NullableString,
});

const { itemCount: _itemCount, ...withoutCount } = ShortlistSummarySchema.properties;

export const ShortlistSchema = Type.Object({
  ...withoutCount,
  config: JsonObjectSchema,
  items: Type.Array(ShortlistItemSchema),
});
