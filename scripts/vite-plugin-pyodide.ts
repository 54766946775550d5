// Serves the Pyodide runtime from the app's own origin under a versioned path
// (`pyodide/v<version>/`): Pyodide finds its files by fixed name under
// `indexURL`, so they are copied unhashed; the version in the path keeps a page
// of one build from ever meeting the runtime files of another.
//
// Packages: PYODIDE_PACKAGES="numpy matplotlib" bundles those packages and their
// dependencies, taken from PYODIDE_DIST (a Pyodide distribution folder or URL)
// and checked against the lock file; PYODIDE_LOCK_EXTRA merges extra lock
// entries (a JSON file `{ "packages": { … } }`); PYODIDE_CDN_URL changes where
// other packages are downloaded from (default: the official CDN for this version).
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { fetchPackageFile, mergeLock, parsePackageList, withDependencies, type Lockfile } from './pyodide-packages.ts';

const require = createRequire(import.meta.url);

/** The runtime files the app needs; the rest of the npm package (console, types, maps) stays out. */
export const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip'] as const;

const MIME: Record<string, string> = {
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.json': 'application/json',
  '.whl': 'application/octet-stream',
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

export interface PyodidePluginOptions {
  /** Packages to bundle (with their dependencies). */
  packages?: string[];
  /** Pyodide distribution (folder or URL) to take bundled packages from. */
  dist?: string;
  /** A JSON file of extra lock entries. */
  lockExtra?: string;
  /** Where packages that are not bundled are downloaded from. */
  cdnUrl?: string;
}

/** The options from the environment variables documented above. */
export function optionsFromEnv(env = process.env): PyodidePluginOptions {
  return {
    packages: parsePackageList(env.PYODIDE_PACKAGES),
    dist: env.PYODIDE_DIST,
    lockExtra: env.PYODIDE_LOCK_EXTRA,
    cdnUrl: env.PYODIDE_CDN_URL,
  };
}

export function pyodidePlugin(options: PyodidePluginOptions = optionsFromEnv()): Plugin {
  const { dir, version } = pyodidePackage();
  const prefix = pyodidePath(version);
  const stock = JSON.parse(readFileSync(join(dir, 'pyodide-lock.json'), 'utf8')) as Lockfile;
  const lock = mergeLock(stock, options.lockExtra ? JSON.parse(readFileSync(options.lockExtra, 'utf8')) : undefined);
  const bundled = withDependencies(lock, options.packages ?? []);
  if (bundled.length && !options.dist) {
    throw new Error('PYODIDE_PACKAGES needs PYODIDE_DIST: a Pyodide distribution folder or URL to take them from.');
  }
  const cdnUrl = options.cdnUrl ?? `https://cdn.jsdelivr.net/pyodide/v${version}/full/`;
  const lockJson = JSON.stringify(lock);
  let base = '/';
  return {
    name: 'playground:pyodide',
    config() {
      return {
        define: {
          __PYODIDE_PATH__: JSON.stringify(prefix),
          __PYODIDE_VERSION__: JSON.stringify(version),
          __BUNDLED_PACKAGES__: JSON.stringify(bundled),
          __PACKAGE_SOURCE__: JSON.stringify(cdnUrl),
        },
      };
    },
    configResolved(config) {
      base = config.base === './' ? '/' : config.base;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        if (!url.startsWith(base + prefix)) return next();
        const name = url.slice((base + prefix).length);
        if (name === 'pyodide-lock.json') {
          res.setHeader('Content-Type', 'application/json');
          res.end(lockJson);
          return;
        }
        if (!(PYODIDE_FILES as readonly string[]).includes(name)) return next();
        const file = join(dir, name);
        res.setHeader('Content-Type', MIME[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream');
        res.setHeader('Content-Length', statSync(file).size);
        createReadStream(file).pipe(res);
      });
    },
    async generateBundle() {
      for (const name of PYODIDE_FILES) {
        this.emitFile({ type: 'asset', fileName: prefix + name, source: readFileSync(join(dir, name)) });
      }
      this.emitFile({ type: 'asset', fileName: prefix + 'pyodide-lock.json', source: lockJson });
      for (const key of bundled) {
        const pkg = lock.packages[key];
        this.emitFile({
          type: 'asset',
          fileName: prefix + pkg.file_name,
          source: await fetchPackageFile(options.dist!, pkg),
        });
      }
      if (bundled.length) this.info(`bundled Pyodide packages: ${bundled.join(', ')}`);
    },
  };
}
