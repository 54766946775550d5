// The lessons controller: the packs on the device (the built-in course and the
// imported ones), the exercise open in the workbench, pressing Check, hints and
// the solution, and the learner's progress. It is handed what it needs (the
// store, the workspace, the runner's check, the history): components only
// render what it holds and call its methods.
import { createMemo, createSignal } from 'solid-js';
import { decodePackLink, packFragment, readPack, PACK_LINK_PREFIX, type PackResult } from '../../../formats/pack.ts';
import type { ProjectFile } from '../../../model/files.ts';
import type { PastRun } from '../../../model/history.ts';
import {
  BUILT_IN_PACK_ID,
  type Check,
  type CheckOutcome,
  type CheckReport,
  type Exercise,
  type LessonFile,
  type Pack,
} from '../../../model/lesson.ts';
import type { RunEvent } from '../../../runner/protocol.ts';
import type { RunnerZone } from '../../../runner/runner-client.ts';
import { exerciseState, type ActivityRun, type ExerciseProgress } from '../shared/progress.ts';
import { summariseProgress, type ProgressSummary } from './progress-summary.ts';
import { checkTitle } from '../shared/check-titles.ts';
import type { PackOutline } from './LessonsView.tsx';

/** Presses of Check before a solution may be shown, when the pack does not say. */
export const DEFAULT_SOLUTION_AFTER = 3;
/** Active time: the learner typed or clicked within this long, and the page is in front. */
const ACTIVE_WINDOW_MS = 60_000;
const TICK_MS = 5_000;
/** Days of activity in the Progress view's chart. */
const ACTIVITY_DAYS = 56;

/** What the controller keeps of packs and progress (the storage module, structurally). */
export interface LessonStore {
  savePack(pack: Pack, source: 'built-in' | 'file' | 'link'): Promise<void>;
  getPack(id: string): Promise<{ pack: Pack; source: 'built-in' | 'file' | 'link' } | undefined>;
  listPacks(): Promise<{ id: string; revision: number; source: 'built-in' | 'file' | 'link' }[]>;
  deletePack(id: string): Promise<void>;
  listProgress(packId?: string): Promise<ExerciseProgress[]>;
  updateProgress(
    packId: string,
    exerciseId: string,
    lessonId: string,
    change: (old: ExerciseProgress) => ExerciseProgress,
  ): Promise<ExerciseProgress>;
  findExerciseProject(packId: string, exerciseId: string): Promise<string | undefined>;
  recentActivity(since: number): Promise<{ runs: ActivityRun[] }>;
}

/** The workspace, as far as lessons use it. */
export interface LessonWorkspace {
  readonly state: {
    readonly projectId?: string;
    readonly exercise?: { packId: string; exerciseId: string };
    readonly main: string;
    readonly foreign: boolean;
  };
  snapshot(): ProjectFile[];
  flush(): Promise<void>;
  openProject(id: string): Promise<void>;
  createAndOpen(
    name: string,
    files: { path: string; content: string }[],
    main: string,
    origin: 'lesson',
    foreign: boolean,
    exercise: { packId: string; exerciseId: string },
  ): Promise<string | undefined>;
  content(path: string): unknown;
  setContent(path: string, content: string): void;
  replaceContent(path: string, content: string): void;
  addFile(path: string, content: string, open?: boolean): Promise<string | undefined>;
  setActive(path: string): void;
}

export interface LessonHost {
  store: LessonStore | undefined;
  workspace: LessonWorkspace;
  check(
    files: ProjectFile[],
    entry: string,
    checks: Check[],
    signal: AbortSignal,
    zone: RunnerZone,
  ): AsyncIterable<RunEvent>;
  zoneFor(foreign: boolean): RunnerZone;
  /** Keeps the code (and a line of output) in the project's History. */
  record(run: PastRun): Promise<void>;
  /** Puts code into the editor at the cursor (false when no text file is shown). */
  insertCode(code: string): boolean;
  /** A file's text changed outside the editor: the editor shows it. */
  showContent(path: string, content: string): void;
  notify(text: string, kind?: 'info' | 'error'): void;
  /** A pack's progress changed (saved): class sync sends the learner's report again. */
  progressChanged?(packId: string): void;
  /** Asks the learner (a yes/no question); true to go ahead. */
  confirm(question: string): boolean;
}

