import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { PackDraft, Report, TeacherClass } from '../model/classroom.ts';
import { MAX_BINARY_FILE_BYTES } from '../model/files.ts';
import type { WorkspaceContents } from '../model/history.ts';
import type { Pack } from '../model/lesson.ts';

/** The parts a backup without lessons or a classroom has (version 3 and older, or a device without them). */
const noLessons = { packs: [], progress: [], classes: [], reports: [], packRevisions: [], drafts: [] };
import { BACKUP_JSON, decodeBackup, encodeBackup } from './backup.ts';
import { reportChecksum } from './report.ts';

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
  ...noLessons,
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
    expect(json).toMatchObject({ type: 'python-playground-backup', version: 4, exportedAt: 1234 });
    expect(await decodeBackup(zip)).toEqual({ ok: true, contents });
  });

  it('reads a version 1 backup (text parts, no type), upgrading its runs', async () => {
    const v1 = {
      version: 1,
      exportedAt: 1,
      projects: contents.projects,
      runs: [{ ...contents.runs[0], items: undefined, parts: [{ stream: 'stdout', text: '1\n' }] }],
    };
    const decoded = await decodeBackup(zipWith(v1));
    expect(decoded.ok && decoded.contents.runs[0].items).toEqual([{ kind: 'text', stream: 'stdout', text: '1\n' }]);
  });

  it('refuses what it cannot trust, saying why, and that nothing was restored', async () => {
    const good = JSON.parse(new TextDecoder().decode(unzipSync(await encodeBackup(contents, 1))[BACKUP_JSON]));
    const error = async (zip: Uint8Array) => {
      const result = await decodeBackup(zip);
      return result.ok ? 'restored' : result.error;
    };
    expect(await error(zipSync({ 'main.py': strToU8('x') }))).toBe(
      'This backup cannot be restored: it is not a Python Playground backup (it has no backup data). Nothing was restored.',
    );
    expect(await error(zipWith(good))).toContain('a picture it refers to is missing');
    expect(await error(zipWith({ ...good, version: 5 }))).toContain('made by a newer version of the app');
    expect(
      await error(zipWith({ ...good, projects: [{ name: 'x', main: 'a', files: [{ path: '../a', content: '' }] }] })),
    ).toContain('projects.0.files.0.path');
    expect(await error(zipSync({ [BACKUP_JSON]: strToU8('{"version":2,"__proto__":{"x":1}}') }))).toContain(
      'a field called "__proto__"',
    );
    expect(await error(new Uint8Array([1, 2, 3]))).toContain('it contains no files');
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
    ...noLessons,
  };
  const jsonOf = (zip: Uint8Array) => JSON.parse(new TextDecoder().decode(unzipSync(zip)[BACKUP_JSON]));
  const error = async (zip: Uint8Array) => {
    const result = await decodeBackup(zip);
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
    const decoded = await decodeBackup(zip);
    expect(decoded).toEqual({ ok: true, contents: withBytes });
    if (!decoded.ok) return;
    expect([...(decoded.contents.projects[1].files[1].content as Uint8Array)]).toEqual([...wav]);
  });

  it('still restores a version 2 backup (text files only, pictures in runs)', async () => {
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
    const decoded = await decodeBackup(zipWith(v2, { [`media/${'a'.repeat(64)}`]: picture.data }));
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
        ...noLessons,
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
    expect(await error(missing)).toContain('refers to data outside it');
    const others = Object.fromEntries(
      Object.entries(entries).filter(([path]) => path !== 'projects/Plots/out/plot.png' && path !== BACKUP_JSON),
    );
    expect(await error(zipWith(json, others))).toBe(
      'This backup cannot be restored: a file it refers to is missing (projects/Plots/out/plot.png). Nothing was restored.',
    );
    const runMissing = tampered((j) => (j.runs[0].files[1].bytes = `media/${'0'.repeat(64)}`));
    expect(await error(runMissing)).toContain(`a file it refers to is missing (media/${'0'.repeat(64)})`);

    // References that leave the project: another project's file, the backup data, a path out of the folder.
    expect(await error(tampered((j) => (plot(j).bytes = 'projects/Sounds/beep.wav')))).toBe(
      'This backup cannot be restored: a file of the project "Plots" refers to data outside it (projects/Sounds/beep.wav). Nothing was restored.',
    );
    expect(await error(tampered((j) => (plot(j).bytes = BACKUP_JSON)))).toContain('projects.0.files.1');
    expect(await error(tampered((j) => (plot(j).bytes = 'projects/Plots/../Sounds/beep.wav')))).toContain(
      'projects.0.files.1',
    );
    expect(await error(tampered((j) => (plot(j).path = '../../evil.png')))).toContain('projects.0.files.1');
    expect(await error(tampered((j) => (j.runs[0].files[1].bytes = 'projects/Plots/out/plot.png')))).toContain(
      'runs.0.files.1',
    );

    // An entry larger than a project file may be.
    const big = new Uint8Array(MAX_BINARY_FILE_BYTES + 1);
    expect(await error(tampered(() => {}, { 'projects/Plots/out/plot.png': big }))).toBe(
      'This backup cannot be restored: "projects/Plots/out/plot.png" is larger than 5 MB, more than a project file may be. Nothing was restored.',
    );
  });
});

