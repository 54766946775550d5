import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fetchPackageFile,
  findPackage,
  mergeLock,
  parsePackageList,
  withDependencies,
  type LockPackage,
  type Lockfile,
} from './pyodide-packages.ts';

const pkg = (name: string, depends: string[] = [], extra: Partial<LockPackage> = {}): LockPackage => ({
  name,
  version: '1.0',
  file_name: `${name}-1.0-py3-none-any.whl`,
  sha256: '',
  depends,
  imports: [name],
  ...extra,
});

const lock: Lockfile = {
  info: {},
  packages: {
    matplotlib: pkg('matplotlib', ['numpy', 'pyparsing']),
    numpy: pkg('numpy'),
    pyparsing: pkg('pyparsing'),
    'scikit-learn': pkg('scikit-learn', ['numpy']),
  },
};

describe('build-time package bundling', () => {
  it('resolves dependencies, once each, from names typed any way', () => {
    expect(withDependencies(lock, ['matplotlib', 'Scikit_Learn'])).toEqual([
      'matplotlib',
      'numpy',
      'pyparsing',
      'scikit-learn',
    ]);
    expect(withDependencies(lock, [])).toEqual([]);
    expect(findPackage(lock, 'SCIKIT.learn')?.name).toBe('scikit-learn');
  });

  it('names an unknown package and who needs it', () => {
    const broken = mergeLock(lock, { packages: { app: pkg('app', ['nothere']) } });
    expect(() => withDependencies(broken, ['app'])).toThrow('Unknown Pyodide package "nothere" (needed by app)');
  });

  it('parses the package list from spaces or commas', () => {
    expect(parsePackageList(' numpy  matplotlib,pandas ')).toEqual(['numpy', 'matplotlib', 'pandas']);
    expect(parsePackageList(undefined)).toEqual([]);
  });

  it('takes a file whose sha256 matches the lock, and refuses one that does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dist-'));
    const good = new TextEncoder().encode('wheel bytes');
    writeFileSync(join(dir, 'numpy-1.0-py3-none-any.whl'), good);
    const sha256 = createHash('sha256').update(good).digest('hex');
    expect(await fetchPackageFile(dir, pkg('numpy', [], { sha256 }))).toEqual(new Uint8Array(good));
    await expect(fetchPackageFile(dir, pkg('numpy', [], { sha256: '0'.repeat(64) }))).rejects.toThrow(
      'does not match the lock file',
    );
  });
});
