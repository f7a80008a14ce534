import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type TestApp, testApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());

const config = { level: 'epci', changes: { dimensions: { ess: { weight: 2 } } } };

async function create(token: string, name = 'Scénario EPCI') {
  return t.app.inject({
    method: 'POST',
    url: '/api/scenarios',
    headers: bearer(token),
    payload: { name, vintageId: 'vintage-mini', config },
  });
}

describe('/api/scenarios', () => {
  it('POST /api/scenarios saves version 1 with author and dates; GET lists and loads it', async () => {
    const res = await create(t.tokens.analyst);
    expect(res.statusCode).toBe(201);
    const saved = res.json();
    expect(saved).toMatchObject({
      name: 'Scénario EPCI',
      vintageId: 'vintage-mini',
      author: 'alice',
      version: 1,
      config,
    });
    expect(res.headers.location).toBe(`/api/scenarios/${saved.id}`);
    expect(Date.parse(saved.createdAt)).not.toBeNaN();
    const list = (await t.app.inject({ url: '/api/scenarios', headers: bearer(t.tokens.analyst2) })).json();
    expect(list.map((s: { id: string }) => s.id)).toContain(saved.id);
    const loaded = (
      await t.app.inject({ url: `/api/scenarios/${saved.id}`, headers: bearer(t.tokens.analyst2) })
    ).json();
    expect(loaded).toEqual(saved);
  });

  it('PUT then PATCH make versions 2 and 3; every version stays readable', async () => {
    const { id } = (await create(t.tokens.analyst)).json();
    const changed = { level: 'commune' };
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/scenarios/${id}`,
      headers: bearer(t.tokens.analyst),
      payload: { config: changed, baseVersion: 1 },
    });
    expect(put.json()).toMatchObject({ version: 2, config: changed, name: 'Scénario EPCI' });
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/scenarios/${id}`,
      headers: bearer(t.tokens.analyst),
      payload: { name: 'Renommé' },
    });
    expect(patch.json()).toMatchObject({ version: 3, config: changed, name: 'Renommé' });
    expect(Date.parse(patch.json().updatedAt)).toBeGreaterThanOrEqual(Date.parse(patch.json().createdAt));
    const versions = (
      await t.app.inject({ url: `/api/scenarios/${id}/versions`, headers: bearer(t.tokens.analyst) })
    ).json();
    expect(versions.map((v: { version: number; name: string }) => [v.version, v.name])).toEqual([
      [1, 'Scénario EPCI'],
      [2, 'Scénario EPCI'],
      [3, 'Renommé'],
    ]);
    const v1 = (
      await t.app.inject({ url: `/api/scenarios/${id}/versions/1`, headers: bearer(t.tokens.analyst) })
    ).json();
    expect(v1).toMatchObject({ version: 1, config });
    const v9 = await t.app.inject({
      url: `/api/scenarios/${id}/versions/9`,
      headers: bearer(t.tokens.analyst),
    });
    expect(v9.statusCode).toBe(404);
  });

  it('PUT with a stale baseVersion answers 409 VERSION_CONFLICT', async () => {
    const { id } = (await create(t.tokens.analyst)).json();
    const put = (baseVersion: number) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/scenarios/${id}`,
        headers: bearer(t.tokens.analyst),
        payload: { name: `v${baseVersion}`, baseVersion },
      });
    expect((await put(1)).statusCode).toBe(200);
    const stale = await put(1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
  });

  it('only the author or an admin changes or deletes a scenario (403 NOT_AUTHOR otherwise)', async () => {
    const { id } = (await create(t.tokens.analyst)).json();
    const rename = (token: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/scenarios/${id}`,
        headers: bearer(token),
        payload: { name: 'x' },
      });
    const other = await rename(t.tokens.analyst2);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('NOT_AUTHOR');
    expect((await rename(t.tokens.admin)).json().author).toBe('alice'); // the scenario keeps its author
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/scenarios/${id}`,
      headers: bearer(t.tokens.analyst2),
    });
    expect(del.statusCode).toBe(403);
  });

  it('DELETE hides the scenario (404 afterwards)', async () => {
    const { id } = (await create(t.tokens.analyst)).json();
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/scenarios/${id}`,
      headers: bearer(t.tokens.analyst),
    });
    expect(del.statusCode).toBe(204);
    const get = await t.app.inject({ url: `/api/scenarios/${id}`, headers: bearer(t.tokens.analyst) });
    expect(get.statusCode).toBe(404);
    expect(get.json().code).toBe('SCENARIO_NOT_FOUND');
  });

  it('POST refuses an unknown vintage (404) and a configuration the engine cannot read (400 INVALID_CONFIG)', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: bearer(t.tokens.analyst),
      payload: { name: 'x', vintageId: 'nowhere-2020', config: {} },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('VINTAGE_NOT_FOUND');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: bearer(t.tokens.analyst),
      payload: {
        name: 'x',
        vintageId: 'vintage-mini',
        config: { methods: { weighting: { method: 'magic' } } },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_CONFIG');
    expect(bad.json().details.issues[0].path).toContain('methods.weighting.method');
  });
});
