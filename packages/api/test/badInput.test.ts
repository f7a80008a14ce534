/**
 * Bad input never gets a 500 or a stack trace: always a 4xx `{ code, message, details }` that
 * says what to fix.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { miniConfig } from './fixtures/miniFramework.ts';
import { bearer, type TestApp, testApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ config: { bodyLimit: 64 * 1024 } });
});
afterAll(async () => t.close());

function expectClientError(res: { statusCode: number; json: () => unknown; body: string }, code?: string) {
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, res.body).toBeLessThan(500);
  const body = res.json() as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(['code', 'details', 'message']);
  expect(typeof body.message).toBe('string');
  expect(res.body).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
  if (code) expect(body.code).toBe(code);
  return body;
}

const score = (payload: string | object, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/vintages/vintage-mini/score',
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

describe('bad input', () => {
  it('malformed JSON is 400 INVALID_JSON; an empty JSON body is 400 EMPTY_BODY', async () => {
    expectClientError(await score('{"level": "epci",'), 'INVALID_JSON');
    expectClientError(await score('{"__proto__": {"x": 1}}'), 'INVALID_JSON');
    expectClientError(await score(''), 'EMPTY_BODY');
  });

  it('a body that is not JSON is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    expectClientError(
      await score('level=epci', { 'content-type': 'application/x-www-form-urlencoded' }),
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('wrong types and unknown fields are 400 VALIDATION_ERROR naming the field', async () => {
    const wrong = expectClientError(await score({ level: 3 }), 'VALIDATION_ERROR');
    expect(wrong.details).toMatchObject({ location: 'body', issues: [{ path: 'level' }] });
    const unknown = expectClientError(await score({ levl: 'epci' }), 'VALIDATION_ERROR');
    expect(unknown.message).toContain('levl');
    const array = expectClientError(await score([1, 2]), 'VALIDATION_ERROR');
    expect(array.details).toMatchObject({ location: 'body' });
    const scenario = await t.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: bearer(t.tokens.analyst),
      payload: { name: 42, vintageId: 'vintage-mini', config: {}, owner: 'me' },
    });
    const body = expectClientError(scenario, 'VALIDATION_ERROR') as {
      details: { issues: { path: string }[] };
    };
    expect(body.details.issues.map((i) => i.path).sort()).toEqual(['', 'name']);
  });

  it('an oversized body is 413 BODY_TOO_LARGE', async () => {
    const big = {
      ...miniConfig,
      groups: Array.from({ length: 5000 }, (_, i) => ({ id: `g${i}`, name: 'x'.repeat(20) })),
    };
    const res = await score(big);
    expect(res.statusCode).toBe(413);
    expectClientError(res, 'BODY_TOO_LARGE');
  });

  it('negative, NaN, infinite or all-zero weights are refused by the engine with a located 400', async () => {
    const cases: [object, string, string][] = [
      [{ dimensions: { economy: { weight: -1 } } }, 'INVALID_CONFIG', 'changes.dimensions.economy.weight'],
      [
        { indicators: { eco_jobs: { weight: 'NaN' } } },
        'INVALID_CONFIG',
        'changes.indicators.eco_jobs.weight',
      ],
      [{ pillars: { need: 0, potential: 0 } }, 'INVALID_FRAMEWORK', 'pillars'],
      [
        { indicators: { eco_jobs: { weight: 0 }, eco_ess: { weight: 0 } } },
        'INVALID_WEIGHTS',
        'changes.dimensions.economy',
      ],
    ];
    for (const [changes, code, path] of cases) {
      const body = expectClientError(await score({ ...miniConfig, changes }), code) as {
        details: { path?: string; issues?: { path: string }[] };
      };
      expect(body.details.issues?.[0]?.path ?? body.details.path).toBe(path);
    }
    // JSON has no NaN or Infinity; 1e400 parses to Infinity, which the engine refuses.
    const infinite = JSON.stringify({ ...miniConfig, changes: { pillars: { need: 12345 } } }).replace(
      '12345',
      '1e400',
    );
    const body = expectClientError(await score(infinite), 'INVALID_CONFIG') as {
      details: { issues: { path: string }[] };
    };
    expect(body.details.issues[0]!.path).toBe('changes.pillars.need');
  });

  it('unknown vintage, level, territory and variable are 4xx with the allowed values', async () => {
    expectClientError(
      await t.app.inject({ method: 'POST', url: '/api/vintages/nope/score', payload: {} }),
      'VINTAGE_NOT_FOUND',
    );
    const level = expectClientError(await score({ ...miniConfig, level: 'region' }));
    expect(level.code).toBe('UNKNOWN_LEVEL');
    expectClientError(await score({}), 'UNKNOWN_VARIABLE'); // the default framework needs variables the fixture lacks
    expectClientError(
      await t.app.inject('/api/vintages/vintage-mini/territories/commune/00000'),
      'UNKNOWN_TERRITORY',
    );
  });

  it('ids that look like paths or SQL are refused before any lookup', async () => {
    for (const url of [
      '/api/vintages/..%2F..%2Fetc%2Fpasswd',
      '/api/vintages/vintage-mini/geo/..%2F..%2Fmanifest',
      '/api/vintages/vintage-mini/territories/epci/1%27%20OR%20%271%27%3D%271',
      '/api/vintages/vintage-mini%00/report',
      "/api/scenarios/1'%20OR%201=1--",
      '/api/scenarios/%2E%2E',
      '/api/shortlists/;DROP%20TABLE%20shortlists',
      '/api/jobs/..%5C..%5Cwindows',
    ]) {
      const res = await t.app.inject({ url, headers: bearer(t.tokens.admin) });
      expectClientError(res);
      expect([400, 404], url).toContain(res.statusCode);
    }
    // The table is still there.
    expect((await t.app.inject({ url: '/api/shortlists', headers: bearer(t.tokens.admin) })).statusCode).toBe(
      200,
    );
  });

  it('a malformed URL encoding is 400 BAD_URL', async () => {
    expectClientError(await t.app.inject('/api/vintages/%E0%A4%A'), 'BAD_URL');
  });

  it('an Authorization header that is not "Bearer <token>" is 401 INVALID_TOKEN', async () => {
    expectClientError(
      await t.app.inject({ url: '/api/me', headers: { authorization: 'Basic YTpi' } }),
      'INVALID_TOKEN',
    );
  });
});

describe('POST /api/vintages/:vid/score with random bodies (property-based)', () => {
  /** Values near the configuration's shape: right keys with wrong values, and wrong keys. */
  const weird = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer({ min: -1000, max: 1000 }),
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      'commune',
      'epci',
      'dep',
      'groups',
      'minMax',
      'ahp',
      'eco_jobs',
      'economy',
      'POP',
      'NaN',
      '-1',
    ),
    fc.array(fc.oneof(fc.integer({ min: -5, max: 10 }), fc.string({ maxLength: 5 })), { maxLength: 4 }),
  );
  const section = fc.dictionary(
    fc.constantFrom(
      'method',
      'range',
      'weight',
      'weights',
      'ahp',
      'indicators',
      'dimensions',
      'pillars',
      'minCoverage',
      'need',
      'potential',
      'economy',
      'eco_jobs',
      'x',
    ),
    fc.oneof(weird, fc.dictionary(fc.constantFrom('weight', 'need', 'method', 'ids', 'matrix', 'x'), weird)),
    { maxKeys: 4 },
  );
  const weight = fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), weird);
  /** Mostly valid configurations with random weights and methods, so that many reach the scoring itself. */
  const plausible = fc.record({
    level: fc.constantFrom('commune', 'epci', 'dep'),
    framework: fc.constant(miniConfig.framework),
    changes: fc.record(
      {
        dimensions: fc.record({ economy: fc.record({ weight }), precarity: fc.record({ weight }) }),
        indicators: fc.record({ eco_jobs: fc.record({ weight }), prec_income: fc.record({ weight }) }),
        pillars: fc.record({ need: weight, potential: weight }),
      },
      { requiredKeys: [] },
    ),
    methods: fc.record(
      {
        normalisation: fc.record({
          method: fc.constantFrom(
            'minMax',
            'zScore',
            'rank',
            'percentile',
            'distanceToReference',
            'goalposts',
            'x',
          ),
        }),
        aggregation: fc.record({
          method: fc.constantFrom('arithmetic', 'geometric', 'harmonic', 'copeland', 'topsis'),
          reading: fc.constantFrom('needPotential', 'composite'),
        }),
        imputation: fc.record({ method: fc.constantFrom('none', 'groupMean', 'groupMedian', 'neighbours') }),
        screening: fc.record({ minCoverage: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), weird) }),
      },
      { requiredKeys: [] },
    ),
  });
  const body = fc.oneof(
    plausible,
    fc.jsonValue({ maxDepth: 3 }),
    fc.record(
      {
        level: fc.oneof(weird, fc.constantFrom('commune', 'epci', 'dep')),
        framework: fc.oneof(fc.constant(undefined), weird, fc.constant(miniConfig.framework)),
        changes: section,
        methods: fc.dictionary(
          fc.constantFrom(
            'screening',
            'imputation',
            'outliers',
            'normalisation',
            'weighting',
            'aggregation',
            'x',
          ),
          section,
          { maxKeys: 3 },
        ),
        filters: section,
        explain: section,
        groups: fc.oneof(
          weird,
          fc.array(fc.record({ id: fc.string(), name: fc.string(), members: fc.array(fc.string()) })),
        ),
      },
      { requiredKeys: [] },
    ),
  );

  it('POST score never answers 5xx, whatever the body', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/vintages/vintage-mini/score',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(payload) ?? 'null',
        });
        seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
        expect(res.statusCode, `${res.body} for ${JSON.stringify(payload)}`).toBeLessThan(500);
        if (res.statusCode >= 400)
          expect(Object.keys(res.json()).sort()).toEqual(['code', 'details', 'message']);
      }),
      { numRuns: 400 },
    );
    // Some random bodies must get through to the engine and be scored, or the test proves little.
    expect(seen.get(200) ?? 0).toBeGreaterThan(0);
    expect(seen.get(400) ?? 0).toBeGreaterThan(0);
  });
});
