// The learner's hand-in: the report made from the device's progress (read back with the report format's own
// reader), the name rules, the three ways to send it (a file, a link, a QR code that drops the code when it must)
// and completion codes, which only a pass in a class's pack gets.
import { describe, expect, it, vi } from 'vitest';
import { decodeReportLink, readReport, reportFileName } from '../../../formats/report.ts';
import { REPORT_FORMAT, REPORT_FORMAT_VERSION, type ClassInfo, type Report } from '../../../model/classroom.ts';
import { PACK_FORMAT, PACK_FORMAT_VERSION, type Exercise, type LessonFile, type Pack } from '../../../model/lesson.ts';
import type { ExerciseProgress } from '../../lessons/shared/progress.ts';
import { completionCode, localDay } from '../shared/completion-code.ts';
import { buildReport, checkName, createHandIn, type HandInStore } from './hand-in.ts';
import { qrFits } from './qr.ts';

const day = 86_400_000;
const t0 = new Date(2025, 8, 1, 9).getTime();

const classInfo: ClassInfo = {
  id: '7b-2025',
  name: '7B',
  learners: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'],
  pickName: true,
  secret: 'abcdefghijklmnop-0123456789',
};

function exercise(id: string, extra: Partial<Exercise> = {}): Exercise {
  return {
    id,
    title: `Exercise ${id}`,
    instructions: 'Do it.',
    files: [{ name: 'main.py', content: '# start\n' }],
    main: 'main.py',
    hints: ['One', 'Two'],
    checks: [{ kind: 'output', expect: 'hi' }],
    ...extra,
  };
}

function makePack(extra: Partial<Pack> = {}, lessons?: Pack['lessons']): Pack {
  return {
    format: PACK_FORMAT,
    version: PACK_FORMAT_VERSION,
    id: 'loops',
    title: 'Loops',
    author: 'Ms Byron',
    language: 'en',
    revision: 3,
    lessons: lessons ?? [
      { id: 'l1', title: 'First', exercises: [exercise('a'), exercise('b')] },
      { id: 'l2', title: 'Second', exercises: [exercise('c')] },
    ],
    ...extra,
  };
}

function progress(exerciseId: string, fields: Partial<ExerciseProgress> = {}): ExerciseProgress {
  return {
    packId: 'loops',
    exerciseId,
    lessonId: exerciseId === 'c' ? 'l2' : 'l1',
    attempts: 0,
    checks: [],
    hintsShown: 0,
    activeMs: 0,
    firstOpenedAt: t0,
    lastOpenedAt: t0,
    ...fields,
  };
}

/** Passed `a` on the second try after a hint and the solution; tried `b` once; never opened `c`. */
const sampleProgress = (): ExerciseProgress[] => [
  progress('a', {
    attempts: 2,
    hintsShown: 1,
    solutionViewedAt: t0 + 5000,
    firstPassedAt: t0 + 9000,
    lastPassedAt: t0 + 9000,
    activeMs: 120_000,
    lastOpenedAt: t0 + 10_000,
    checks: [
      { at: t0 + 3000, passed: 0, total: 1, failed: ['Prints hi'], errors: ['NameError'] },
      { at: t0 + 9000, passed: 1, total: 1, failed: [], errors: [] },
    ],
  }),
  progress('b', {
    attempts: 1,
    activeMs: 30_000,
    firstOpenedAt: t0 + 20_000,
    lastOpenedAt: t0 + 21_000,
    checks: [{ at: t0 + 21_000, passed: 0, total: 1, failed: ['Prints hi'], errors: [] }],
  }),
];

const sampleFiles = () =>
  new Map<string, LessonFile[]>([
    ['a', [{ name: 'main.py', content: 'print("hi")\n' }]],
    ['b', [{ name: 'main.py', content: 'prnt("hi")\n' }]],
  ]);

