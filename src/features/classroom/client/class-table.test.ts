import { describe, expect, it } from 'vitest';
import {
  REPORT_FORMAT,
  REPORT_FORMAT_VERSION,
  type ReceivedReport,
  type ReportExercise,
} from '../../../model/classroom.ts';
import { PACK_FORMAT, PACK_FORMAT_VERSION, type Pack } from '../../../model/lesson.ts';
import { buildClassTable, classCsv, csvField, median, progressOverTime, sortRows } from './class-table.ts';

function pack(revision: number, lessons: Record<string, [id: string, title: string][]>): Pack {
  return {
    format: PACK_FORMAT,
    version: PACK_FORMAT_VERSION,
    id: 'basics',
    title: 'Basics',
    author: 'T',
    language: 'en',
    revision,
    lessons: Object.entries(lessons).map(([id, exercises]) => ({
      id,
      title: id,
      exercises: exercises.map(([eid, title]) => ({
        id: eid,
        title,
        instructions: '',
        files: [{ name: 'main.py', content: '' }],
        main: 'main.py',
        hints: [],
        checks: [],
      })),
    })),
  };
}

const day = (d: number, h = 10) => new Date(2025, 2, d, h).getTime();

function ex(id: string, fields: Partial<ReportExercise> = {}): ReportExercise {
  return {
    id,
    lessonId: 'l1',
    title: `title of ${id}`,
    state: 'not-started',
    attempts: 0,
    hintsShown: 0,
    activeMs: 0,
    checks: [],
    ...fields,
  };
}

function fail(failed: string[], errors: string[] = []) {
  return { at: day(1), passed: 0, total: 2, failed, errors };
}

function received(
  learner: string,
  device: string,
  revision: number,
  exercises: ReportExercise[],
  extra: { tampered?: boolean; createdAt?: number } = {},
): ReceivedReport {
  return {
    report: {
      format: REPORT_FORMAT,
      version: REPORT_FORMAT_VERSION,
      pack: { id: 'basics', revision, title: 'Basics' },
      learner,
      device,
      createdAt: extra.createdAt ?? day(5),
      exercises,
    },
    checksum: `sha256:${learner}${device}${extra.createdAt ?? ''}`,
    tampered: extra.tampered ?? false,
    receivedAt: day(6),
    via: 'file',
  };
}

const rev1 = pack(1, {
  l1: [
    ['a', 'Say hello'],
    ['b', 'Add'],
    ['c', 'Old one'],
  ],
});
const rev2 = pack(2, {
  l1: [
    ['a', 'Say hello'],
    ['b', 'Add two numbers'],
  ],
  l2: [['d', 'Loop']],
});

const adaLaptop = received('Ada', 'dev-ada-laptop1', 2, [
  ex('a', { state: 'passed', attempts: 2, hintsShown: 1, firstPassedAt: day(1), activeMs: 60_000 }),
  ex('b', { state: 'tried', attempts: 3, hintsShown: 2, checks: [fail(['Adds 2 and 3'], ['TypeError'])] }),
  ex('d'),
]);
const adaLaptopOlder = received('Ada', 'dev-ada-laptop1', 2, [ex('a'), ex('b'), ex('d')], { createdAt: day(2) });
const adaPhone = received('ada ', 'dev-ada-phone22', 2, [
  ex('a', { state: 'tried', attempts: 1, checks: [fail(['Prints hello'])] }),
  ex('b', { state: 'passed', attempts: 2, hintsShown: 1, firstPassedAt: day(3), checks: [fail(['Adds 2 and 3'])] }),
  ex('d', { state: 'tried', attempts: 4, checks: [fail(['Counts to ten'], ['NameError'])] }),
]);
const bob = received(
  'Bob',
  'dev-bob',
  1,
  [
    ex('a', { state: 'passed', attempts: 1, firstPassedAt: day(1, 11) }),
    ex('b', {
      state: 'tried',
      attempts: 5,
      hintsShown: 3,
      solutionViewedAt: day(2),
      checks: [fail(['Adds 2 and 3', 'Adds negatives'], ['TypeError']), fail(['Adds negatives'], ['TypeError'])],
    }),
    ex('c', { state: 'passed', attempts: 2, firstPassedAt: day(2) }),
  ],
  { tampered: true },
);
const evil = received('=HYPERLINK("x")', '+dev-evil', 2, [
  ex('a'),
  ex('b', { state: 'tried', attempts: 2, checks: [fail(['Adds negatives'])] }),
  ex('d', { state: 'passed', attempts: 1, firstPassedAt: day(3, 9) }),
]);

