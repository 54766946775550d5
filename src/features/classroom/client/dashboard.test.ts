// The class dashboard's controller with a store kept in memory (the storage module's merge rules, written
// again here in a few lines) and real report files: what an import keeps, refuses and says; links and QR codes;
// class sync; clearing; the CSV; completion codes; a learner's code next to the solution.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The unit tests run on Node, where `solid-js` is Solid's server build (memos computed once, never again); the
// controller is for the page, so it is tested with the build the page gets.
// @ts-expect-error -- the build's file has no types of its own; the package's types describe it
vi.mock('solid-js', async () => await import('solid-js/dist/solid.js'));

import { createRoot } from 'solid-js';
import { Emitter } from '../../../lib/emitter.ts';
import { encodeReport, encodeReportLink } from '../../../formats/report.ts';
import {
  learnerKey,
  type PackDraft,
  REPORT_FORMAT,
  REPORT_FORMAT_VERSION,
  type ReceivedReport,
  type Report,
  type ReportExercise,
  type ReportMerge,
  type TeacherClass,
} from '../../../model/classroom.ts';
import { PACK_FORMAT, PACK_FORMAT_VERSION, type Pack } from '../../../model/lesson.ts';
import { completionCode, localDay } from '../shared/completion-code.ts';
import { classCsv } from './class-table.ts';
import { createDashboard, importSummaryText, NO_CLASS, type DashboardStore } from './dashboard.ts';

const SECRET = 'a-class-secret-of-24-chars';
const T0 = new Date(2025, 2, 10, 9).getTime();

function memoryStore(classes: TeacherClass[] = [], revisions: Pack[] = []) {
  const classMap = new Map(classes.map((c) => [c.id, c]));
  const reports = new Map<string, ReceivedReport>();
  const calls: string[] = [];
  const keyOf = (r: Report) => [r.class?.id ?? NO_CLASS, r.pack.id, learnerKey(r.learner), r.device].join('\u0000');
  const store: DashboardStore = {
    async listClasses() {
      return [...classMap.values()];
    },
    async getClass(id) {
      return classMap.get(id);
    },
    async deleteClass(id) {
      classMap.delete(id);
    },
    async addReports(list, keeping): Promise<ReportMerge> {
      calls.push(`add ${list.length}`);
      const merge = { added: 0, replaced: 0, duplicates: 0, older: 0 };
      for (const r of list) {
        const key = keyOf(r.report);
        const kept = reports.get(key);
        if (!kept) merge.added++;
        else if (kept.checksum === r.checksum) {
          merge.duplicates++;
          continue;
        } else if (r.report.createdAt > kept.report.createdAt) merge.replaced++;
        else {
          merge.older++;
          continue;
        }
        reports.set(key, structuredClone(r));
        keeping?.push(r);
        const c = r.report.class;
        if (c && !classMap.has(c.id)) classMap.set(c.id, { ...c, secret: '', createdAt: 0, updatedAt: 0 });
      }
      return merge;
    },
    async listReports(classId) {
      calls.push(`list ${classId}`);
      return [...reports.values()].filter((r) => (r.report.class?.id ?? NO_CLASS) === classId);
    },
    async getReport(classId, packId, learner, device) {
      calls.push(`get ${learner}`);
      const found = reports.get([classId, packId, learnerKey(learner), device].join('\u0000'));
      return found && structuredClone(found);
    },
    async countReports(classId) {
      return [...reports.values()].filter((r) => (r.report.class?.id ?? NO_CLASS) === classId).length;
    },
    async clearReports(classId) {
      let n = 0;
      for (const [key, r] of reports) {
        if ((r.report.class?.id ?? NO_CLASS) === classId) {
          reports.delete(key);
          n++;
        }
      }
      return n;
    },
    async getPackRevision(id, revision) {
      return revisions.find((p) => p.id === id && (p.revision ?? 1) === revision);
    },
    async listPackRevisions(id) {
      return revisions.filter((p) => p.id === id);
    },
  };
  return { store, reports, calls };
}

function ex(id: string, fields: Partial<ReportExercise> = {}): ReportExercise {
  return {
    id,
    lessonId: 'l1',
    title: `Exercise ${id}`,
    state: 'not-started',
    attempts: 0,
    hintsShown: 0,
    activeMs: 0,
    checks: [],
    ...fields,
  };
}

