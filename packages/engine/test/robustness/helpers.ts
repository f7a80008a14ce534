import { expect } from 'vitest';
import { EngineError } from '../../src/index.ts';

/** Awaits `promise`, expects it to reject with an EngineError, returns it. */
export async function engineErrorAsync(promise: Promise<unknown>): Promise<EngineError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error('expected an EngineError, nothing was thrown');
}
