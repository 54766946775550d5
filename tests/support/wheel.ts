// A real, tiny Python wheel made by the tests, with a lock entry for it: the
// stand-in for a Pyodide package from the CDN. The stand-in matplotlib
// (matplotlib-standin.ts) is written beside it, with its own lock entry.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MATPLOTLIB_STANDIN_WHEEL, makeMatplotlibStandinWheel } from './matplotlib-standin.ts';
import { writeWheel } from './wheel-file.ts';

export const TEST_PACKAGE = {
  key: 'playground-testpkg',
  importName: 'playground_testpkg',
  fileName: 'playground_testpkg-1.0.0-py3-none-any.whl',
  greeting: 'hello from a wheel',
};

/** The stand-in CDN's folder, holding the wheel. */
export const testWheelDir = (): string => resolve('.test-builds', 'cdn');

/** Writes the wheels (the test package's and the stand-in matplotlib's) and `extra-lock.json` into the stand-in CDN's folder. */
export function makeTestWheel(dir = testWheelDir()): { dir: string; lockExtra: string } {
  const entry = writeWheel(dir, {
    name: TEST_PACKAGE.key,
    version: '1.0.0',
    importName: TEST_PACKAGE.importName,
    files: {
      'playground_testpkg/__init__.py': `GREETING = "${TEST_PACKAGE.greeting}"\n\n\ndef greet():\n    return GREETING\n`,
    },
  });
  const lockExtra = join(dir, 'extra-lock.json');
  const matplotlib = makeMatplotlibStandinWheel(dir);
  writeFileSync(
    lockExtra,
    JSON.stringify({ packages: { [TEST_PACKAGE.key]: entry, [MATPLOTLIB_STANDIN_WHEEL.key]: matplotlib } }, null, 2),
  );
  return { dir, lockExtra };
}