function report(learner: string, device: string, fields: Partial<Report> = {}): Report {
  return {
    format: REPORT_FORMAT,
    version: REPORT_FORMAT_VERSION,
    pack: { id: 'basics', revision: 1, title: 'Basics' },
    class: { id: '7b', name: '7B' },
    learner,
    device,
    createdAt: T0,
    exercises: [
      ex('a', {
        state: 'passed',
        attempts: 1,
        firstPassedAt: T0 - 1000,
        files: [{ name: 'main.py', content: 'print("hi")\n' }],
      }),
      ex('b', { state: 'tried', attempts: 2 }),
    ],
    ...fields,
  };
}

const packRev1: Pack = {
  format: PACK_FORMAT,
  version: PACK_FORMAT_VERSION,
  id: 'basics',
  title: 'Basics',
  author: 'T',
  language: 'en',
  revision: 1,
  lessons: [
    {
      id: 'l1',
      title: 'One',
      exercises: ['a', 'b'].map((id) => ({
        id,
        title: `Exercise ${id}`,
        instructions: '',
        files: [{ name: 'main.py', content: '' }],
        main: 'main.py',
        hints: [],
        solution: [{ name: 'main.py', content: `# solution of ${id}\n` }],
        checks: [{ kind: 'code' as const, requires: ['print'] }],
      })),
    },
  ],
};

const teacherClass: TeacherClass = {
  id: '7b',
  name: '7B',
  learners: ['Ada', 'Bob'],
  secret: SECRET,
  createdAt: 0,
  updatedAt: 0,
};

async function file(name: string, r: Report): Promise<File> {
  return new File([(await encodeReport(r)) as Uint8Array<ArrayBuffer>], name);
}

/** report.json as a learner's text editor would leave it after a change: the checksum no longer matches. */
function editedFile(name: string, r: Report): File {
  return new File([JSON.stringify({ ...r, checksum: `sha256:${'0'.repeat(64)}` })], name);
}

