import * as engine from '@ptce/engine';
import { describe, expect, it, vi } from 'vitest';
import { miniConfig } from '../../test/fixtures/miniFramework.ts';
import { FIXTURES_DIR } from '../../test/helpers.ts';
import type { JsonObject } from '../store/types.ts';
import { VintageRegistry } from '../vintages/registry.ts';
import { createEngineScorer } from './scorer.ts';

vi.mock('@ptce/engine', async (original) => {
  const actual = await original<typeof import('@ptce/engine')>();
  return {
    ...actual,
    buildIndicatorMatrix: vi.fn(actual.buildIndicatorMatrix),
    resolveScoreConfig: vi.fn(actual.resolveScoreConfig),
  };
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

  it('createEngineScorer() resolves a configuration itself only for matrix inputs it has not seen', () => {
    const resolve = vi.mocked(engine.resolveScoreConfig);
    const build = vi.mocked(engine.buildIndicatorMatrix);
    const scorer = createEngineScorer();
    resolve.mockClear();
    build.mockClear();
    for (const w of [1, 2, 3]) scorer(vintage, withWeights(w));
    expect(resolve).toHaveBeenCalledTimes(1);
    // Another level, then indicators removed: new inputs, each resolved once and given its own matrix.
    const commune = { ...miniConfig, level: 'commune' };
    const removed = { ...miniConfig, changes: { remove: ['prec_income'] } };
    for (const config of [commune, removed, commune, removed]) {
      expect(scorer(vintage, config)).toEqual(engine.score(vintage, config as engine.ScoreConfig));
    }
    expect(resolve).toHaveBeenCalledTimes(3);
    expect(build).toHaveBeenCalledTimes(3);
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
