import { defineConfig } from 'vite';

/** Builds the bench's floor page (bench/floor) with the app's bundler settings, into a temp folder. */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  build: { target: 'es2022', emptyOutDir: true, chunkSizeWarningLimit: 5000 },
});
