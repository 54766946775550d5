// The class dashboard's figures, made from the reports learners handed in: who did what on which exercise, how
// each exercise went for the class, the CSV a teacher takes to a spreadsheet, and progress day by day. Pure: no
// Solid, no storage, so the page, the tests and a bench all get the same numbers.
//
// Every figure here is self-reported: a report is written by whoever holds the file.
import {
  learnerKey,
  type ReceivedReport,
  type ReportExercise,
  type ReportExerciseState,
} from '../../../model/classroom.ts';
import type { Pack } from '../../../model/lesson.ts';

/** An exercise of the table, in the order a teacher reads the pack. */
export interface ClassColumn {
  id: string;
  title: string;
  /** The revisions of the pack that have it, oldest first. */
  revisions: number[];
  /** The newest revision does not have it: only older revisions (or reports made with them) do. */
  older: boolean;
}

/** A learner's state on one exercise; `absent`: the exercise is not in the revision their report was made with. */
export type ClassCellState = ReportExerciseState | 'absent';

/** One learner's work on one exercise (kept flat: a big class has tens of thousands of these). */
export interface ClassCell {
  exerciseId: string;
  state: ClassCellState;
  attempts: number;
  hints: number;
  solutionViewed: boolean;
  activeMs: number;
}

/** One report: a learner on one device. */
export interface ClassRow {
  /** Learner (as `learnerKey`) and device: unique in the table. */
  key: string;
  learner: string;
  device: string;
  /** The device id's first characters: enough to tell a learner's two devices apart. */
  deviceShort: string;
  /** The pack revision the report was made with. */
  revision: number;
  /** The report's checksum did not match its content: damaged, or edited by hand. */
  tampered: boolean;
  createdAt: number;
  /** In the order of the table's columns. */
  cells: ClassCell[];
  passed: number;
  /** Started but not passed. */
  tried: number;
  /** How many of the table's exercises their revision has. */
  inRevision: number;
}

/** How one exercise went, counting each learner once (a learner on two devices: their best state). */
export interface ExerciseStats {
  exerciseId: string;
  /** Learners whose revision has the exercise. */
  learners: number;
  started: number;
  passed: number;
  /** `passed / learners`, from 0 to 1; undefined when no learner had the exercise. */
  solveRate: number | undefined;
  /** Among learners who started it; undefined when none did. */
  medianAttempts: number | undefined;
  medianHints: number | undefined;
  /** Learners who looked at the solution. */
  solutionViewed: number;
  /** The check that failed for the most learners, and for how many. */
  failingCheck?: { title: string; learners: number };
  /** The exception type the most learners' code raised, and for how many. */
  error?: { type: string; learners: number };
}

export interface ClassTotals {
  /** Different learners (by name, whatever their devices). */
  learners: number;
  reports: number;
  tampered: number;
  /** Sums over the rows. */
  passed: number;
  tried: number;
}

export interface ClassTable {
  /** The newest revision known, from the teacher's packs or the reports. */
  newestRevision: number;
  /** Every revision known, oldest first, and whether the teacher has that revision of the pack. */
  revisions: { revision: number; teacherHas: boolean }[];
  columns: ClassColumn[];
  rows: ClassRow[];
  /** In the order of `columns`. */
  stats: ExerciseStats[];
  totals: ClassTotals;
}

export type ClassSortKey = 'name' | 'passed' | { exercise: string };
export type SortDirection = 'ascending' | 'descending';

const DEVICE_SHORT = 6;
const DAY_MS = 86_400_000;
/** Progress over time covers at most this many days (a wrong date in a report must not make a 50-year chart). */
const MAX_DAYS = 366;

const rowKey = (learner: string, device: string) => `${learnerKey(learner)}\u0000${device}`;
const revisionOf = (pack: Pack) => pack.revision ?? 1;

function exercisesOf(pack: Pack): { id: string; title: string }[] {
  return pack.lessons.flatMap((lesson) => lesson.exercises.map((e) => ({ id: e.id, title: e.title })));
}

