import { Type } from 'typebox';
import { LEVEL_PATTERN } from '../vintages/levels.ts';
import { TERRITORY_CODE_PATTERN } from '../vintages/territoryDetail.ts';
import { OpenObjectSchema, VINTAGE_ID_PATTERN } from './common.ts';

export const VintageSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  createdAt: Type.String(),
  scope: OpenObjectSchema,
  synthetic: OpenObjectSchema,
  counts: OpenObjectSchema,
  levels: Type.Array(OpenObjectSchema),
  isDefault: Type.Boolean(),
});

export const LevelParams = Type.Object({
  vid: Type.String({ pattern: VINTAGE_ID_PATTERN }),
  level: Type.String({
    pattern: LEVEL_PATTERN,
    description: '`commune` ou un niveau de zonage (epci, arr, cv...)',
  }),
});

export const TerritoryParams = Type.Object({
  vid: Type.String({ pattern: VINTAGE_ID_PATTERN }),
  level: Type.String({ pattern: LEVEL_PATTERN }),
  code: Type.String({ pattern: TERRITORY_CODE_PATTERN }),
});

export const FeatureCollectionSchema = Type.Object(
  { type: Type.Literal('FeatureCollection'), features: Type.Array(OpenObjectSchema) },
  { additionalProperties: true, description: 'GeoJSON (WGS84), propriétés code et name' },
);

const nullableNumber = Type.Union([Type.Number(), Type.Null()]);

export const TerritoryDetailSchema = Type.Object({
  vintageId: Type.String(),
  level: Type.String(),
  code: Type.String(),
  name: Type.String(),
  nature: Type.Union([Type.String(), Type.Null()]),
  complete: Type.Boolean(),
  membersTotal: nullableNumber,
  members: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), inScope: Type.Boolean() })),
  memberships: Type.Array(Type.Object({ level: Type.String(), code: Type.String(), name: Type.String() })),
  variables: Type.Array(
    Type.Object({
      id: Type.String(),
      stem: Type.String(),
      year: nullableNumber,
      label: Type.String(),
      unit: Type.String(),
      aggregation: Type.String(),
      value: nullableNumber,
      missingMembers: Type.Integer(),
      estimate: Type.Boolean(),
      coverage: nullableNumber,
      synthetic: Type.Boolean(),
    }),
  ),
});
