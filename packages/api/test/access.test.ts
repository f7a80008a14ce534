/**
 * Proves that each role can do exactly what it may: every API route (checked against the
 * OpenAPI document, so a new route cannot be forgotten) is called by an anonymous caller, a
 * viewer, an analyst and an admin; allowed calls must succeed (2xx), refused ones must be
 * 401 (no token) or 403 (role too weak). Then again with every read made public.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicRead } from '../src/config.ts';
import { hashChainJob } from './fixtures/hashChainJob.ts';
import { miniConfig } from './fixtures/miniFramework.ts';
import { bearer, type TestApp, testApp } from './helpers.ts';

type Caller = 'anonymous' | 'viewer' | 'analyst' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'viewer', 'analyst', 'admin'];
type Need = 'open' | 'vintages' | 'score' | 'published' | 'viewer' | 'analyst' | 'admin';

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path, to check coverage. */
  path: string;
  need: Need;
  /** Prepares what the call needs (as a caller allowed to) and returns the request. */
  request: (ctx: Context, caller: Caller) => Promise<{ url: string; payload?: unknown }>;
}

interface Context {
  t: TestApp;
  headers: (caller: Caller) => Record<string, string>;
  /** A scenario authored by the caller (or by the analyst for callers that cannot create one). */
  scenario: (caller: Caller) => Promise<string>;
  shortlist: (caller: Caller, publish?: boolean) => Promise<string>;
  job: (caller: Caller) => Promise<string>;
}

const V = '/api/vintages/vintage-mini';
const shortlistBody = {
  title: 'Liste',
  vintageId: 'vintage-mini',
  config: { level: 'epci' },
  resultHash: 'hash-1234',
  level: 'epci',
  items: [{ code: '200000001', name: 'CC Alpha-Beta', kind: 'territory', rank: 1, note: '' }],
};
const get = (url: string) => async () => ({ url });

