import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type TestApp, testApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());

const items = [
  {
    code: '200000002',
    name: 'CA Gamma',
    kind: 'territory',
    rank: 1,
    note: 'Besoins forts ; acteurs ESS présents',
  },
  { code: 'zone-1', name: 'Zone Alpha-Beta', kind: 'zone', members: ['200000001'], rank: 2, note: '' },
];
const body = {
  title: 'Sites pilotes',
  vintageId: 'vintage-mini',
  config: { level: 'epci' },
  resultHash: 'abc12345',
  level: 'epci',
  items,
};

async function createDraft(token = t.tokens.analyst, payload: Record<string, unknown> = body) {
  return t.app.inject({ method: 'POST', url: '/api/shortlists', headers: bearer(token), payload });
}

describe('/api/shortlists', () => {
  it('POST creates a draft frozen with the scenario version; PUT edits it; publish freezes it', async () => {
    const scenario = (
      await t.app.inject({
        method: 'POST',
        url: '/api/scenarios',
        headers: bearer(t.tokens.analyst),
        payload: { name: 's', vintageId: 'vintage-mini', config: { level: 'epci' } },
      })
    ).json();
    await t.app.inject({
      method: 'PATCH',
      url: `/api/scenarios/${scenario.id}`,
      headers: bearer(t.tokens.analyst),
      payload: { name: 's2' },
    });
    const created = await createDraft(t.tokens.analyst, { ...body, scenarioId: scenario.id });
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({
      status: 'draft',
      scenarioId: scenario.id,
      scenarioVersion: 2,
      author: 'alice',
      items,
    });

    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/shortlists/${draft.id}`,
      headers: bearer(t.tokens.analyst),
      payload: { title: 'Sites pilotes (revu)', items: [{ ...items[0], note: 'Revu en comité' }] },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ title: 'Sites pilotes (revu)', items: [{ note: 'Revu en comité' }] });

    const published = await t.app.inject({
      method: 'POST',
      url: `/api/shortlists/${draft.id}/publish`,
      headers: bearer(t.tokens.admin),
    });
    expect(published.json()).toMatchObject({ status: 'published', publishedBy: 'ada' });

    for (const [method, url, payload] of [
      ['PUT', `/api/shortlists/${draft.id}`, { title: 'x' }],
      ['DELETE', `/api/shortlists/${draft.id}`, undefined],
      ['POST', `/api/shortlists/${draft.id}/publish`, undefined],
    ] as const) {
      const res = await t.app.inject({
        method,
        url,
        headers: bearer(t.tokens.admin),
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(409);
      expect(res.json().code).toBe('SHORTLIST_PUBLISHED');
    }
  });

  it('a viewer lists and reads published shortlists only; drafts are "not found" to them', async () => {
    const draft = (await createDraft()).json();
    const list = (await t.app.inject({ url: '/api/shortlists', headers: bearer(t.tokens.viewer) })).json();
    expect(list.every((s: { status: string }) => s.status === 'published')).toBe(true);
    const read = await t.app.inject({ url: `/api/shortlists/${draft.id}`, headers: bearer(t.tokens.viewer) });
    expect(read.statusCode).toBe(404);
    const csv = await t.app.inject({
      url: `/api/shortlists/${draft.id}/export.csv`,
      headers: bearer(t.tokens.viewer),
    });
    expect(csv.statusCode).toBe(404);
    const analystList = (
      await t.app.inject({ url: '/api/shortlists', headers: bearer(t.tokens.analyst2) })
    ).json();
    expect(analystList.map((s: { id: string }) => s.id)).toContain(draft.id);
  });

  it('GET export.csv sends the items by rank as a French CSV', async () => {
    const draft = (await createDraft()).json();
    const res = await t.app.inject({
      url: `/api/shortlists/${draft.id}/export.csv`,
      headers: bearer(t.tokens.analyst),
    });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('.csv');
    expect(res.body).toBe(
      '\uFEFFrang;code;nom;type;membres;note\r\n' +
        '1;200000002;CA Gamma;territoire;;"Besoins forts ; acteurs ESS présents"\r\n' +
        '2;zone-1;Zone Alpha-Beta;zone;200000001;\r\n',
    );
  });

  it('only the author or an admin edits a draft; the author cannot publish', async () => {
    const draft = (await createDraft()).json();
    const other = await t.app.inject({
      method: 'PUT',
      url: `/api/shortlists/${draft.id}`,
      headers: bearer(t.tokens.analyst2),
      payload: { title: 'x' },
    });
    expect(other.statusCode).toBe(403);
    const publish = await t.app.inject({
      method: 'POST',
      url: `/api/shortlists/${draft.id}/publish`,
      headers: bearer(t.tokens.analyst),
    });
    expect(publish.statusCode).toBe(403);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/shortlists/${draft.id}`,
      headers: bearer(t.tokens.admin),
    });
    expect(del.statusCode).toBe(204);
  });

  it('POST checks items against the vintage and reports every problem with its place', async () => {
    const res = await createDraft(t.tokens.analyst, {
      ...body,
      items: [
        { code: '999999999', name: 'Inconnu', kind: 'territory', rank: 1, note: '' },
        { code: 'z', name: 'Zone', kind: 'zone', rank: 1, note: '' },
        { code: 'z2', name: 'Zone 2', kind: 'zone', members: ['200000001', '67001'], rank: 3, note: '' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_SHORTLIST');
    expect(res.json().details.issues.map((i: { path: string }) => i.path)).toEqual([
      'items[0].code',
      'items[1].rank',
      'items[1].members',
      'items[2].members[1]',
    ]);
    const level = await createDraft(t.tokens.analyst, { ...body, level: 'canton' });
    expect(level.statusCode).toBe(400);
    expect(level.json().details.issues[0].path).toBe('level');
    const scenario = await createDraft(t.tokens.analyst, { ...body, scenarioId: 'no-such-scenario' });
    expect(scenario.statusCode).toBe(400);
    expect(scenario.json().code).toBe('UNKNOWN_SCENARIO');
  });
});
