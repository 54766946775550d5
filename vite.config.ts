import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';
import { webManifest } from './scripts/web-manifest.ts';
import { pyodidePlugin } from './scripts/vite-plugin-pyodide.ts';

const outDir = resolve(process.env.PLAYGROUND_OUT_DIR ?? 'dist');

/** Identifies this build (shown in About, used by update tests); set VITE_BUILD_ID to choose it. */
function buildId(): string {
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'local';
  }
}
process.env.VITE_BUILD_ID ??= buildId();

/**
 * A hash of the app's own Python (every .py file under src/, and the data it reads): with the build id, the key
 * of the memory snapshot it shapes.
 */
function appPythonHash(): string {
  const files = (readdirSync('src', { recursive: true }) as string[])
    .filter((n) => n.endsWith('.py') || n.endsWith('explanations.json'))
    .map((n) => n.split(sep).join('/'))
    .sort();
  const hash = createHash('sha256');
  for (const name of files) {
    hash
      .update(name)
      .update('\0')
      .update(readFileSync(resolve('src', name)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

export default defineConfig({
  base: './',
  define: { __APP_PYTHON_HASH__: JSON.stringify(appPythonHash()) },
  plugins: [
    solid(),
    pyodidePlugin(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: webManifest,
      // The glob below already takes every file of the build; listing them again would duplicate entries.
      includeAssets: [],
      includeManifestIcons: false,
      injectManifest: {
        // A classic script: module service workers are still missing in some browsers learners use.
        rollupFormat: 'iife',
        globPatterns: ['**/*.{html,js,mjs,css,svg,png,wasm,zip,json,whl,tar}'],
        // The Python runtime's wasm is about 9.6 MB: without this, workbox silently leaves it out.
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
        manifestTransforms: [
          // Each entry gets its size (first-visit progress) and a hash (install and repair check it).
          async (entries) => ({
            manifest: entries.map((entry) => {
              const content = readFileSync(resolve(outDir, entry.url));
              const integrity = 'sha384-' + createHash('sha384').update(content).digest('base64');
              return { ...entry, bytes: entry.size, integrity };
            }),
            warnings: [],
          }),
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  worker: { format: 'es' },
  build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500 },
  // The dev server has no service worker, so it sends the isolation headers itself.
  server: {
    host: '127.0.0.1',
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  },
  // The built app gets them from its service worker, on any static host: preview must not hide a missing one.
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: {} },
});