const all = [adaLaptopOlder, adaLaptop, adaPhone, bob, evil];

describe('buildClassTable', () => {
  const table = buildClassTable(all, [rev1, rev2]);

  it('puts the newest revision’s exercises first, then those only older ones have', () => {
    expect(table.newestRevision).toBe(2);
    expect(table.revisions).toEqual([
      { revision: 1, teacherHas: true },
      { revision: 2, teacherHas: true },
    ]);
    expect(table.columns).toEqual([
      { id: 'a', title: 'Say hello', revisions: [1, 2], older: false },
      { id: 'b', title: 'Add two numbers', revisions: [1, 2], older: false },
      { id: 'd', title: 'Loop', revisions: [2], older: false },
      { id: 'c', title: 'Old one', revisions: [1], older: true },
    ]);
  });

  it('has a row per learner and device (the newest report), each against its own revision', () => {
    const summary = table.rows.map((r) => [
      r.learner,
      r.deviceShort,
      r.revision,
      r.tampered,
      r.cells.map((c) => `${c.state}:${c.attempts}`).join(' '),
      r.passed,
      r.tried,
      r.inRevision,
    ]);
    expect(summary).toEqual([
      ['=HYPERLINK("x")', '+dev-e', 2, false, 'not-started:0 tried:2 passed:1 absent:0', 1, 1, 3],
      ['Ada', 'dev-ad', 2, false, 'passed:2 tried:3 not-started:0 absent:0', 1, 1, 3],
      ['ada ', 'dev-ad', 2, false, 'tried:1 passed:2 tried:4 absent:0', 1, 2, 3],
      ['Bob', 'dev-bo', 1, true, 'passed:1 tried:5 absent:0 passed:2', 2, 1, 3],
    ]);
    expect(table.rows[1].cells[0]).toEqual({
      exerciseId: 'a',
      state: 'passed',
      attempts: 2,
      hints: 1,
      solutionViewed: false,
      activeMs: 60_000,
    });
    expect(table.rows[3].cells[1].solutionViewed).toBe(true);
  });

  it('counts each learner once per exercise, only learners whose revision has it', () => {
    expect(table.stats).toEqual([
      {
        exerciseId: 'a',
        learners: 3,
        started: 2,
        passed: 2,
        solveRate: 2 / 3,
        medianAttempts: 2, // Ada 2 + 1 on two devices, Bob 1
        medianHints: 0.5,
        solutionViewed: 0,
        failingCheck: { title: 'Prints hello', learners: 1 },
      },
      {
        exerciseId: 'b',
        learners: 3,
        started: 3,
        passed: 1,
        solveRate: 1 / 3,
        medianAttempts: 5, // Ada 3 + 2, Bob 5, the third 2
        medianHints: 2, // Ada's most on one device (2), Bob 3, the third 0
        solutionViewed: 1,
        // Two learners each, Bob's two presses count once: the tie goes to the first alphabetically.
        failingCheck: { title: 'Adds 2 and 3', learners: 2 },
        error: { type: 'TypeError', learners: 2 },
      },
      {
        exerciseId: 'd',
        learners: 2,
        started: 2,
        passed: 1,
        solveRate: 0.5,
        medianAttempts: 2.5,
        medianHints: 0,
        solutionViewed: 0,
        failingCheck: { title: 'Counts to ten', learners: 1 },
        error: { type: 'NameError', learners: 1 },
      },
      {
        exerciseId: 'c',
        learners: 1,
        started: 1,
        passed: 1,
        solveRate: 1,
        medianAttempts: 2,
        medianHints: 0,
        solutionViewed: 0,
      },
    ]);
    expect(table.totals).toEqual({ learners: 3, reports: 4, tampered: 1, passed: 5, tried: 5 });
  });

  it('takes a revision the teacher does not have from its reports', () => {
    const rev3 = received('Cy', 'dev-cy', 3, [
      ex('a', { title: 'Hello again' }),
      ex('e', { title: 'New one', state: 'passed', attempts: 1 }),
    ]);
    const t = buildClassTable([rev3, adaLaptop], [rev2]);
    expect(t.revisions).toEqual([
      { revision: 2, teacherHas: true },
      { revision: 3, teacherHas: false },
    ]);
    expect(t.columns.map((c) => [c.id, c.title, c.revisions, c.older])).toEqual([
      ['a', 'Hello again', [2, 3], false],
      ['e', 'New one', [3], false],
      ['b', 'Add two numbers', [2], true],
      ['d', 'Loop', [2], true],
    ]);
    expect(t.rows.map((r) => r.cells.map((c) => c.state))).toEqual([
      ['passed', 'absent', 'tried', 'not-started'],
      ['not-started', 'passed', 'absent', 'absent'],
    ]);
  });

  it('shows the pack’s exercises with no reports yet', () => {
    const t = buildClassTable([], [rev1, rev2]);
    expect(t.columns.map((c) => c.id)).toEqual(['a', 'b', 'd', 'c']);
    expect(t.rows).toEqual([]);
    expect(t.stats[0]).toMatchObject({ learners: 0, solveRate: undefined, medianAttempts: undefined });
  });
});

