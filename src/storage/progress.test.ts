import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pack } from '../model/lesson.ts';
import { isForeign } from './schema.ts';
import {
  MAX_CHECK_RESULTS,
  MAX_CHECK_STRINGS,
  MAX_CHECK_STRING_CHARS,
  Storage,
  type ProgressRecord,
} from './storage.ts';

let storage: Storage;
let dbName: string;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  dbName = `test-${crypto.randomUUID()}`;
  storage = await Storage.open(dbName);
});
afterEach(() => storage.close());

const tick = () => new Promise((r) => setTimeout(r, 5));

/** A pack using every field the model has, every kind of check, and leaving out what may be left out. */
function fullPack(overrides: Partial<Pack> = {}): Pack {
  return {
    format: 'pyplayground-pack',
    version: 1,
    id: 'sums',
    title: 'Sums',
    author: 'Ada',
    language: 'en',
    revision: 2,
    description: 'Adding *things*.',
    lessons: [
      {
        id: 'l1',
        title: 'Numbers',
        page: '# Numbers',
        exercises: [
          {
            id: 'add',
            title: 'Add',
            instructions: 'Write `add`.',
            files: [
              { name: 'main.py', content: 'def add(a, b):\n    pass\n' },
              { name: 'data/n.txt', content: '1\n2\n' },
            ],
            main: 'main.py',
            hints: ['Use +', 'return a + b'],
            solution: [{ name: 'main.py', content: 'def add(a, b):\n    return a + b\n' }],
            solutionAfter: 'never',
            checks: [
              { kind: 'call', function: 'add', args: '2, 3', expect: '5', tolerance: 0.5, title: 'add(2, 3)' },
              { kind: 'output', stdin: ['3', '4'], expect: '7', match: 'regex', prompts: true, timeout: 10 },
              { kind: 'tests', file: 'add_test.py', content: 'from main import add\n', message: 'Try again' },
              {
                kind: 'code',
                requires: ['def', 'return'],
                forbids: ['sum'],
                defines: [{ name: 'add', params: ['a'] }],
              },
            ],
          },
          {
            id: 'double',
            title: 'Double',
            instructions: 'Print twice.',
            files: [{ name: 'main.py', content: '' }],
            main: 'main.py',
            hints: [],
            checks: [{ kind: 'output', expect: 'x\nx' }],
          },
        ],
      },
      {
        id: 'l2',
        title: 'More',
        exercises: [
          {
            id: 'mul',
            title: 'Multiply',
            instructions: '',
            files: [{ name: 'main.py', content: '' }],
            main: 'main.py',
            hints: [],
            solutionAfter: 3,
            checks: [],
          },
        ],
      },
    ],
    ...overrides,
  };
}

/** The smallest pack the model allows: no optional field at all. */
function barePack(id: string, title: string): Pack {
  return { format: 'pyplayground-pack', version: 1, id, title, author: 'Bo', language: 'fr', lessons: [] };
}

const lessonProject = (exerciseId: string, name = 'Exercise', packId = 'sums') =>
  storage.createProject({
    name,
    files: [{ path: 'main.py', content: '' }],
    main: 'main.py',
    origin: 'lesson',
    exercise: { packId, exerciseId },
  });