/** The newest report per learner and device (storage keeps one already; a caller's list may not). */
function newestPerDevice(reports: ReceivedReport[]): ReceivedReport[] {
  const kept = new Map<string, ReceivedReport>();
  for (const r of reports) {
    const key = rowKey(r.report.learner, r.report.device);
    const old = kept.get(key);
    if (!old || r.report.createdAt > old.report.createdAt) kept.set(key, r);
  }
  return [...kept.values()];
}

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The most counted name: ties go to the one first in alphabetical order, so the answer never depends on order. */
function mostCommon(counts: Map<string, number>): { name: string; count: number } | undefined {
  let best: { name: string; count: number } | undefined;
  for (const [name, count] of counts) {
    if (!best || count > best.count || (count === best.count && name < best.name)) best = { name, count };
  }
  return best;
}

const STATE_RANK: Record<ClassCellState, number> = { absent: -1, 'not-started': 0, tried: 1, passed: 2 };

/**
 * The table for one pack's reports. Columns: the newest revision's exercises in pack order, then those only
 * older revisions have. A report is shown against the revision it was made with: exercises that revision does
 * not have are `absent` in its row and left out of that exercise's figures. A revision's exercises come from the
 * teacher's copy of it when there is one, else from the reports made with it.
 */
export function buildClassTable(reports: ReceivedReport[], revisions: Pack[]): ClassTable {
  const kept = newestPerDevice(reports);
  const packId = kept[0]?.report.pack.id;
  const packs = new Map<number, Pack>();
  for (const p of revisions) if (packId === undefined || p.id === packId) packs.set(revisionOf(p), p);

  // Each revision's exercises, in order.
  const byRevision = new Map<number, { id: string; title: string }[]>();
  for (const [revision, pack] of packs) byRevision.set(revision, exercisesOf(pack));
  const seen = new Map<number, Set<string>>();
  for (const r of kept) {
    const revision = r.report.pack.revision;
    if (packs.has(revision)) continue;
    if (!byRevision.has(revision)) {
      byRevision.set(revision, []);
      seen.set(revision, new Set());
    }
    const list = byRevision.get(revision)!;
    const ids = seen.get(revision)!;
    for (const e of r.report.exercises) {
      if (ids.has(e.id)) continue;
      ids.add(e.id);
      list.push({ id: e.id, title: e.title });
    }
  }
  const known = [...byRevision.keys()].sort((a, b) => a - b);
  const newest = known.at(-1) ?? 1;

  const columns: ClassColumn[] = [];
  const columnIndex = new Map<string, number>();
  for (const revision of [...known].reverse()) {
    for (const e of byRevision.get(revision)!) {
      if (columnIndex.has(e.id)) continue;
      columnIndex.set(e.id, columns.length);
      columns.push({ id: e.id, title: e.title, revisions: [], older: revision !== newest });
    }
  }
  for (const revision of known) {
    for (const e of byRevision.get(revision)!) columns[columnIndex.get(e.id)!].revisions.push(revision);
  }
  const inRevision = new Map(known.map((rev) => [rev, new Set(byRevision.get(rev)!.map((e) => e.id))]));

  // Rows, and each row's report exercises by column (for the figures below).
  const work: (ReportExercise | undefined)[][] = [];
  const rows: ClassRow[] = kept.map((r) => {
    const has = inRevision.get(r.report.pack.revision)!;
    const found = new Map(r.report.exercises.map((e) => [e.id, e]));
    const exercises = columns.map((c) => (has.has(c.id) ? found.get(c.id) : undefined));
    work.push(exercises);
    let passed = 0;
    let tried = 0;
    const cells = columns.map((c, i): ClassCell => {
      if (!has.has(c.id))
        return { exerciseId: c.id, state: 'absent', attempts: 0, hints: 0, solutionViewed: false, activeMs: 0 };
      const e = exercises[i];
      const state = e?.state ?? 'not-started';
      if (state === 'passed') passed++;
      else if (state === 'tried') tried++;
      return {
        exerciseId: c.id,
        state,
        attempts: e?.attempts ?? 0,
        hints: e?.hintsShown ?? 0,
        solutionViewed: e?.solutionViewedAt !== undefined,
        activeMs: e?.activeMs ?? 0,
      };
    });
    return {
      key: rowKey(r.report.learner, r.report.device),
      learner: r.report.learner,
      device: r.report.device,
      deviceShort: r.report.device.slice(0, DEVICE_SHORT),
      revision: r.report.pack.revision,
      tampered: r.tampered,
      createdAt: r.report.createdAt,
      cells,
      passed,
      tried,
      inRevision: has.size,
    };
  });

  // Each learner once: their rows (devices) grouped by name.
  const learners = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const key = learnerKey(row.learner);
    learners.set(key, [...(learners.get(key) ?? []), i]);
  });

  const stats = columns.map((column, j): ExerciseStats => {
    let had = 0;
    let started = 0;
    let passed = 0;
    let viewed = 0;
    const attempts: number[] = [];
    const hints: number[] = [];
    const failing = new Map<string, number>();
    const errors = new Map<string, number>();
    for (const indexes of learners.values()) {
      const present = indexes.filter((i) => rows[i].cells[j].state !== 'absent');
      if (present.length === 0) continue;
      had++;
      const cells = present.map((i) => rows[i].cells[j]);
      const best = cells.reduce((a, b) => (STATE_RANK[b.state] > STATE_RANK[a.state] ? b : a)).state;
      if (best === 'passed') passed++;
      if (cells.some((c) => c.solutionViewed)) viewed++;
      if (best === 'not-started') continue;
      started++;
      // Presses of Check add up across devices; hints are shown again on each device, so the most counts.
      attempts.push(cells.reduce((sum, c) => sum + c.attempts, 0));
      hints.push(Math.max(...cells.map((c) => c.hints)));
      const titles = new Set<string>();
      const types = new Set<string>();
      for (const i of present) {
        for (const check of work[i][j]?.checks ?? []) {
          for (const t of check.failed) titles.add(t);
          for (const t of check.errors) types.add(t);
        }
      }
      for (const t of titles) failing.set(t, (failing.get(t) ?? 0) + 1);
      for (const t of types) errors.set(t, (errors.get(t) ?? 0) + 1);
    }
    const check = mostCommon(failing);
    const error = mostCommon(errors);
    return {
      exerciseId: column.id,
      learners: had,
      started,
      passed,
      solveRate: had > 0 ? passed / had : undefined,
      medianAttempts: median(attempts),
      medianHints: median(hints),
      solutionViewed: viewed,
      ...(check ? { failingCheck: { title: check.name, learners: check.count } } : {}),
      ...(error ? { error: { type: error.name, learners: error.count } } : {}),
    };
  });

  return {
    newestRevision: newest,
    revisions: known.map((revision) => ({ revision, teacherHas: packs.has(revision) })),
    columns,
    rows: sortRows(rows, 'name', 'ascending'),
    stats,
    totals: {
      learners: learners.size,
      reports: rows.length,
      tampered: rows.filter((r) => r.tampered).length,
      passed: rows.reduce((sum, r) => sum + r.passed, 0),
      tried: rows.reduce((sum, r) => sum + r.tried, 0),
    },
  };
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byName = (a: ClassRow, b: ClassRow) => collator.compare(a.learner, b.learner) || (a.device < b.device ? -1 : 1);