/** The exercise open in the workbench, with where it is. */
export interface OpenExercise {
  pack: Pack;
  lessonIndex: number;
  exerciseIndex: number;
  exercise: Exercise;
  /** Its place among all the pack's exercises (0-based) and their number. */
  position: { index: number; total: number };
  foreign: boolean;
}

type PackSource = 'built-in' | 'file' | 'link';

/** The built-in course, loaded after the page's first paint (its own chunk, precached for offline use). */
async function builtInCourse(): Promise<Pack> {
  const course = (await import('../course/beginners.json')).default;
  const read = readPackValue(course);
  if (!read.ok) throw new Error(`the built-in course is not a valid pack: ${read.error}`);
  return read.pack;
}

function readPackValue(value: unknown): PackResult {
  return readPack(new TextEncoder().encode(JSON.stringify(value)));
}

/** Every exercise of a pack in order, with its lesson. */
function flatten(pack: Pack): { lessonIndex: number; exerciseIndex: number; exercise: Exercise }[] {
  return pack.lessons.flatMap((lesson, lessonIndex) =>
    lesson.exercises.map((exercise, exerciseIndex) => ({ lessonIndex, exerciseIndex, exercise })),
  );
}

/** A report for checks that did not all come back (Python was restarted): the rest did not run. */
export function reportFromParts(
  checks: Check[],
  outcomes: Map<number, CheckOutcome>,
  runningIndex: number,
  titleOf: (check: Check) => string,
  durationMs: number,
): CheckReport {
  const all = checks.map(
    (check, index): CheckOutcome =>
      outcomes.get(index) ??
      (index === runningIndex
        ? {
            index,
            kind: check.kind,
            title: titleOf(check),
            passed: false,
            timedOut: true,
            message: 'Your code did not stop when asked, so Python was restarted. Is there a loop that never ends?',
          }
        : {
            index,
            kind: check.kind,
            title: titleOf(check),
            passed: false,
            message: 'Not checked: Python had to restart before this check could run. Press Check again.',
          }),
  );
  return { outcomes: all, passed: all.every((o) => o.passed), durationMs };
}

