import type { PublicRead } from '../config.ts';
import { ApiError } from '../errors.ts';

/** Roles, weakest first: each can do everything the ones before it can. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who sent a request: the token's id, name and role; `null` for a request without a token. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

/**
 * What a route needs, declared in its `config.access`:
 *   - `open`      anyone (health, the UI, the documentation)
 *   - `vintages` / `score` / `published`: a viewer, or anyone when the read is public (PTCE_PUBLIC_READS)
 *   - a role:     at least that role
 */
export type Access = 'open' | PublicRead | Role;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

const ROLE_LABEL: Record<Role, string> = { viewer: 'lecteur', analyst: 'analyste', admin: 'administrateur' };

/**
 * Whether `principal` may use a route that needs `access`, given the reads opened to everyone.
 * @throws {ApiError} 401 `UNAUTHENTICATED` without a token when one is needed, 403 `FORBIDDEN`
 *   when the token's role is too weak.
 */
export function checkAccess(
  principal: Principal | null,
  access: Access,
  publicReads: ReadonlySet<PublicRead>,
): void {
  if (access === 'open') return;
  const minimum: Role = isRole(access) ? access : 'viewer';
  if (!isRole(access) && publicReads.has(access)) return;
  if (principal === null) {
    throw new ApiError(
      401,
      'UNAUTHENTICATED',
      `Jeton requis : envoyez l'en-tête « Authorization: Bearer <jeton> » (rôle ${ROLE_LABEL[minimum]} au moins).`,
      { requiredRole: minimum },
    );
  }
  if (!roleAtLeast(principal.role, minimum)) {
    throw new ApiError(
      403,
      'FORBIDDEN',
      `Votre rôle (${ROLE_LABEL[principal.role]}) ne permet pas cette action : il faut le rôle ${ROLE_LABEL[minimum]} au moins.`,
      { role: principal.role, requiredRole: minimum },
    );
  }
}
