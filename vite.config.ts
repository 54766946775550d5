import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { pyodidePlugin } from './scripts/vite-plugin-pyodide.ts';

// Cross-origin isolation gives SharedArrayBuffer, which synchronous input()
// and Stop rely on. For now the dev and preview servers send the headers;
// PLAYGROUND_NO_ISOLATION=1 leaves them out, to test the app without them.
const isolationHeaders: Record<string, string> =
  process.env.PLAYGROUND_NO_ISOLATION === '1'
    ? {}
    : { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  base: './',
  plugins: [solid(), pyodidePlugin()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  server: { host: '127.0.0.1', headers: isolationHeaders },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: isolationHeaders },
});