const CALLS: Call[] = [
  { method: 'GET', path: '/health', need: 'open', request: get('/health') },
  { method: 'GET', path: '/ready', need: 'open', request: get('/ready') },
  { method: 'GET', path: '/api/me', need: 'viewer', request: get('/api/me') },
  { method: 'GET', path: '/api/status', need: 'admin', request: get('/api/status') },
  { method: 'GET', path: '/api/tokens', need: 'admin', request: get('/api/tokens') },
  {
    method: 'POST',
    path: '/api/tokens',
    need: 'admin',
    request: async () => ({ url: '/api/tokens', payload: { role: 'viewer', name: 'nouveau' } }),
  },
  {
    method: 'DELETE',
    path: '/api/tokens/{id}',
    need: 'admin',
    request: async (ctx) => {
      const created = await ctx.t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: ctx.headers('admin'),
        payload: { role: 'viewer', name: 'à révoquer' },
      });
      return { url: `/api/tokens/${created.json().id}` };
    },
  },
  { method: 'GET', path: '/api/vintages', need: 'vintages', request: get('/api/vintages') },
  { method: 'GET', path: '/api/vintages/{vid}', need: 'vintages', request: get(V) },
  { method: 'GET', path: '/api/vintages/{vid}/report', need: 'vintages', request: get(`${V}/report`) },
  { method: 'GET', path: '/api/vintages/{vid}/variables', need: 'vintages', request: get(`${V}/variables`) },
  { method: 'GET', path: '/api/vintages/{vid}/zonings', need: 'vintages', request: get(`${V}/zonings`) },
  { method: 'GET', path: '/api/vintages/{vid}/data', need: 'vintages', request: get(`${V}/data`) },
  { method: 'GET', path: '/api/vintages/{vid}/geo/{level}', need: 'vintages', request: get(`${V}/geo/epci`) },
  {
    method: 'GET',
    path: '/api/vintages/{vid}/geo/context',
    need: 'vintages',
    request: get(`${V}/geo/context`),
  },
  {
    method: 'GET',
    path: '/api/vintages/{vid}/geo/places',
    need: 'vintages',
    request: get(`${V}/geo/places`),
  },
  {
    method: 'GET',
    path: '/api/vintages/{vid}/territories/{level}/{code}',
    need: 'vintages',
    request: get(`${V}/territories/epci/200000001`),
  },
  {
    method: 'GET',
    path: '/api/frameworks/default',
    need: 'vintages',
    request: get('/api/frameworks/default'),
  },
  { method: 'GET', path: '/api/config/default', need: 'vintages', request: get('/api/config/default') },
  {
    method: 'POST',
    path: '/api/vintages/{vid}/reload',
    need: 'admin',
    request: async () => ({ url: `${V}/reload` }),
  },
  {
    method: 'POST',
    path: '/api/vintages/{vid}/score',
    need: 'score',
    request: async () => ({ url: `${V}/score`, payload: miniConfig }),
  },
  {
    method: 'POST',
    path: '/api/vintages/{vid}/jobs/{kind}',
    need: 'score',
    request: async () => ({ url: `${V}/jobs/robustness`, payload: { rounds: 10 } }),
  },
  {
    method: 'POST',
    path: '/api/vintages/{vid}/robustness/estimate',
    need: 'score',
    request: async () => ({
      url: `${V}/robustness/estimate`,
      payload: { config: miniConfig, replicates: 100 },
    }),
  },
  {
    method: 'GET',
    path: '/api/jobs/{id}',
    need: 'score',
    request: async (ctx, caller) => ({ url: `/api/jobs/${await ctx.job(caller)}` }),
  },
  {
    method: 'DELETE',
    path: '/api/jobs/{id}',
    need: 'score',
    request: async (ctx, caller) => ({ url: `/api/jobs/${await ctx.job(caller)}` }),
  },
  { method: 'GET', path: '/api/scenarios', need: 'analyst', request: get('/api/scenarios') },
  {
    method: 'POST',
    path: '/api/scenarios',
    need: 'analyst',
    request: async () => ({
      url: '/api/scenarios',
      payload: { name: 'n', vintageId: 'vintage-mini', config: {} },
    }),
  },
  ...(['GET', 'PUT', 'PATCH', 'DELETE'] as const).map(
    (method): Call => ({
      method,
      path: '/api/scenarios/{id}',
      need: 'analyst',
      request: async (ctx, caller) => ({
        url: `/api/scenarios/${await ctx.scenario(caller)}`,
        ...(method === 'PUT' || method === 'PATCH' ? { payload: { name: 'renommé' } } : {}),
      }),
    }),
  ),
  {
    method: 'GET',
    path: '/api/scenarios/{id}/versions',
    need: 'analyst',
    request: async (ctx, caller) => ({ url: `/api/scenarios/${await ctx.scenario(caller)}/versions` }),
  },
  {
    method: 'GET',
    path: '/api/scenarios/{id}/versions/{n}',
    need: 'analyst',
    request: async (ctx, caller) => ({ url: `/api/scenarios/${await ctx.scenario(caller)}/versions/1` }),
  },
  { method: 'GET', path: '/api/shortlists', need: 'published', request: get('/api/shortlists') },
  {
    method: 'POST',
    path: '/api/shortlists',
    need: 'analyst',
    request: async () => ({ url: '/api/shortlists', payload: shortlistBody }),
  },
  {
    method: 'GET',
    path: '/api/shortlists/{id}',
    need: 'published',
    request: async (ctx, caller) => ({ url: `/api/shortlists/${await ctx.shortlist(caller, true)}` }),
  },
  {
    method: 'GET',
    path: '/api/shortlists/{id}/export.csv',
    need: 'published',
    request: async (ctx, caller) => ({
      url: `/api/shortlists/${await ctx.shortlist(caller, true)}/export.csv`,
    }),
  },
  {
    method: 'PUT',
    path: '/api/shortlists/{id}',
    need: 'analyst',
    request: async (ctx, caller) => ({
      url: `/api/shortlists/${await ctx.shortlist(caller)}`,
      payload: { title: 't' },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/shortlists/{id}',
    need: 'analyst',
    request: async (ctx, caller) => ({ url: `/api/shortlists/${await ctx.shortlist(caller)}` }),
  },
  {
    method: 'POST',
    path: '/api/shortlists/{id}/publish',
    need: 'admin',
    request: async (ctx, caller) => ({ url: `/api/shortlists/${await ctx.shortlist(caller)}/publish` }),
  },
];

const RANK: Record<Caller, number> = { anonymous: 0, viewer: 1, analyst: 2, admin: 3 };
const NEED_RANK: Record<Need, number> = {
  open: 0,
  vintages: 1,
  score: 1,
  published: 1,
  viewer: 1,
  analyst: 2,
  admin: 3,
};

function allowed(need: Need, caller: Caller, publicReads: ReadonlySet<string>): boolean {
  if (publicReads.has(need)) return true;
  return RANK[caller] >= NEED_RANK[need];
}

async function context(t: TestApp): Promise<Context> {
  const headers = (caller: Caller) => (caller === 'anonymous' ? {} : bearer(t.tokens[caller]));
  /** Who prepares a resource: the caller when their role may, else the analyst. */
  const author = (caller: Caller): Caller => (RANK[caller] >= 2 ? caller : 'analyst');
  return {
    t,
    headers,
    async scenario(caller) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/scenarios',
        headers: headers(author(caller)),
        payload: { name: 's', vintageId: 'vintage-mini', config: {} },
      });
      return res.json().id;
    },
    async shortlist(caller, publish = false) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/shortlists',
        headers: headers(author(caller)),
        payload: shortlistBody,
      });
      const { id } = res.json();
      if (publish) {
        await t.app.inject({
          method: 'POST',
          url: `/api/shortlists/${id}/publish`,
          headers: headers('admin'),
        });
      }
      return id;
    },
    async job(caller) {
      const res = await t.app.inject({
        method: 'POST',
        url: `${V}/jobs/robustness`,
        headers: headers(caller === 'anonymous' ? 'anonymous' : caller),
        payload: { rounds: 10 },
      });
      // Anonymous callers may not start jobs when scores are private: use a viewer's job (403/401 is what we test).
      return res.statusCode === 202 ? res.json().jobId : 'unreachable-job';
    },
  };
}