describe('sortRows', () => {
  const { rows } = buildClassTable(all, [rev1, rev2]);
  const order = (list: typeof rows) => list.map((r) => `${r.learner.trim()}/${r.deviceShort}`);

  it('sorts by name either way', () => {
    expect(order(sortRows(rows, 'name', 'descending'))).toEqual([
      'Bob/dev-bo',
      'ada/dev-ad',
      'Ada/dev-ad',
      '=HYPERLINK("x")/+dev-e',
    ]);
  });

  it('sorts by passed, then tried; ties by name', () => {
    expect(order(sortRows(rows, 'passed', 'descending'))).toEqual([
      'Bob/dev-bo',
      'ada/dev-ad',
      '=HYPERLINK("x")/+dev-e',
      'Ada/dev-ad',
    ]);
  });

  it('sorts by an exercise: not in their version, not started, tried (fewest presses first), passed', () => {
    expect(order(sortRows(rows, { exercise: 'b' }, 'ascending'))).toEqual([
      '=HYPERLINK("x")/+dev-e',
      'Ada/dev-ad',
      'Bob/dev-bo',
      'ada/dev-ad',
    ]);
    expect(order(sortRows(rows, { exercise: 'd' }, 'ascending'))).toEqual([
      'Bob/dev-bo',
      'Ada/dev-ad',
      'ada/dev-ad',
      '=HYPERLINK("x")/+dev-e',
    ]);
  });

  it('leaves the rows it was given as they were', () => {
    const before = order(rows);
    sortRows(rows, 'passed', 'ascending');
    expect(order(rows)).toEqual(before);
  });
});

describe('classCsv', () => {
  it('writes the table exactly, quoted and safe from formulas', () => {
    expect(classCsv(buildClassTable(all, [rev1, rev2]))).toBe(
      [
        'Learner,Device,Revision,Edited or damaged,Say hello,Add two numbers,Loop,Old one (only in revision 1),Passed,Tried (not passed)',
        `"'=HYPERLINK(""x"")",'+dev-e,2,no,not started,tried (2),passed,not in revision 2,1,1`,
        'Ada,dev-ad,2,no,passed,tried (3),not started,not in revision 2,1,1',
        'ada ,dev-ad,2,no,tried (1),passed,tried (4),not in revision 2,1,2',
        'Bob,dev-bo,1,yes,passed,tried (5),not in revision 1,passed,2,1',
        'All learners (3),,,1,2 of 3 passed,1 of 3 passed,1 of 2 passed,1 of 1 passed,5,5',
        '',
      ].join('\r\n'),
    );
  });

  it('quotes commas, quotes and line breaks, and defuses = + - @', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Lovelace, Ada')).toBe('"Lovelace, Ada"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('a=b')).toBe('a=b');
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeUndefined();
    expect(median([7])).toBe(7);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });
});

describe('progressOverTime', () => {
  it('counts each learner’s exercise once, at its first pass, day by day', () => {
    expect(progressOverTime(all)).toEqual([
      { day: day(1, 0), passed: 2 }, // Ada a, Bob a
      { day: day(2, 0), passed: 3 }, // Bob c
      { day: day(3, 0), passed: 5 }, // Ada b (on her phone), the third learner's d
    ]);
  });

  it('keeps days with no passes, and does not trust passes dated after their report', () => {
    const late = received('Zed', 'dev-z', 2, [ex('a', { state: 'passed', firstPassedAt: day(20) })], {
      createdAt: day(4),
    });
    const early = received('Yan', 'dev-y', 2, [ex('a', { state: 'passed', firstPassedAt: day(1) })]);
    expect(progressOverTime([late, early]).map((d) => d.passed)).toEqual([1, 1, 1, 2]);
  });

  it('is empty with no passes', () => {
    expect(progressOverTime([received('A', 'd', 1, [ex('a')])])).toEqual([]);
  });
});
