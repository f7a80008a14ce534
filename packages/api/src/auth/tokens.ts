import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ApiError } from '../errors.ts';
import type { Store, TokenRecord } from '../store/types.ts';
import { isRole, type Principal, type Role } from './roles.ts';

/** Prefix of every secret, so that a leaked token is recognisable (and greppable) as ours. */
const PREFIX = 'ptce_';

export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export interface CreatedToken extends TokenRecord {
  /** The secret: shown once, never stored (only its sha256 is). */
  token: string;
}

/**
 * Creates a bearer token: 32 random bytes, base64url, prefixed `ptce_`. Only its sha256 is
 * stored; the returned `token` is the only copy of the secret.
 * @throws {ApiError} 400 `INVALID_TOKEN_REQUEST` for an unknown role or an empty name.
 * @example
 * const { token } = await createToken(await openStore(dataDir), { role: 'analyst', name: 'alice' });
 */
export async function createToken(store: Store, input: { role: Role; name: string }): Promise<CreatedToken> {
  const name = input.name.trim();
  if (!isRole(input.role)) {
    throw new ApiError(
      400,
      'INVALID_TOKEN_REQUEST',
      `Rôle « ${input.role} » inconnu : viewer, analyst ou admin.`,
      {
        field: 'role',
      },
    );
  }
  if (name === '' || name.length > 100) {
    throw new ApiError(400, 'INVALID_TOKEN_REQUEST', 'Donnez au jeton un nom de 1 à 100 caractères.', {
      field: 'name',
    });
  }
  const token = PREFIX + randomBytes(32).toString('base64url');
  const record: TokenRecord = {
    id: randomUUID(),
    name,
    role: input.role,
    createdAt: new Date().toISOString(),
    revokedAt: null,
  };
  await store.tokens.insert({ ...record, hash: hashToken(token) });
  return { ...record, token };
}

/**
 * The principal behind an `Authorization` header value.
 * @returns `null` when there is no header.
 * @throws {ApiError} 401 `INVALID_TOKEN` when the header is malformed, the token unknown or revoked.
 */
export async function authenticate(store: Store, header: string | undefined): Promise<Principal | null> {
  if (header === undefined || header === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw new ApiError(
      401,
      'INVALID_TOKEN',
      'En-tête Authorization mal formé : attendu « Bearer <jeton> ».',
      {
        header: 'authorization',
      },
    );
  }
  const record = await store.tokens.findByHash(hashToken(match[1]!));
  if (!record || record.revokedAt !== null) {
    throw new ApiError(
      401,
      'INVALID_TOKEN',
      record ? 'Ce jeton a été révoqué : demandez-en un nouveau à un administrateur.' : 'Jeton inconnu.',
      { header: 'authorization' },
    );
  }
  return { tokenId: record.id, name: record.name, role: record.role };
}
