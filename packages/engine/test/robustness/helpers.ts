import { expect } from 'vitest';
import { EngineError, type RobustnessOptions } from '../../src/index.ts';

/** No uncertain input at all: every run is the nominal scoring. Spread it and switch one input back on. */
export const nothingUncertain: RobustnessOptions = {
  weights: { distribution: 'none' },
  normalisation: ['minMax'],
  aggregation: ['arithmetic'],
  imputation: ['none'],
  leaveOneOut: false,
};

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
