// Extra builds of the app for update tests: the same code with another build
// id, so every hashed file (and so the service worker) changes.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The folder of the main build that `npm test` makes. */
export const MAIN_BUILD = resolve('dist');

/** The extra builds tests use (made by global-setup.ts), by build id, with their build settings. */
export const VARIANTS = (wheel: { dir: string; lockExtra: string }): Record<string, Record<string, string>> => ({
  'update-test': {},
  'broken-test': {},
  'packages-test': { PYODIDE_LOCK_EXTRA: wheel.lockExtra },
  'bundled-test': {
    PYODIDE_LOCK_EXTRA: wheel.lockExtra,
    PYODIDE_PACKAGES: 'playground-testpkg matplotlib',
    PYODIDE_DIST: wheel.dir,
  },
});

/** Where a variant was built. */
export const variantDir = (id: string): string => resolve('.test-builds', id);

/**
 * Builds the app with `buildId` (and any extra build settings in `env`) into
 * .test-builds/<buildId>, and returns the folder.
 */
export function buildVariant(buildId: string, env: Record<string, string> = {}): string {
  const outDir = resolve('.test-builds', buildId);
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
    env: { ...process.env, ...env, VITE_BUILD_ID: buildId, PLAYGROUND_OUT_DIR: outDir },
    stdio: 'inherit',
  });
  return outDir;
}

/** The build id baked into a build (read from its service worker). */
export function readBuildId(dir: string): string | undefined {
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  return /buildId:\s*[`"']([^`"']+)[`"']/.exec(sw)?.[1];
}

/** The app's main script in a build (a hashed file every build id changes). */
export function mainScript(dir: string): string {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  return /src="\.\/(assets\/index-[^"]+\.js)"/.exec(html)![1];
}
