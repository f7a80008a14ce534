import { createHash } from 'node:crypto';
import type { ScoreContext } from '@ptce/engine';
import { ApiError } from '../errors.ts';
import { jsonBuffer } from '../http/jsonBuffer.ts';
import { CachedPayload } from '../http/payload.ts';
import type { JsonObject } from '../store/types.ts';
import type { LoadedVintage } from '../vintages/registry.ts';
import { canonicalJson } from './canonicalJson.ts';
import { LruCache } from './lruCache.ts';
import type { Scorer } from './scorer.ts';

/** Results are large (2.7 MB for the Bas-Rhin communes) and made on demand: compressed fast. */
const FAST = { fast: true };

export interface ScoreReply {
  /** The serialised result, ETag = the engine's result hash. */
  payload: CachedPayload;
  cached: boolean;
}

/**
 * Scores with a cache keyed by the hash of (vintage, configuration): the vintage's fingerprint
 * (its manifest changes on every rebuild) and the configuration's canonical JSON, so that key
 * order does not matter. The serialised body is cached, so a hit costs a hash and a copy.
 */
export class ScoreService {
  private readonly scorer: Scorer | null;
  private readonly cache: LruCache<string, CachedPayload>;
  hits = 0;
  misses = 0;

  constructor(scorer: Scorer | null, cache: { entries: number; megabytes: number }) {
    this.scorer = scorer;
    this.cache = new LruCache(cache.entries, {
      maxWeight: cache.megabytes * 1024 * 1024,
      // The body plus room for its compressed form (brotli or gzip, about a fifth of it), made on first demand.
      weigh: (payload) => Math.ceil(payload.bytes * 1.25),
    });
  }

  /** What the cache holds, for the status route and the benchmark. */
  stats() {
    return { entries: this.cache.size, bytes: this.cache.weight, hits: this.hits, misses: this.misses };
  }

  get available(): boolean {
    return this.scorer !== null;
  }

  static cacheKey(loaded: LoadedVintage, config: JsonObject): string {
    return createHash('sha256')
      .update(loaded.fingerprint)
      .update('\n')
      .update(canonicalJson(config))
      .digest('base64url');
  }

  /** @throws {ApiError} 501 `SCORING_UNAVAILABLE` without a scorer; EngineError for a bad configuration. */
  score(loaded: LoadedVintage, config: JsonObject, context?: ScoreContext): ScoreReply {
    if (!this.scorer) {
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
    const result = this.scorer(loaded.vintage, config, context);
    const payload = new CachedPayload(
      jsonBuffer(result, 'territories'),
      'application/json; charset=utf-8',
      result.hash,
      FAST,
    );
    this.cache.set(key, payload);
    this.misses++;
    return { payload, cached: false };
  }

  clear(): void {
    this.cache.clear();
  }
}
