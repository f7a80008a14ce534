import { Type } from 'typebox';

export const RoleSchema = Type.Union([
  Type.Literal('viewer'),
  Type.Literal('analyst'),
  Type.Literal('admin'),
]);

export const MeSchema = Type.Object({ role: RoleSchema, name: Type.String() });

export const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});

export const CreatedTokenSchema = Type.Object({
  ...TokenSchema.properties,
  token: Type.String({ description: 'Le secret, montré cette seule fois' }),
});

export const CreateTokenBody = Type.Object(
  { role: RoleSchema, name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
