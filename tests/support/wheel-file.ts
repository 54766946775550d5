// Writing a pure-Python wheel and its Pyodide lock entry: what the tests'
// stand-in CDN serves (a tiny test package, and the stand-in matplotlib).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';

export interface WheelSpec {
  /** The lock key and distribution name, e.g. `playground-testpkg`. */
  name: string;
  version: string;
  /** The top-level module the wheel provides. */
  importName: string;
  /** Its Python files, by path inside site-packages. */
  files: Record<string, string>;
  summary?: string;
}

function recordHash(data: Uint8Array): string {
  return 'sha256=' + createHash('sha256').update(data).digest('base64url');
}

/** The wheel's file name, as pip and Pyodide expect it. */
export const wheelFileName = (spec: Pick<WheelSpec, 'name' | 'version'>): string =>
  `${spec.name.replace(/-/g, '_')}-${spec.version}-py3-none-any.whl`;

/** Writes the wheel into `dir` (with a correct RECORD) and returns its Pyodide lock entry. */
export function writeWheel(dir: string, spec: WheelSpec): Record<string, unknown> {
  const info = `${spec.name.replace(/-/g, '_')}-${spec.version}.dist-info`;
  const files: Record<string, Uint8Array> = Object.fromEntries(
    Object.entries(spec.files).map(([path, source]) => [path, strToU8(source)]),
  );
  files[`${info}/METADATA`] = strToU8(
    `Metadata-Version: 2.1\nName: ${spec.name}\nVersion: ${spec.version}\n` +
      (spec.summary ? `Summary: ${spec.summary}\n` : ''),
  );
  files[`${info}/WHEEL`] = strToU8(
    'Wheel-Version: 1.0\nGenerator: playground-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
  );
  const record = Object.entries(files)
    .map(([name, data]) => `${name},${recordHash(data)},${data.length}`)
    .concat(`${info}/RECORD,,`)
    .join('\n');
  files[`${info}/RECORD`] = strToU8(record + '\n');
  const wheel = zipSync(files, { mtime: new Date('2026-01-01T00:00:00Z') });
  mkdirSync(dir, { recursive: true });
  const fileName = wheelFileName(spec);
  writeFileSync(join(dir, fileName), wheel);
  return {
    name: spec.name,
    version: spec.version,
    file_name: fileName,
    install_dir: 'site',
    sha256: createHash('sha256').update(wheel).digest('hex'),
    package_type: 'package',
    imports: [spec.importName],
    depends: [],
    unvendored_tests: false,
    tool: {},
  };
}
