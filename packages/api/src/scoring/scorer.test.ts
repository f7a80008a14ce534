import * as engine from '@ptce/engine';
import { describe, expect, it, vi } from 'vitest';
import { miniConfig } from '../../test/fixtures/miniFramework.ts';
import { FIXTURES_DIR } from '../../test/helpers.ts';
import type { JsonObject } from '../store/types.ts';
import { VintageRegistry } from '../vintages/registry.ts';
import { createEngineScorer } from './scorer.ts';

vi.mock('@ptce/engine', async (original) => {
  const actual = await original<typeof import('@ptce/engine')>();
  return { ...actual, buildIndicatorMatrix: vi.fn(actual.buildIndicatorMatrix) };
});

const { vintage } = await new VintageRegistry(FIXTURES_DIR, 'vintage-mini').load('vintage-mini');
const withWeights = (economy: number): JsonObject => ({
  ...miniConfig,
  changes: { dimensions: { economy: { weight: economy } } },
});

describe('createEngineScorer()', () => {
  it('createEngineScorer() builds the indicator matrix once per level and formulas, not per weight change', () => {
    const build = vi.mocked(engine.buildIndicatorMatrix);
    build.mockClear();
    const scorer = createEngineScorer();
    for (const w of [1, 2, 3]) scorer(vintage, withWeights(w));
    expect(build).toHaveBeenCalledTimes(1);
    scorer(vintage, { ...miniConfig, level: 'commune' });
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('createEngineScorer() gives the same result as the engine without reuse', () => {
    const scorer = createEngineScorer();
    scorer(vintage, withWeights(1)); // fills the matrix cache
    for (const w of [0.5, 4]) {
      expect(scorer(vintage, withWeights(w))).toEqual(
        engine.score(vintage, withWeights(w) as engine.ScoreConfig),
      );
    }
  });
});
