import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    // The end-to-end tests start the real server (tsx compiles it first): slow on a loaded 2-core machine.
    hookTimeout: 60_000,
  },
});
