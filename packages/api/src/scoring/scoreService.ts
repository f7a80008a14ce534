import { createHash } from 'node:crypto';
import type { ScoreContext } from '@ptce/engine';
import { ApiError } from '../errors.ts';
import { jsonBuffer } from '../http/jsonBuffer.ts';
import { CachedPayload } from '../http/payload.ts';
import type { JsonObject } from '../store/types.ts';
import type { LoadedVintage } from '../vintages/registry.ts';
import { canonicalJson } from './canonicalJson.ts';
import { LruCache } from './lruCache.ts';
import type { ScorePool } from './scorePool.ts';
import type { Scorer } from './scorer.ts';

/** Results are large (2.7 MB for the Bas-Rhin communes) and made on demand: compressed fast. */
const FAST = { fast: true };
const JSON_TYPE = 'application/json; charset=utf-8';

export interface ScoreReply {
  /** The serialised result, ETag = the engine's result hash. */
  payload: CachedPayload;
  /** True when no scoring was run for this request (a cached result, or one being computed for another). */
  cached: boolean;
}

/** Where scorings run: on the event loop (a Scorer), in worker threads (a ScorePool), or nowhere. */
export type ScoreBackend = Scorer | ScorePool | null;

/**
 * Scores with a cache keyed by the hash of (vintage, configuration): the vintage's fingerprint
 * (its manifest changes on every rebuild) and the configuration's canonical JSON, so that key
 * order does not matter. The serialised body is cached, so a hit costs a hash and a copy.
 * Identical requests arriving while the first is being scored wait for it rather than score again.
 */
export class ScoreService {
  private readonly backend: ScoreBackend;
  private readonly cache: LruCache<string, CachedPayload>;
  private readonly inFlight = new Map<string, Promise<CachedPayload>>();
  /** Bumped by `clear()`: a scoring started before it does not fill the emptied cache. */
  private generation = 0;
  hits = 0;
  misses = 0;

  constructor(backend: ScoreBackend, cache: { entries: number; megabytes: number }) {
    this.backend = backend;
    this.cache = new LruCache(cache.entries, {
      maxWeight: cache.megabytes * 1024 * 1024,
      // The body plus room for its compressed form (brotli or gzip, about a fifth of it), made on first demand.
      weigh: (payload) => Math.ceil(payload.bytes * 1.25),
    });
  }

  /**
   * What the cache holds, for the status route and the benchmark: `bytes` is the memory its
   * results hold now (plain and compressed forms). The budget counts each result at 1.25 × its
   * plain size, what it may come to hold once every form is made.
   */
  stats() {
    let bytes = 0;
    for (const payload of this.cache.values()) bytes += payload.heldBytes;
    return { entries: this.cache.size, bytes, hits: this.hits, misses: this.misses };
  }

  /** The worker pool's state; all zero when scorings run on the event loop. */
  workerStats() {
    const pool = this.pool;
    return pool
      ? { size: pool.size, ready: pool.readyWorkers, pending: pool.pending, restarts: pool.restarts }
      : { size: 0, ready: 0, pending: 0, restarts: 0 };
  }

  get available(): boolean {
    return this.backend !== null;
  }

  /** The worker pool, when scorings run in worker threads. */
  get pool(): ScorePool | null {
    return this.backend !== null && typeof this.backend !== 'function' ? this.backend : null;
  }

  static cacheKey(loaded: LoadedVintage, config: JsonObject): string {
    return createHash('sha256')
      .update(loaded.fingerprint)
      .update('\n')
      .update(canonicalJson(config))
      .digest('base64url');
  }

  /**
   * The result for (vintage, configuration), from the cache or scored. `acceptEncoding` lets a
   * worker compress the body in the form this client takes.
   * @throws {ApiError} 501 `SCORING_UNAVAILABLE` without a scorer, 503 when a worker died;
   * EngineError for a bad configuration.
   */
  async score(
    loaded: LoadedVintage,
    config: JsonObject,
    context: ScoreContext = {},
    acceptEncoding?: string,
  ): Promise<ScoreReply> {
    const backend = this.backend;
    if (!backend) {
      throw new ApiError(
        501,
        'SCORING_UNAVAILABLE',
        "Le calcul du score n'est pas encore disponible dans ce serveur (moteur sans fonction score).",
      );
    }
    const key = ScoreService.cacheKey(loaded, config);
    const hit = this.cache.get(key);
    if (hit) {
      this.hits++;
      return { payload: hit, cached: true };
    }
    const running = this.inFlight.get(key);
    if (running) {
      this.hits++;
      return { payload: await running, cached: true };
    }
    this.misses++;
    if (typeof backend === 'function') {
      // On the event loop: synchronous, nothing can join it.
      const result = backend(loaded.vintage, config, context);
      const payload = new CachedPayload(jsonBuffer(result, 'territories'), JSON_TYPE, result.hash, FAST);
      this.cache.set(key, payload);
      return { payload, cached: false };
    }
    const generation = this.generation;
    const promise = backend
      .score({ vintageId: loaded.id, fingerprint: loaded.fingerprint, config, context, acceptEncoding })
      .then(({ hash, body, encoding, bytes }) => {
        const payload = new CachedPayload(
          encoding === 'identity' ? body : { encoding, compressed: body, bytes },
          JSON_TYPE,
          hash,
          FAST,
        );
        if (generation === this.generation) this.cache.set(key, payload);
        return payload;
      })
      .finally(() => {
        if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
      });
    this.inFlight.set(key, promise);
    return { payload: await promise, cached: false };
  }

  /** Empties the cache; with `vintageId`, the workers also forget that vintage (re-read on next use). */
  clear(vintageId?: string): void {
    this.generation++;
    this.cache.clear();
    this.inFlight.clear();
    if (vintageId !== undefined) this.pool?.evict(vintageId);
  }

  /** Stops the workers (when the app closes). */
  async close(): Promise<void> {
    await this.pool?.close();
  }
}
