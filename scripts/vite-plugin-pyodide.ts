// Serves the Pyodide runtime from the app's own origin under a versioned path
// (`pyodide/v<version>/`): Pyodide finds its files by fixed name under
// `indexURL`, so they are copied unhashed; the version in the path keeps a page
// of one build from ever meeting the runtime files of another.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);

/** The runtime files the app needs; the rest of the npm package (console, types, maps) stays out. */
export const PYODIDE_FILES = [
  'pyodide.mjs',
  'pyodide.asm.mjs',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
] as const;

const MIME: Record<string, string> = {
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.json': 'application/json',
};

/** Where the npm package lives and which version it is. */
export function pyodidePackage(): { dir: string; version: string } {
  const pkgJson = require.resolve('pyodide/package.json');
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string };
  return { dir: dirname(pkgJson), version };
}

/** The path, relative to the app's base, under which the runtime is served. */
export function pyodidePath(version: string): string {
  return `pyodide/v${version}/`;
}

export function pyodidePlugin(): Plugin {
  const { dir, version } = pyodidePackage();
  const prefix = pyodidePath(version);
  let base = '/';
  return {
    name: 'playground:pyodide',
    config() {
      return { define: { __PYODIDE_PATH__: JSON.stringify(prefix), __PYODIDE_VERSION__: JSON.stringify(version) } };
    },
    configResolved(config) {
      base = config.base;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        if (!url.startsWith(base + prefix)) return next();
        const name = url.slice((base + prefix).length);
        if (!(PYODIDE_FILES as readonly string[]).includes(name)) return next();
        const file = join(dir, name);
        const ext = name.slice(name.lastIndexOf('.'));
        res.setHeader('Content-Type', MIME[ext] ?? 'application/octet-stream');
        res.setHeader('Content-Length', statSync(file).size);
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const name of PYODIDE_FILES) {
        this.emitFile({ type: 'asset', fileName: prefix + name, source: readFileSync(join(dir, name)) });
      }
    },
  };
}
