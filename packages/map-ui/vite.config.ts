import { defineConfig } from 'vite';

// The API serves dist/ in production; in development /api goes to a local API server.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  preview: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // MapLibre in its own chunk, so the bundle budget of the app's own code can be measured apart.
        codeSplitting: { groups: [{ name: 'maplibre', test: /node_modules[\\/].*maplibre-gl/ }] },
      },
    },
  },
});
