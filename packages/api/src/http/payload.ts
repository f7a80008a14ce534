import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import {
  brotliCompress,
  brotliCompressSync,
  brotliDecompress,
  brotliDecompressSync,
  constants,
  gunzip,
  gunzipSync,
  gzip,
  gzipSync,
} from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Below this size, compressing costs more than it saves. */
const MIN_COMPRESS_BYTES = 1024;

export type Encoding = 'br' | 'gzip' | 'identity';

// Compression runs in libuv's thread pool, not on the event loop: a large result being compressed
// does not hold up the requests behind it (2 cores here: one for JavaScript, one for zlib).
const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);
const brotliDecompressAsync = promisify(brotliDecompress);
const gunzipAsync = promisify(gunzip);

/** Brotli options: quality 1 for bodies made on demand (`fast`), 6 for files read once. */
const brotliOptions = (bytes: number, fast: boolean) => ({
  params: {
    [constants.BROTLI_PARAM_QUALITY]: fast ? 1 : 6,
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes,
  },
});
const gzipOptions = (fast: boolean) => ({ level: fast ? 1 : 6 });

/**
 * `body` compressed on the calling thread, with the same settings as `CachedPayload.as`: for a
 * scoring worker, whose thread is there to do this work (the event loop never calls it).
 */
export function compressSync(body: Buffer, encoding: 'br' | 'gzip', fast: boolean): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, brotliOptions(body.length, fast))
    : gzipSync(body, gzipOptions(fast));
}

/**
 * A body held only in compressed form, `bytes` long once decompressed: what a scoring worker
 * sends for a client that takes compression. Keeping the 57 kB brotli form of a 266 kB result,
 * and not both, divides by five the memory outside the V8 heap that each scoring leaves behind —
 * memory whose growth makes V8 run full collections on the event loop (measured under the
 * varying-weights benchmark: a mark-compact every half second, with steps of up to 38 ms). The
 * plain body is decompressed on first demand and then kept.
 */
export interface EncodedBody {
  encoding: 'br' | 'gzip';
  compressed: Buffer;
  bytes: number;
}

/**
 * A response body computed once and sent many times (vintage files, GeoJSON, scoring
 * results): its strong ETag is computed once, and its gzip and brotli forms on first demand,
 * so that a 10 MB GeoJSON is not hashed and compressed again on every request.
 */
export class CachedPayload {
  readonly contentType: string;
  /** Hash of the uncompressed body (base64url of sha1, enough to tell versions apart). */
  readonly hash: string;
  /**
   * For bodies made on demand (scoring results): brotli at quality 1 rather than 6, and gzip at
   * level 1 rather than 6. Measured on a 266 kB Bas-Rhin ranking: brotli 1 takes 1.3 ms for
   * 57 kB, gzip 1 2.9 ms for 62 kB, so brotli 1 is still preferred when the client accepts it.
   */
  readonly fast: boolean;
  /** Length of the uncompressed body in bytes. */
  readonly bytes: number;
  /** The uncompressed body; null while only a compressed form is held (`EncodedBody`). */
  private plain: Buffer | null;
  /** The compressed form the payload was made from, when it was (`EncodedBody`). */
  private readonly source: { encoding: 'br' | 'gzip'; buffer: Buffer } | null;
  private readonly encoded = new Map<Encoding, Promise<Buffer>>();
  /** Bytes of the compressed forms made so far (not counting the source of an `EncodedBody`). */
  private compressedBytes = 0;