describe('packs', () => {
  it('gives back exactly the pack it saved, with where it came from', async () => {
    const before = Date.now();
    await storage.savePack(fullPack(), 'file');
    const got = (await storage.getPack('sums'))!;
    expect(got.pack).toStrictEqual(fullPack());
    expect(got.source).toBe('file');
    expect(got.importedAt).toBeGreaterThanOrEqual(before);
    expect(got.updatedAt).toBe(got.importedAt);
    // Nothing the pack left out comes back as a key set to undefined.
    await storage.savePack(barePack('bare', 'Bare'), 'link');
    expect((await storage.getPack('bare'))!.pack).toStrictEqual(barePack('bare', 'Bare'));
    expect(await storage.getPack('nowhere')).toBeUndefined();
  });

  it('keeps a copy: changing the pack after saving it changes nothing saved', async () => {
    const pack = fullPack();
    await storage.savePack(pack, 'file');
    pack.lessons[0].exercises[0].checks.length = 0;
    pack.lessons[0].exercises[0].files[0].content = 'changed';
    expect((await storage.getPack('sums'))!.pack).toStrictEqual(fullPack());
  });

  it('lists packs with their exercise counts, the built-in one first', async () => {
    await storage.savePack(fullPack(), 'file');
    await storage.savePack(barePack('a', 'Another'), 'link');
    await storage.savePack(barePack('course', 'The course'), 'built-in');
    const list = await storage.listPacks();
    expect(list.map((p) => [p.id, p.title, p.author, p.revision, p.source, p.exercises])).toEqual([
      ['course', 'The course', 'Bo', 1, 'built-in', 0],
      ['a', 'Another', 'Bo', 1, 'link', 0],
      ['sums', 'Sums', 'Ada', 2, 'file', 3],
    ]);
    expect(list[2]).not.toHaveProperty('lessons');
  });

  it('replaces a pack by id, keeping when it was first imported', async () => {
    await storage.savePack(fullPack(), 'link');
    const first = (await storage.getPack('sums'))!;
    await tick();
    await storage.savePack(fullPack({ revision: 3, title: 'Sums, again' }), 'file');
    const second = (await storage.getPack('sums'))!;
    expect(second.importedAt).toBe(first.importedAt);
    expect(second.updatedAt).toBeGreaterThan(first.updatedAt);
    expect([second.pack.revision, second.pack.title, second.source]).toEqual([3, 'Sums, again', 'file']);
    expect(await storage.listPacks()).toHaveLength(1);
  });

  it('deletes a pack but never the progress or the projects made from it', async () => {
    await storage.savePack(fullPack(), 'file');
    const { project } = await lessonProject('add');
    await storage.updateProgress('sums', 'add', 'l1', (p) => ({ ...p, attempts: 1, projectId: project.id }));
    await storage.deletePack('sums');
    expect(await storage.getPack('sums')).toBeUndefined();
    expect(await storage.listPacks()).toEqual([]);
    expect((await storage.getProgress('sums', 'add'))!.attempts).toBe(1);
    expect(await storage.findExerciseProject('sums', 'add')).toBe(project.id);
    expect((await storage.loadProject(project.id))!.files).toHaveLength(1);
  });
});

describe('progress', () => {
  it('starts from a fresh record when there is none', async () => {
    expect(await storage.getProgress('sums', 'add')).toBeUndefined();
    const before = Date.now();
    let seen: ProgressRecord | undefined;
    const saved = await storage.updateProgress('sums', 'add', 'l1', (old) => {
      seen = old;
      return old;
    });
    expect(seen).toEqual({
      packId: 'sums',
      exerciseId: 'add',
      lessonId: 'l1',
      attempts: 0,
      checks: [],
      hintsShown: 0,
      activeMs: 0,
      firstOpenedAt: seen!.firstOpenedAt,
      lastOpenedAt: seen!.firstOpenedAt,
    });
    expect(seen!.firstOpenedAt).toBeGreaterThanOrEqual(before);
    expect(seen!.firstOpenedAt).toBeLessThanOrEqual(Date.now());
    expect(await storage.getProgress('sums', 'add')).toEqual(saved);
  });

  it('passes the saved record to the next change, with the lesson it is in now', async () => {
    await storage.updateProgress('sums', 'add', 'l1', (p) => ({ ...p, hintsShown: 2, firstPassedAt: 42 }));
    let seen: ProgressRecord | undefined;
    await storage.updateProgress('sums', 'add', 'l9', (old) => {
      seen = old;
      return { ...old, activeMs: old.activeMs + 1000 };
    });
    expect(seen).toMatchObject({ lessonId: 'l9', hintsShown: 2, firstPassedAt: 42, activeMs: 0 });
    expect(await storage.getProgress('sums', 'add')).toMatchObject({ lessonId: 'l9', activeMs: 1000 });
  });

  it('loses no update when two start at once, in this tab or another', async () => {
    const press = (p: ProgressRecord): ProgressRecord => ({ ...p, attempts: p.attempts + 1 });
    await Promise.all([
      storage.updateProgress('sums', 'add', 'l1', press),
      storage.updateProgress('sums', 'add', 'l1', press),
    ]);
    expect((await storage.getProgress('sums', 'add'))!.attempts).toBe(2);
    const other = await Storage.open(dbName);
    await Promise.all([
      storage.updateProgress('sums', 'add', 'l1', press),
      other.updateProgress('sums', 'add', 'l1', press),
      storage.updateProgress('sums', 'add', 'l1', press),
    ]);
    other.close();
    expect((await storage.getProgress('sums', 'add'))!.attempts).toBe(5);
  });

  it('keeps the record within its limits whatever the change returns', async () => {
    const long = 'x'.repeat(MAX_CHECK_STRING_CHARS + 300);
    const flood = Array.from({ length: MAX_CHECK_RESULTS + 50 }, (_, i) => ({
      at: i,
      passed: 0,
      total: 3,
      failed: Array.from({ length: MAX_CHECK_STRINGS + 10 }, () => long),
      errors: Array.from({ length: MAX_CHECK_STRINGS + 5 }, (_, j) => `Error${j}`),
    }));
    const returned = await storage.updateProgress('sums', 'add', 'l1', (p) => ({
      ...p,
      checks: flood,
      // A buggy change cannot move the record to another exercise's key.
      packId: 'other',
      exerciseId: 'other',
    }));
    const saved = (await storage.getProgress('sums', 'add'))!;
    expect(saved).toEqual(returned);
    expect(saved.checks).toHaveLength(MAX_CHECK_RESULTS);
    expect(saved.checks[0].at).toBe(50);
    expect(saved.checks.at(-1)!.at).toBe(MAX_CHECK_RESULTS + 49);
    expect(saved.checks[0].failed).toHaveLength(MAX_CHECK_STRINGS);
    expect(saved.checks[0].failed[0]).toHaveLength(MAX_CHECK_STRING_CHARS);
    expect(saved.checks[0].errors).toHaveLength(MAX_CHECK_STRINGS);
    expect(await storage.getProgress('other', 'other')).toBeUndefined();
    expect(await storage.listProgress()).toHaveLength(1);
  });

  it('writes nothing when the change throws', async () => {
    await storage.updateProgress('sums', 'add', 'l1', (p) => ({ ...p, attempts: 1 }));
    const failing = storage.updateProgress('sums', 'add', 'l1', () => {
      throw new Error('bug');
    });
    await expect(failing).rejects.toThrow('bug');
    expect((await storage.getProgress('sums', 'add'))!.attempts).toBe(1);
  });

  it('lists progress of one pack, or of all', async () => {
    await storage.updateProgress('sums', 'add', 'l1', (p) => p);
    await storage.updateProgress('sums', 'mul', 'l2', (p) => p);
    await storage.updateProgress('other', 'add', 'l1', (p) => p);
    const ids = (list: ProgressRecord[]) => list.map((p) => `${p.packId}/${p.exerciseId}`).sort();
    expect(ids(await storage.listProgress('sums'))).toEqual(['sums/add', 'sums/mul']);
    expect(ids(await storage.listProgress('other'))).toEqual(['other/add']);
    expect(ids(await storage.listProgress())).toEqual(['other/add', 'sums/add', 'sums/mul']);
    expect(await storage.listProgress('none')).toEqual([]);
  });

  it('tells other tabs about progress and packs', async () => {
    const other = await Storage.open(dbName);
    const seen: unknown[] = [];
    other.changes.subscribe((notice) => seen.push(notice));
    await storage.updateProgress('sums', 'add', 'l1', (p) => p);
    await storage.savePack(barePack('a', 'A'), 'file');
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([{ kind: 'progress', packId: 'sums', exerciseId: 'add' }, { kind: 'packs' }]);
    other.close();
  });
});

