import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, REPO_ROOT } from './config.ts';

describe('loadConfig(env)', () => {
  it('loadConfig({}) gives the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      defaultVintage: 'bas-rhin-2021',
      dataDir: resolve(REPO_ROOT, 'data'),
      vintagesDir: resolve(REPO_ROOT, 'datasets/build'),
      uiDist: resolve(REPO_ROOT, 'packages/map-ui/dist'),
      corsOrigins: [],
      rateLimitPerMinute: 1200,
      bodyLimit: 1024 * 1024,
    });
    expect([...config.publicReads]).toEqual(['vintages', 'score']);
    expect(config.scoreWorkers).toBe(Math.min(availableParallelism(), 4));
  });

  it('loadConfig() reads lists, numbers and paths from the environment', () => {
    const config = loadConfig({
      PTCE_PORT: '0',
      PTCE_CORS_ORIGINS: 'https://a.example, https://b.example',
      PTCE_PUBLIC_READS: 'none',
      PTCE_DATA_DIR: '/srv/ptce',
    });
    expect(config.port).toBe(0);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.publicReads.size).toBe(0);
    expect(config.dataDir).toBe('/srv/ptce');
  });

  it('loadConfig() refuses unusable values, naming the variable', () => {
    expect(() => loadConfig({ PTCE_PORT: '80a' })).toThrow(ConfigError);
    expect(() => loadConfig({ PTCE_PORT: '70000' })).toThrow(/PTCE_PORT/);
    expect(() => loadConfig({ PTCE_PUBLIC_READS: 'vintages,drafts' })).toThrow(/PTCE_PUBLIC_READS.*drafts/);
    expect(() => loadConfig({ PTCE_SCORE_WORKERS: '-1' })).toThrow(/PTCE_SCORE_WORKERS/);
    expect(loadConfig({ PTCE_SCORE_WORKERS: '0' }).scoreWorkers).toBe(0);
  });
});
