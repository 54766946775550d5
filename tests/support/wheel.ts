// A real, tiny Python wheel made by the tests, with a lock entry for it: the
// stand-in for a Pyodide package from the CDN. The stand-in matplotlib
// (matplotlib-standin.ts) is written beside it, with its own lock entry.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { MATPLOTLIB_STANDIN_WHEEL, makeMatplotlibStandinWheel } from './matplotlib-standin.ts';

export const TEST_PACKAGE = {
  key: 'playground-testpkg',
  importName: 'playground_testpkg',
  fileName: 'playground_testpkg-1.0.0-py3-none-any.whl',
  greeting: 'hello from a wheel',
};

function recordHash(data: Uint8Array): string {
  return 'sha256=' + createHash('sha256').update(data).digest('base64url');
}

/** The stand-in CDN's folder, holding the wheel. */
export const testWheelDir = (): string => resolve('.test-builds', 'cdn');

/** Writes the wheels (the test package's and the stand-in matplotlib's) and `extra-lock.json` into the stand-in CDN's folder. */
export function makeTestWheel(dir = testWheelDir()): { dir: string; lockExtra: string } {
  const info = 'playground_testpkg-1.0.0.dist-info';
  const files: Record<string, Uint8Array> = {
    'playground_testpkg/__init__.py': strToU8(
      `GREETING = "${TEST_PACKAGE.greeting}"\n\n\ndef greet():\n    return GREETING\n`,
    ),
    [`${info}/METADATA`]: strToU8('Metadata-Version: 2.1\nName: playground-testpkg\nVersion: 1.0.0\n'),
    [`${info}/WHEEL`]: strToU8(
      'Wheel-Version: 1.0\nGenerator: playground-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
    ),
  };
  const record = Object.entries(files)
    .map(([name, data]) => `${name},${recordHash(data)},${data.length}`)
    .concat(`${info}/RECORD,,`)
    .join('\n');
  files[`${info}/RECORD`] = strToU8(record + '\n');
  const wheel = zipSync(files, { mtime: new Date('2026-01-01T00:00:00Z') });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, TEST_PACKAGE.fileName), wheel);
  const lockExtra = join(dir, 'extra-lock.json');
  const entry = {
    name: TEST_PACKAGE.key,
    version: '1.0.0',
    file_name: TEST_PACKAGE.fileName,
    install_dir: 'site',
    sha256: createHash('sha256').update(wheel).digest('hex'),
    package_type: 'package',
    imports: [TEST_PACKAGE.importName],
    depends: [],
    unvendored_tests: false,
    tool: {},
  };
  const matplotlib = makeMatplotlibStandinWheel(dir);
  writeFileSync(
    lockExtra,
    JSON.stringify({ packages: { [TEST_PACKAGE.key]: entry, [MATPLOTLIB_STANDIN_WHEEL.key]: matplotlib } }, null, 2),
  );
  return { dir, lockExtra };
}
