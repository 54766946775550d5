// What Teach mode's tests share: a store kept in memory, and a `check` that answers with the runner's events.
import type { PackDraft, TeacherClass } from '../../../model/classroom.ts';
import type { ProjectFile } from '../../../model/files.ts';
import type { Check, CheckOutcome, Pack } from '../../../model/lesson.ts';
import type { RunEvent } from '../../../runner/protocol.ts';
import type { TeachStore } from './authoring.ts';

export interface CheckCall {
  files: ProjectFile[];
  entry: string;
  zone: string;
}

export function memoryStore() {
  const drafts = new Map<string, PackDraft>();
  const revisions: Pack[] = [];
  const classes = new Map<string, TeacherClass>();
  const store: TeachStore = {
    async saveDraft(d) {
      drafts.set(d.id, structuredClone(d));
    },
    async getDraft(id) {
      const d = drafts.get(id);
      return d && structuredClone(d);
    },
    async listDrafts() {
      return [...drafts.values()].map((d) => structuredClone(d));
    },
    async deleteDraft(id) {
      drafts.delete(id);
    },
    async savePackRevision(pack) {
      revisions.push(structuredClone(pack));
    },
    async saveClass(c) {
      classes.set(c.id, structuredClone(c));
    },
    async listClasses() {
      return [...classes.values()];
    },
  };
  return { store, drafts, revisions, classes };
}

/**
 * A runner that "runs" a check by looking at the main file: an output check passes when the file prints its
 * expected text; every other check passes when the file defines a function. Calls are kept to look at.
 */
export function fakeCheck(calls: CheckCall[], gate?: Promise<void>) {
  return async function* (
    files: ProjectFile[],
    entry: string,
    checks: Check[],
    signal: AbortSignal,
    zone: 'own' | 'sandbox',
  ): AsyncIterable<RunEvent> {
    calls.push({ files, entry, zone });
    yield { type: 'started' };
    const main = String(files.find((f) => f.name === entry)?.content ?? '');
    const outcomes: CheckOutcome[] = [];
    for (const [index, check] of checks.entries()) {
      yield { type: 'check-start', index, timeoutMs: 5000 };
      if (gate) await gate;
      if (signal.aborted) {
        yield { type: 'done', status: 'restarted', restartReason: 'check-stopped', durationMs: 1 };
        return;
      }
      const passed = check.kind === 'output' ? main.includes(`print("${check.expect}")`) : main.includes('def ');
      const outcome: CheckOutcome = { index, kind: check.kind, title: `Check ${index + 1}`, passed, message: '' };
      outcomes.push(outcome);
      yield { type: 'check-outcome', outcome };
    }
    yield {
      type: 'done',
      status: 'ok',
      durationMs: 3,
      report: { outcomes, passed: outcomes.every((o) => o.passed), durationMs: 3 },
    };
  };
}
