import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_BINARY_FILE_BYTES } from '../model/files.ts';
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
    expect(json).toMatchObject({ type: 'python-playground-backup', version: 3, exportedAt: 1234 });
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
    expect(error(zipWith({ ...good, version: 4 }))).toContain('made by a newer version of the app');
    expect(
      error(zipWith({ ...good, projects: [{ name: 'x', main: 'a', files: [{ path: '../a', content: '' }] }] })),
    ).toContain('projects.0.files.0.path');
    expect(error(zipSync({ [BACKUP_JSON]: strToU8('{"version":2,"__proto__":{"x":1}}') }))).toContain(
      'a field called "__proto__"',
    );
    expect(error(new Uint8Array([1, 2, 3]))).toContain('it contains no files');
  });
});

describe('backup format, version 3: binary files', () => {
  const png = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
  const wav = new Uint8Array([82, 73, 70, 70, 0, 0, 255]);
  const withBytes: WorkspaceContents = {
    projects: [
      {
        name: 'Plots',
        main: 'main.py',
        files: [
          { path: 'main.py', content: 'import matplotlib' },
          { path: 'out/plot.png', content: png },
        ],
      },
      {
        name: 'Sounds',
        main: 'main.py',
        files: [
          { path: 'main.py', content: '' },
          { path: 'beep.wav', content: wav },
        ],
      },
    ],
    runs: [
      {
        projectName: 'Plots',
        entry: 'main.py',
        startedAt: 1,
        durationMs: 2,
        status: 'ok',
        files: [
          { path: 'main.py', content: 'import matplotlib' },
          { path: 'out/plot.png', content: png },
        ],
        items: [picture],
        omittedChars: 0,
      },
    ],
  };
  const jsonOf = (zip: Uint8Array) => JSON.parse(new TextDecoder().decode(unzipSync(zip)[BACKUP_JSON]));
  const error = (zip: Uint8Array) => {
    const result = decodeBackup(zip);
    return result.ok ? 'restored' : result.error;
  };

  it('round-trips binary files byte for byte, referring to their archive entries', async () => {
    const zip = await encodeBackup(withBytes, 1);
    const entries = unzipSync(zip);
    const json = jsonOf(zip);
    expect(json.projects[0].files).toEqual([
      { path: 'main.py', content: 'import matplotlib' },
      { path: 'out/plot.png', bytes: 'projects/Plots/out/plot.png' },
    ]);
    expect(entries['projects/Plots/out/plot.png']).toEqual(png);
    expect(json.runs[0].files[1]).toEqual({
      path: 'out/plot.png',
      bytes: expect.stringMatching(/^media\/[0-9a-f]{64}$/),
    });
    const decoded = decodeBackup(zip);
    expect(decoded).toEqual({ ok: true, contents: withBytes });
    if (!decoded.ok) return;
    expect([...(decoded.contents.projects[1].files[1].content as Uint8Array)]).toEqual([...wav]);
  });

  it('still restores a version 2 backup (text files only, pictures in runs)', () => {
    const v2 = {
      type: 'python-playground-backup',
      version: 2,
      exportedAt: 7,
      projects: [{ name: 'Old', main: 'main.py', files: [{ path: 'main.py', content: 'print(2)' }] }],
      runs: [
        {
          projectName: 'Old',
          entry: 'main.py',
          startedAt: 1,
          durationMs: 2,
          status: 'error',
          errorType: 'NameError',
          files: [{ path: 'main.py', content: 'print(2)' }],
          items: [
            { kind: 'text', stream: 'stderr', text: 'oops\n' },
            { kind: 'display', mime: 'image/png', alt: 'a dot', media: `media/${'a'.repeat(64)}` },
          ],
          omittedChars: 0,
        },
      ],
    };
    const decoded = decodeBackup(zipWith(v2, { [`media/${'a'.repeat(64)}`]: picture.data }));
    expect(decoded).toEqual({
      ok: true,
      contents: {
        projects: v2.projects,
        runs: [
          {
            ...v2.runs[0],
            items: [
              { kind: 'text', stream: 'stderr', text: 'oops\n' },
              { kind: 'display', mime: 'image/png', alt: 'a dot', data: picture.data },
            ],
          },
        ],
      },
    });
  });

  it('refuses a version 3 backup whose references cannot be trusted, restoring nothing', async () => {
    const zip = await encodeBackup(withBytes, 1);
    const entries = unzipSync(zip);
    const json = jsonOf(zip);
    const tampered = (change: (j: typeof json) => void, extra: Record<string, Uint8Array> = {}) => {
      const copy = structuredClone(json);
      change(copy);
      const rest = Object.fromEntries(Object.entries(entries).filter(([path]) => path !== BACKUP_JSON));
      return zipWith(copy, { ...rest, ...extra });
    };
    const plot = (j: typeof json) => j.projects[0].files[1];

    // A reference to an entry that is not there.
    const missing = tampered((j) => (plot(j).bytes = 'projects/Plots/out/gone.png'));
    expect(error(missing)).toContain('refers to data outside it');
    const others = Object.fromEntries(
      Object.entries(entries).filter(([path]) => path !== 'projects/Plots/out/plot.png' && path !== BACKUP_JSON),
    );
    expect(error(zipWith(json, others))).toBe(
      'This backup cannot be restored: a file it refers to is missing (projects/Plots/out/plot.png). Nothing was restored.',
    );
    const runMissing = tampered((j) => (j.runs[0].files[1].bytes = `media/${'0'.repeat(64)}`));
    expect(error(runMissing)).toContain(`a file it refers to is missing (media/${'0'.repeat(64)})`);

    // References that leave the project: another project's file, the backup data, a path out of the folder.
    expect(error(tampered((j) => (plot(j).bytes = 'projects/Sounds/beep.wav')))).toBe(
      'This backup cannot be restored: a file of the project "Plots" refers to data outside it (projects/Sounds/beep.wav). Nothing was restored.',
    );
    expect(error(tampered((j) => (plot(j).bytes = BACKUP_JSON)))).toContain('projects.0.files.1');
    expect(error(tampered((j) => (plot(j).bytes = 'projects/Plots/../Sounds/beep.wav')))).toContain(
      'projects.0.files.1',
    );
    expect(error(tampered((j) => (plot(j).path = '../../evil.png')))).toContain('projects.0.files.1');
    expect(error(tampered((j) => (j.runs[0].files[1].bytes = 'projects/Plots/out/plot.png')))).toContain(
      'runs.0.files.1',
    );

    // An entry larger than a project file may be.
    const big = new Uint8Array(MAX_BINARY_FILE_BYTES + 1);
    expect(error(tampered(() => {}, { 'projects/Plots/out/plot.png': big }))).toBe(
      'This backup cannot be restored: "projects/Plots/out/plot.png" is larger than 5 MB, more than a project file may be. Nothing was restored.',
    );
  });
});