describe('backup format, version 4: lessons and the classroom', () => {
  const classInfo = { id: '7b', name: '7B', learners: ['Ada', 'Grace'], pickName: true, secret: 'a'.repeat(20) };
  const pack: Pack = {
    format: 'pyplayground-pack',
    version: 1,
    id: 'sums',
    title: 'Sums',
    author: 'Ada',
    language: 'en',
    revision: 2,
    lessons: [
      {
        id: 'l1',
        title: 'Numbers',
        exercises: [
          {
            id: 'add',
            title: 'Add',
            instructions: 'Write `add`.',
            files: [{ name: 'main.py', content: 'def add(a, b):\n    pass\n' }],
            main: 'main.py',
            hints: ['Use +'],
            checks: [{ kind: 'call', function: 'add', args: '2, 3', expect: '5' }],
          },
        ],
      },
    ],
    class: classInfo,
  };
  const report: Report = {
    format: 'pyplayground-report',
    version: 1,
    pack: { id: 'sums', revision: 2, title: 'Sums' },
    class: { id: '7b', name: '7B' },
    learner: 'Ada',
    device: 'device-1',
    createdAt: 1000,
    exercises: [
      {
        id: 'add',
        lessonId: 'l1',
        title: 'Add',
        state: 'passed',
        attempts: 2,
        hintsShown: 1,
        firstPassedAt: 900,
        activeMs: 5000,
        checks: [{ at: 900, passed: 1, total: 1, failed: [], errors: [] }],
        files: [{ name: 'main.py', content: 'def add(a, b):\n    return a + b\n' }],
      },
    ],
  };
  const teacherClass: TeacherClass = { ...classInfo, createdAt: 1, updatedAt: 2 };
  const draft: PackDraft = {
    id: 'draft-1',
    // Unfinished: no lessons' checks, no main file among the files. Drafts may be.
    pack: {
      ...pack,
      id: 'new-pack',
      title: '',
      class: undefined,
      lessons: [
        {
          id: 'l1',
          title: '',
          exercises: [{ ...pack.lessons[0].exercises[0], main: 'gone.py', checks: [] }],
        },
      ],
    },
    updatedAt: 5,
    exportedRevision: 1,
  };
  delete draft.pack.class;

  async function full(): Promise<WorkspaceContents> {
    const checksum = await reportChecksum(report);
    return {
      projects: [
        {
          name: 'Add',
          main: 'main.py',
          files: [{ path: 'main.py', content: 'def add(a, b): ...' }],
          exercise: { packId: 'sums', exerciseId: 'add' },
        },
        { name: 'Mine', main: 'main.py', files: [{ path: 'main.py', content: '' }] },
      ],
      runs: [],
      packs: [{ pack, source: 'file', importedAt: 10, updatedAt: 20 }],
      progress: [
        {
          packId: 'sums',
          exerciseId: 'add',
          lessonId: 'l1',
          attempts: 2,
          checks: [{ at: 900, passed: 1, total: 1, failed: [], errors: [] }],
          hintsShown: 1,
          firstPassedAt: 900,
          lastPassedAt: 900,
          activeMs: 5000,
          firstOpenedAt: 100,
          lastOpenedAt: 950,
        },
      ],
      classes: [teacherClass, { id: 'club', name: 'Club', secret: '', createdAt: 3, updatedAt: 3 }],
      reports: [
        { report, checksum, tampered: false, receivedAt: 2000, via: 'file' },
        {
          report: { ...report, device: 'device-2', learner: 'Grace' },
          checksum: await reportChecksum({ ...report, device: 'device-2', learner: 'Grace' }),
          tampered: true,
          receivedAt: 2001,
          via: 'qr',
        },
      ],
      packRevisions: [pack, { ...pack, revision: 1 }],
      drafts: [draft],
    };
  }
  const jsonOf = (zip: Uint8Array) => JSON.parse(new TextDecoder().decode(unzipSync(zip)[BACKUP_JSON]));
  const error = async (zip: Uint8Array) => {
    const result = await decodeBackup(zip);
    return result.ok ? 'restored' : result.error;
  };
  /** A backup of `full()` with its JSON changed by `change`. */
  const changed = async (change: (json: ReturnType<typeof jsonOf>) => void) => {
    const json = jsonOf(await encodeBackup(await full(), 1));
    change(json);
    return zipWith(json);
  };

  it('round-trips packs, progress, classes, reports, revisions, drafts and exercise projects', async () => {
    const contents = await full();
    const zip = await encodeBackup(contents, 1);
    const json = jsonOf(zip);
    expect(json.version).toBe(4);
    expect(json.projects[0].exercise).toEqual({ packId: 'sums', exerciseId: 'add' });
    expect(json.projects[1]).not.toHaveProperty('exercise');
    // A report is written as its report.json, with its checksum.
    expect(json.reports[0].report.checksum).toBe(contents.reports[0].checksum);
    expect(await decodeBackup(zip)).toEqual({ ok: true, contents });
  });

  it('still restores a version 3 backup, with no lessons and no classroom', async () => {
    const json = jsonOf(await encodeBackup({ ...(await full()), ...noLessons }, 1));
    const v3 = { ...json, version: 3 };
    for (const key of Object.keys(noLessons)) delete v3[key];
    for (const p of v3.projects) delete p.exercise;
    const decoded = await decodeBackup(zipWith(v3));
    expect(decoded.ok && decoded.contents).toMatchObject({
      ...noLessons,
      projects: [{ name: 'Add' }, { name: 'Mine' }],
    });
    // Version 3 knew nothing of exercises: a field it did not have is not read as one.
    expect(await error(zipWith({ ...v3, packs: 'x' }))).toBe('restored');
  });

  it('marks a report edited inside the backup, and keeps the mark a report had when received', async () => {
    const decoded = await decodeBackup(
      await changed((j) => {
        j.reports[0].report.exercises[0].attempts = 1;
      }),
    );
    expect(decoded.ok && decoded.contents.reports.map((r) => r.tampered)).toEqual([true, true]);
    if (!decoded.ok) return;
    expect(decoded.contents.reports[0].report.exercises[0].attempts).toBe(1);
    expect(decoded.contents.reports[0].checksum).toBe(await reportChecksum(decoded.contents.reports[0].report));
  });

  it('refuses a backup whose lessons or classroom cannot be trusted, saying where', async () => {
    const refusals: [(j: ReturnType<typeof jsonOf>) => void, string][] = [
      [(j) => (j.packs[0].pack.id = '../evil'), 'its lesson pack packs.0 cannot be used ("id" must be 1 to 100'],
      [(j) => (j.packs[0].source = 'built-in'), 'packs.0.source'],
      [(j) => delete j.packs[0].pack.lessons, 'its lesson pack packs.0 cannot be used'],
      [(j) => (j.packRevisions[1].lessons[0].exercises[0].checks = []), 'its lesson pack packRevisions.1'],
      [(j) => (j.progress[0].attempts = -1), 'progress.0.attempts'],
      [(j) => (j.progress[0].checks = Array(101).fill(j.progress[0].checks[0])), 'progress.0.checks'],
      [(j) => (j.progress[0].packId = 'a/b'), 'progress.0.packId'],
      [(j) => (j.classes[0].secret = 'short'), 'classes.0.secret'],
      [(j) => (j.classes[0].learners = [42]), 'classes.0.learners.0'],
      [(j) => (j.reports[0].report.exercises[0].attempts = 'many'), 'its report reports.0 cannot be used'],
      [(j) => (j.reports[1].report.format = 'zip-bomb'), 'its report reports.1 cannot be used'],
      [(j) => (j.reports[0].via = 'email'), 'reports.0.via'],
      [(j) => (j.drafts[0].pack.lessons[0].exercises[0].checks = [{ kind: 'shell' }]), 'drafts.0.pack.lessons.0'],
      [(j) => (j.drafts[0].pack.description = 'x'.repeat(100_001)), 'drafts.0.pack.description'],
      [(j) => (j.drafts[0].pack.lessons = 'all'), 'drafts.0.pack.lessons'],
      [(j) => (j.projects[0].exercise = { packId: 'sums' }), 'projects.0.exercise.exerciseId'],
      [(j) => (j.reports = {}), '(reports: '],
    ];
    for (const [change, why] of refusals) {
      const message = await error(await changed(change));
      expect(message, why).toContain(why);
      expect(message).toMatch(/^This backup cannot be restored: .*\. Nothing was restored\.$/);
    }
    // Keys that could reach a prototype, anywhere, refuse the whole backup.
    const json = JSON.stringify(jsonOf(await encodeBackup(await full(), 1))).replace(
      '"attempts":2',
      '"attempts":2,"__proto__":{"polluted":true}',
    );
    expect(await error(zipSync({ [BACKUP_JSON]: strToU8(json) }))).toContain('a field called "__proto__"');
  });

  it('refuses a draft larger than a pack may be', async () => {
    const many = Array.from({ length: 2001 }, (_, i) => ({ ...draft.pack.lessons[0].exercises[0], id: `e${i}` }));
    const message = await error(await changed((j) => (j.drafts[0].pack.lessons[0].exercises = many)));
    expect(message).toContain('drafts.0.pack');
  });
});
