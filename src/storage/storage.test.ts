import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, InvalidNameError, NewerVersionError } from './errors.ts';
import { DB_VERSION, MIGRATIONS, type RunRecord } from './schema.ts';
import type { ExplanationItem } from '../model/output.ts';
import { Storage, type NewRun } from './storage.ts';

let storage: Storage;
let dbName: string;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  dbName = `test-${crypto.randomUUID()}`;
  storage = await Storage.open(dbName);
});
afterEach(() => storage.close());

const project = (files: Record<string, string> = { 'main.py': 'print(1)' }, name = 'Demo') =>
  storage.createProject({
    name,
    files: Object.entries(files).map(([path, content]) => ({ path, content })),
    main: 'main.py',
    origin: 'new',
  });

function run(projectId: string, overrides: Partial<NewRun> = {}): NewRun {
  return {
    projectId,
    projectName: 'Demo',
    entry: 'main.py',
    startedAt: Date.now(),
    durationMs: 12,
    status: 'ok',
    files: [{ path: 'main.py', content: 'print("hello")' }],
    items: [{ kind: 'text', stream: 'stdout', text: 'hello\n' }],
    omittedChars: 0,
    ...overrides,
  };
}

describe('schema', () => {
  it('has one migration per version, so any older database can be brought up to date', () => {
    expect(MIGRATIONS.length).toBe(DB_VERSION);
  });

  it('refuses, as a newer-version problem, a database made by a newer app', async () => {
    storage.close();
    const { openDB } = await import('idb');
    const newer = await openDB(dbName, DB_VERSION + 1);
    newer.close();
    await expect(Storage.open(dbName)).rejects.toBeInstanceOf(NewerVersionError);
    storage = await Storage.open(`other-${dbName}`);
  });

  it('steps aside when a newer app upgrades the database, and refuses to write after', async () => {
    let told = false;
    storage.newerVersion.subscribe(() => (told = true));
    const { project: p } = await project();
    const { openDB } = await import('idb');
    const newer = await openDB(dbName, DB_VERSION + 1);
    expect(told).toBe(true);
    await expect(storage.createFile(p.id, 'x.py')).rejects.toBeInstanceOf(NewerVersionError);
    newer.close();
  });
});

