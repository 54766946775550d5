// Extra builds of the app for update tests: the same code with another build
// id, so every hashed file (and so the service worker) changes.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The folder of the main build that `npm test` makes. */
export const MAIN_BUILD = resolve('dist');

/** Builds the app with `buildId` into .test-builds/<buildId> (once per test run) and returns the folder. */
export function buildVariant(buildId: string): string {
  const outDir = resolve('.test-builds', buildId);
  if (!existsSync(join(outDir, 'sw.js')) || readBuildId(outDir) !== buildId) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
      env: { ...process.env, VITE_BUILD_ID: buildId, PLAYGROUND_OUT_DIR: outDir },
      stdio: 'inherit',
    });
  }
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