for (const reads of [[], ['vintages', 'score', 'published']] as PublicRead[][]) {
  describe(`access control with PTCE_PUBLIC_READS="${reads.join(',')}"`, () => {
    let t: TestApp;
    let ctx: Context;
    const publicReads = new Set<string>(reads);
    beforeAll(async () => {
      t = await testApp({ publicReads: reads, jobs: { robustness: hashChainJob } });
      ctx = await context(t);
    });
    afterAll(async () => t.close());

    it('the matrix covers every route of the OpenAPI document', async () => {
      const doc = (await t.app.inject('/openapi.json')).json();
      const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
        ([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
      );
      const covered = new Set(CALLS.map((c) => `${c.method} ${c.path}`));
      expect(documented.filter((r) => !covered.has(r))).toEqual([]);
      expect([...covered].filter((r) => !documented.includes(r))).toEqual([]);
    });

    for (const call of CALLS) {
      it(`${call.method} ${call.path} (${call.need})`, async () => {
        const outcomes: string[] = [];
        const expected: string[] = [];
        for (const caller of CALLERS) {
          const { url, payload } = await call.request(ctx, caller);
          const res = await t.app.inject({
            method: call.method,
            url,
            headers: ctx.headers(caller),
            ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
          });
          const ok = allowed(call.need, caller, publicReads);
          expected.push(`${caller}:${ok ? '2xx' : caller === 'anonymous' ? '401' : '403'}`);
          const s = res.statusCode;
          outcomes.push(`${caller}:${s >= 200 && s < 300 ? '2xx' : String(s)}`);
        }
        expect(outcomes).toEqual(expected);
      });
    }

    it('drafts are never public: an anonymous caller does not see them, even listed', async () => {
      const id = await ctx.shortlist('analyst');
      const res = await t.app.inject(`/api/shortlists/${id}`);
      expect(res.statusCode).toBe(publicReads.has('published') ? 404 : 401);
      if (publicReads.has('published')) {
        const list = (await t.app.inject('/api/shortlists')).json();
        expect(list.some((s: { id: string }) => s.id === id)).toBe(false);
      }
    });
  });
}

describe('tokens', () => {
  it('a revoked or unknown token is refused with 401 INVALID_TOKEN even on a public route', async () => {
    const t = await testApp({ publicReads: ['vintages'] });
    const created = (
      await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: bearer(t.tokens.admin),
        payload: { role: 'analyst', name: 'x' },
      })
    ).json();
    expect((await t.app.inject({ url: '/api/me', headers: bearer(created.token) })).json()).toEqual({
      role: 'analyst',
      name: 'x',
    });
    await t.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${created.id}`,
      headers: bearer(t.tokens.admin),
    });
    for (const token of [created.token, 'ptce_forged', '']) {
      const res = await t.app.inject({ url: '/api/vintages', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('INVALID_TOKEN');
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
    const list = (await t.app.inject({ url: '/api/tokens', headers: bearer(t.tokens.admin) })).json();
    expect(JSON.stringify(list)).not.toContain('ptce_'); // secrets are never listed
    await t.close();
  });
});
