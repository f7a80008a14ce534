import { describe, expect, it } from 'vitest';
import type { PublicRead } from '../config.ts';
import { ApiError } from '../errors.ts';
import { type Access, checkAccess, type Principal, ROLES, roleAtLeast } from './roles.ts';

const who = (role: Principal['role']): Principal => ({ tokenId: `t-${role}`, name: role, role });
const none = new Set<PublicRead>();

function status(
  principal: Principal | null,
  access: Access,
  publicReads: ReadonlySet<PublicRead> = none,
): number {
  try {
    checkAccess(principal, access, publicReads);
    return 200;
  } catch (error) {
    return (error as ApiError).statusCode;
  }
}

describe('roleAtLeast(role, minimum)', () => {
  it('roleAtLeast(role, minimum) orders viewer < analyst < admin', () => {
    const table = ROLES.map((r) => ROLES.map((m) => roleAtLeast(r, m)));
    expect(table).toEqual([
      [true, false, false],
      [true, true, false],
      [true, true, true],
    ]);
  });
});

describe('checkAccess(principal, access, publicReads)', () => {
  it('checkAccess() lets anyone through an open route', () => {
    expect(status(null, 'open')).toBe(200);
  });

  it('checkAccess() asks for a token (401) on a read that is not public, and accepts any role', () => {
    for (const read of ['vintages', 'score', 'published'] as const) {
      expect(status(null, read)).toBe(401);
      for (const role of ROLES) expect(status(who(role), read)).toBe(200);
    }
  });

  it('checkAccess() opens exactly the reads listed in publicReads', () => {
    const reads = new Set<PublicRead>(['score']);
    expect(status(null, 'score', reads)).toBe(200);
    expect(status(null, 'vintages', reads)).toBe(401);
    expect(status(null, 'published', reads)).toBe(401);
  });

  it('checkAccess() never opens a role-gated route, whatever the public reads', () => {
    const all = new Set<PublicRead>(['vintages', 'score', 'published']);
    expect(status(null, 'viewer', all)).toBe(401);
    expect(status(null, 'analyst', all)).toBe(401);
    expect(status(null, 'admin', all)).toBe(401);
  });

  it('checkAccess() answers 403 with the required role when the role is too weak', () => {
    expect(status(who('viewer'), 'analyst')).toBe(403);
    expect(status(who('analyst'), 'admin')).toBe(403);
    expect(status(who('analyst'), 'analyst')).toBe(200);
    expect(() => checkAccess(who('viewer'), 'admin', none)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', details: { role: 'viewer', requiredRole: 'admin' } }),
    );
    expect(() => checkAccess(who('viewer'), 'admin', none)).toThrow(ApiError);
  });
});
