import { expect } from 'vitest';
import { EngineError } from '../../src/index.ts';

/** Runs `fn`, expects an EngineError, returns it so the test can check code, message and details. */
export function engineError(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error('expected an EngineError, nothing was thrown');
}

/** Deep-freezes a plain value so a test proves the code under test does not mutate it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