describe('migrations', () => {
  it('brings a version 1 history (text-only transcripts) to typed items, keeping every run', async () => {
    storage.close();
    const name = `v1-${dbName}`;
    const { openDB } = await import('idb');
    const v1 = await openDB(name, 1, {
      upgrade(db, _old, _new, tx) {
        MIGRATIONS[0](db as never, tx as never);
      },
    });
    await v1.put('transcripts', {
      runId: 1,
      parts: [
        { stream: 'stdout', text: 'Name? ' },
        { stream: 'stdin', text: 'Ada\n' },
      ],
      omittedChars: 0,
    });
    await v1.put('runs', {
      id: 1,
      projectId: 'p',
      projectName: 'Old',
      entry: 'main.py',
      startedAt: 1,
      durationMs: 2,
      status: 'ok',
      files: [],
      outputChars: 10,
      omittedChars: 0,
      bytes: 100,
    });
    v1.close();
    storage = await Storage.open(name);
    expect(await storage.getTranscript(1)).toEqual({
      items: [
        { kind: 'text', stream: 'stdout', text: 'Name? ' },
        { kind: 'text', stream: 'stdin', text: 'Ada\n' },
      ],
      omittedChars: 0,
    });
    await storage.deleteRun(1); // a version 1 run has no pictures to free
    expect(await storage.getRun(1)).toBeUndefined();
  });

  it('brings a version 2 workspace to version 3 with everything intact and empty, usable lesson stores', async () => {
    storage.close();
    const name = `v2-${dbName}`;
    const { openDB } = await import('idb');
    const v2 = await openDB(name, 2, {
      upgrade(db, oldVersion, _new, tx) {
        for (let v = oldVersion; v < 2; v++) MIGRATIONS[v](db as never, tx as never);
      },
    });
    // Exactly what version 2 wrote: no `exercise` on projects, no `explanationCase` on runs.
    const oldProject = {
      id: 'p1',
      name: 'Old',
      main: 'main.py',
      createdAt: 1,
      updatedAt: 2,
      activeFile: 'main.py',
      cursors: { 'main.py': 3 },
      origin: 'share',
    };
    const trashed = { ...oldProject, id: 'p2', name: 'Binned', origin: 'new', foreign: false, deletedAt: 5 };
    const files = [
      { id: 'f1', projectId: 'p1', path: 'main.py', content: 'print(1)', version: 4, updatedAt: 2 },
      { id: 'f2', projectId: 'p1', path: 'pic.png', content: new Uint8Array([1, 2]), version: 1, updatedAt: 2 },
    ];
    const oldRun = {
      id: 7,
      projectId: 'p1',
      projectName: 'Old',
      entry: 'main.py',
      startedAt: 10,
      durationMs: 2,
      status: 'error',
      errorType: 'NameError',
      files: [{ path: 'main.py', hash: 'h1' }],
      media: [],
      outputChars: 3,
      omittedChars: 0,
      bytes: 100,
    };
    const items = [{ kind: 'explanation', case: 'name-typo', file: 'main.py', line: 1, text: 't', hint: 'h' }];
    await v2.put('projects', oldProject);
    await v2.put('projects', trashed);
    for (const f of files) await v2.put('files', f);
    await v2.put('blobs', { hash: 'h1', content: 'print(1)', refs: 1 });
    await v2.put('runs', oldRun);
    await v2.put('transcripts', { runId: 7, items, omittedChars: 0 });
    await v2.put('runText', { runId: 7, projectId: 'p1', text: 'print(1)' });
    await v2.put('meta', { key: 'history-bytes', value: 100 });
    v2.close();

    storage = await Storage.open(name);
    expect(await storage.getProject('p1')).toEqual(oldProject);
    expect(await storage.getProject('p2')).toEqual(trashed);
    expect((await storage.loadProject('p1'))!.files).toEqual(files);
    expect(await storage.getRun(7)).toEqual(oldRun);
    expect(await storage.getTranscript(7)).toEqual({ items, omittedChars: 0 });
    expect(await storage.runFiles(oldRun as RunRecord)).toEqual([{ path: 'main.py', content: 'print(1)' }]);
    expect(await storage.searchRuns('p1', 'print')).toHaveLength(1);
    expect(await storage.getMeta('history-bytes')).toBe(100);
    expect(await storage.recentActivity(0)).toEqual({
      runs: [{ startedAt: 10, status: 'error', errorType: 'NameError' }],
    });

    // The new stores start empty, older projects are in no exercise's index, and all of it works.
    expect(await storage.listPacks()).toEqual([]);
    expect(await storage.listProgress()).toEqual([]);
    expect(await storage.findExerciseProject('p1', 'p1')).toBeUndefined();
    await storage.savePack(
      { format: 'pyplayground-pack', version: 1, id: 'k', title: 'K', author: 'A', language: 'en', lessons: [] },
      'file',
    );
    expect((await storage.listPacks()).map((p) => p.id)).toEqual(['k']);
    await storage.updateProgress('k', 'e', 'l', (p) => ({ ...p, attempts: 1 }));
    expect((await storage.listProgress('k')).map((p) => p.attempts)).toEqual([1]);
    const { project } = await storage.createProject({
      name: 'Lesson',
      files: [{ path: 'main.py', content: '' }],
      main: 'main.py',
      origin: 'lesson',
      exercise: { packId: 'k', exerciseId: 'e' },
    });
    expect(await storage.findExerciseProject('k', 'e')).toBe(project.id);

    storage.close();
    const raw = await openDB(name, DB_VERSION);
    expect(raw.version).toBe(DB_VERSION);
    expect([...raw.objectStoreNames]).toEqual(
      expect.arrayContaining(['blobs', 'files', 'media', 'meta', 'packs', 'progress', 'projects', 'runText', 'runs']),
    );
    raw.close();
    storage = await Storage.open(name);
  });
});