describe('exercise projects', () => {
  it('finds the newest live project of an exercise, never one in the trash', async () => {
    expect(await storage.findExerciseProject('sums', 'add')).toBeUndefined();
    const { project: older } = await lessonProject('add', 'Older');
    await tick();
    const { project: newer } = await lessonProject('add', 'Newer');
    await tick();
    const { project: newest } = await lessonProject('add', 'Newest');
    await lessonProject('mul', 'Other exercise');
    await lessonProject('add', 'Other pack', 'other');
    await storage.createProject({ name: 'Plain', files: [], main: 'main.py', origin: 'new' });
    expect(await storage.findExerciseProject('sums', 'add')).toBe(newest.id);
    await storage.trashProject(newest.id);
    expect(await storage.findExerciseProject('sums', 'add')).toBe(newer.id);
    await tick();
    await storage.updateProject(older.id, { activeFile: 'main.py' });
    expect(await storage.findExerciseProject('sums', 'add')).toBe(older.id);
    await storage.trashProject(older.id);
    await storage.trashProject(newer.id);
    expect(await storage.findExerciseProject('sums', 'add')).toBeUndefined();
  });

  it('makes lesson projects that are the app’s own unless said otherwise', async () => {
    const { project: own } = await lessonProject('add');
    expect(own.exercise).toEqual({ packId: 'sums', exerciseId: 'add' });
    expect(isForeign(own)).toBe(false);
    const { project: theirs } = await storage.createProject({
      name: 'From a link',
      files: [{ path: 'main.py', content: '' }],
      main: 'main.py',
      origin: 'lesson',
      foreign: true,
      exercise: { packId: 'shared', exerciseId: 'e1' },
    });
    expect(isForeign((await storage.getProject(theirs.id))!)).toBe(true);
    const { project: plain } = await storage.createProject({
      name: 'Plain',
      files: [],
      main: 'main.py',
      origin: 'new',
    });
    expect(plain).not.toHaveProperty('exercise');
  });
});
