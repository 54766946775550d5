// Teach mode's controller with a store kept in memory and a `check` that answers with the runner's events:
// drafts saved, checks run on the solution and the starter, the class and its secret, and exports (a revision
// more each time, the same id, refused while the pack does not validate, read back as the same pack).
import { createRoot } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodePackLink, encodePack, packFragment, readPack } from '../../../formats/pack.ts';
import type { Pack } from '../../../model/lesson.ts';
import { createAuthoring, type TeachHost } from './authoring.ts';
import { findProblems, verdict } from './pack-edit.ts';
import { fakeCheck, memoryStore, type CheckCall } from './testing.ts';

const ORIGIN = 'https://play.example.org/app/';

function setUp(more: Partial<TeachHost> = {}) {
  const memory = memoryStore();
  const calls: CheckCall[] = [];
  const notes: { text: string; kind?: string }[] = [];
  const downloads: { name: string; data: Uint8Array | string; type?: string }[] = [];
  const host: TeachHost = {
    store: memory.store,
    check: fakeCheck(calls),
    zoneFor: (foreign) => (foreign ? 'sandbox' : 'own'),
    download: (name, data, type) => downloads.push({ name, data, type }),
    notify: (text, kind) => notes.push({ text, kind }),
    confirm: () => true,
    origin: ORIGIN,
    ...more,
  };
  let dispose!: () => void;
  const authoring = createRoot((d) => {
    dispose = d;
    return createAuthoring(host);
  });
  cleanups.push(dispose);
  return { authoring, ...memory, calls, notes, downloads, host };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  vi.useRealTimers();
});

/** The first exercise of the pack being edited. */
const firstExercise = (pack: Pack | undefined) => pack!.lessons[0].exercises[0];