describe('projects and files', () => {
  it('creates, lists and loads projects with their files', async () => {
    const { project: a } = await project({ 'main.py': 'print(1)', 'data/points.csv': '1,2' }, 'First');
    await new Promise((r) => setTimeout(r, 5));
    const { project: b } = await project({ 'main.py': '' }, 'Second');
    expect((await storage.listProjects()).map((p) => p.name)).toEqual(['Second', 'First']);
    const loaded = await storage.loadProject(a.id);
    expect(loaded!.files.map((f) => [f.path, f.content])).toEqual([
      ['data/points.csv', '1,2'],
      ['main.py', 'print(1)'],
    ]);
    expect(loaded!.project.id).not.toBe(b.id);
  });

  it('refuses unsafe and duplicate paths', async () => {
    const { project: p } = await project();
    for (const bad of ['', '../x.py', '/abs.py', 'a//b.py', 'a\\b.py']) {
      await expect(storage.createFile(p.id, bad)).rejects.toBeInstanceOf(InvalidNameError);
    }
    await expect(storage.createFile(p.id, 'main.py')).rejects.toThrow('There is already a file called main.py.');
  });

  it('saves over the version it saw, and reports a conflict instead of overwriting newer text', async () => {
    const { files } = await project();
    const file = files[0];
    const saved = await storage.saveFile(file.id, 'print(2)', 1);
    expect(saved.version).toBe(2);
    const stale = storage.saveFile(file.id, 'print("stale")', 1);
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await stale.catch((e: ConflictError) => expect([e.currentVersion, e.currentContent]).toEqual([2, 'print(2)']));
    const forced = await storage.saveFile(file.id, 'print("mine")', 1, true);
    expect(forced.version).toBe(3);
  });

  it('renames files, and the main file follows a rename', async () => {
    const { project: p, files } = await project();
    await storage.renameFile(files[0].id, 'app.py');
    expect((await storage.getProject(p.id))!.main).toBe('app.py');
  });

  it('moves files and projects to the trash and back', async () => {
    const { project: p, files } = await project({ 'main.py': 'a', 'helper.py': 'b' });
    const helper = files.find((f) => f.path === 'helper.py')!;
    await storage.trashFile(helper.id);
    expect((await storage.loadProject(p.id))!.files.map((f) => f.path)).toEqual(['main.py']);
    expect((await storage.listTrash()).files.map((f) => [f.path, f.projectName])).toEqual([['helper.py', 'Demo']]);
    await storage.createFile(p.id, 'helper.py', 'new one');
    const restored = await storage.restoreFile(helper.id);
    expect(restored.path).toBe('helper (restored 1).py');
    await storage.trashProject(p.id);
    expect(await storage.listProjects()).toEqual([]);
    expect((await storage.listTrash()).projects.map((x) => x.name)).toEqual(['Demo']);
    await storage.restoreProject(p.id);
    expect((await storage.listProjects()).map((x) => x.name)).toEqual(['Demo']);
  });

  it('tells other tabs about changes, not itself', async () => {
    const other = await Storage.open(dbName);
    const seen: string[] = [];
    other.changes.subscribe((notice) => seen.push(notice.kind));
    storage.changes.subscribe(() => seen.push('self'));
    const { files } = await project();
    await storage.saveFile(files[0].id, 'x', 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(['projects', 'file']);
    other.close();
  });
});

describe('history', () => {
  it('records runs with their code deduplicated by content', async () => {
    const { project: p } = await project();
    const first = await storage.addRun(run(p.id));
    const second = await storage.addRun(run(p.id, { startedAt: Date.now() + 1 }));
    const a = (await storage.getRun(first))!;
    const b = (await storage.getRun(second))!;
    expect(a.files[0].hash).toBe(b.files[0].hash);
    expect(await storage.runFiles(b)).toEqual([{ path: 'main.py', content: 'print("hello")' }]);
    expect((await storage.getTranscript(second))!.items).toEqual([{ kind: 'text', stream: 'stdout', text: 'hello\n' }]);
    await storage.deleteRun(first);
    expect(await storage.runFiles(b)).toEqual([{ path: 'main.py', content: 'print("hello")' }]);
    await storage.deleteRun(second);
    expect(await storage.runFiles(a)).toEqual([{ path: 'main.py', content: '' }]);
  });

  it('keeps pictures by content hash, counts them in the history size, and frees them with the last run', async () => {
    const { project: p } = await project();
    const dot = { kind: 'display', mime: 'image/png', data: new Uint8Array(5000).fill(7), alt: 'a dot' } as const;
    const items = [{ kind: 'text', stream: 'stdout', text: 'see:\n' } as const, dot, dot];
    const first = await storage.addRun(run(p.id, { items }));
    const bytesAfterFirst = (await storage.getMeta<number>('history-bytes'))!;
    const second = await storage.addRun(run(p.id, { startedAt: Date.now() + 1, items: [dot] }));
    const bytesAfterSecond = (await storage.getMeta<number>('history-bytes'))!;
    // The picture's 5,000 bytes count once, with the run that first kept it.
    expect(bytesAfterFirst).toBeGreaterThan(5000);
    expect(bytesAfterSecond - bytesAfterFirst).toBeLessThan(5000);
    expect((await storage.getTranscript(first))!.items).toEqual(items);
    expect((await storage.searchRuns(p.id, 'a dot')).length).toBe(2);
    await storage.deleteRun(first);
    expect((await storage.getTranscript(second))!.items).toEqual([dot]);
    await storage.deleteRun(second);
    const { openDB } = await import('idb');
    storage.close();
    const raw = await openDB(dbName, DB_VERSION);
    expect(await raw.count('media')).toBe(0);
    raw.close();
    storage = await Storage.open(dbName);
  });

  it('lists runs newest first through indexes, filtered by entry file and status, in windows', async () => {
    const { project: p } = await project();
    const t = Date.now();
    for (let i = 0; i < 30; i++) {
      await storage.addRun(
        run(p.id, { startedAt: t + i, entry: i % 2 ? 'main.py' : 'game.py', status: i % 3 ? 'ok' : 'error' }),
      );
    }
    expect(await storage.countRuns({ projectId: p.id })).toBe(30);
    expect(await storage.countRuns({ projectId: p.id, entry: 'game.py' })).toBe(15);
    expect(await storage.countRuns({ projectId: p.id, status: 'error' })).toBe(10);
    expect(await storage.countRuns({ projectId: p.id, entry: 'main.py', status: 'error' })).toBe(5);
    const page = await storage.pageRuns({ projectId: p.id }, 5, 3);
    expect(page.map((r) => r.startedAt - t)).toEqual([24, 23, 22]);
    const errors = await storage.pageRuns({ projectId: p.id, status: 'error' }, 0, 2);
    expect(errors.map((r) => r.startedAt - t)).toEqual([27, 24]);
    expect(await storage.historyEntries(p.id)).toEqual(['game.py', 'main.py']);
    expect(await storage.countRuns({ projectId: 'other' })).toBe(0);
  });

  it('finds runs by text in their code or output, in any case', async () => {
    const { project: p } = await project();
    await storage.addRun(run(p.id, { files: [{ path: 'main.py', content: 'import turtle' }] }));
    await storage.addRun(
      run(p.id, {
        startedAt: Date.now() + 1,
        items: [{ kind: 'text', stream: 'stderr', text: 'ZeroDivisionError' }],
      }),
    );
    expect((await storage.searchRuns(p.id, 'TURTLE')).length).toBe(1);
    expect((await storage.searchRuns(p.id, 'zerodivision')).map((r) => r.status)).toEqual(['ok']);
    expect(await storage.searchRuns(p.id, 'nowhere')).toEqual([]);
  });

  it('prunes the oldest runs beyond the limits, and never touches files', async () => {
    const { project: p, files } = await project();
    await storage.setHistorySettings({ maxRuns: 3, maxMegabytes: 100 });
    const t = Date.now();
    for (let i = 0; i < 5; i++) await storage.addRun(run(p.id, { startedAt: t + i }));
    const left = await storage.pageRuns({ projectId: p.id }, 0, 10);
    expect(left.map((r) => r.startedAt - t)).toEqual([4, 3, 2]);
    expect((await storage.loadProject(p.id))!.files).toEqual(files);
    await storage.setHistorySettings({ maxRuns: 100, maxMegabytes: 0.0001 });
    expect(await storage.countRuns({ projectId: p.id })).toBe(0);
  });

  it('keeps the case of the explanation a run showed, given or found in its output', async () => {
    const { project: p } = await project();
    const explanation: ExplanationItem = {
      kind: 'explanation',
      case: 'zero-division',
      file: 'main.py',
      line: 2,
      text: 't',
      hint: 'h',
    };
    const found = await storage.addRun(run(p.id, { status: 'error', items: [explanation] }));
    const given = await storage.addRun(run(p.id, { items: [explanation], explanationCase: 'chosen' }));
    const none = await storage.addRun(run(p.id));
    expect((await storage.getRun(found))!.explanationCase).toBe('zero-division');
    expect((await storage.getRun(given))!.explanationCase).toBe('chosen');
    expect((await storage.getRun(none))!.explanationCase).toBeUndefined();
  });

  it('reports recent activity across projects: runs started since a time, and only how they ended', async () => {
    const { project: a } = await project({ 'main.py': '' }, 'A');
    const { project: b } = await project({ 'main.py': '' }, 'B');
    const t = 1_000_000;
    const explanation: ExplanationItem = {
      kind: 'explanation',
      case: 'name-typo',
      file: 'main.py',
      line: 1,
      text: 't',
      hint: 'h',
    };
    await storage.addRun(run(a.id, { startedAt: t - 1 }));
    await storage.addRun(
      run(b.id, { startedAt: t + 20, status: 'error', errorType: 'NameError', items: [explanation] }),
    );
    await storage.addRun(run(a.id, { startedAt: t }));
    await storage.addRun(run(a.id, { startedAt: t - 500, status: 'error', errorType: 'TypeError' }));
    expect(await storage.recentActivity(t)).toEqual({
      runs: [
        { startedAt: t, status: 'ok' },
        { startedAt: t + 20, status: 'error', errorType: 'NameError', explanationCase: 'name-typo' },
      ],
    });
    expect(await storage.recentActivity(t + 21)).toEqual({ runs: [] });
    expect((await storage.recentActivity(0)).runs).toHaveLength(4);
  });

  it('clears a project’s history', async () => {
    const { project: p } = await project();
    await storage.addRun(run(p.id));
    await storage.clearRuns(p.id);
    expect(await storage.countRuns({ projectId: p.id })).toBe(0);
  });
});

describe('backup', () => {
  it('exports everything and restores it as new projects', async () => {
    const { project: p } = await project({ 'main.py': 'print(7)', 'data.txt': 'seven' }, 'Sevens');
    await storage.addRun(run(p.id, { projectName: 'Sevens' }));
    const backup = await storage.exportAll(true);
    expect(backup.projects).toEqual([
      {
        name: 'Sevens',
        main: 'main.py',
        files: [
          { path: 'data.txt', content: 'seven' },
          { path: 'main.py', content: 'print(7)' },
        ],
      },
    ]);
    expect(backup.runs.length).toBe(1);
    const result = await storage.importBackup(backup);
    expect(result).toMatchObject({ projects: 1, runs: 1, packs: 0, progress: 0, classes: 0 });
    expect((await storage.listProjects()).map((x) => x.name).sort()).toEqual(['Sevens', 'Sevens (2)']);
  });
});

describe('binary files', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255]);

  it('keeps a binary file byte for byte next to text files, through every file operation', async () => {
    const { project: p, files } = await project();
    const made = await storage.createFile(p.id, 'plot.png', png);
    const loaded = (await storage.loadProject(p.id))!.files.find((f) => f.path === 'plot.png')!;
    expect(loaded.content).toBeInstanceOf(Uint8Array);
    expect([...(loaded.content as Uint8Array)]).toEqual([...png]);
    const replaced = await storage.saveFile(made.id, new Uint8Array([1, 2, 3]), made.version);
    expect(replaced.content).toEqual(new Uint8Array([1, 2, 3]));
    await storage.renameFile(made.id, 'pictures/plot.png');
    await storage.trashFile(made.id);
    expect((await storage.listTrash()).files.map((f) => f.path)).toEqual(['pictures/plot.png']);
    await storage.restoreFile(made.id);
    const copy = await storage.duplicateProject(p.id, 'Copy');
    expect(copy.files.find((f) => f.path === 'pictures/plot.png')!.content).toEqual(new Uint8Array([1, 2, 3]));
    // The text file beside it is untouched: records of either kind read as they were written.
    expect((await storage.loadProject(p.id))!.files.find((f) => f.id === files[0].id)!.content).toBe('print(1)');
  });

  it('still reads a file record saved before files could be bytes', async () => {
    const { project: p, files } = await project();
    storage.close();
    const { openDB } = await import('idb');
    const raw = await openDB(dbName, DB_VERSION);
    // Exactly the shape version 2 wrote: no field tells text from bytes, the content's type does.
    await raw.put('files', { ...files[0], id: 'old', path: 'old.txt', content: 'written long ago' });
    raw.close();
    storage = await Storage.open(dbName);
    expect((await storage.loadProject(p.id))!.files.find((f) => f.id === 'old')!.content).toBe('written long ago');
  });

  it('keeps binary files in the history, apart from text with the same bytes, and never searches them', async () => {
    const { project: p } = await project();
    const sameAsText = new TextEncoder().encode('print("hello")');
    const files = [
      { path: 'main.py', content: 'print("hello")' },
      { path: 'plot.png', content: png },
      { path: 'raw.bin', content: sameAsText },
    ];
    const id = await storage.addRun(run(p.id, { files }));
    const record = (await storage.getRun(id))!;
    expect(record.files[1].hash).toMatch(/^bin-[0-9a-f]{64}$/);
    expect(record.files[0].hash).not.toBe(record.files[2].hash);
    const back = await storage.runFiles(record);
    expect(back[0].content).toBe('print("hello")');
    expect(back[1].content).toEqual(png);
    expect(back[2].content).toEqual(sameAsText);
    expect(await storage.searchRuns(p.id, 'hello')).toHaveLength(1);
    expect(await storage.searchRuns(p.id, '137')).toHaveLength(0);
    const exported = await storage.exportAll(true);
    expect(exported.runs[0].files[1].content).toEqual(png);
    await storage.deleteRun(id);
    expect((await storage.runFiles(record))[1].content).toBe('');
  });
});
