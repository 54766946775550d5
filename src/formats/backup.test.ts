import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { WorkspaceContents } from '../model/history.ts';
import { BACKUP_JSON, decodeBackup, encodeBackup } from './backup.ts';

const picture = {
  kind: 'display',
  mime: 'image/png',
  data: new Uint8Array([137, 80, 78, 71, 1, 2]),
  alt: 'a dot',
} as const;

const contents: WorkspaceContents = {
  projects: [{ name: 'Game/1', main: 'main.py', files: [{ path: 'main.py', content: 'print(1)' }] }],
  runs: [
    {
      projectName: 'Game/1',
      entry: 'main.py',
      startedAt: 5,
      durationMs: 6,
      status: 'ok',
      files: [{ path: 'main.py', content: 'print(1)' }],
      items: [{ kind: 'text', stream: 'stdout', text: '1\n' }, picture],
      omittedChars: 0,
    },
  ],
};

const zipWith = (json: unknown, extra: Record<string, Uint8Array> = {}) =>
  zipSync({ [BACKUP_JSON]: strToU8(JSON.stringify(json)), ...extra });

describe('backup format', () => {
  it('round-trips projects and runs, pictures included, with readable project folders', async () => {
    const zip = await encodeBackup(contents, 1234);
    const entries = unzipSync(zip);
    expect(Object.keys(entries).sort()).toEqual([
      expect.stringMatching(/^media\/[0-9a-f]{64}$/),
      'projects/Game_1/main.py',
      BACKUP_JSON,
    ]);
    const json = JSON.parse(new TextDecoder().decode(entries[BACKUP_JSON]));
    expect(json).toMatchObject({ type: 'python-playground-backup', version: 2, exportedAt: 1234 });
    expect(decodeBackup(zip)).toEqual({ ok: true, contents });
  });

  it('reads a version 1 backup (text parts, no type), upgrading its runs', () => {
    const v1 = {
      version: 1,
      exportedAt: 1,
      projects: contents.projects,
      runs: [{ ...contents.runs[0], items: undefined, parts: [{ stream: 'stdout', text: '1\n' }] }],
    };
    const decoded = decodeBackup(zipWith(v1));
    expect(decoded.ok && decoded.contents.runs[0].items).toEqual([{ kind: 'text', stream: 'stdout', text: '1\n' }]);
  });

  it('refuses what it cannot trust, saying why, and that nothing was restored', async () => {
    const good = JSON.parse(new TextDecoder().decode(unzipSync(await encodeBackup(contents, 1))[BACKUP_JSON]));
    const error = (zip: Uint8Array) => {
      const result = decodeBackup(zip);
      return result.ok ? 'restored' : result.error;
    };
    expect(error(zipSync({ 'main.py': strToU8('x') }))).toBe(
      'This backup cannot be restored: it is not a Python Playground backup (it has no backup data). Nothing was restored.',
    );
    expect(error(zipWith(good))).toContain('a picture it refers to is missing');
    expect(error(zipWith({ ...good, version: 3 }))).toContain('made by a newer version of the app');
    expect(
      error(zipWith({ ...good, projects: [{ name: 'x', main: 'a', files: [{ path: '../a', content: '' }] }] })),
    ).toContain('projects.0.files.0.path');
    expect(error(zipSync({ [BACKUP_JSON]: strToU8('{"version":2,"__proto__":{"x":1}}') }))).toContain(
      'a field called "__proto__"',
    );
    expect(error(new Uint8Array([1, 2, 3]))).toContain('it contains no files');
  });
});
