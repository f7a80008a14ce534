import { brotliDecompressSync } from 'node:zlib';
import { EngineError, isEngineError } from '@ptce/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { miniConfig } from '../../test/fixtures/miniFramework.ts';
import { FIXTURES_DIR } from '../../test/helpers.ts';
import { ApiError, isApiError } from '../errors.ts';
import { jsonBuffer } from '../http/jsonBuffer.ts';
import type { JsonObject } from '../store/types.ts';
import { type LoadedVintage, VintageRegistry } from '../vintages/registry.ts';
import { ScorePool } from './scorePool.ts';
import { createEngineScorer } from './scorer.ts';
import { deserializeError, serializeError } from './workerProtocol.ts';

const data = { vintagesDir: FIXTURES_DIR, defaultVintage: 'vintage-mini' };
const CRASHING = new URL('../../test/fixtures/crashingScoreWorker.mjs', import.meta.url);

describe('serializeError(error) / deserializeError(serialized)', () => {
  it('deserializeError(serializeError(e)) keeps the class, code, message and details of engine and API errors', () => {
    const engine = deserializeError(
      structuredClone(
        serializeError(
          new EngineError('INVALID_WEIGHTS', 'Poids nuls', { path: 'changes.dimensions.economy' }),
        ),
      ),
    );
    expect(isEngineError(engine)).toBe(true);
    expect(engine).toMatchObject({
      code: 'INVALID_WEIGHTS',
      message: 'Poids nuls',
      details: { path: 'changes.dimensions.economy' },
    });
    const api = deserializeError(
      structuredClone(serializeError(new ApiError(404, 'X', 'introuvable', { a: 1 }))),
    );
    expect(isApiError(api)).toBe(true);
    expect(api).toMatchObject({ statusCode: 404, code: 'X', message: 'introuvable', details: { a: 1 } });
    const other = deserializeError(structuredClone(serializeError(new TypeError('boom'))));
    expect(isEngineError(other) || isApiError(other)).toBe(false);
    expect(other.message).toBe('score worker: boom');
  });

  it('serializeError(e) turns details structured clone refuses into plain JSON', () => {
    const serialized = serializeError(new EngineError('X', 'm', { value: 1, fn: () => 1 }));
    expect(structuredClone(serialized)).toEqual({
      kind: 'engine',
      code: 'X',
      message: 'm',
      details: { value: 1 },
    });
  });
});

describe('ScorePool (real worker threads on the fixture vintage)', () => {
  let pool: ScorePool;
  let loaded: LoadedVintage;
  const exits: { exitCode: number; wasReady: boolean }[] = [];
  const task = (config: JsonObject, acceptEncoding?: string, fingerprint = loaded.fingerprint) => ({
    vintageId: 'vintage-mini',
    fingerprint,
    config,
    context: {},
    acceptEncoding,
  });

  beforeAll(async () => {
    loaded = await new VintageRegistry(FIXTURES_DIR, 'vintage-mini').load('vintage-mini');
    pool = new ScorePool({ size: 2, data, entry: CRASHING, onExit: (exit) => exits.push(exit) });
    await pool.whenReady();
  });
  afterAll(async () => pool.close());

  it('pool.score(task) gives the bytes and hash of scoring on the event loop, and their brotli form', async () => {
    const config = { ...miniConfig, changes: { dimensions: { economy: { weight: 2.5 } } } };
    const expected = createEngineScorer()(loaded.vintage, config);
    const plain = await pool.score(task(config));
    expect(plain.hash).toBe(expected.hash);
    expect(plain.encoding).toBe('identity');
    expect(plain.body.equals(jsonBuffer(expected, 'territories'))).toBe(true);
    expect(plain.body.toString()).toBe(JSON.stringify(expected));
    expect(plain.bytes).toBe(plain.body.length);
    const br = await pool.score(task(config, 'gzip, deflate, br'));
    expect(br.encoding).toBe('br');
    // Only the compressed form crosses over, with the plain length.
    expect(br.bytes).toBe(plain.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
  });

  it('pool.score(task) rejects with the EngineError thrown in the worker: same code, message and details', async () => {
    const config = {
      ...miniConfig,
      changes: { indicators: { eco_jobs: { weight: 0 }, eco_ess: { weight: 0 } } },
    };
    let inProcess: unknown;
    try {
      createEngineScorer()(loaded.vintage, config);
    } catch (error) {
      inProcess = error;
    }
    expect(isEngineError(inProcess)).toBe(true);
    const error = await pool.score(task(config)).catch((e: unknown) => e);
    expect(isEngineError(error)).toBe(true);
    const { code, message, details } = inProcess as EngineError;
    expect(error).toMatchObject({ code, message, details });
  });

  it('pool.score(task) for a vintage rebuilt since (another fingerprint) refuses with 503 VINTAGE_CHANGED rather than answer stale', async () => {
    const error = await pool
      .score(task(miniConfig, undefined, 'not-the-fingerprint'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 503, code: 'VINTAGE_CHANGED' });
  });

  it('a worker that dies fails its task with 503 SCORING_WORKER_CRASHED, is replaced, and the pool scores again', async () => {
    const restarts = pool.restarts;
    const crashedTask = pool.score(task({ ...miniConfig, crashWorker: true }));
    // Queued behind or beside the crash: must still be answered.
    const other = pool.score(task(miniConfig));
    await expect(crashedTask).rejects.toMatchObject({ statusCode: 503, code: 'SCORING_WORKER_CRASHED' });
    expect((await other).hash).toBe(createEngineScorer()(loaded.vintage, miniConfig).hash);
    expect(pool.restarts).toBe(restarts + 1);
    expect(exits.at(-1)).toMatchObject({ exitCode: 7, wasReady: true });
    await pool.whenReady();
    expect(pool.workers()).toHaveLength(2);
    expect((await pool.score(task(miniConfig))).hash).toBe((await other).hash);
  });

  it('pool.close() fails the tasks still waiting with 503 SCORING_CLOSED and stops the threads', async () => {
    const closing = new ScorePool({ size: 1, data });
    // Not started yet (the worker is not ready): still waiting when the pool closes.
    const waiting = closing.score(task(miniConfig)).catch((e: unknown) => e);
    await closing.close();
    expect(await waiting).toMatchObject({ statusCode: 503, code: 'SCORING_CLOSED' });
    expect(closing.workers()).toHaveLength(0);
    await expect(closing.score(task(miniConfig))).rejects.toMatchObject({ code: 'SCORING_CLOSED' });
  });
});
