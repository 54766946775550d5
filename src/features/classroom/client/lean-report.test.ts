import { describe, expect, it } from 'vitest';
import type { ReceivedReport, ReportExercise } from '../../../model/classroom.ts';
import { buildClassTable } from './class-table.ts';
import { hasCode, leanReport } from './lean-report.ts';

function exercise(id: string, fields: Partial<ReportExercise> = {}): ReportExercise {
  return {
    id,
    lessonId: 'l1',
    title: id,
    state: 'tried',
    attempts: 3,
    hintsShown: 1,
    activeMs: 0,
    checks: [],
    ...fields,
  };
}

function received(learner: string, exercises: ReportExercise[]): ReceivedReport {
  return {
    report: {
      format: 'pyplayground-report',
      version: 1,
      pack: { id: 'p', revision: 1, title: 'P' },
      class: { id: 'c', name: 'C' },
      learner,
      device: `d-${learner}`,
      createdAt: 1000,
      exercises,
    },
    checksum: `sha256:${learner}`,
    tampered: false,
    receivedAt: 2000,
    via: 'file',
  };
}

const presses = [
  { at: 1, passed: 0, total: 2, failed: ['Prints the sum'], errors: ['NameError'] },
  { at: 2, passed: 1, total: 2, failed: ['Handles zero'], errors: [] },
  { at: 3, passed: 1, total: 2, failed: ['Prints the sum'], errors: ['TypeError'] },
];

describe('lean reports (what the dashboard keeps in memory)', () => {
  const full = [
    received('Ada', [
      exercise('a', { checks: presses, files: [{ name: 'main.py', content: 'print(1)\n' }] }),
      exercise('b', { state: 'passed', attempts: 1, checks: [presses[1]], firstPassedAt: 5, lastPassedAt: 5 }),
    ]),
    received('Ben', [exercise('a', { checks: [presses[0]] }), exercise('b', { state: 'not-started', attempts: 0 })]),
  ];

  it('keep no code and one summary of the presses, and know which exercises had code', () => {
    const lean = leanReport(full[0]);
    expect(lean.report.exercises.map((e) => e.files)).toEqual([undefined, undefined]);
    expect(lean.report.exercises[0].checks).toEqual([
      { at: 3, passed: 1, total: 2, failed: ['Prints the sum', 'Handles zero'], errors: ['NameError', 'TypeError'] },
    ]);
    expect(hasCode(lean, 'a')).toBe(true);
    expect(hasCode(lean, 'b')).toBe(false);
    // The full report is left as it was, and a lean one is not made lean again (it would forget its code).
    expect(full[0].report.exercises[0].files).toHaveLength(1);
    expect(full[0].report.exercises[0].checks).toHaveLength(3);
    expect(leanReport(lean)).toBe(lean);
    expect(hasCode(full[0], 'a')).toBe(true);
  });

  it('give the same table, statistics and all, as the full reports', () => {
    const before = buildClassTable(full, []);
    const after = buildClassTable(full.map(leanReport), []);
    expect(after.stats).toEqual(before.stats);
    expect(after.rows.map((r) => r.cells)).toEqual(before.rows.map((r) => r.cells));
    expect(after.stats[0].failingCheck).toEqual({ title: 'Prints the sum', learners: 2 });
  });
});
