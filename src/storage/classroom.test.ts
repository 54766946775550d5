// The classroom in storage (schema version 4): the teacher's classes, received reports and their merge rules,
// pack revisions, drafts, the device id, and all of them through a backup; on a real (in-memory) IndexedDB.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackDraft, ReceivedReport, Report, TeacherClass } from '../model/classroom.ts';
import type { WorkspaceContents } from '../model/history.ts';
import { BUILT_IN_PACK_ID, type Pack } from '../model/lesson.ts';
import { DB_VERSION, MIGRATIONS } from './schema.ts';
import { REPORT_CAPS, ReportTooLargeError, Storage, type ChangeNotice } from './storage.ts';

let storage: Storage;
let dbName: string;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  dbName = `test-${crypto.randomUUID()}`;
  storage = await Storage.open(dbName);
});
afterEach(() => storage.close());

const tick = () => new Promise((r) => setTimeout(r, 5));

function pack(overrides: Partial<Pack> = {}): Pack {
  return {
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
    ...overrides,
  };
}

const classInfo = { id: '7b', name: '7B', learners: ['Ada', 'Grace'], pickName: true, secret: 's'.repeat(20) };
const teacherClass = (overrides: Partial<TeacherClass> = {}): TeacherClass => ({
  ...classInfo,
  learners: [...classInfo.learners],
  createdAt: 1,
  updatedAt: 2,
  ...overrides,
});

function report(overrides: Partial<Report> = {}): Report {
  return {
    format: 'pyplayground-report',
    version: 1,
    pack: { id: 'sums', revision: 2, title: 'Sums' },
    class: { id: '7b', name: '7B' },
    learner: 'Ada Lovelace',
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
    ...overrides,
  };
}

/** A received report; its checksum stands for its content (a test needs only that equal content has equal ones). */
function received(r: Report, overrides: Partial<ReceivedReport> = {}): ReceivedReport {
  return {
    report: r,
    checksum: `sha256:${r.learner}/${r.device}/${r.createdAt}/${r.exercises[0]?.attempts}`,
    tampered: false,
    receivedAt: 5000,
    via: 'file',
    ...overrides,
  };
}

describe('schema version 4', () => {
  it('brings a version 3 database to version 4 with everything intact, and the classroom stores usable', async () => {
    storage.close();
    const name = `v3-${dbName}`;
    const { openDB } = await import('idb');
    const v3 = await openDB(name, 3, {
      upgrade(db, oldVersion, _new, tx) {
        for (let v = oldVersion; v < 3; v++) MIGRATIONS[v](db as never, tx as never);
      },
    });
    // Exactly what version 3 wrote: packs without `class`.
    const { class: _none, ...packV3 } = pack();
    const packRecord = { id: 'sums', pack: packV3, source: 'file', importedAt: 1, updatedAt: 2 };
    const progress = {
      packId: 'sums',
      exerciseId: 'add',
      lessonId: 'l1',
      projectId: 'p1',
      attempts: 3,
      checks: [{ at: 5, passed: 0, total: 1, failed: ['add(2, 3)'], errors: ['TypeError'] }],
      hintsShown: 1,
      activeMs: 10,
      firstOpenedAt: 1,
      lastOpenedAt: 6,
    };
    const lessonProject = {
      id: 'p1',
      name: 'Add',
      main: 'main.py',
      createdAt: 1,
      updatedAt: 2,
      origin: 'lesson',
      foreign: true,
      exercise: { packId: 'sums', exerciseId: 'add' },
    };
    const file = { id: 'f1', projectId: 'p1', path: 'main.py', content: 'x = 1', version: 2, updatedAt: 2 };
    await v3.put('packs', packRecord);
    await v3.put('progress', progress);
    await v3.put('projects', lessonProject);
    await v3.put('files', file);
    await v3.put('meta', { key: 'history-settings', value: { maxRuns: 5, maxMegabytes: 1 } });
    v3.close();

    storage = await Storage.open(name);
    expect(await storage.getPack('sums')).toEqual({ pack: packV3, source: 'file', importedAt: 1, updatedAt: 2 });
    expect(await storage.listProgress('sums')).toEqual([progress]);
    expect(await storage.getProject('p1')).toEqual(lessonProject);
    expect((await storage.loadProject('p1'))!.files).toEqual([file]);
    expect(await storage.findExerciseProject('sums', 'add')).toBe('p1');
    expect(await storage.historySettings()).toEqual({ maxRuns: 5, maxMegabytes: 1 });

    expect(await storage.listClasses()).toEqual([]);
    expect(await storage.listReports('7b')).toEqual([]);
    expect(await storage.listPackRevisions('sums')).toEqual([]);
    expect(await storage.listDrafts()).toEqual([]);
    await storage.saveClass(teacherClass());
    expect((await storage.addReports([received(report())])).added).toBe(1);
    await storage.savePackRevision(pack());
    await storage.saveDraft({ id: 'd', pack: pack(), updatedAt: 1 });
    expect(await storage.listClasses()).toHaveLength(1);
    expect(await storage.listReports('7b')).toHaveLength(1);
    expect(await storage.listPackRevisions('sums')).toHaveLength(1);
    expect(await storage.listDrafts()).toHaveLength(1);

    storage.close();
    const raw = await openDB(name, DB_VERSION);
    expect(raw.version).toBe(4);
    expect([...raw.objectStoreNames].sort()).toEqual(
      [
        'blobs',
        'classes',
        'drafts',
        'files',
        'media',
        'meta',
        'packRevisions',
        'packs',
        'progress',
        'projects',
        'reports',
        'runText',
        'runs',
        'transcripts',
      ].sort(),
    );
    raw.close();
    storage = await Storage.open(name);
  });

  it('keeps a pack’s class with it', async () => {
    await storage.savePack(pack({ class: classInfo }), 'link');
    expect((await storage.getPack('sums'))!.pack.class).toEqual(classInfo);
    const { learners: _l, pickName: _p, ...bare } = classInfo;
    await storage.savePack(pack({ class: bare }), 'link');
    expect((await storage.getPack('sums'))!.pack.class).toEqual(bare);
  });
});

