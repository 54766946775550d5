// What the dashboard keeps in memory of each report: what the table, statistics and charts read, without the
// learner's code or the history of their presses of Check. At 1,000 learners those were two thirds of an 87 MB
// heap, and collecting that heap while the table scrolled cost frames (bench). The code is read from storage when
// a cell is opened.
import type { ReceivedReport, ReportCheck, ReportExercise } from '../../../model/classroom.ts';

/** The exercises of a lean report whose full report has code for them. */
const withCode = new WeakMap<ReceivedReport, ReadonlySet<string>>();

/**
 * The checks of an exercise as the statistics read them: every check title that failed and every error type met,
 * on any press (one entry holding them all, dated at the last press).
 */
function summarised(checks: ReportCheck[]): ReportCheck[] {
  if (checks.length <= 1) return checks;
  const failed = new Set<string>();
  const errors = new Set<string>();
  for (const check of checks) {
    for (const t of check.failed) failed.add(t);
    for (const t of check.errors) errors.add(t);
  }
  const last = checks[checks.length - 1];
  return [{ at: last.at, passed: last.passed, total: last.total, failed: [...failed], errors: [...errors] }];
}

/** A report as the dashboard keeps it in memory (the same object again if it is lean already). */
export function leanReport(received: ReceivedReport): ReceivedReport {
  if (withCode.has(received)) return received;
  const code = new Set<string>();
  const exercises = received.report.exercises.map((e): ReportExercise => {
    const { files, checks, ...rest } = e;
    if (files?.length) code.add(e.id);
    return { ...rest, checks: summarised(checks) };
  });
  const lean: ReceivedReport = { ...received, report: { ...received.report, exercises } };
  withCode.set(lean, code);
  return lean;
}

/** Whether the full report behind a lean one has the learner's code for an exercise. */
export function hasCode(received: ReceivedReport, exerciseId: string): boolean {
  const code = withCode.get(received);
  return code ? code.has(exerciseId) : !!received.report.exercises.find((e) => e.id === exerciseId)?.files?.length;
}