describe('buildReport', () => {
  it('lists every exercise of the pack in order, with what the learner did and their files', () => {
    const report = buildReport({
      pack: makePack({ class: classInfo }),
      progress: sampleProgress(),
      files: sampleFiles(),
      learner: 'Ada Lovelace',
      device: 'dev-1',
      now: t0 + day,
    });
    expect(report).toEqual({
      format: REPORT_FORMAT,
      version: REPORT_FORMAT_VERSION,
      pack: { id: 'loops', revision: 3, title: 'Loops' },
      class: { id: '7b-2025', name: '7B' },
      learner: 'Ada Lovelace',
      device: 'dev-1',
      createdAt: t0 + day,
      exercises: [
        {
          id: 'a',
          lessonId: 'l1',
          title: 'Exercise a',
          state: 'passed',
          attempts: 2,
          hintsShown: 1,
          solutionViewedAt: t0 + 5000,
          firstPassedAt: t0 + 9000,
          lastPassedAt: t0 + 9000,
          firstOpenedAt: t0,
          lastOpenedAt: t0 + 10_000,
          activeMs: 120_000,
          checks: [
            { at: t0 + 3000, passed: 0, total: 1, failed: ['Prints hi'], errors: ['NameError'] },
            { at: t0 + 9000, passed: 1, total: 1, failed: [], errors: [] },
          ],
          files: [{ name: 'main.py', content: 'print("hi")\n' }],
        },
        {
          id: 'b',
          lessonId: 'l1',
          title: 'Exercise b',
          state: 'tried',
          attempts: 1,
          hintsShown: 0,
          firstOpenedAt: t0 + 20_000,
          lastOpenedAt: t0 + 21_000,
          activeMs: 30_000,
          checks: [{ at: t0 + 21_000, passed: 0, total: 1, failed: ['Prints hi'], errors: [] }],
          files: [{ name: 'main.py', content: 'prnt("hi")\n' }],
        },
        {
          id: 'c',
          lessonId: 'l2',
          title: 'Exercise c',
          state: 'not-started',
          attempts: 0,
          hintsShown: 0,
          activeMs: 0,
          checks: [],
        },
      ],
    } satisfies Report);
    // No field is there with nothing in it (JSON would keep an `undefined` out, a structured clone would not).
    expect(Object.keys(report.exercises[2]).sort()).toEqual(
      ['activeMs', 'attempts', 'checks', 'hintsShown', 'id', 'lessonId', 'state', 'title'].sort(),
    );
  });

  it('leaves the code out when asked, says so, and has no class for a pack given to none', () => {
    const report = buildReport({
      pack: makePack({ revision: undefined }),
      progress: sampleProgress(),
      files: sampleFiles(),
      learner: 'Sam',
      device: 'dev-1',
      now: t0,
      omitCode: true,
    });
    expect(report.codeOmitted).toBe(true);
    expect(report.class).toBeUndefined();
    expect(report.pack.revision).toBe(1);
    expect(report.exercises.map((e) => e.files)).toEqual([undefined, undefined, undefined]);
    expect(report.exercises.map((e) => e.state)).toEqual(['passed', 'tried', 'not-started']);
  });

  it('keeps the last 100 presses of Check, ignores progress of other packs and exercises no longer in it', () => {
    const checks = Array.from({ length: 130 }, (_, i) => ({ at: t0 + i, passed: 0, total: 1, failed: [], errors: [] }));
    const report = buildReport({
      pack: makePack(),
      progress: [
        progress('a', { attempts: 130, checks }),
        { ...progress('b', { attempts: 9 }), packId: 'other' },
        progress('gone', { attempts: 4 }),
      ],
      files: new Map(),
      learner: 'Sam',
      device: 'dev-1',
      now: t0,
    });
    expect(report.exercises[0].checks).toHaveLength(100);
    expect(report.exercises[0].checks[0].at).toBe(t0 + 30);
    expect(report.exercises[0].attempts).toBe(130);
    expect(report.exercises[1].attempts).toBe(0);
    expect(report.exercises.map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });

  it('is a report the report format reads back unchanged', async () => {
    const { encodeReport } = await import('../../../formats/report.ts');
    const report = buildReport({
      pack: makePack({ class: classInfo }),
      progress: sampleProgress(),
      files: sampleFiles(),
      learner: 'Ada Lovelace',
      device: 'dev-1',
      now: t0 + day,
    });
    const read = await readReport(await encodeReport(report));
    expect(read.ok && read.tampered).toBe(false);
    expect(read.ok && read.report).toEqual(report);
  });
});

describe('checkName', () => {
  it('takes a name from the class list in the list’s spelling, and nothing else, when the class asks to pick', () => {
    expect(checkName(classInfo, '  ada   LOVELACE ')).toEqual({ ok: true, name: 'Ada Lovelace' });
    expect(checkName(classInfo, 'Ada')).toEqual({ ok: false, error: 'Pick your name from the class list.' });
    expect(checkName(classInfo, '')).toEqual({ ok: false, error: 'Pick your name from the class list.' });
  });

  it('takes any name (spaces tidied) when the class does not ask to pick, up to 100 characters', () => {
    const free = { ...classInfo, pickName: false };
    expect(checkName(free, '  Sam   Smith ')).toEqual({ ok: true, name: 'Sam Smith' });
    expect(checkName(undefined, 'Zoë')).toEqual({ ok: true, name: 'Zoë' });
    expect(checkName(undefined, '   ').ok).toBe(false);
    expect(checkName(undefined, 'x'.repeat(100)).ok).toBe(true);
    expect(checkName(undefined, 'x'.repeat(101))).toEqual({
      ok: false,
      error: 'A name can be at most 100 characters.',
    });
  });
});

// --- the controller ---------------------------------------------------------------------------------------

function memoryStore(
  records: ExerciseProgress[],
  files: Map<string, LessonFile[]> = new Map(),
  meta = new Map<string, unknown>(),
) {
  const store: HandInStore = {
    deviceId: async () => 'device-42',
    getMeta: async <T>(key: string) => meta.get(key) as T | undefined,
    setMeta: async (key, value) => void meta.set(key, value),
    listProgress: async (packId) => records.filter((r) => packId === undefined || r.packId === packId),
    exerciseFiles: async (_packId, exerciseId) => files.get(exerciseId),
  };
  return { store, meta, records };
}

function setUp(packs: Pack[], records = sampleProgress(), files = sampleFiles(), keep = new Map<string, unknown>()) {
  const { store, meta } = memoryStore(records, files, keep);
  const order: string[] = [];
  const host = {
    store: {
      ...store,
      listProgress: async (packId?: string) => {
        order.push('listProgress');
        return store.listProgress(packId);
      },
    },
    getPack: async (id: string) => packs.find((p) => p.id === id),
    flush: vi.fn(async () => void order.push('flush')),
    download: vi.fn<(name: string, data: Uint8Array, type?: string) => void>(),
    copy: vi.fn(async (_text: string) => true),
    notify: vi.fn<(text: string, kind?: 'info' | 'error') => void>(),
    origin: 'https://school.example/python/',
  };
  return { handIn: createHandIn(host), host, meta, order };
}

describe('createHandIn', () => {
  it('opens on a pack with its counts and closes', async () => {
    const pack = makePack({ class: classInfo });
    const { handIn } = setUp([pack]);
    expect(await handIn.open('loops')).toBe(true);
    expect(handIn.state()).toEqual({ pack, passed: 1, total: 3 });
    expect(handIn.name()).toBe('');
    handIn.close();
    expect(handIn.state()).toBeUndefined();
  });

  it('says so when the pack is gone', async () => {
    const { handIn, host } = setUp([]);
    expect(await handIn.open('loops')).toBe(false);
    expect(handIn.state()).toBeUndefined();
    expect(host.notify).toHaveBeenCalledWith(expect.stringContaining('not on this device'), 'error');
  });

  it('remembers the name per class across its packs, and per pack for a pack with no class', async () => {
    const free = { ...classInfo, pickName: false };
    const one = makePack({ class: free });
    const two = makePack({ id: 'lists', title: 'Lists', class: free });
    const alone = makePack({ id: 'solo', title: 'Solo' });
    const { handIn, meta } = setUp([one, two, alone]);
    await handIn.open('loops');
    expect(await handIn.setName(one, '  Sam  Smith ')).toBe(true);
    expect(handIn.name()).toBe('Sam Smith');
    expect(meta.get('hand-in-name:class:7b-2025')).toBe('Sam Smith');

    await handIn.open('lists');
    expect(handIn.name()).toBe('Sam Smith');
    await handIn.open('solo');
    expect(handIn.name()).toBe('');
    await handIn.setName(alone, 'Samuel');
    expect(meta.get('hand-in-name:pack:solo')).toBe('Samuel');
    await handIn.open('loops');
    expect(handIn.name()).toBe('Sam Smith');
  });

  it('refuses a name off the class list when the class asks to pick, and forgets one the list lost', async () => {
    const pack = makePack({ class: classInfo });
    const { handIn, meta } = setUp([pack]);
    await handIn.open('loops');
    expect(await handIn.setName(pack, 'Mallory')).toBe(false);
    expect(handIn.nameError()).toBe('Pick your name from the class list.');
    expect(meta.size).toBe(0);
    expect(await handIn.setName(pack, 'grace hopper')).toBe(true);
    expect(handIn.name()).toBe('Grace Hopper');
    expect(handIn.nameError()).toBeUndefined();

    // The teacher's next pack for the class has a list without her: her name is not offered as remembered.
    const next = makePack({ class: { ...classInfo, learners: ['Alan Turing'] } });
    const { handIn: again } = setUp([next], sampleProgress(), sampleFiles(), meta);
    expect(meta.get('hand-in-name:class:7b-2025')).toBe('Grace Hopper');
    await again.open('loops');
    expect(again.name()).toBe('');
  });

  it('saves the report file after saving the editor, named for the learner and pack', async () => {
    const pack = makePack({ class: classInfo });
    const { handIn, host, order } = setUp([pack]);
    await handIn.open('loops');
    order.length = 0;

    // No name yet: nothing is made, and the dialog is told why.
    expect(await handIn.saveFile()).toBe(false);
    expect(host.download).not.toHaveBeenCalled();
    expect(handIn.nameError()).toBe('Pick your name from the class list.');

    await handIn.setName(pack, 'Ada Lovelace');
    expect(await handIn.saveFile()).toBe(true);
    expect(order.slice(0, 2)).toEqual(['flush', 'listProgress']);
    expect(host.download).toHaveBeenCalledTimes(1);
    const [name, data] = host.download.mock.calls[0];
    const read = await readReport(data);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(name).toBe(reportFileName(read.report));
    expect(name).toBe('Ada Lovelace - Loops.pyreport');
    expect(read.report.learner).toBe('Ada Lovelace');
    expect(read.report.device).toBe('device-42');
    expect(read.report.exercises[0].files).toEqual([{ name: 'main.py', content: 'print("hi")\n' }]);
    expect(read.tampered).toBe(false);
  });

  it('copies a link to the report, at the app’s address, and keeps it shown', async () => {
    const pack = makePack();
    const { handIn, host } = setUp([pack]);
    await handIn.open('loops');
    await handIn.setName(pack, 'Sam');
    const link = await handIn.link();
    expect(link?.startsWith('https://school.example/python/#report=')).toBe(true);
    expect(host.copy).toHaveBeenCalledWith(link);
    expect(handIn.linkText()).toBe(link);
    const read = await decodeReportLink(link!.slice('https://school.example/python/'.length));
    expect(read.ok && read.report.learner).toBe('Sam');

    host.copy.mockResolvedValueOnce(false);
    await handIn.link();
    expect(host.notify).toHaveBeenLastCalledWith(expect.stringContaining('copy it yourself'));
  });

  describe('qr', () => {
    /** Text that does not compress: what a learner's real code is closer to than repeated letters. */
    function noise(seed: number, length: number): string {
      let x = seed;
      let out = '';
      for (let i = 0; i < length; i++) {
        x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
        out += String.fromCharCode(33 + (x % 90));
      }
      return out;
    }

    it('shows the whole report when it fits', async () => {
      const pack = makePack();
      const { handIn } = setUp([pack]);
      await handIn.open('loops');
      await handIn.setName(pack, 'Sam');
      const text = await handIn.qr();
      expect(qrFits(text!)).toBe(true);
      expect(handIn.qrCode()).toEqual({ text });
      const read = await decodeReportLink(text!.slice(text!.indexOf('#')));
      expect(read.ok && read.report.codeOmitted).toBeUndefined();
      expect(read.ok && read.report.exercises[0].files).toEqual([{ name: 'main.py', content: 'print("hi")\n' }]);
    });

    it('leaves the code out, saying so, when only that fits', async () => {
      const pack = makePack();
      const big = new Map([['a', [{ name: 'main.py', content: noise(1, 4000) }]]]);
      const { handIn } = setUp([pack], sampleProgress(), big);
      await handIn.open('loops');
      await handIn.setName(pack, 'Sam');
      const text = await handIn.qr();
      expect(text).toBeDefined();
      expect(qrFits(text!)).toBe(true);
      expect(handIn.qrCode()?.note).toMatch(/code is left out/);
      const read = await decodeReportLink(text!.slice(text!.indexOf('#')));
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.report.codeOmitted).toBe(true);
      expect(read.report.exercises.map((e) => e.files)).toEqual([undefined, undefined, undefined]);
      expect(read.report.exercises[0].state).toBe('passed');
    });

    it('shows none and says to hand in the file when even that is too big', async () => {
      const many = Array.from({ length: 60 }, (_, i) => exercise(`e${i}`, { title: noise(i + 7, 120) }));
      const pack = makePack({}, [{ id: 'l1', title: 'All', exercises: many }]);
      const records = many.map((e, i) =>
        progress(e.id, {
          lessonId: 'l1',
          attempts: 3,
          checks: [0, 1, 2].map((k) => ({
            at: t0 + i * 1000 + k,
            passed: 0,
            total: 2,
            failed: [noise(i * 3 + k, 60)],
            errors: [],
          })),
        }),
      );
      const { handIn } = setUp([pack], records, new Map());
      await handIn.open('loops');
      await handIn.setName(pack, 'Sam');
      expect(await handIn.qr()).toBeUndefined();
      expect(handIn.qrCode()).toEqual({
        note: 'Your report is too big for a QR code. Save the report file and hand that in.',
      });
    });
  });

  describe('completionCode', () => {
    it('is made only after a pass, in a class’s pack, once the learner’s name is known', async () => {
      const pack = makePack({ class: classInfo });
      const records = sampleProgress();
      const { handIn } = setUp([pack], records);
      // No name yet.
      expect(await handIn.completionCode(pack, 'a')).toBeUndefined();
      await handIn.setName(pack, 'Ada Lovelace');
      // Tried, not passed; never opened.
      expect(await handIn.completionCode(pack, 'b')).toBeUndefined();
      expect(await handIn.completionCode(pack, 'c')).toBeUndefined();

      const code = await handIn.completionCode(pack, 'a');
      expect(code).toBe(
        await completionCode({
          secret: classInfo.secret,
          packId: 'loops',
          exerciseId: 'a',
          learner: 'Ada Lovelace',
          day: localDay(t0 + 9000),
        }),
      );
      expect(code).toMatch(/^[a-z]+-[a-z]+-\d+$/);

      // A pass on a later day makes that day's code.
      records[0] = { ...records[0], lastPassedAt: t0 + 3 * day };
      const later = await handIn.completionCode(pack, 'a');
      expect(later).toBe(
        await completionCode({
          secret: classInfo.secret,
          packId: 'loops',
          exerciseId: 'a',
          learner: 'Ada Lovelace',
          day: localDay(t0 + 3 * day),
        }),
      );
      expect(later).not.toBe(code);
    });

    it('is never made for a pack handed to no class', async () => {
      const pack = makePack();
      const { handIn } = setUp([pack]);
      await handIn.setName(pack, 'Sam');
      expect(await handIn.completionCode(pack, 'a')).toBeUndefined();
    });
  });
});