describe('the device id', () => {
  it('is made once and kept, across tabs asking at once and across reopening', async () => {
    const [a, b] = await Promise.all([storage.deviceId(), storage.deviceId()]);
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).toBe(a);
    storage.close();
    storage = await Storage.open(dbName);
    expect(await storage.deviceId()).toBe(a);
    const other = await Storage.open(`other-${dbName}`);
    expect(await other.deviceId()).not.toBe(a);
    other.close();
  });
});

describe('classes', () => {
  it('saves, replaces, lists by name and gives back copies', async () => {
    const c = teacherClass();
    await storage.saveClass(c);
    await storage.saveClass(teacherClass({ id: 'club', name: 'Art club', learners: undefined, pickName: undefined }));
    c.learners!.push('Mallory');
    expect(await storage.getClass('7b')).toEqual(teacherClass());
    expect((await storage.listClasses()).map((x) => x.name)).toEqual(['7B', 'Art club']);
    await storage.saveClass(teacherClass({ name: '7B (2025)', updatedAt: 9 }));
    expect(await storage.getClass('7b')).toEqual(teacherClass({ name: '7B (2025)', updatedAt: 9 }));
    expect(await storage.getClass('nope')).toBeUndefined();
  });

  it('deletes a class with its reports, and no other class’s or unclassed reports', async () => {
    await storage.saveClass(teacherClass());
    await storage.saveClass(teacherClass({ id: '8a', name: '8A' }));
    await storage.addReports([
      received(report()),
      received(report({ learner: 'Grace', device: 'g' })),
      received(report({ class: { id: '8a', name: '8A' } })),
      received(report({ class: undefined })),
    ]);
    await storage.deleteClass('7b');
    expect(await storage.getClass('7b')).toBeUndefined();
    expect(await storage.listReports('7b')).toEqual([]);
    expect((await storage.listReports('8a')).map((r) => r.report.class?.id)).toEqual(['8a']);
    expect(await storage.listReports('')).toHaveLength(1);
    expect((await storage.listClasses()).map((c) => c.id)).toEqual(['8a']);
  });
});