function setup(store: DashboardStore | undefined) {
  const notes: { text: string; kind?: string }[] = [];
  const downloads: { name: string; data: string | Uint8Array; type?: string }[] = [];
  let answer = true;
  let dispose!: () => void;
  const dashboard = createRoot((d) => {
    dispose = d;
    return createDashboard({
      store,
      notify: (text, kind) => notes.push({ text, kind }),
      download: (name, data, type) => downloads.push({ name, data, type }),
      confirm: () => answer,
    });
  });
  return { dashboard, notes, downloads, answer: (a: boolean) => (answer = a), dispose };
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('importing report files', () => {
  let mem: ReturnType<typeof memoryStore>;
  let t: ReturnType<typeof setup>;
  beforeEach(async () => {
    mem = memoryStore([teacherClass], [packRev1]);
    t = setup(mem.store);
    cleanup = t.dispose;
    await t.dashboard.load();
  });

  it('keeps good and edited reports, refuses the rest with the reader’s message, and says what it did', async () => {
    const ada = await file('ada.pyreport', report('Ada', 'dev-ada'));
    const summary = await t.dashboard.importFiles([
      ada,
      await file('bob.pyreport', report('Bob', 'dev-bob')),
      editedFile('cy.json', report('Cy', 'dev-cy')),
      new File(['{"format": "pyplayground-report", "version": 1}'], 'bad.pyreport'),
      new File([new Uint8Array(6_000_000)], 'big.pyreport'),
      new File(['not a report'], 'notes.txt'),
      new File([await ada.arrayBuffer()], 'ada copy.zip'),
    ]);
    expect(summary?.merge).toEqual({ added: 3, replaced: 0, duplicates: 1, older: 0 });
    expect(summary?.tampered).toEqual(['cy.json']);
    expect(summary?.skipped).toEqual(['notes.txt']);
    expect(summary?.refused.map((r) => r.name)).toEqual(['bad.pyreport', 'big.pyreport']);
    expect(summary?.refused[0].error).toMatch(/^This report cannot be opened: /);
    expect(summary?.refused[1].error).toBe('This report cannot be opened: it is larger than 5 MB.');
    expect(summary?.text).toBe(
      '3 reports added, 1 was already here; 1 was edited or damaged (shown, marked); ' +
        '2 files could not be read: bad.pyreport, big.pyreport; 1 file was skipped (not reports): notes.txt.',
    );
    expect(t.dashboard.lastImport()).toEqual(summary);
    // All the readable ones went to storage at once, and were not read back to be shown.
    expect(mem.calls).toEqual(['list 7b', 'add 4']);

    expect(t.dashboard.classId()).toBe('7b');
    expect(t.dashboard.packId()).toBe('basics');
    const rows = t.dashboard.rows();
    expect(rows.map((r) => [r.learner, r.tampered])).toEqual([
      ['Ada', false],
      ['Bob', false],
      ['Cy', true],
    ]);
    expect(t.dashboard.table().columns.map((c) => c.title)).toEqual(['Exercise a', 'Exercise b']);
  });

  it('replaces an older report from the same learner and device, and ignores older ones and repeats', async () => {
    await t.dashboard.importFiles([
      await file('ada.pyreport', report('Ada', 'dev-ada')),
      await file('bob.pyreport', report('Bob', 'dev-bob')),
    ]);
    const newer = report('Ada', 'dev-ada', {
      createdAt: T0 + 60_000,
      exercises: [ex('a', { state: 'passed', attempts: 1 }), ex('b', { state: 'passed', attempts: 3 })],
    });
    const summary = await t.dashboard.importFiles([
      await file('ada 2.pyreport', newer),
      await file('bob old.pyreport', report('Bob', 'dev-bob', { createdAt: T0 - 60_000 })),
      await file('bob.pyreport', report('Bob', 'dev-bob')),
    ]);
    expect(summary?.text).toBe('1 replaced an older one, 1 was already here, 1 was older than the one kept.');
    expect(t.dashboard.rows().map((r) => [r.learner, r.passed])).toEqual([
      ['Ada', 2],
      ['Bob', 1],
    ]);
    expect(mem.calls.filter((c) => c.startsWith('list'))).toEqual(['list 7b']);
  });

  it('reads the class back when storage holds reports it did not know of (class sync added one meanwhile)', async () => {
    await t.dashboard.importFiles([await file('ada.pyreport', report('Ada', 'dev-ada'))]);
    const synced = report('Dee', 'dev-dee');
    mem.reports.set(['7b', 'basics', 'dee', 'dev-dee'].join('\u0000'), {
      report: synced,
      checksum: 'sha256:dee',
      tampered: false,
      receivedAt: 0,
      via: 'sync',
    });
    await t.dashboard.importFiles([await file('bob.pyreport', report('Bob', 'dev-bob'))]);
    expect(mem.calls.filter((c) => c.startsWith('list'))).toEqual(['list 7b', 'list 7b']);
    expect(t.dashboard.rows().map((r) => r.learner)).toEqual(['Ada', 'Bob', 'Dee']);
  });

  it('shows a report of a second pack, and the teacher can switch between packs', async () => {
    await t.dashboard.importFiles([await file('ada.pyreport', report('Ada', 'dev-ada'))]);
    const other = report('Ada', 'dev-ada', {
      pack: { id: 'loops', revision: 1, title: 'Loops' },
      createdAt: T0 + 1000,
    });
    await t.dashboard.importFiles([await file('ada loops.pyreport', other)]);
    expect(t.dashboard.packs().map((p) => p.id)).toEqual(['loops', 'basics']);
    expect(t.dashboard.packId()).toBe('loops');
    await t.dashboard.selectPack('basics');
    expect(t.dashboard.table().rows).toHaveLength(1);
    expect(t.dashboard.pack()?.title).toBe('Basics');
  });

  it('reads a report link and a QR code’s text, and refuses text that is neither', async () => {
    const link = await encodeReportLink(report('Ada', 'dev-ada', { codeOmitted: true }));
    const byLink = await t.dashboard.importLink(`https://play.example.org/app/${link}`);
    expect(byLink?.text).toBe('1 report added.');
    const byQr = await t.dashboard.importQr(
      `https://play.example.org/${await encodeReportLink(report('Bob', 'dev-bob'))}`,
    );
    expect(byQr?.merge.added).toBe(1);
    const stored = [...mem.reports.values()].map((r) => [r.report.learner, r.via]);
    expect(stored).toEqual([
      ['Ada', 'link'],
      ['Bob', 'qr'],
    ]);
    const wrong = await t.dashboard.importQr('https://example.org/menu');
    expect(wrong?.refused).toEqual([{ name: 'QR code', error: 'This is not a report QR code.' }]);
    const cut = await t.dashboard.importLink(link.slice(0, 40));
    expect(cut?.refused[0].error).toMatch(/^This report link cannot be opened/);
    expect(mem.reports.size).toBe(2);
  });

  it('takes reports from class sync quietly and updates the table', async () => {
    await t.dashboard.importFiles([await file('ada.pyreport', report('Ada', 'dev-ada'))]);
    const synced: ReceivedReport = {
      report: report('Dan', 'dev-dan'),
      checksum: 'sha256:dan',
      tampered: false,
      receivedAt: T0,
      via: 'sync',
    };
    await t.dashboard.addSynced([synced]);
    expect(t.dashboard.rows().map((r) => r.learner)).toEqual(['Ada', 'Dan']);
    expect(t.dashboard.syncNote()).toMatch(/^Class sync: 1 report received at /);
    expect(t.dashboard.lastImport()?.text).toBe('1 report added.');
  });

  it('clears a class’s reports only when the teacher says yes', async () => {
    await t.dashboard.importFiles([await file('ada.pyreport', report('Ada', 'dev-ada'))]);
    t.answer(false);
    expect(await t.dashboard.clearClass('7b')).toBe(false);
    expect(mem.reports.size).toBe(1);
    t.answer(true);
    expect(await t.dashboard.clearClass('7b')).toBe(true);
    expect(mem.reports.size).toBe(0);
    expect(t.dashboard.rows()).toEqual([]);
    expect(t.notes.at(-1)?.text).toBe('1 report of “7B” removed from this device.');
  });

  it('exports the table as CSV, named as self-reported', async () => {
    await t.dashboard.importFiles([
      await file('ada.pyreport', report('Ada', 'dev-ada')),
      await file('bob.pyreport', report('=cmd|calc', 'dev-bob')),
    ]);
    t.dashboard.exportCsv();
    expect(t.downloads).toHaveLength(1);
    const [d] = t.downloads;
    expect(d.name).toBe('7B - Basics - progress (self-reported).csv');
    expect(d.type).toBe('text/csv;charset=utf-8');
    expect(d.data).toBe(`\uFEFF${classCsv(t.dashboard.table())}`);
    expect(d.data).toContain("\r\n'=cmd|calc,dev-bo,1,no,passed,tried (2),1,1\r\n");
  });

  it('opens a learner’s code next to the solution of their revision, or says why it cannot', async () => {
    await t.dashboard.importFiles([
      await file('ada.pyreport', report('Ada', 'dev-ada')),
      await file('bob.pyreport', report('Bob', 'dev-bob', { pack: { id: 'basics', revision: 2, title: 'Basics' } })),
    ]);
    const [ada, bob] = t.dashboard.rows();
    // The dashboard keeps no code in memory: it is read from storage when a cell is opened.
    expect(t.dashboard.table().rows.length).toBe(2);
    expect(mem.calls).not.toContain('get Ada');
    await t.dashboard.openCell(ada.key, 'a');
    expect(mem.calls).toContain('get Ada');
    expect(t.dashboard.opened()).toMatchObject({
      learner: 'Ada',
      revision: 1,
      title: 'Exercise a',
      files: [{ name: 'main.py', content: 'print("hi")\n' }],
      solution: [{ name: 'main.py', content: '# solution of a\n' }],
    });
    await t.dashboard.openCell(ada.key, 'b');
    expect(t.dashboard.opened()?.filesNote).toBe('Their report has no code for this exercise.');
    await t.dashboard.openCell(bob.key, 'a');
    expect(t.dashboard.opened()?.solution).toBeUndefined();
    expect(t.dashboard.opened()?.solutionNote).toBe(
      'You do not have revision 2 of this pack on this device, so its solution cannot be shown.',
    );
    t.dashboard.closeCell();
    expect(t.dashboard.opened()).toBeUndefined();
  });

  it('checks completion codes with the class secret, over the last 14 days', async () => {
    await t.dashboard.importFiles([await file('ada.pyreport', report('Ada', 'dev-ada'))]);
    const threeDaysAgo = new Date();
    threeDaysAgo.setDate(threeDaysAgo.getDate() - 3);
    const day = localDay(threeDaysAgo);
    const code = await completionCode({ secret: SECRET, packId: 'basics', exerciseId: 'b', learner: 'Ada', day });
    const ok = await t.dashboard.verifyCode(code.toUpperCase().replaceAll('-', ' '), ' ada ');
    expect(ok.ok).toBe(true);
    expect(ok.ok && ok.matches).toEqual([{ exerciseId: 'b', title: 'Exercise b', day }]);
    expect(ok.text).toMatch(/^The code matches: ada passed “Exercise b” on .+ \(self-reported: /);

    const wrong = await t.dashboard.verifyCode(code, 'Bob');
    expect(wrong).toEqual({
      ok: false,
      text: 'This code does not match Bob on any exercise of “Basics” in the last 14 days. Check the name is spelt as in their pack.',
    });
    const old = new Date();
    old.setDate(old.getDate() - 20);
    const oldCode = await completionCode({
      secret: SECRET,
      packId: 'basics',
      exerciseId: 'b',
      learner: 'Ada',
      day: localDay(old),
    });
    expect((await t.dashboard.verifyCode(oldCode, 'Ada')).ok).toBe(false);
    expect((await t.dashboard.verifyCode('hello', 'Ada')).text).toMatch(/^That is not a completion code/);
  });

  it('finds a code for another of the class’s packs than the one shown', async () => {
    const games = report('Ada', 'dev-ada', {
      pack: { id: 'games', revision: 1, title: 'Games' },
      exercises: [ex('g', { title: 'Guess the number' })],
    });
    await t.dashboard.importFiles([
      await file('ada.pyreport', report('Ada', 'dev-ada')),
      await file('ada games.pyreport', games),
    ]);
    await t.dashboard.selectPack('basics');
    const day = localDay(new Date());
    const code = await completionCode({ secret: SECRET, packId: 'games', exerciseId: 'g', learner: 'Ada', day });
    const ok = await t.dashboard.verifyCode(code, 'Ada');
    expect(ok.ok && ok.matches).toEqual([{ exerciseId: 'g', title: 'Guess the number', day }]);
    expect(ok.text).toMatch(/^The code matches: Ada passed “Guess the number” of “Games” on /);
    expect((await t.dashboard.verifyCode(code, 'Bob')).text).toBe(
      'This code does not match Bob on any exercise of this class’s packs in the last 14 days. Check the name is spelt as in their pack.',
    );
  });
});

describe('a class with no reports yet', () => {
  it('lists the packs handed to it in Teach mode, and checks their codes', async () => {
    const mem = memoryStore([teacherClass], [packRev1]);
    const handed = { ...packRev1, class: { id: '7b', name: '7B', secret: SECRET } };
    const drafts: PackDraft[] = [
      { id: 'd1', pack: handed, updatedAt: T0, exportedRevision: 1 },
      // Not handed out yet, and handed to another class: neither is this class's.
      { id: 'd2', pack: { ...handed, id: 'unsent' }, updatedAt: T0 },
      {
        id: 'd3',
        pack: { ...handed, id: 'other', class: { id: '8c', name: '8C', secret: SECRET } },
        updatedAt: T0,
        exportedRevision: 2,
      },
    ];
    const t = setup({ ...mem.store, listDrafts: async () => drafts });
    cleanup = t.dispose;
    await t.dashboard.load();
    expect(t.dashboard.packs().map((p) => [p.id, p.reports])).toEqual([['basics', 0]]);
    const day = localDay(new Date());
    const code = await completionCode({ secret: SECRET, packId: 'basics', exerciseId: 'b', learner: 'Ada', day });
    const got = await t.dashboard.verifyCode(code, 'Ada');
    expect(got.ok && got.matches).toEqual([{ exerciseId: 'b', title: 'Exercise b', day }]);
  });
});

describe('without a class secret or a store', () => {
  it('cannot check codes for a class met only in reports', async () => {
    const mem = memoryStore();
    const t = setup(mem.store);
    cleanup = t.dispose;
    await t.dashboard.load();
    await t.dashboard.importFiles([await file('ada.pyreport', report('Ada', 'dev-ada'))]);
    expect(t.dashboard.classes()).toEqual([{ id: '7b', name: '7B' }]);
    const got = await t.dashboard.verifyCode('maple-river-42', 'Ada');
    expect(got.ok).toBe(false);
    expect(got.text).toMatch(/^Codes can be checked only for a class set up on this device/);
  });

  it('lists reports handed in for no class as a class of their own', async () => {
    const mem = memoryStore();
    const t = setup(mem.store);
    cleanup = t.dispose;
    await t.dashboard.importFiles([await file('ada.pyreport', report('Ada', 'dev-ada', { class: undefined }))]);
    expect(t.dashboard.classes()).toEqual([{ id: NO_CLASS, name: 'Not handed to a class' }]);
    expect(t.dashboard.classId()).toBe(NO_CLASS);
    expect(t.dashboard.rows()).toHaveLength(1);
  });

  it('follows another tab: its imports and clearing show here, a class made there is listed', async () => {
    const mem = memoryStore([teacherClass], [packRev1]);
    const notices = new Emitter<{ kind: string; classId?: string }>();
    // Two tabs on one device: one store, and this tab hears what the other changed (as storage tells it).
    const here = setup({ ...mem.store, changes: notices });
    const there = setup(mem.store);
    cleanup = () => {
      here.dispose();
      there.dispose();
    };
    here.dashboard.listen();
    await here.dashboard.load();
    await there.dashboard.load();
    await there.dashboard.importFiles([
      await file('ada.pyreport', report('Ada', 'dev-ada')),
      await file('bob.pyreport', report('Bob', 'dev-bob')),
    ]);
    expect(here.dashboard.rows()).toEqual([]);
    notices.emit({ kind: 'reports', classId: '7b' });
    await vi.waitFor(() => expect(here.dashboard.rows().map((r) => r.learner)).toEqual(['Ada', 'Bob']));

    // Reports for a class met only in a report: the class is listed, the one shown stays.
    await there.dashboard.importFiles([
      await file('cy.pyreport', report('Cy', 'dev-cy', { class: { id: '8c', name: '8C' } })),
    ]);
    const reads = mem.calls.filter((c) => c === 'list 7b').length;
    notices.emit({ kind: 'classes' });
    notices.emit({ kind: 'reports', classId: '8c' });
    await vi.waitFor(() => expect(here.dashboard.classes().map((c) => c.name)).toEqual(['7B', '8C']));
    expect(here.dashboard.classId()).toBe('7b');
    // The class shown did not change: it is not read again.
    expect(mem.calls.filter((c) => c === 'list 7b').length).toBe(reads);

    await there.dashboard.selectClass('7b');
    await there.dashboard.clearClass('7b');
    notices.emit({ kind: 'reports', classId: '7b' });
    await vi.waitFor(() => expect(here.dashboard.rows()).toEqual([]));
  });

  it('on a full device, says so and that nothing was changed, and keeps showing the class as it was', async () => {
    const mem = memoryStore([teacherClass], [packRev1]);
    const t = setup(mem.store);
    cleanup = t.dispose;
    await t.dashboard.load();
    await t.dashboard.importFiles([await file('ada.pyreport', report('Ada', 'dev-ada'))]);
    const full = Object.assign(new Error('storage is full'), { name: 'StorageFullError' });
    const addReports = mem.store.addReports;
    mem.store.addReports = async () => {
      throw full;
    };
    const summary = await t.dashboard.importFiles([await file('bob.pyreport', report('Bob', 'dev-bob'))]);
    expect(summary).toBeUndefined();
    expect(t.notes.at(-1)).toEqual({
      text:
        'The reports could not be saved on this device. Nothing was changed: this device’s storage is full. ' +
        'Free some space (clearing an old class’s reports here helps), then add them again.',
      kind: 'error',
    });
    expect(t.dashboard.rows().map((r) => r.learner)).toEqual(['Ada']);
    expect([...mem.reports.values()].map((r) => r.report.learner)).toEqual(['Ada']);
    // Nothing is stuck: once there is room, the same file goes in.
    mem.store.addReports = addReports;
    await t.dashboard.importFiles([await file('bob.pyreport', report('Bob', 'dev-bob'))]);
    expect(t.dashboard.rows().map((r) => r.learner)).toEqual(['Ada', 'Bob']);
  });

  it('says plainly that nothing can be kept without storage', async () => {
    const t = setup(undefined);
    cleanup = t.dispose;
    expect(await t.dashboard.importFiles([await file('ada.pyreport', report('Ada', 'dev-ada'))])).toBeUndefined();
    expect(t.notes).toEqual([
      {
        text: 'Reports cannot be kept: this browser is not letting the app store anything on this device.',
        kind: 'error',
      },
    ]);
  });
});

describe('importSummaryText', () => {
  it('says nothing was added when nothing was', () => {
    expect(
      importSummaryText({
        merge: { added: 0, replaced: 0, duplicates: 0, older: 0 },
        tampered: [],
        refused: [{ name: 'x.pyreport', error: 'why' }],
        skipped: [],
      }),
    ).toBe('No reports were added; 1 file could not be read: x.pyreport.');
  });
});