  /**
   * `body`: the plain body, or only its compressed form (`EncodedBody`, with `hash` required).
   * `options.encoded`: forms already compressed elsewhere (a scoring worker), with the same settings.
   */
  constructor(
    body: Buffer | string | EncodedBody,
    contentType: string,
    hash?: string,
    options: { fast?: boolean; encoded?: Partial<Record<'br' | 'gzip', Buffer>> } = {},
  ) {
    this.contentType = contentType;
    this.fast = options.fast ?? false;
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
      this.plain = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      this.bytes = this.plain.length;
      this.source = null;
      this.hash = hash ?? createHash('sha1').update(this.plain).digest('base64url');
    } else {
      if (hash === undefined)
        throw new Error('CachedPayload: a compressed body needs the hash of its plain form');
      this.plain = null;
      this.bytes = body.bytes;
      this.source = { encoding: body.encoding, buffer: body.compressed };
      this.hash = hash;
      this.encoded.set(body.encoding, Promise.resolve(body.compressed));
    }
    for (const [encoding, buffer] of Object.entries(options.encoded ?? {})) {
      if (!buffer) continue;
      this.encoded.set(encoding as Encoding, Promise.resolve(buffer));
      this.compressedBytes += buffer.length;
    }
  }

  /** Memory the payload holds now: the plain body if held, and the compressed forms made. */
  get heldBytes(): number {
    return (this.plain?.length ?? 0) + (this.source?.buffer.length ?? 0) + this.compressedBytes;
  }

  /** The uncompressed body (decompressed here, synchronously, if only a compressed form is held). */
  get body(): Buffer {
    if (this.plain === null) {
      const { encoding, buffer } = this.source!;
      this.plain = encoding === 'br' ? brotliDecompressSync(buffer) : gunzipSync(buffer);
    }
    return this.plain;
  }

  /** The body in `encoding`, compressed once (off the event loop) and kept. */
  as(encoding: Encoding): Promise<Buffer> {
    let buffer = this.encoded.get(encoding);
    if (buffer) return buffer;
    if (encoding === 'identity') {
      if (this.plain !== null) return Promise.resolve(this.plain);
      const { encoding: from, buffer: compressed } = this.source!;
      buffer = (from === 'br' ? brotliDecompressAsync(compressed) : gunzipAsync(compressed)).then((plain) => {
        this.plain = plain;
        this.encoded.delete('identity');
        return plain;
      });
    } else {
      // Another compressed form: from the plain body (decompressed first when only a compressed one is held).
      const plain = this.plain === null ? this.as('identity') : Promise.resolve(this.plain);
      buffer = plain
        .then((body) => compressAsync(body, encoding, this.fast))
        .then((compressed) => {
          this.compressedBytes += compressed.length;
          return compressed;
        });
    }
    this.encoded.set(encoding, buffer);
    buffer.catch(() => this.encoded.delete(encoding));
    return buffer;
  }
}

function compressAsync(body: Buffer, encoding: 'br' | 'gzip', fast: boolean): Promise<Buffer> {
  return encoding === 'br'
    ? brotliAsync(body, brotliOptions(body.length, fast))
    : gzipAsync(body, gzipOptions(fast));
}

/** The best encoding the client accepts (brotli then gzip), honouring `q=0`. */
export function negotiateEncoding(header: string | undefined, bytes: number): Encoding {
  if (!header || bytes < MIN_COMPRESS_BYTES) return 'identity';
  const accepted = new Set<string>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    if (name) accepted.add(name);
  }
  const gzip = accepted.has('gzip') || accepted.has('*');
  if (accepted.has('br')) return 'br';
  return gzip ? 'gzip' : 'identity';
}

/** True when one of the `If-None-Match` entity tags equals `etag` (weak comparison, RFC 9110 §13.1.2). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/**
 * Sends a cached payload: negotiates the encoding, sets a strong ETag per encoding and
 * answers 304 when the client already has it. `cacheControl` defaults to revalidating
 * every time (`no-cache`): cheap with the ETag, and never stale after a vintage rebuild.
 */
export async function sendPayload(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: CachedPayload,
  cacheControl = 'no-cache',
): Promise<FastifyReply> {
  const encoding = negotiateEncoding(request.headers['accept-encoding'], payload.bytes);
  const etag = `"${payload.hash}${encoding === 'identity' ? '' : `-${encoding}`}"`;
  reply.header('etag', etag).header('cache-control', cacheControl).header('vary', 'Accept-Encoding');
  if (matches(request.headers['if-none-match'], etag)) {
    return reply.code(304).send();
  }
  const body = await payload.as(encoding);
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  return reply.type(payload.contentType).header('content-length', body.length).send(body);
}
