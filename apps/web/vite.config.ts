import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API the dev server proxies to (`seerd all` or `seerd demo` on its default port). */
const api = process.env.SEER_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/v1': { target: api, changeOrigin: false },
      '/openapi.json': { target: api },
      '/readyz': { target: api },
    },
  },
  preview: {
    proxy: {
      '/v1': { target: api },
      '/openapi.json': { target: api },
    },
  },
});