/** Rows in a new array, sorted; ties are always by name (A to Z), whichever way the key goes. */
export function sortRows(rows: ClassRow[], by: ClassSortKey, direction: SortDirection): ClassRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  if (by === 'name') return [...rows].sort((a, b) => sign * byName(a, b));
  let primary: (a: ClassRow, b: ClassRow) => number;
  if (by === 'passed') primary = (a, b) => a.passed - b.passed || a.tried - b.tried;
  else {
    // Every row's cells are in the table's column order.
    const j = rows[0]?.cells.findIndex((c) => c.exerciseId === by.exercise) ?? -1;
    if (j < 0) return [...rows].sort(byName);
    // Least done first: not in their version, not started, tried (fewest presses first), passed.
    primary = (a, b) =>
      STATE_RANK[a.cells[j].state] - STATE_RANK[b.cells[j].state] || a.cells[j].attempts - b.cells[j].attempts;
  }
  return [...rows].sort((a, b) => sign * primary(a, b) || byName(a, b));
}

// --- CSV ----------------------------------------------------------------------------------------------------

/**
 * A field as RFC 4180 writes it, made safe for spreadsheets: text starting with = + - @ (or a tab or carriage
 * return) would be run as a formula, so it gets a leading apostrophe, which spreadsheets show as text.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A cell of the table in words: `passed`, `tried (3)`, `not started`, `not in revision 1`. */