describe('createAuthoring', () => {
  it('makes a new pack that validates, with an id made of its title and random letters', async () => {
    const { authoring, drafts } = setUp();
    await authoring.newPack();
    const pack = authoring.pack()!;
    expect(pack.id).toMatch(/^my-lesson-pack-[a-z]{6}$/);
    expect(authoring.problems()).toEqual([]);
    expect(drafts.get(authoring.current()!.id)?.pack.title).toBe('My lesson pack');
    // Until it is handed out, the id follows the title (keeping its letters).
    const letters = pack.id.slice(-6);
    authoring.updatePack({ title: 'Loops & lists: été' });
    expect(authoring.pack()!.id).toBe(`loops-lists-ete-${letters}`);
  });

  it('saves the draft a moment after the last change, and at once when the teacher leaves it', async () => {
    vi.useFakeTimers();
    const { authoring, drafts } = setUp();
    await authoring.newPack();
    const id = authoring.current()!.id;
    authoring.updatePack({ author: 'Ms Rivera' });
    expect(authoring.saveState()).toBe('unsaved');
    expect(drafts.get(id)?.pack.author).toBe('');
    await vi.advanceTimersByTimeAsync(700);
    expect(drafts.get(id)?.pack.author).toBe('Ms Rivera');
    expect(authoring.saveState()).toBe('saved');

    authoring.updatePack({ description: 'Counting with loops.' });
    await authoring.close();
    expect(drafts.get(id)?.pack.description).toBe('Counting with loops.');
    expect(authoring.current()).toBeUndefined();
    expect(authoring.drafts().map((d) => d.id)).toEqual([id]);
  });

  it('raises the revision by one on each export and keeps the id; each exported pack is kept for the dashboard', async () => {
    const { authoring, revisions, drafts } = setUp();
    await authoring.newPack();
    const id = authoring.pack()!.id;
    const first = await authoring.exportPack();
    expect(first?.ok).toBe(true);
    if (!first?.ok) return;
    expect(first.pack.revision).toBe(1);
    expect(first.pack.id).toBe(id);
    expect(first.fileName).toBe('my-lesson-pack.pypack');

    // Renaming after the first export keeps the id: learners' progress is kept by it.
    authoring.updatePack({ title: 'Loops' });
    const second = await authoring.exportPack();
    expect(second?.ok && second.pack.revision).toBe(2);
    expect(second?.ok && second.pack.id).toBe(id);
    expect(revisions.map((p) => [p.id, p.revision, p.title])).toEqual([
      [id, 1, 'My lesson pack'],
      [id, 2, 'Loops'],
    ]);
    const saved = drafts.get(authoring.current()!.id)!;
    expect(saved.exportedRevision).toBe(2);
    expect(saved.pack.revision).toBe(2);
  });

  it('refuses to export a pack that does not validate, listing its problems, and changes nothing', async () => {
    const { authoring, revisions, drafts, notes } = setUp();
    await authoring.newPack();
    const exercise = firstExercise(authoring.pack());
    authoring.setCheck(exercise.id, 0, { kind: 'call', function: 'not a name', expect: '5' });
    authoring.updatePack({ title: '' });
    await authoring.flush();
    const outcome = await authoring.exportPack();
    expect(outcome?.ok).toBe(false);
    if (outcome?.ok !== false) return;
    const messages = outcome.problems.map((p) => p.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toBe('"title" must not be empty');
    expect(messages[1]).toMatch(/^Lesson 1, exercise 1, check 1: "function" \(not a name\) must be a Python name/);
    expect(outcome.problems[1].place).toEqual({
      lessonId: 'lesson-1',
      exerciseId: exercise.id,
      part: { list: 'checks', index: 0 },
      field: 'function',
    });
    expect(authoring.exported()).toEqual(outcome);
    expect(revisions).toEqual([]);
    expect(drafts.get(authoring.current()!.id)?.exportedRevision).toBeUndefined();
    expect(notes.at(-1)).toEqual({
      text: 'This pack cannot be handed out yet: fix these 2 problems first. Nothing was changed.',
      kind: 'error',
    });
  });

  it('runs the checks on the solution (over the starter files) and on the starter, and keeps both', async () => {
    const { authoring, calls } = setUp();
    await authoring.newPack();
    const { id } = firstExercise(authoring.pack());
    authoring.updateExercise(id, {
      files: [
        { name: 'main.py', content: '# print Hello! here\n' },
        { name: 'data.txt', content: 'kept' },
      ],
      solution: [{ name: 'main.py', content: 'def f():\n    pass\nprint("Hello!")\n' }],
      checks: [
        { kind: 'output', expect: 'Hello!' },
        { kind: 'code', defines: [{ name: 'f' }] },
        { kind: 'call', function: 'f', expect: 'None' },
      ],
    });
    const solution = await authoring.runChecks(id, 'solution');
    expect(solution?.passed).toBe(true);
    expect(calls[0].files.map((f) => [f.name, f.content])).toEqual([
      ['main.py', 'def f():\n    pass\nprint("Hello!")\n'],
      ['data.txt', 'kept'],
    ]);
    expect(calls[0].zone).toBe('own');
    const starter = await authoring.runChecks(id, 'starter');
    expect(starter?.passed).toBe(false);
    expect(calls[1].files.map((f) => f.content)).toEqual(['# print Hello! here\n', 'kept']);

    const runs = authoring.runsFor(id);
    expect(runs.solution?.verdict).toEqual({ text: 'Solution: passes all 3 checks', asExpected: true });
    expect(runs.starter?.verdict).toEqual({ text: 'Starter: fails 3 of 3 checks (as it should)', asExpected: true });
    expect(runs.solution?.stale).toBe(false);
    // A change to the exercise leaves the results shown, marked as perhaps out of date.
    authoring.setHint(id, 0, 'x');
    authoring.addHint(id);
    expect(authoring.runsFor(id).starter?.stale).toBe(true);
  });

  it('warns when the solution fails or the starter already passes', () => {
    const report = (passed: boolean[]) => ({
      outcomes: passed.map((p, index) => ({ index, kind: 'output' as const, title: '', passed: p, message: '' })),
      passed: passed.every(Boolean),
      durationMs: 1,
    });
    expect(verdict('solution', report([true, false, true]))).toEqual({
      text: 'Solution: fails 1 of 3 checks',
      asExpected: false,
      warning: 'The solution must pass every check: fix the solution or the checks.',
    });
    const starter = verdict('starter', report([true]));
    expect(starter.text).toBe('Starter: passes the check');
    expect(starter.asExpected).toBe(false);
    expect(starter.warning).toContain('already passes');
    expect(verdict('starter', report([false, true])).text).toBe('Starter: fails 1 of 2 checks (as it should)');
  });

  it('stops a running check when asked, and keeps no report of it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const calls: CheckCall[] = [];
    const { authoring, notes } = setUp({ check: fakeCheck(calls, gate) });
    await authoring.newPack();
    const { id } = firstExercise(authoring.pack());
    const run = authoring.runChecks(id, 'solution');
    await Promise.resolve();
    expect(authoring.running()).toEqual({ exerciseId: id, target: 'solution' });
    expect(authoring.stopChecks()).toBe(true);
    release();
    expect(await run).toBeUndefined();
    expect(authoring.running()).toBeUndefined();
    expect(authoring.runsFor(id)).toEqual({});
    expect(notes.at(-1)?.text).toBe('Checking stopped.');
    expect(authoring.stopChecks()).toBe(false);
  });

  it('makes a class secret once, keeps it through changes, and carries the class in the exported pack', async () => {
    const { authoring, classes } = setUp();
    await authoring.newPack();
    await authoring.createClass({ name: '7B', learners: ['Ada', 'Grace'], pickName: true });
    const info = authoring.pack()!.class!;
    expect(info.secret).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(info).toMatchObject({ name: '7B', learners: ['Ada', 'Grace'], pickName: true });
    expect(classes.get(info.id)?.secret).toBe(info.secret);

    await authoring.updateClass({ name: '7B (spring)', learners: ['Ada', 'Grace', 'Alan'] });
    const changed = authoring.pack()!.class!;
    expect(changed).toEqual({ ...info, name: '7B (spring)', learners: ['Ada', 'Grace', 'Alan'] });
    expect(classes.get(info.id)?.secret).toBe(info.secret);

    const result = await authoring.exportPack();
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    const read = readPack(result.bytes);
    expect(read.ok && read.pack.class).toEqual(changed);

    // Another pack for the same class gets the same class, secret and all.
    await authoring.newPack();
    authoring.chooseClass(info.id);
    expect(authoring.pack()!.class).toEqual(changed);
    authoring.chooseClass(undefined);
    expect(authoring.pack()!.class).toBeUndefined();
    // Two secrets made apart differ.
    await authoring.createClass({ name: '8A' });
    expect(authoring.pack()!.class!.secret).not.toBe(info.secret);
  });

  it('exports a .pypack that reads back as the same pack, a link that opens it, and says whether a QR code holds it', async () => {
    const { authoring, downloads } = setUp();
    await authoring.newPack();
    const { id } = firstExercise(authoring.pack());
    authoring.updatePack({ author: 'Ms Rivera', description: 'Loops.' });
    authoring.addCheck(id, 'tests');
    authoring.addCheck(id, 'turtle');
    authoring.addHint(id);
    authoring.setHint(id, 0, 'Use `print`.');
    const lesson = authoring.addLesson();
    authoring.updateLesson(lesson, { page: '# Second' });
    const result = await authoring.exportPack();
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    const read = readPack(result.bytes);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.pack).toEqual(result.pack);
    expect(result.bytes).toEqual(encodePack(read.pack));
    expect(read.pack.lessons[0].exercises[0].checks.map((c) => c.kind)).toEqual(['output', 'tests', 'turtle']);

    expect(result.link?.startsWith(`${ORIGIN}#pack=`)).toBe(true);
    const fromLink = decodePackLink(packFragment(result.link!.slice(ORIGIN.length))!);
    expect(fromLink.ok && fromLink.pack).toEqual(result.pack);
    expect(result.qr).toBe(true);

    authoring.downloadExport();
    expect(downloads).toEqual([
      { name: 'my-lesson-pack.pypack', data: result.bytes, type: 'application/octet-stream' },
    ]);
  });

  it('offers no QR code for a pack too long for one, and no link for one over 1 MB', async () => {
    const { authoring } = setUp();
    await authoring.newPack();
    const { id } = firstExercise(authoring.pack());
    // Random text does not compress: too long for a QR code, small enough for a link.
    const noise = Array.from({ length: 4000 }, () => Math.random().toString(36).slice(2, 3)).join('');
    authoring.updateExercise(id, { instructions: noise });
    const medium = await authoring.exportPack();
    expect(medium?.ok && medium.link !== undefined).toBe(true);
    expect(medium?.ok && medium.qr).toBe(false);

    // Two files of 600,000 characters: each may be in a pack, but not both in a link.
    const big = Array.from({ length: 6 }, () => noise.repeat(25)).join('\n');
    authoring.updateExercise(id, {
      files: [
        { name: 'main.py', content: big },
        { name: 'data.txt', content: big },
      ],
    });
    const large = await authoring.exportPack();
    expect(large?.ok).toBe(true);
    expect(large?.ok && large.link).toBeUndefined();
    expect(large?.ok && large.qr).toBe(false);
  });

  it('opens a .pypack to edit: the next export is the revision after the file’s', async () => {
    const { authoring } = setUp();
    await authoring.newPack();
    authoring.updatePack({ title: 'Shared loops' });
    const handedOut = { ...authoring.pack()!, revision: 4 };
    await authoring.close();
    const file = new File([encodePack(handedOut) as BlobPart], 'loops.pypack');
    await authoring.importFiles([file]);
    expect(authoring.pack()?.id).toBe(handedOut.id);
    expect(authoring.current()?.exportedRevision).toBe(4);
    const result = await authoring.exportPack();
    expect(result?.ok && [result.pack.id, result.pack.revision]).toEqual([handedOut.id, 5]);
    // Only one draft for the pack: the file replaced the older one (the teacher said yes).
    expect(authoring.drafts().filter((d) => d.pack.id === handedOut.id)).toHaveLength(1);
  });

  it('runs the checks of a pack opened from a file (and of its copies) in the sandbox: it is someone else’s code', async () => {
    const { authoring, calls } = setUp();
    await authoring.newPack();
    const theirs = { ...authoring.pack()!, id: 'someone-elses', title: 'Theirs' };
    await authoring.close();
    await authoring.importFiles([new File([encodePack(theirs) as BlobPart], 'theirs.pypack')]);
    expect(authoring.current()?.foreign).toBe(true);
    const exerciseId = authoring.pack()!.lessons[0].exercises[0].id;
    await authoring.runChecks(exerciseId, 'solution');
    expect(calls.at(-1)?.zone).toBe('sandbox');
    await authoring.duplicate(authoring.current()!.id);
    const copy = authoring.drafts().find((d) => d.pack.id !== 'someone-elses');
    expect(copy?.foreign).toBe(true);
  });

  it('refuses a damaged file to edit, and changes nothing', async () => {
    const { authoring, notes, drafts } = setUp();
    await authoring.importFiles([new File(['{"format": "pyplayground-pack"}'], 'bad.pypack')]);
    expect(drafts.size).toBe(0);
    expect(notes.at(-1)?.kind).toBe('error');
    expect(notes.at(-1)?.text).toMatch(/^bad\.pypack: This lesson pack cannot be opened: .*Nothing was changed\.$/);
  });

  it('duplicates a pack under a new id, and deletes one only when the teacher says so', async () => {
    let answer = false;
    const { authoring, drafts } = setUp({ confirm: () => answer });
    await authoring.newPack();
    const original = authoring.current()!;
    await authoring.close();
    await authoring.duplicate(original.id);
    const copy = authoring.drafts().find((d) => d.id !== original.id)!;
    expect(copy.pack.title).toBe('My lesson pack (copy)');
    expect(copy.pack.id).not.toBe(original.pack.id);
    expect(copy.pack.lessons).toEqual(original.pack.lessons);

    await authoring.remove(original.id);
    expect(drafts.has(original.id)).toBe(true);
    answer = true;
    await authoring.remove(original.id);
    expect(drafts.has(original.id)).toBe(false);
    expect(authoring.drafts().map((d) => d.id)).toEqual([copy.id]);
  });

  it('edits lessons, exercises, files, hints and checks, keeping ids unique and the main file named', async () => {
    const { authoring } = setUp();
    await authoring.newPack();
    const first = firstExercise(authoring.pack()).id;
    const second = authoring.addExercise('lesson-1');
    expect(second).not.toBe(first);
    authoring.moveExercise(second, -1);
    expect(authoring.pack()!.lessons[0].exercises.map((e) => e.id)).toEqual([second, first]);
    // Past the lesson's end, into the next lesson.
    const lesson2 = authoring.addLesson();
    authoring.moveExercise(first, 1);
    expect(authoring.pack()!.lessons.map((l) => l.exercises.map((e) => e.id))).toEqual([
      [second],
      [first, expect.any(String)],
    ]);
    authoring.moveLesson(lesson2, -1);
    expect(authoring.pack()!.lessons[0].id).toBe(lesson2);

    authoring.renameFile(first, 'files', 0, 'game.py');
    expect(firstExerciseById(authoring.pack()!, first).main).toBe('game.py');
    expect(authoring.addFile(first, 'files')).toBe('helper.py');
    authoring.setFileContent(first, 'files', 1, 'X = 1\n');
    expect(firstExerciseById(authoring.pack()!, first).files[1]).toEqual({ name: 'helper.py', content: 'X = 1\n' });
    authoring.removeFile(first, 'files', 1);
    expect(firstExerciseById(authoring.pack()!, first).files.map((f) => f.name)).toEqual(['game.py']);

    authoring.addCheck(first, 'code');
    // An empty code check is a problem, shown next to that check.
    expect(authoring.problems().map((p) => [p.place.exerciseId, p.place.part])).toEqual([
      [first, { list: 'checks', index: 1 }],
    ]);
    authoring.moveCheck(first, 1, -1);
    expect(firstExerciseById(authoring.pack()!, first).checks.map((c) => c.kind)).toEqual(['code', 'output']);
    authoring.removeCheck(first, 0);
    expect(authoring.problems()).toEqual([]);
  });
});

