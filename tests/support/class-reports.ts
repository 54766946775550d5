// A class's hand-ins for the bench and the end-to-end tests: `.pyreport` files made in Node with the app's own
// encoder, as learners' devices make them, so the dashboard reads, checks and keeps exactly what it would in a
// classroom. The same arguments always give the same files (a seeded generator), so runs compare like with like.
import { encodeReport } from '../../src/formats/report.ts';
import type { Report, ReportCheck, ReportExercise } from '../../src/model/classroom.ts';

export interface ClassReportsOptions {
  classId: string;
  className: string;
  packId: string;
  learners: number;
  exercises: number;
  /** Changes every name, device and answer: two rounds never hand in the same reports. */
  seed: number;
}

export interface ReportFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** mulberry32: small, fast, and the same numbers in every Node. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Guido'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen'];
const FAILED = ['Returns the sum', 'Prints the total', 'Handles an empty list', 'Uses a loop'];
const ERRORS = ['NameError', 'TypeError', 'IndentationError', 'SyntaxError', 'ZeroDivisionError'];
const DAY_MS = 86_400_000;
/** A school term's start: every time in the reports is after it. */
const TERM = Date.UTC(2026, 8, 1, 8);

/** A learner's final code for an exercise: a few lines that differ from learner to learner, as real code does. */
function answer(exercise: number, rand: () => number): string {
  const name = ['total', 'result', 'acc', 'sum_so_far'][Math.floor(rand() * 4)];
  const lines = [
    `# Exercise ${exercise + 1}`,
    `def solve(values):`,
    `    ${name} = 0`,
    `    for v in values:`,
    `        ${name} = ${name} + v * ${1 + Math.floor(rand() * 9)}`,
    `    return ${name}`,
    '',
    `print(solve([${Array.from({ length: 3 + Math.floor(rand() * 5) }, () => Math.floor(rand() * 100)).join(', ')}]))`,
  ];
  return lines.join('\n') + '\n';
}

function exerciseOf(i: number, rand: () => number, start: number): ReportExercise {
  const id = `ex-${i}`;
  const base = { id, lessonId: `lesson-${Math.floor(i / 10)}`, title: `Exercise ${i + 1}` };
  const roll = rand();
  if (roll < 0.15) return { ...base, state: 'not-started', attempts: 0, hintsShown: 0, activeMs: 0, checks: [] };
  const passed = roll >= 0.4;
  const attempts = 1 + Math.floor(rand() * 6);
  const opened = start + i * 3_600_000 + Math.floor(rand() * 3_600_000);
  const checks: ReportCheck[] = Array.from({ length: attempts }, (_, k) => {
    const last = k === attempts - 1;
    const ok = passed && last;
    return {
      at: opened + (k + 1) * 60_000,
      passed: ok ? 4 : Math.floor(rand() * 4),
      total: 4,
      failed: ok ? [] : [FAILED[Math.floor(rand() * FAILED.length)]],
      errors: ok || rand() < 0.5 ? [] : [ERRORS[Math.floor(rand() * ERRORS.length)]],
    };
  });
  const lastCheck = checks.at(-1)!.at;
  return {
    ...base,
    state: passed ? 'passed' : 'tried',
    attempts,
    hintsShown: Math.floor(rand() * 3),
    activeMs: attempts * 60_000 + Math.floor(rand() * 120_000),
    firstOpenedAt: opened,
    lastOpenedAt: lastCheck,
    ...(passed ? { firstPassedAt: lastCheck, lastPassedAt: lastCheck } : {}),
    ...(rand() < 0.1 ? { solutionViewedAt: lastCheck - 30_000 } : {}),
    checks,
    files: [{ name: 'main.py', content: answer(i, rand) }],
  };
}

/** One `.pyreport` per learner, each listing every exercise of the pack (with the learner's code). */
export async function classReports(o: ClassReportsOptions): Promise<ReportFile[]> {
  const rand = random(o.seed);
  const files: ReportFile[] = [];
  for (let l = 0; l < o.learners; l++) {
    const learner = `${FIRST[l % FIRST.length]} ${LAST[Math.floor(l / FIRST.length) % LAST.length]} ${l + 1}`;
    const start = TERM + Math.floor(rand() * 14) * DAY_MS;
    const exercises = Array.from({ length: o.exercises }, (_, i) => exerciseOf(i, rand, start));
    const report: Report = {
      format: 'pyplayground-report',
      version: 1,
      pack: { id: o.packId, revision: 1, title: `Bench pack ${o.packId}` },
      class: { id: o.classId, name: o.className },
      learner,
      device: `bench-${o.seed}-${l}-${Math.floor(rand() * 1e9).toString(36)}`,
      createdAt: start + o.exercises * 3_600_000 + DAY_MS,
      exercises,
    };
    files.push({
      name: `${learner} - ${report.pack.title}.pyreport`,
      mimeType: 'application/zip',
      buffer: Buffer.from(await encodeReport(report)),
    });
  }
  return files;
}
