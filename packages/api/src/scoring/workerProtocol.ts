import { EngineError, isEngineError, type ScoreContext } from '@ptce/engine';
import { ApiError, isApiError } from '../errors.ts';
import type { Encoding } from '../http/payload.ts';
import type { JsonObject } from '../store/types.ts';

/** What a scoring worker is started with (`workerData`). */
export interface ScoreWorkerData {
  vintagesDir: string;
  defaultVintage: string;
}

/** Main thread -> worker. */
export type ToWorker =
  | {
      type: 'score';
      id: number;
      vintageId: string;
      /** The vintage the main thread scores: the worker reloads until it has this one. */
      fingerprint: string;
      config: JsonObject;
      context: ScoreContext;
      /** The client's `Accept-Encoding`: the worker compresses the body in the form it will be sent. */
      acceptEncoding: string | undefined;
    }
  /** Forget a vintage (an administrator asked to re-read it). */
  | { type: 'evict'; vintageId: string };

/** Worker -> main thread. Buffers travel as transferred ArrayBuffers (no copy). */
export type FromWorker =
  /** Modules loaded and the default vintage decoded (or found missing): the worker takes tasks. */
  | { type: 'ready' }
  | {
      type: 'result';
      id: number;
      /** The engine's result hash: the ETag. */
      hash: string;
      encoding: Encoding;
      /** Length of the plain body. */
      bytes: number;
      /** The body: plain for `identity`, else compressed in `encoding` (the plain form is not sent). */
      body: ArrayBuffer;
    }
  | { type: 'error'; id: number; error: SerializedError };

/** An error as it crosses the thread boundary (structured clone keeps neither class nor own fields). */
export type SerializedError =
  | { kind: 'engine'; code: string; message: string; details: Record<string, unknown> }
  | { kind: 'api'; statusCode: number; code: string; message: string; details: Record<string, unknown> }
  | { kind: 'internal'; message: string; stack?: string };

/** Details are plain data; anything structured clone refuses (a function...) goes through JSON. */
function cloneable(details: Record<string, unknown>): Record<string, unknown> {
  try {
    structuredClone(details);
    return details;
  } catch {
    return JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
  }
}

export function serializeError(error: unknown): SerializedError {
  if (isEngineError(error)) {
    return { kind: 'engine', code: error.code, message: error.message, details: cloneable(error.details) };
  }
  if (isApiError(error)) {
    return {
      kind: 'api',
      statusCode: error.statusCode,
      code: error.code,
      message: error.message,
      details: cloneable(error.details),
    };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'internal', message: e.message, stack: e.stack };
}

/**
 * The error as the route would have seen it in-process: an EngineError or ApiError of the same
 * code, message and details (so the same HTTP answer), anything else an Error (a 500).
 */
export function deserializeError(error: SerializedError, origin = 'score worker'): Error {
  switch (error.kind) {
    case 'engine':
      return new EngineError(error.code, error.message, error.details);
    case 'api':
      return new ApiError(error.statusCode, error.code, error.message, error.details);
    default: {
      const rebuilt = new Error(`${origin}: ${error.message}`);
      if (error.stack) rebuilt.stack = `${rebuilt.message}\n(in the worker) ${error.stack}`;
      return rebuilt;
    }
  }
}

/**
 * The bytes of `buffer` as an ArrayBuffer that can be transferred: its own when the Buffer
 * spans all of it, else a copy (a small Buffer may sit in Node's shared pool, which must not be
 * detached).
 */
export function transferable(buffer: Buffer): ArrayBuffer {
  const whole = buffer.byteOffset === 0 && buffer.buffer.byteLength === buffer.length;
  if (whole && buffer.buffer instanceof ArrayBuffer) return buffer.buffer;
  const copy = new ArrayBuffer(buffer.length);
  new Uint8Array(copy).set(buffer);
  return copy;
}