function firstExerciseById(pack: Pack, id: string) {
  return pack.lessons.flatMap((l) => l.exercises).find((e) => e.id === id)!;
}

describe('findProblems', () => {
  it('finds a problem in each part, each placed by lesson and exercise id', () => {
    const { authoring } = setUp();
    void authoring;
    const pack: Pack = {
      format: 'pyplayground-pack',
      version: 1,
      id: 'p-abcdef',
      title: 'P',
      author: '',
      language: 'english!',
      lessons: [
        {
          id: 'a',
          title: '',
          exercises: [
            {
              id: 'x1',
              title: 'One',
              instructions: '',
              files: [{ name: 'main.py', content: '' }],
              main: 'other.py',
              hints: [],
              checks: [{ kind: 'output', expect: '' }],
            },
            {
              id: 'x2',
              title: 'Two',
              instructions: '',
              files: [{ name: '../main.py', content: '' }],
              main: 'main.py',
              hints: [],
              checks: [{ kind: 'output', expect: '' }],
            },
          ],
        },
      ],
    };
    const problems = findProblems(pack);
    expect(problems.map((p) => p.message)).toEqual([
      '"language" must be a language tag such as en or pt-BR',
      'Lesson 1: "title" must not be empty',
      'Lesson 1, exercise 1: "main" (other.py) is not one of its files',
      expect.stringMatching(/^Lesson 1, exercise 2, starter file 1: "name" \(\.\.\/main\.py\) is not a safe file name/),
    ]);
    expect(problems.map((p) => p.place)).toEqual([
      { field: 'language' },
      { lessonId: 'a', field: 'title' },
      { lessonId: 'a', exerciseId: 'x1', field: 'main' },
      { lessonId: 'a', exerciseId: 'x2', part: { list: 'files', index: 0 }, field: 'name' },
    ]);
  });
});