export function createLessons(host: LessonHost) {
  const { store, workspace } = host;
  const packs = new Map<string, { pack: Pack; source: PackSource }>();
  const [packList, setPackList] = createSignal<{ pack: Pack; source: PackSource }[]>([]);
  const [progress, setProgress] = createSignal(new Map<string, ExerciseProgress>());
  const [loading, setLoading] = createSignal(true);
  const [checking, setChecking] = createSignal(false);
  const [reports, setReports] = createSignal(new Map<string, CheckReport>());
  const [solutionShown, setSolutionShown] = createSignal<string | undefined>();
  const [summary, setSummary] = createSignal<ProgressSummary | undefined>();
  let checkAbort: AbortController | undefined;

  const key = (packId: string, exerciseId: string) => `${packId}\u0000${exerciseId}`;

  const current = createMemo((): OpenExercise | undefined => {
    packList(); // re-read when packs change
    const at = workspace.state.exercise;
    if (!at) return undefined;
    const entry = packs.get(at.packId);
    if (!entry) return undefined;
    const all = flatten(entry.pack);
    const index = all.findIndex((e) => e.exercise.id === at.exerciseId);
    if (index < 0) return undefined;
    return {
      pack: entry.pack,
      ...all[index],
      position: { index, total: all.length },
      foreign: entry.source !== 'built-in',
    };
  });

  const currentProgress = (): ExerciseProgress | undefined => {
    const open = current();
    return open && progress().get(key(open.pack.id, open.exercise.id));
  };

  function setOneProgress(record: ExerciseProgress): void {
    setProgress((old) => new Map(old).set(key(record.packId, record.exerciseId), record));
    host.progressChanged?.(record.packId);
  }

  async function loadAll(): Promise<void> {
    const builtIn = await builtInCourse();
    packs.set(builtIn.id, { pack: builtIn, source: 'built-in' });
    if (store) {
      try {
        const saved = await store.listPacks();
        const stale = saved.find((p) => p.id === BUILT_IN_PACK_ID)?.revision !== builtIn.revision;
        if (stale) await store.savePack(builtIn, 'built-in');
        for (const entry of saved) {
          if (entry.id === BUILT_IN_PACK_ID) continue;
          const got = await store.getPack(entry.id);
          if (got) packs.set(entry.id, { pack: got.pack, source: got.source });
        }
        const records = await store.listProgress();
        setProgress(new Map(records.map((r) => [key(r.packId, r.exerciseId), r])));
      } catch (error) {
        host.notify(`Your lessons could not be read from this device: ${(error as Error)?.message ?? error}`, 'error');
      }
    }
    setPackList([...packs.values()]);
    setLoading(false);
  }

  const outlines = createMemo((): PackOutline[] =>
    packList().map(({ pack, source }) => ({
      id: pack.id,
      title: pack.title,
      author: pack.author,
      builtIn: source === 'built-in',
      description: pack.description,
      lessons: pack.lessons.map((lesson) => ({
        id: lesson.id,
        title: lesson.title,
        exercises: lesson.exercises.map((exercise) => {
          const p = progress().get(key(pack.id, exercise.id));
          return { id: exercise.id, title: exercise.title, state: exerciseState(p), attempts: p?.attempts ?? 0 };
        }),
      })),
    })),
  );

  /** Opens an exercise: the learner's project for it, made from the starter files the first time. */
  async function open(packId: string, exerciseId: string): Promise<boolean> {
    const entry = packs.get(packId);
    const found = entry && flatten(entry.pack).find((e) => e.exercise.id === exerciseId);
    if (!entry || !found) {
      host.notify('This exercise is not on this device any more.', 'error');
      return false;
    }
    await saveActiveTime();
    const { exercise, lessonIndex } = found;
    const target = { packId, exerciseId };
    const foreign = entry.source !== 'built-in';
    const existing = store ? await store.findExerciseProject(packId, exerciseId) : undefined;
    if (existing) await workspace.openProject(existing);
    else {
      const files = exercise.files.map((f) => ({ path: f.name, content: f.content }));
      await workspace.createAndOpen(exercise.title, files, exercise.main, 'lesson', foreign, target);
    }
    setSolutionShown(undefined);
    const lessonId = entry.pack.lessons[lessonIndex].id;
    if (store) {
      try {
        const now = Date.now();
        const record = await store.updateProgress(packId, exerciseId, lessonId, (old) => ({
          ...old,
          projectId: workspace.state.projectId ?? old.projectId,
          lastOpenedAt: now,
        }));
        setOneProgress(record);
      } catch {
        // Progress is a convenience next to the code itself, which is saved.
      }
    }
    return true;
  }

  async function changeProgress(change: (old: ExerciseProgress) => ExerciseProgress): Promise<void> {
    const open = current();
    if (!open) return;
    const lessonId = open.pack.lessons[open.lessonIndex].id;
    if (!store) {
      const now = Date.now();
      const old = currentProgress() ?? {
        packId: open.pack.id,
        exerciseId: open.exercise.id,
        lessonId,
        attempts: 0,
        checks: [],
        hintsShown: 0,
        activeMs: 0,
        firstOpenedAt: now,
        lastOpenedAt: now,
      };
      setOneProgress(change(old));
      return;
    }
    try {
      setOneProgress(await store.updateProgress(open.pack.id, open.exercise.id, lessonId, change));
    } catch (error) {
      host.notify(`Your progress could not be saved: ${(error as Error)?.message ?? error}`, 'error');
    }
  }

  // --- active time -----------------------------------------------------------
  let lastActivity = 0;
  let pendingMs = 0;
  const touched = () => (lastActivity = performance.now());
  function tick(): void {
    if (!current() || document.visibilityState !== 'visible') return;
    if (performance.now() - lastActivity < ACTIVE_WINDOW_MS) pendingMs += TICK_MS;
    if (pendingMs >= 30_000) void saveActiveTime();
  }
  async function saveActiveTime(): Promise<void> {
    if (pendingMs === 0 || !current()) return;
    const ms = pendingMs;
    pendingMs = 0;
    await changeProgress((old) => ({ ...old, activeMs: old.activeMs + ms }));
  }

  /** Starts listening (activity, `#pack=` links); returns how to stop. */
  function listen(): () => void {
    const events = ['keydown', 'pointerdown'] as const;
    for (const name of events) document.addEventListener(name, touched, { capture: true, passive: true });
    const timer = setInterval(tick, TICK_MS);
    const onHash = () => void openFromAddress();
    const onHide = () => void saveActiveTime();
    window.addEventListener('hashchange', onHash);
    window.addEventListener('pagehide', onHide);
    // eslint-disable-next-line solid/reactivity -- a cleanup, called once: it reads no signal
    return () => {
      for (const name of events) document.removeEventListener(name, touched, { capture: true });
      clearInterval(timer);
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('pagehide', onHide);
    };
  }

  // --- packs -----------------------------------------------------------------

  /** Keeps a pack and opens its first exercise; false when it could not be kept. */
  async function addPack(pack: Pack, source: PackSource): Promise<boolean> {
    if (pack.id === BUILT_IN_PACK_ID) {
      host.notify('This pack has the id of the built-in course, so it cannot be opened. Nothing was changed.', 'error');
      return false;
    }
    const before = packs.get(pack.id);
    if (store) {
      try {
        await store.savePack(pack, source);
      } catch (error) {
        host.notify(
          `The lesson pack could not be saved on this device: ${(error as Error)?.message ?? error}. Nothing was changed.`,
          'error',
        );
        return false;
      }
    }
    packs.set(pack.id, { pack, source });
    setPackList([...packs.values()]);
    const first = pack.lessons[0].exercises[0];
    host.notify(
      before
        ? `“${pack.title}” was updated. Your work and progress in it are kept.`
        : `“${pack.title}” was added to your lessons.`,
    );
    await open(pack.id, first.id);
    return true;
  }

  /**
   * Reads lesson pack files the learner chose (or dropped); each is checked before anything changes. True
   * when one was opened (its first exercise is in the workbench).
   */
  async function openPackFiles(files: File[]): Promise<boolean> {
    let opened = false;
    for (const file of files) {
      if (file.size > 20_000_000) {
        host.notify(`${file.name} cannot be opened: it is larger than 20 MB. Nothing was changed.`, 'error');
        continue;
      }
      const read = readPack(new Uint8Array(await file.arrayBuffer()));
      if (!read.ok) host.notify(`${file.name}: ${read.error} Nothing was changed.`, 'error');
      else opened = (await addPack(read.pack, 'file')) || opened;
    }
    return opened;
  }

  /** Opens a `#pack=` link in the address, once the app has started. */
  async function openFromAddress(): Promise<void> {
    const encoded = packFragment(location.hash);
    if (encoded === undefined) return;
    // The pack is in the app now (or refused): the address goes back to the app's own.
    history.replaceState(null, '', location.pathname + location.search);
    const read = decodePackLink(encoded);
    if (!read.ok) host.notify(`${read.error} Nothing was changed.`, 'error');
    else await addPack(read.pack, 'link');
  }

  async function removePack(packId: string): Promise<void> {
    const entry = packs.get(packId);
    if (!entry || entry.source === 'built-in') return;
    const ok = host.confirm(
      `Remove “${entry.pack.title}” from your lessons? Your code for its exercises stays in your projects.`,
    );
    if (!ok) return;
    await store?.deletePack(packId);
    packs.delete(packId);
    setPackList([...packs.values()]);
  }

  // --- checks ----------------------------------------------------------------

  async function check(): Promise<void> {
    const open = current();
    if (!open || checking()) return;
    const { exercise, pack } = open;
    const files = workspace.snapshot();
    checkAbort = new AbortController();
    setChecking(true);
    const outcomes = new Map<number, CheckOutcome>();
    let running = -1;
    let done: Extract<RunEvent, { type: 'done' }> | undefined;
    try {
      const zone = host.zoneFor(workspace.state.foreign || open.foreign);
      for await (const event of host.check(files, exercise.main, exercise.checks, checkAbort.signal, zone)) {
        if (event.type === 'check-start') running = event.index;
        else if (event.type === 'check-outcome') outcomes.set(event.outcome.index, event.outcome);
        else if (event.type === 'done') done = event;
      }
    } finally {
      checkAbort = undefined;
    }
    if (!done || (done.status === 'restarted' && done.restartReason === 'check-stopped')) {
      setChecking(false);
      host.notify('Checking stopped.');
      return;
    }
    let report = done.report;
    if (!report) {
      if (done.error?.type === 'PackageUnavailable' || done.status === 'error') {
        report = {
          outcomes: exercise.checks.map((c, index) => ({
            index,
            kind: c.kind,
            title: checkTitle(c),
            passed: false,
            message: done?.error?.message || 'The checks could not run.',
          })),
          passed: false,
          durationMs: done.durationMs,
        };
      } else report = reportFromParts(exercise.checks, outcomes, running, checkTitle, done.durationMs);
    }
    setReports((old) => new Map(old).set(key(pack.id, exercise.id), report));
    setChecking(false);
    const failed = report.outcomes.filter((o) => !o.passed);
    // Marked once the results are on screen: Solid has updated the page by now.
    performance.mark('check-end', {
      detail: { passed: report.passed, total: report.outcomes.length, failed: failed.length, exercise: exercise.id },
    });
    const at = Date.now();
    const errors = [...new Set(report.outcomes.flatMap((o) => (o.errorType ? [o.errorType] : [])))];
    await changeProgress((old) => ({
      ...old,
      attempts: old.attempts + 1,
      checks: [
        ...old.checks,
        {
          at,
          passed: report.outcomes.length - failed.length,
          total: report.outcomes.length,
          failed: failed.map((o) => o.title),
          errors,
        },
      ],
      ...(report.passed ? { firstPassedAt: old.firstPassedAt ?? at, lastPassedAt: at } : {}),
    }));
  }

  /** Stops the checks; false when none ran. */
  function stopCheck(): boolean {
    if (!checkAbort) return false;
    checkAbort.abort();
    return true;
  }

  // --- hints, solution, reset ---------------------------------------------------

  const hintsShown = () => currentProgress()?.hintsShown ?? 0;

  async function showHint(): Promise<void> {
    const open = current();
    if (!open || hintsShown() >= open.exercise.hints.length) return;
    await changeProgress((old) => ({ ...old, hintsShown: Math.min(old.hintsShown + 1, open.exercise.hints.length) }));
  }

  /** Check presses left before the solution opens (0: open now), or never. */
  const triesUntilSolution = (): number | 'never' => {
    const open = current();
    if (!open?.exercise.solution?.length) return 'never';
    const after = open.exercise.solutionAfter ?? DEFAULT_SOLUTION_AFTER;
    if (after === 'never') return 'never';
    const p = currentProgress();
    if (p?.firstPassedAt) return 0;
    return Math.max(0, after - (p?.attempts ?? 0));
  };

  async function showSolution(): Promise<void> {
    const open = current();
    if (!open || triesUntilSolution() !== 0) return;
    setSolutionShown(key(open.pack.id, open.exercise.id));
    await changeProgress((old) => ({ ...old, solutionViewedAt: old.solutionViewedAt ?? Date.now() }));
  }

  /** Keeps the code as it is now in History, before it is replaced. */
  async function keepInHistory(why: string): Promise<void> {
    const files = workspace.snapshot();
    await host.record({
      entry: workspace.state.main,
      startedAt: Date.now(),
      durationMs: 0,
      status: 'ok',
      files: files.map((f) => ({ path: f.name, content: f.content })),
      items: [{ kind: 'text', stream: 'system', text: `${why}\n` }],
      omittedChars: 0,
    });
  }

  async function putFiles(files: LessonFile[]): Promise<void> {
    for (const file of files) {
      if (workspace.content(file.name) === undefined) await workspace.addFile(file.name, file.content, false);
      else {
        workspace.setContent(file.name, file.content);
        host.showContent(file.name, file.content);
      }
    }
    await workspace.flush();
  }

  async function resetToStarter(): Promise<void> {
    const open = current();
    if (!open) return;
    const ok = host.confirm(
      'Put the starter code back? Your code now is kept in History (open History to get it back).',
    );
    if (!ok) return;
    await workspace.flush();
    await keepInHistory('Your code before “Reset to starter”.');
    await putFiles(open.exercise.files);
    workspace.setActive(open.exercise.main);
    host.notify('The starter code is back. Your code before the reset is in History.');
  }

  async function useSolution(): Promise<void> {
    const open = current();
    if (!open?.exercise.solution || triesUntilSolution() !== 0) return;
    const ok = host.confirm('Replace your code with the solution? Your code now is kept in History.');
    if (!ok) return;
    await workspace.flush();
    await keepInHistory('Your code before “Use the solution”.');
    await putFiles(open.exercise.solution);
    workspace.setActive(open.exercise.main);
  }

  function neighbour(step: 1 | -1): { packId: string; exerciseId: string } | undefined {
    const open = current();
    if (!open) return undefined;
    const next = flatten(open.pack)[open.position.index + step];
    return next && { packId: open.pack.id, exerciseId: next.exercise.id };
  }

  async function refreshSummary(): Promise<void> {
    const now = Date.now();
    let runs: ActivityRun[] = [];
    if (store) {
      try {
        runs = (await store.recentActivity(now - ACTIVITY_DAYS * 86_400_000)).runs;
      } catch {
        // The chart shows what there is.
      }
    }
    setSummary(
      summariseProgress({
        packs: packList().map((p) => p.pack),
        progress: [...progress().values()],
        runs,
        now,
        days: ACTIVITY_DAYS,
      }),
    );
  }

  return {
    loading,
    outlines,
    current,
    currentProgress,
    checking,
    report: (): CheckReport | undefined => {
      const open = current();
      return open && reports().get(key(open.pack.id, open.exercise.id));
    },
    hintsShown,
    triesUntilSolution,
    solutionShown: () => {
      const open = current();
      return open !== undefined && solutionShown() === key(open.pack.id, open.exercise.id);
    },
    summary,
    loadAll,
    listen,
    open,
    openPackFiles,
    openFromAddress,
    removePack,
    check,
    stopCheck,
    showHint,
    showSolution,
    useSolution,
    resetToStarter,
    copyToEditor: (code: string) => {
      if (!host.insertCode(code)) host.notify('Open a code file first, then copy the example into it.');
    },
    previous: () => neighbour(-1),
    next: () => neighbour(1),
    refreshSummary,
    saveActiveTime,
    /** The link prefix of pack links (for the README's contract and tests). */
    linkPrefix: PACK_LINK_PREFIX,
  };
}

export type Lessons = ReturnType<typeof createLessons>;