describe('reports', () => {
  it('adds a report new from a learner and device, and gives it back as received', async () => {
    const r = received(report());
    expect(await storage.addReports([r])).toEqual({ added: 1, replaced: 0, duplicates: 0, older: 0 });
    expect(await storage.listReports('7b')).toEqual([r]);
  });

  it('ignores the same report again, keeps the newer of a learner’s and device’s, and ignores an older one', async () => {
    const first = received(report());
    const newer = received(report({ createdAt: 2000, exercises: [{ ...report().exercises[0], attempts: 5 }] }));
    const older = received(report({ createdAt: 500, exercises: [{ ...report().exercises[0], attempts: 1 }] }));
    await storage.addReports([first]);
    expect(await storage.addReports([{ ...first, receivedAt: 9999, via: 'qr' }])).toEqual({
      added: 0,
      replaced: 0,
      duplicates: 1,
      older: 0,
    });
    expect(await storage.listReports('7b')).toEqual([first]);
    expect(await storage.addReports([newer])).toEqual({ added: 0, replaced: 1, duplicates: 0, older: 0 });
    expect(await storage.addReports([older])).toEqual({ added: 0, replaced: 0, duplicates: 0, older: 1 });
    expect(await storage.listReports('7b')).toEqual([newer]);
  });

  it('applies the rules within one batch too, and tells a learner by name whatever the spacing and case', async () => {
    const batch = [
      received(report()),
      received(report({ learner: '  ada   LOVELACE ', createdAt: 3000 })),
      received(report({ learner: 'ada lovelace', createdAt: 3000 })),
      received(report({ device: 'tablet' })),
      received(report({ learner: 'Grace' })),
    ];
    const keeping: ReceivedReport[] = [];
    const merge = await storage.addReports(batch, keeping);
    // The caller is told which of its reports are kept: what a read of the class now gives.
    expect(keeping).toEqual([batch[1], batch[3], batch[4]]);
    // The second replaces the first; the third has the same key and time but other content: older.
    expect(merge).toEqual({ added: 3, replaced: 1, duplicates: 0, older: 1 });
    const kept = await storage.listReports('7b');
    expect(kept.map((r) => `${r.report.learner}@${r.report.device}`).sort()).toEqual([
      '  ada   LOVELACE @device-1',
      'Ada Lovelace@tablet',
      'Grace@device-1',
    ]);
  });

  it('writes a batch whole or not at all: a report that cannot be written leaves the class as it was', async () => {
    await storage.addReports([received(report())]);
    // A value IndexedDB cannot store stands in for a write refused half-way (a full disk aborts the same way).
    const unwritable = received(report({ learner: 'Grace' }));
    (unwritable as unknown as { via: unknown }).via = () => 'file';
    await expect(
      storage.addReports([received(report({ device: 'tablet' })), unwritable, received(report({ learner: 'Lin' }))]),
    ).rejects.toThrow();
    expect((await storage.listReports('7b')).map((r) => `${r.report.learner}@${r.report.device}`)).toEqual([
      'Ada Lovelace@device-1',
    ]);
    expect(await storage.countReports('7b')).toBe(1);
  });

  it('gives one report whole, found by class, pack, learner (spacing and case aside) and device', async () => {
    const r = received(report());
    await storage.addReports([r]);
    expect(await storage.getReport('7b', r.report.pack.id, '  ADA lovelace ', 'device-1')).toEqual(r);
    expect(await storage.getReport('7b', r.report.pack.id, 'Ada Lovelace', 'tablet')).toBeUndefined();
    expect(await storage.getReport('', r.report.pack.id, 'Ada Lovelace', 'device-1')).toBeUndefined();
  });

  it('keeps a tampered report, marked, and lets it be replaced like any other', async () => {
    const edited = received(report({ createdAt: 2000 }), { tampered: true, checksum: 'sha256:edited' });
    await storage.addReports([received(report()), edited]);
    expect(await storage.listReports('7b')).toEqual([edited]);
    const fixed = received(report({ createdAt: 3000 }));
    await storage.addReports([fixed]);
    expect((await storage.listReports('7b'))[0].tampered).toBe(false);
  });

  it('makes the class of a report when it is not on the device, and leaves an existing one as it is', async () => {
    await storage.addReports([received(report({ class: { id: 'club', name: 'Chess club' } }))]);
    const made = await storage.getClass('club');
    expect(made).toEqual({
      id: 'club',
      name: 'Chess club',
      secret: '',
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
    });
    expect((await storage.listClasses()).map((c) => c.id)).toEqual(['club']);
    await storage.saveClass(teacherClass());
    await storage.addReports([received(report({ class: { id: '7b', name: 'Renamed by a learner' } }))]);
    expect(await storage.getClass('7b')).toEqual(teacherClass());
    // A pack not handed to a class: kept under '', and no class made.
    await storage.addReports([received(report({ class: undefined, learner: 'Solo' }))]);
    expect((await storage.listReports('')).map((r) => r.report.learner)).toEqual(['Solo']);
    expect(await storage.listClasses()).toHaveLength(2);
  });

  it('clears the reports of one class, saying how many, and keeps the class', async () => {
    await storage.addReports([
      received(report()),
      received(report({ device: 'b' })),
      received(report({ class: { id: '8a', name: '8A' } })),
    ]);
    expect(await storage.clearReports('7b')).toBe(2);
    expect(await storage.clearReports('7b')).toBe(0);
    expect(await storage.listReports('7b')).toEqual([]);
    expect(await storage.listReports('8a')).toHaveLength(1);
    expect(await storage.getClass('7b')).toBeDefined();
  });

  it('keeps a report within what its format allows, marking one beyond it', async () => {
    const exercise = report().exercises[0];
    const big = report({
      exercises: Array.from({ length: REPORT_CAPS.exercises + 5 }, (_, i) => ({ ...exercise, id: `e${i}`, files: [] })),
    });
    const wide = report({
      device: 'wide',
      exercises: [
        {
          ...exercise,
          checks: Array.from({ length: 150 }, (_, i) => ({ at: i, passed: 0, total: 1, failed: ['x'], errors: [] })),
          files: Array.from({ length: 60 }, (_, i) => ({ name: `f${i}.py`, content: '' })),
        },
      ],
    });
    const longFile = report({
      device: 'long',
      exercises: [{ ...exercise, files: [{ name: 'main.py', content: 'x'.repeat(REPORT_CAPS.fileChars + 1) }] }],
    });
    await storage.addReports([received(big), received(wide), received(longFile), received(report({ device: 'ok' }))]);
    const kept = new Map((await storage.listReports('7b')).map((r) => [r.report.device, r]));
    expect(kept.get('device-1')!.report.exercises).toHaveLength(REPORT_CAPS.exercises);
    expect(kept.get('device-1')!.tampered).toBe(true);
    expect(kept.get('wide')!.report.exercises[0].checks).toHaveLength(REPORT_CAPS.checksPerExercise);
    // The newest presses of Check are the ones kept.
    expect(kept.get('wide')!.report.exercises[0].checks[0].at).toBe(50);
    expect(kept.get('wide')!.report.exercises[0].files).toHaveLength(REPORT_CAPS.filesPerExercise);
    expect(kept.get('wide')!.tampered).toBe(true);
    expect(kept.get('long')!.report.exercises[0].files![0].content).toHaveLength(REPORT_CAPS.fileChars);
    expect(kept.get('long')!.tampered).toBe(true);
    expect(kept.get('ok')!.tampered).toBe(false);
  });

  it('refuses a report larger than a report file may be, writing nothing of its batch', async () => {
    const files = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.py`, content: 'x'.repeat(999_000) }));
    const huge = report({ device: 'huge', exercises: [{ ...report().exercises[0], files }] });
    await expect(storage.addReports([received(report()), received(huge)])).rejects.toBeInstanceOf(ReportTooLargeError);
    expect(await storage.listReports('7b')).toEqual([]);
    expect(await storage.listClasses()).toEqual([]);
  });

  it('keeps only known fields: nothing extra a report carried is saved', async () => {
    const r = report();
    const withExtra = {
      ...r,
      evil: 'x'.repeat(1000),
      exercises: [{ ...r.exercises[0], evil: 1 }],
    } as unknown as Report;
    await storage.addReports([received(withExtra)]);
    const [kept] = await storage.listReports('7b');
    expect(kept.report).toEqual(r);
  });
});

describe('pack revisions', () => {
  it('keeps every revision by pack id, the revision 1 when the pack has none, oldest first', async () => {
    const { revision: _none, ...first } = pack();
    await storage.savePackRevision(pack({ revision: 3 }));
    await storage.savePackRevision(first);
    await storage.savePackRevision(pack());
    await storage.savePackRevision(pack({ id: 'other', revision: 1 }));
    expect((await storage.listPackRevisions('sums')).map((p) => p.revision ?? 1)).toEqual([1, 2, 3]);
    expect(await storage.getPackRevision('sums', 1)).toEqual(first);
    expect(await storage.getPackRevision('sums', 2)).toEqual(pack());
    expect(await storage.getPackRevision('sums', 4)).toBeUndefined();
    await storage.savePackRevision(pack({ title: 'Sums, fixed' }));
    expect((await storage.getPackRevision('sums', 2))!.title).toBe('Sums, fixed');
    expect(await storage.listPackRevisions('other')).toHaveLength(1);
  });
});

describe('drafts', () => {
  it('saves, replaces, lists the most recently changed first, and deletes', async () => {
    // An unfinished pack: a draft need not be valid.
    const unfinished = pack({ title: '', lessons: [{ id: 'l1', title: '', exercises: [] }] });
    await storage.saveDraft({ id: 'a', pack: unfinished, updatedAt: 1 });
    await storage.saveDraft({ id: 'b', pack: pack(), updatedAt: 5, exportedRevision: 2 });
    expect((await storage.listDrafts()).map((d) => d.id)).toEqual(['b', 'a']);
    expect(await storage.getDraft('a')).toEqual({ id: 'a', pack: unfinished, updatedAt: 1 });
    await storage.saveDraft({ id: 'a', pack: unfinished, updatedAt: 9 });
    expect((await storage.listDrafts()).map((d) => d.id)).toEqual(['a', 'b']);
    await storage.deleteDraft('a');
    expect((await storage.listDrafts()).map((d) => d.id)).toEqual(['b']);
    expect(await storage.getDraft('a')).toBeUndefined();
  });
});

describe('change notices', () => {
  it('tells other tabs about classes, reports and drafts', async () => {
    const other = await Storage.open(dbName);
    const heard: ChangeNotice[] = [];
    other.changes.subscribe((n) => heard.push(n));
    await storage.saveClass(teacherClass());
    await storage.addReports([received(report({ class: { id: 'new', name: 'New' } }))]);
    await storage.saveDraft({ id: 'd', pack: pack(), updatedAt: 1 });
    await storage.clearReports('new');
    await tick();
    expect(heard).toEqual([
      { kind: 'classes' },
      { kind: 'classes' },
      { kind: 'reports', classId: 'new' },
      { kind: 'drafts' },
      { kind: 'reports', classId: 'new' },
    ]);
    other.close();
  });
});

describe('backup of lessons and the classroom', () => {
  async function fill(s: Storage): Promise<void> {
    await s.savePack(pack({ class: classInfo }), 'file');
    await s.savePack(pack({ id: BUILT_IN_PACK_ID, title: 'Course' }), 'built-in');
    await s.updateProgress('sums', 'add', 'l1', (p) => ({ ...p, attempts: 2, hintsShown: 1, firstPassedAt: 7 }));
    await s.saveClass(teacherClass());
    await s.addReports([received(report()), received(report({ learner: 'Grace' }), { tampered: true })]);
    await s.savePackRevision(pack());
    await s.savePackRevision(pack({ revision: 1 }));
    await s.saveDraft({ id: 'd', pack: pack({ title: '' }), updatedAt: 3, exportedRevision: 1 });
    await s.createProject({
      name: 'Add',
      files: [{ path: 'main.py', content: 'def add(a, b): return a + b' }],
      main: 'main.py',
      origin: 'lesson',
      exercise: { packId: 'sums', exerciseId: 'add' },
    });
  }

  it('exports every part, but not the built-in course', async () => {
    await fill(storage);
    const backup = await storage.exportAll(false);
    expect(backup.projects).toEqual([
      {
        name: 'Add',
        main: 'main.py',
        files: [{ path: 'main.py', content: 'def add(a, b): return a + b' }],
        exercise: { packId: 'sums', exerciseId: 'add' },
      },
    ]);
    expect(backup.packs).toEqual([
      {
        pack: pack({ class: classInfo }),
        source: 'file',
        importedAt: expect.any(Number),
        updatedAt: expect.any(Number),
      },
    ]);
    expect(backup.progress).toEqual([
      expect.objectContaining({ packId: 'sums', exerciseId: 'add', attempts: 2, hintsShown: 1, firstPassedAt: 7 }),
    ]);
    // The project id is this device's own: it stays behind.
    expect(backup.progress[0]).not.toHaveProperty('projectId');
    expect(backup.classes).toEqual([teacherClass()]);
    expect(backup.reports.map((r) => [r.report.learner, r.tampered])).toEqual([
      ['Ada Lovelace', false],
      ['Grace', true],
    ]);
    expect(backup.packRevisions.map((p) => p.revision)).toEqual([1, 2]);
    expect(backup.drafts).toEqual([{ id: 'd', pack: pack({ title: '' }), updatedAt: 3, exportedRevision: 1 }]);
  });

  it('restores every part on another device, exercise projects linked again (and run as someone else’s code)', async () => {
    await fill(storage);
    const backup = await storage.exportAll(true);
    const other = await Storage.open(`other-${dbName}`);
    const restored = await other.importBackup(backup);
    expect(restored).toEqual({
      projects: 1,
      runs: 0,
      packs: 1,
      progress: 1,
      classes: 1,
      reports: { added: 2, replaced: 0, duplicates: 0, older: 0 },
      packRevisions: 2,
      drafts: 1,
    });
    const project = await other.getProject((await other.findExerciseProject('sums', 'add'))!);
    expect(project).toMatchObject({ name: 'Add', origin: 'lesson', foreign: true });
    expect((await other.getProgress('sums', 'add'))!.projectId).toBe(project!.id);
    expect(await other.getPack('sums')).toEqual(await storage.getPack('sums'));
    expect(await other.getPack(BUILT_IN_PACK_ID)).toBeUndefined();
    expect(await other.listClasses()).toEqual(await storage.listClasses());
    expect(await other.listReports('7b')).toEqual(await storage.listReports('7b'));
    expect(await other.listPackRevisions('sums')).toEqual(await storage.listPackRevisions('sums'));
    // The same drafts, marked as someone else's: a backup can come from anyone.
    expect(await other.listDrafts()).toEqual((await storage.listDrafts()).map((d) => ({ ...d, foreign: true })));
    // The same backup again adds nothing but projects (restored as copies, never over what is there).
    const again = await other.importBackup(backup);
    expect(again).toMatchObject({ projects: 1, packs: 0, progress: 0, classes: 0, packRevisions: 0, drafts: 0 });
    expect(again.reports).toEqual({ added: 0, replaced: 0, duplicates: 2, older: 0 });
    other.close();
  });

  it('restores all or nothing: a write refused half-way takes out the projects and runs it had added', async () => {
    await fill(storage);
    const { project } = await storage.createProject({
      name: 'Sevens',
      files: [{ path: 'main.py', content: 'print(7)' }],
      main: 'main.py',
      origin: 'new',
    });
    await storage.addRun({
      projectId: project.id,
      projectName: 'Sevens',
      entry: 'main.py',
      startedAt: 5,
      durationMs: 3,
      status: 'ok',
      files: [{ path: 'main.py', content: 'print(7)' }],
      items: [{ kind: 'text', stream: 'stdout', text: '7\n' }],
      omittedChars: 0,
    });
    const backup = await storage.exportAll(true);
    expect(backup.runs).toHaveLength(1);
    // A value IndexedDB cannot store, in the last part written, stands in for a disk that fills up there.
    (backup.reports[1] as unknown as { via: unknown }).via = () => 'file';
    const other = await Storage.open(`other-${dbName}`);
    await other.saveClass(teacherClass({ id: 'mine', name: 'Mine' }));
    const before = {
      projects: await other.listProjects(),
      classes: await other.listClasses(),
      packs: await other.listPacks(),
      progress: await other.listProgress(),
      drafts: await other.listDrafts(),
    };
    await expect(other.importBackup(backup)).rejects.toThrow();
    expect({
      projects: await other.listProjects(),
      classes: await other.listClasses(),
      packs: await other.listPacks(),
      progress: await other.listProgress(),
      drafts: await other.listDrafts(),
    }).toEqual(before);
    expect((await other.recentActivity(0)).runs).toEqual([]);
    expect(await other.countReports('7b')).toBe(0);
    // And the same backup, whole, restores as if nothing had happened.
    (backup.reports[1] as unknown as { via: unknown }).via = 'file';
    expect(await other.importBackup(backup)).toMatchObject({ projects: 2, runs: 1, classes: 1 });
    expect((await other.listProjects()).map((p) => p.name).sort()).toEqual(['Add', 'Sevens']);
    other.close();
  });

  it('merges by key: the later progress, the higher revision, the more recent class and draft', async () => {
    await storage.savePack(pack({ revision: 3 }), 'link');
    await storage.updateProgress('sums', 'add', 'l1', (p) => ({ ...p, attempts: 9, lastOpenedAt: 100 }));
    await storage.updateProgress('sums', 'sub', 'l1', (p) => ({ ...p, attempts: 9, lastOpenedAt: 100 }));
    await storage.saveClass(teacherClass({ name: 'Mine', updatedAt: 50 }));
    await storage.saveClass(teacherClass({ id: 'old', name: 'Old', updatedAt: 1 }));
    await storage.saveDraft({ id: 'd', pack: pack({ title: 'Mine' }), updatedAt: 50 });
    await storage.addReports([received(report({ createdAt: 2000 }))]);
    const progress = (exerciseId: string, lastOpenedAt: number) => ({
      packId: 'sums',
      exerciseId,
      lessonId: 'l1',
      attempts: 1,
      checks: [],
      hintsShown: 0,
      activeMs: 0,
      firstOpenedAt: 1,
      lastOpenedAt,
    });
    const backup: WorkspaceContents = {
      projects: [],
      runs: [],
      packs: [
        { pack: pack({ revision: 2, title: 'Older' }), source: 'file', importedAt: 1, updatedAt: 1 },
        { pack: pack({ id: BUILT_IN_PACK_ID, revision: 99 }), source: 'file', importedAt: 1, updatedAt: 1 },
      ],
      progress: [progress('add', 50), progress('sub', 200)],
      classes: [
        teacherClass({ name: 'Theirs', updatedAt: 10 }),
        teacherClass({ id: 'old', name: 'New', updatedAt: 5 }),
      ],
      reports: [received(report({ createdAt: 1000 })), received(report({ createdAt: 3000 }))],
      packRevisions: [],
      drafts: [{ id: 'd', pack: pack({ title: 'Theirs' }), updatedAt: 10 } satisfies PackDraft],
    };
    const restored = await storage.importBackup(backup);
    expect(restored).toMatchObject({ packs: 0, progress: 1, classes: 1, drafts: 0 });
    expect(restored.reports).toEqual({ added: 0, replaced: 1, duplicates: 0, older: 1 });
    expect((await storage.getPack('sums'))!.pack.revision).toBe(3);
    expect(await storage.getPack(BUILT_IN_PACK_ID)).toBeUndefined();
    expect((await storage.getProgress('sums', 'add'))!.attempts).toBe(9);
    expect((await storage.getProgress('sums', 'sub'))!.attempts).toBe(1);
    expect((await storage.getClass('7b'))!.name).toBe('Mine');
    expect((await storage.getClass('old'))!.name).toBe('New');
    expect((await storage.getDraft('d'))!.pack.title).toBe('Mine');
    expect((await storage.listReports('7b'))[0].report.createdAt).toBe(3000);

    // A higher revision does replace the pack (and keeps when it was first imported).
    const before = (await storage.getPack('sums'))!;
    await storage.importBackup({
      ...backup,
      packs: [{ pack: pack({ revision: 4 }), source: 'file', importedAt: before.importedAt + 1000, updatedAt: 1 }],
    });
    expect(await storage.getPack('sums')).toMatchObject({ source: 'file', importedAt: before.importedAt });
    expect((await storage.getPack('sums'))!.pack.revision).toBe(4);
  });

  it('refuses a backup with a report too large, restoring nothing at all', async () => {
    const files = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.py`, content: 'x'.repeat(999_000) }));
    const backup: WorkspaceContents = {
      projects: [{ name: 'P', main: 'main.py', files: [{ path: 'main.py', content: '' }] }],
      runs: [],
      packs: [{ pack: pack(), source: 'file', importedAt: 1, updatedAt: 1 }],
      progress: [],
      classes: [],
      reports: [received(report({ exercises: [{ ...report().exercises[0], files }] }))],
      packRevisions: [],
      drafts: [],
    };
    await expect(storage.importBackup(backup)).rejects.toBeInstanceOf(ReportTooLargeError);
    expect(await storage.listProjects()).toEqual([]);
    expect(await storage.listPacks()).toEqual([]);
  });
});