export function cellWords(cell: ClassCell, revision: number): string {
  switch (cell.state) {
    case 'passed':
      return 'passed';
    case 'tried':
      return `tried (${cell.attempts})`;
    case 'not-started':
      return 'not started';
    case 'absent':
      return `not in revision ${revision}`;
  }
}

/** A column's heading: its title, and the revisions that have it when the newest does not. */
export function columnHeading(column: ClassColumn): string {
  if (!column.older) return column.title;
  const list = column.revisions.join(', ');
  return `${column.title} (only in revision${column.revisions.length === 1 ? '' : 's'} ${list})`;
}

/**
 * The table as CSV (RFC 4180, CRLF line ends): a header, a row per learner and device in the table's order, and
 * a last row with how many learners passed each exercise.
 */
export function classCsv(table: ClassTable): string {
  const lines: string[][] = [
    [
      'Learner',
      'Device',
      'Revision',
      'Edited or damaged',
      ...table.columns.map(columnHeading),
      'Passed',
      'Tried (not passed)',
    ],
  ];
  for (const row of table.rows) {
    lines.push([
      row.learner,
      row.deviceShort,
      String(row.revision),
      row.tampered ? 'yes' : 'no',
      ...row.cells.map((cell) => cellWords(cell, row.revision)),
      String(row.passed),
      String(row.tried),
    ]);
  }
  lines.push([
    `All learners (${table.totals.learners})`,
    '',
    '',
    String(table.totals.tampered),
    ...table.stats.map((s) => `${s.passed} of ${s.learners} passed`),
    String(table.totals.passed),
    String(table.totals.tried),
  ]);
  return lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}

// --- progress over time ---------------------------------------------------------------------------------------

function startOfDay(at: number): number {
  const d = new Date(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/**
 * For each local day from the first pass to the last, how many exercises had been passed by its end (each
 * learner's exercise once, at its first pass on any of their devices). A pass dated after its report was made is
 * counted when the report was made; passes more than a year before the last are counted on the first day shown.
 */
export function progressOverTime(reports: ReceivedReport[]): { day: number; passed: number }[] {
  const first = new Map<string, number>();
  for (const { report } of reports) {
    const who = learnerKey(report.learner);
    for (const e of report.exercises) {
      if (e.firstPassedAt === undefined || !Number.isFinite(e.firstPassedAt)) continue;
      const at = Math.min(e.firstPassedAt, report.createdAt);
      const key = `${who}\u0000${e.id}`;
      const old = first.get(key);
      if (old === undefined || at < old) first.set(key, at);
    }
  }
  if (first.size === 0) return [];
  const times = [...first.values()].sort((a, b) => a - b);
  const last = startOfDay(times.at(-1)!);
  let day = Math.max(startOfDay(times[0]), startOfDay(last - (MAX_DAYS - 1) * DAY_MS));
  const out: { day: number; passed: number }[] = [];
  let i = 0;
  while (day <= last) {
    // Built from the calendar date, not by adding 24 h: a day with a clock change is 23 or 25 hours long.
    const d = new Date(day);
    const next = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
    while (i < times.length && times[i] < next) i++;
    out.push({ day, passed: i });
    day = next;
  }
  return out;
}
