// Teach mode's controller: the teacher's drafts of lesson packs, the one being edited (saved as they type),
// running its checks on the solution and on the starter code, the class it is handed to, and exporting it as a
// file, a link and a QR code. It is handed the store and the runner's check; components render what it holds
// and call its methods.
import { batch, createSignal } from 'solid-js';
import {
  encodePack,
  encodePackLink,
  packFromJson,
  readPack,
  PACK_LIMITS,
  PACK_LINK_PREFIX,
} from '../../../formats/pack.ts';
import type { ClassInfo, PackDraft, TeacherClass } from '../../../model/classroom.ts';
import type { ProjectFile } from '../../../model/files.ts';
import {
  BUILT_IN_PACK_ID,
  type Check,
  type CheckKind,
  type CheckOutcome,
  type CheckReport,
  type Exercise,
  type Lesson,
  type LessonFile,
  type Pack,
} from '../../../model/lesson.ts';
import type { RunEvent } from '../../../runner/protocol.ts';
import type { RunnerZone } from '../../../runner/runner-client.ts';
import { qrFits } from '../../classroom/client/qr.ts';
import { reportFromParts } from '../../lessons/client/lessons.ts';
import { checkTitle } from '../../lessons/shared/check-titles.ts';
import {
  allExerciseIds,
  allLessonIds,
  blankCheck,
  blankExercise,
  blankLesson,
  blankPack,
  cleanPack,
  findProblems,
  freshId,
  makeSecret,
  newPackId,
  overlayFiles,
  randomLetters,
  slug,
  verdict,
  type Problem,
  type RunTarget,
  type RunVerdict,
} from './pack-edit.ts';

/** Quiet time after the last change before the draft is saved. */
export const AUTOSAVE_MS = 600;
/** Largest pack file Teach mode opens to edit (the pack format's own limit). */
const MAX_IMPORT_BYTES = PACK_LIMITS.maxFileBytes;

/** What Teach mode keeps on the device (the storage module, structurally). */
export interface TeachStore {
  saveDraft(draft: PackDraft): Promise<void>;
  getDraft(id: string): Promise<PackDraft | undefined>;
  listDrafts(): Promise<PackDraft[]>;
  deleteDraft(id: string): Promise<void>;
  /** Keeps an exported pack as it was handed out: the dashboard reads learners' reports against it. */
  savePackRevision(pack: Pack): Promise<void>;
  saveClass(c: TeacherClass): Promise<void>;
  listClasses(): Promise<TeacherClass[]>;
}

export interface TeachHost {
  store: TeachStore;
  check(
    files: ProjectFile[],
    entry: string,
    checks: Check[],
    signal: AbortSignal,
    zone: RunnerZone,
  ): AsyncIterable<RunEvent>;
  zoneFor(foreign: boolean): RunnerZone;
  /** Offers bytes (or text) as a file to save. */
  download(name: string, data: Uint8Array | string, type?: string): void;
  notify(text: string, kind?: 'info' | 'error'): void;
  /** Asks the teacher a yes/no question; true to go ahead. */
  confirm(question: string): boolean;
  /** The app's address without its hash: pack links are this plus `#pack=…`. */
  origin: string;
}

/** A run of an exercise's checks on its solution or its starter code. */
export interface CheckRun {
  target: RunTarget;
  report: CheckReport;
  verdict: RunVerdict;
  /** The exercise's checks as they were run (for the results' titles and comparisons). */
  checks: Check[];
  /** The exercise changed after this run: the results may no longer hold. */
  stale: boolean;
}

/** What Export made: the pack as handed out, and the ways to hand it out. */
export interface ExportResult {
  ok: true;
  pack: Pack;
  fileName: string;
  bytes: Uint8Array;
  /** The `#pack=` link, when the pack is small enough for one (1 MB of JSON). */
  link?: string;
  /** The link fits in one QR code. */
  qr: boolean;
}

/** Export refused: the pack does not validate. */
export interface ExportRefused {
  ok: false;
  problems: Problem[];
}

export type ExportOutcome = ExportResult | ExportRefused;

export type SaveState = 'saved' | 'saving' | 'unsaved' | 'failed';

/** The parts of an exercise that are lists of files. */
export type FileList = 'files' | 'solution';

const errorText = (error: unknown) => (error as Error)?.message ?? String(error);

/** Where an exercise is in a pack. */
function locate(pack: Pack, exerciseId: string): { li: number; ei: number; exercise: Exercise } | undefined {
  for (const [li, lesson] of pack.lessons.entries()) {
    const ei = lesson.exercises.findIndex((e) => e.id === exerciseId);
    if (ei >= 0) return { li, ei, exercise: lesson.exercises[ei] };
  }
  return undefined;
}

function mapLesson(pack: Pack, lessonId: string, change: (lesson: Lesson) => Lesson): Pack {
  return { ...pack, lessons: pack.lessons.map((l) => (l.id === lessonId ? change(l) : l)) };
}

function mapExercise(pack: Pack, exerciseId: string, change: (exercise: Exercise) => Exercise): Pack {
  return {
    ...pack,
    lessons: pack.lessons.map((lesson) =>
      lesson.exercises.some((e) => e.id === exerciseId)
        ? { ...lesson, exercises: lesson.exercises.map((e) => (e.id === exerciseId ? change(e) : e)) }
        : lesson,
    ),
  };
}

/** A copy of `list` with item `index` moved by `delta` places (unchanged when that leaves the list). */
function moved<T>(list: T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item);
  return copy;
}

/** A file name not yet in `files`: `name.py`, `name2.py`, … */
function freeName(files: LessonFile[], base = 'helper', ext = '.py'): string {
  const names = new Set(files.map((f) => f.name));
  for (let n = 1; ; n++) {
    const name = `${base}${n === 1 ? '' : n}${ext}`;
    if (!names.has(name)) return name;
  }
}

/** The class fields a pack carries (never the device's bookkeeping). */
function classInfo(c: TeacherClass): ClassInfo {
  const info: ClassInfo = { id: c.id, name: c.name, secret: c.secret };
  if (c.learners?.length) info.learners = [...c.learners];
  if (c.pickName) info.pickName = true;
  return info;
}

/** The id a never-exported pack has for this title: the slug, then the same random letters as before. */
function packIdFor(title: string, oldId: string): string {
  const letters = /-([a-z]{6})$/.exec(oldId)?.[1] ?? randomLetters(6);
  return `${slug(title) || 'pack'}-${letters}`;
}

const byNewest = (a: { updatedAt: number }, b: { updatedAt: number }) => b.updatedAt - a.updatedAt;

export function createAuthoring(host: TeachHost) {
  const { store } = host;
  const [drafts, setDrafts] = createSignal<PackDraft[]>([]);
  const [classes, setClasses] = createSignal<TeacherClass[]>([]);
  const [current, setCurrent] = createSignal<PackDraft | undefined>();
  const [saveState, setSaveState] = createSignal<SaveState>('saved');
  const [runs, setRuns] = createSignal(new Map<string, { solution?: StoredRun; starter?: StoredRun }>());
  const [running, setRunning] = createSignal<{ exerciseId: string; target: RunTarget } | undefined>();
  const [exported, setExported] = createSignal<ExportOutcome | undefined>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  /** Saves in the order they were asked for, so an older draft never overwrites a newer one. */
  let saving: Promise<void> = Promise.resolve();
  let checkAbort: AbortController | undefined;

  interface StoredRun {
    target: RunTarget;
    report: CheckReport;
    verdict: RunVerdict;
    checks: Check[];
    /** The exercise as it was run, to tell when it has changed since. */
    snapshot: string;
  }

  // Remembered per pack object (every change makes a new one): the editor reads this from many places. A plain
  // cache rather than a memo, so it also holds where Solid runs without reactivity (unit tests, Node).
  let checked: { pack: Pack | undefined; problems: Problem[] } = { pack: undefined, problems: [] };
  function problems(): Problem[] {
    const pack = current()?.pack;
    if (pack !== checked.pack) checked = { pack, problems: pack ? findProblems(pack) : [] };
    return checked.problems;
  }

  // --- the drafts list -----------------------------------------------------------

  async function load(): Promise<void> {
    try {
      const [list, known] = await Promise.all([store.listDrafts(), store.listClasses()]);
      batch(() => {
        setDrafts([...list].sort(byNewest));
        setClasses([...known].sort((a, b) => a.name.localeCompare(b.name)));
      });
    } catch (error) {
      host.notify(`Your lesson packs could not be read from this device: ${errorText(error)}`, 'error');
    }
  }

  function keepInList(draft: PackDraft): void {
    setDrafts((list) => [draft, ...list.filter((d) => d.id !== draft.id)].sort(byNewest));
  }

  async function write(draft: PackDraft): Promise<boolean> {
    const done = saving.then(() => store.saveDraft(draft));
    saving = done.catch(() => {});
    try {
      await done;
      keepInList(draft);
      return true;
    } catch (error) {
      setSaveState('failed');
      host.notify(`Your pack could not be saved on this device: ${errorText(error)}`, 'error');
      return false;
    }
  }

  /** Saves the draft now if it changed (before leaving it, closing the page, exporting). */
  async function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    const draft = current();
    if (!dirty || !draft) return;
    dirty = false;
    setSaveState('saving');
    if ((await write(draft)) && !dirty) setSaveState('saved');
  }

  async function start(draft: PackDraft): Promise<void> {
    await flush();
    checkAbort?.abort();
    batch(() => {
      setCurrent(draft);
      setRuns(new Map());
      setExported(undefined);
      setSaveState('saved');
    });
  }

  async function newPack(): Promise<void> {
    const draft: PackDraft = { id: '', pack: blankPack(), updatedAt: Date.now() };
    draft.id = draft.pack.id;
    if (await write(draft)) await start(draft);
  }

  async function open(id: string): Promise<void> {
    if (current()?.id === id) return;
    let draft: PackDraft | undefined;
    try {
      draft = await store.getDraft(id);
    } catch (error) {
      host.notify(`This pack could not be read: ${errorText(error)}`, 'error');
      return;
    }
    if (!draft) {
      host.notify('This pack is not on this device any more.', 'error');
      return;
    }
    await start(draft);
  }

  /** Leaves the pack being edited (saved first) for the drafts list. */
  async function close(): Promise<void> {
    await flush();
    checkAbort?.abort();
    batch(() => {
      setCurrent(undefined);
      setExported(undefined);
    });
  }

  /** A copy to change without touching the original: a new pack id, so learners see it as another pack. */
  async function duplicate(id: string): Promise<void> {
    if (current()?.id === id) await flush();
    const original = drafts().find((d) => d.id === id) ?? (await store.getDraft(id));
    if (!original) return;
    const { revision: _revision, ...rest } = original.pack;
    const title = `${original.pack.title} (copy)`.slice(0, PACK_LIMITS.maxTitleChars);
    const pack: Pack = { ...structuredClone(rest), id: newPackId(original.pack.title), title };
    const copy: PackDraft = {
      id: pack.id,
      pack,
      updatedAt: Date.now(),
      ...(original.foreign ? { foreign: true } : {}),
    };
    if (await write(copy)) host.notify(`“${title}” was made.`);
  }

  async function remove(id: string): Promise<void> {
    const draft = drafts().find((d) => d.id === id);
    if (!draft) return;
    const ok = host.confirm(
      `Delete “${draft.pack.title}” from this device? Learners who already have it keep it; you cannot edit it again.`,
    );
    if (!ok) return;
    if (current()?.id === id) {
      clearTimeout(timer);
      dirty = false;
      setCurrent(undefined);
    }
    try {
      await store.deleteDraft(id);
      setDrafts((list) => list.filter((d) => d.id !== id));
    } catch (error) {
      host.notify(`The pack could not be deleted: ${errorText(error)}`, 'error');
    }
  }

  /** Opens lesson pack files to edit (a pack handed out before, or someone else's to adapt). */
  async function importFiles(files: File[]): Promise<void> {
    for (const file of files) {
      if (file.size > MAX_IMPORT_BYTES) {
        host.notify(`${file.name} cannot be opened: it is larger than 20 MB. Nothing was changed.`, 'error');
        continue;
      }
      const read = readPack(new Uint8Array(await file.arrayBuffer()));
      if (!read.ok) {
        host.notify(`${file.name}: ${read.error} Nothing was changed.`, 'error');
        continue;
      }
      let pack = read.pack;
      // The built-in course is the app's own: an edited copy must be a pack of its own.
      if (pack.id === BUILT_IN_PACK_ID) {
        const { revision: _revision, ...rest } = pack;
        pack = { ...rest, id: newPackId(pack.title) };
      }
      const existing = drafts().find((d) => d.pack.id === pack.id);
      if (existing && !host.confirm(`Replace your pack “${existing.pack.title}” with the one in ${file.name}?`)) {
        continue;
      }
      // A pack that was handed out before: the next export raises its revision, so learners get it as an update.
      // Someone else's pack: its solutions and tests are their code, so they run in the sandbox.
      const draft: PackDraft = { id: existing?.id ?? pack.id, pack, updatedAt: Date.now(), foreign: true };
      if (pack.revision !== undefined) draft.exportedRevision = pack.revision;
      if (current()?.id === draft.id) {
        clearTimeout(timer);
        dirty = false;
      }
      if (await write(draft)) await start(draft);
    }
  }

  // --- editing ------------------------------------------------------------------

  /** Changes the pack being edited; saved once the teacher pauses. */
  function change(edit: (pack: Pack) => Pack): void {
    const draft = current();
    if (!draft) return;
    const pack = edit(draft.pack);
    if (pack === draft.pack) return;
    setCurrent({ ...draft, pack, updatedAt: Date.now() });
    setExported(undefined);
    dirty = true;
    setSaveState('unsaved');
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), AUTOSAVE_MS);
  }

  function updatePack(patch: Partial<Pick<Pack, 'title' | 'author' | 'language' | 'description'>>): void {
    const handedOut = current()?.exportedRevision !== undefined;
    change((pack) => {
      const next = { ...pack, ...patch };
      // Until it is first handed out, the id still reads as the title; after, it never changes (progress is kept by it).
      if (patch.title !== undefined && !handedOut) next.id = packIdFor(patch.title, pack.id);
      return next;
    });
  }

  function addLesson(): string {
    const pack = current()?.pack;
    if (!pack) return '';
    const id = freshId('lesson', allLessonIds(pack));
    const exerciseId = freshId('exercise', allExerciseIds(pack));
    change((p) => ({ ...p, lessons: [...p.lessons, blankLesson(id, exerciseId, p.lessons.length + 1)] }));
    return id;
  }

  function updateLesson(lessonId: string, patch: Partial<Pick<Lesson, 'title' | 'page'>>): void {
    change((pack) => mapLesson(pack, lessonId, (l) => ({ ...l, ...patch })));
  }

  function removeLesson(lessonId: string): void {
    const pack = current()?.pack;
    const lesson = pack?.lessons.find((l) => l.id === lessonId);
    if (!pack || !lesson) return;
    if (pack.lessons.length === 1) {
      host.notify('A pack needs at least one lesson: add another before removing this one.');
      return;
    }
    const count = lesson.exercises.length;
    if (count > 0 && !host.confirm(`Remove “${lesson.title}” and its ${count} exercise${count === 1 ? '' : 's'}?`)) {
      return;
    }
    change((p) => ({ ...p, lessons: p.lessons.filter((l) => l.id !== lessonId) }));
  }

  function moveLesson(lessonId: string, delta: -1 | 1): void {
    change((pack) => {
      const lessons = moved(
        pack.lessons,
        pack.lessons.findIndex((l) => l.id === lessonId),
        delta,
      );
      return lessons === pack.lessons ? pack : { ...pack, lessons };
    });
  }

  function addExercise(lessonId: string): string {
    const pack = current()?.pack;
    const lesson = pack?.lessons.find((l) => l.id === lessonId);
    if (!pack || !lesson) return '';
    const id = freshId('exercise', allExerciseIds(pack));
    change((p) =>
      mapLesson(p, lessonId, (l) => ({
        ...l,
        exercises: [...l.exercises, blankExercise(id, l.exercises.length + 1)],
      })),
    );
    return id;
  }

  function updateExercise(exerciseId: string, patch: Partial<Omit<Exercise, 'id'>>): void {
    change((pack) => mapExercise(pack, exerciseId, (e) => ({ ...e, ...patch })));
  }

  function removeExercise(exerciseId: string): void {
    const found = current() && locate(current()!.pack, exerciseId);
    if (!found) return;
    if (!host.confirm(`Remove the exercise “${found.exercise.title}”?`)) return;
    change((pack) => ({
      ...pack,
      lessons: pack.lessons.map((l) => ({ ...l, exercises: l.exercises.filter((e) => e.id !== exerciseId) })),
    }));
    setRuns((old) => {
      const next = new Map(old);
      next.delete(exerciseId);
      return next;
    });
  }

  /** Moves an exercise up or down; past its lesson's first or last place, into the lesson before or after. */
  function moveExercise(exerciseId: string, delta: -1 | 1): void {
    change((pack) => {
      const found = locate(pack, exerciseId);
      if (!found) return pack;
      const { li, ei, exercise } = found;
      const lessons = pack.lessons.map((l) => ({ ...l, exercises: [...l.exercises] }));
      const within = ei + delta;
      if (within >= 0 && within < lessons[li].exercises.length) {
        lessons[li].exercises = moved(lessons[li].exercises, ei, delta);
      } else {
        const to = li + delta;
        if (to < 0 || to >= lessons.length) return pack;
        lessons[li].exercises.splice(ei, 1);
        if (delta < 0) lessons[to].exercises.push(exercise);
        else lessons[to].exercises.unshift(exercise);
      }
      return { ...pack, lessons };
    });
  }

  const editExercise = (exerciseId: string, edit: (e: Exercise) => Exercise) =>
    change((pack) => mapExercise(pack, exerciseId, edit));

  /** Adds a file to the starter files or the solution; returns its name. */
  function addFile(exerciseId: string, list: FileList): string {
    const found = current() && locate(current()!.pack, exerciseId);
    if (!found) return '';
    const existing = found.exercise[list] ?? [];
    // The solution's first file is usually the main file, rewritten.
    const name =
      list === 'solution' && !existing.some((f) => f.name === found.exercise.main)
        ? found.exercise.main
        : freeName(existing);
    const content = list === 'solution' ? (found.exercise.files.find((f) => f.name === name)?.content ?? '') : '';
    editExercise(exerciseId, (e) => ({ ...e, [list]: [...(e[list] ?? []), { name, content }] }));
    return name;
  }

  /** Renames a file; renaming the main starter file makes the new name the main file. */
  function renameFile(exerciseId: string, list: FileList, index: number, name: string): void {
    editExercise(exerciseId, (e) => {
      const files = e[list] ?? [];
      const old = files[index];
      if (!old) return e;
      const next = { ...e, [list]: files.map((f, i) => (i === index ? { ...f, name } : f)) };
      if (list === 'files' && e.main === old.name) next.main = name;
      return next;
    });
  }

  function setFileContent(exerciseId: string, list: FileList, index: number, content: string): void {
    editExercise(exerciseId, (e) => ({
      ...e,
      [list]: (e[list] ?? []).map((f, i) => (i === index ? { ...f, content } : f)),
    }));
  }

  function removeFile(exerciseId: string, list: FileList, index: number): void {
    const found = current() && locate(current()!.pack, exerciseId);
    const file = found?.exercise[list]?.[index];
    if (!found || !file) return;
    if (file.content.trim() && !host.confirm(`Remove the file ${file.name}?`)) return;
    editExercise(exerciseId, (e) => ({ ...e, [list]: (e[list] ?? []).filter((_, i) => i !== index) }));
  }

  function addHint(exerciseId: string): void {
    editExercise(exerciseId, (e) => ({ ...e, hints: [...e.hints, ''] }));
  }
  function setHint(exerciseId: string, index: number, text: string): void {
    editExercise(exerciseId, (e) => ({ ...e, hints: e.hints.map((h, i) => (i === index ? text : h)) }));
  }
  function removeHint(exerciseId: string, index: number): void {
    editExercise(exerciseId, (e) => ({ ...e, hints: e.hints.filter((_, i) => i !== index) }));
  }
  function moveHint(exerciseId: string, index: number, delta: -1 | 1): void {
    editExercise(exerciseId, (e) => ({ ...e, hints: moved(e.hints, index, delta) }));
  }

  function addCheck(exerciseId: string, kind: CheckKind): void {
    editExercise(exerciseId, (e) => ({ ...e, checks: [...e.checks, blankCheck(kind)] }));
  }
  function setCheck(exerciseId: string, index: number, check: Check): void {
    editExercise(exerciseId, (e) => ({ ...e, checks: e.checks.map((c, i) => (i === index ? check : c)) }));
  }
  function removeCheck(exerciseId: string, index: number): void {
    editExercise(exerciseId, (e) => ({ ...e, checks: e.checks.filter((_, i) => i !== index) }));
  }
  function moveCheck(exerciseId: string, index: number, delta: -1 | 1): void {
    editExercise(exerciseId, (e) => ({ ...e, checks: moved(e.checks, index, delta) }));
  }

  // --- running the checks ---------------------------------------------------------

  /**
   * Runs an exercise's checks on its solution (the starter files with the solution's over them) or on its
   * starter files, as a learner's Check would, and keeps the report beside the other one.
   */
  async function runChecks(exerciseId: string, target: RunTarget): Promise<CheckReport | undefined> {
    const draft = current();
    const found = draft && locate(draft.pack, exerciseId);
    if (!draft || !found || running()) return undefined;
    const exercise = cleanPack({
      ...draft.pack,
      lessons: [{ id: 'l', title: 'l', exercises: [found.exercise] }],
    }).lessons[0].exercises[0];
    const own = problems().filter((p) => p.place.exerciseId === exerciseId);
    if (own.length > 0) {
      host.notify(`Fix this exercise first: ${own[0].message}.`, 'error');
      return undefined;
    }
    if (target === 'solution' && !exercise.solution?.length) {
      host.notify('This exercise has no solution yet: add its files under Solution.', 'error');
      return undefined;
    }
    const files = target === 'solution' ? overlayFiles(exercise.files, exercise.solution) : exercise.files;
    const abort = new AbortController();
    checkAbort = abort;
    setRunning({ exerciseId, target });
    const outcomes = new Map<number, CheckOutcome>();
    let runningIndex = -1;
    let done: Extract<RunEvent, { type: 'done' }> | undefined;
    try {
      // The teacher's own pack is their own code: it runs where their projects run. A pack opened from a file (or
      // a copy of one) is someone else's: in the sandbox, away from this device's classes and reports.
      const zone = host.zoneFor(current()?.foreign === true);
      for await (const event of host.check(files, exercise.main, exercise.checks, abort.signal, zone)) {
        if (event.type === 'check-start') runningIndex = event.index;
        else if (event.type === 'check-outcome') outcomes.set(event.outcome.index, event.outcome);
        else if (event.type === 'done') done = event;
      }
    } catch (error) {
      host.notify(`The checks could not run: ${errorText(error)}`, 'error');
      return undefined;
    } finally {
      if (checkAbort === abort) checkAbort = undefined;
      setRunning(undefined);
    }
    if (!done || abort.signal.aborted || (done.status === 'restarted' && done.restartReason === 'check-stopped')) {
      host.notify('Checking stopped.');
      return undefined;
    }
    let report = done.report;
    if (!report) {
      const failure = done.error?.type === 'PackageUnavailable' || done.status === 'error';
      report = failure
        ? {
            outcomes: exercise.checks.map((c, index) => ({
              index,
              kind: c.kind,
              title: checkTitle(c),
              passed: false,
              message: done?.error?.message || 'The checks could not run.',
            })),
            passed: false,
            durationMs: done.durationMs,
          }
        : reportFromParts(exercise.checks, outcomes, runningIndex, checkTitle, done.durationMs);
    }
    const stored: StoredRun = {
      target,
      report,
      verdict: verdict(target, report),
      checks: exercise.checks,
      snapshot: JSON.stringify(found.exercise),
    };
    setRuns((old) => new Map(old).set(exerciseId, { ...old.get(exerciseId), [target]: stored }));
    return report;
  }

  /** Stops a running check; false when none ran. */
  function stopChecks(): boolean {
    if (!checkAbort) return false;
    checkAbort.abort();
    return true;
  }

  /** The last runs on an exercise's solution and starter, each marked stale once the exercise changed. */
  function runsFor(exerciseId: string): { solution?: CheckRun; starter?: CheckRun } {
    const kept = runs().get(exerciseId);
    if (!kept) return {};
    const found = current() && locate(current()!.pack, exerciseId);
    const now = found ? JSON.stringify(found.exercise) : '';
    const view = (run: StoredRun | undefined): CheckRun | undefined =>
      run && {
        target: run.target,
        report: run.report,
        verdict: run.verdict,
        checks: run.checks,
        stale: run.snapshot !== now,
      };
    return { solution: view(kept.solution), starter: view(kept.starter) };
  }

  // --- the class -------------------------------------------------------------------

  async function keepClass(c: TeacherClass): Promise<boolean> {
    try {
      await store.saveClass(c);
    } catch (error) {
      host.notify(`The class could not be saved: ${errorText(error)}`, 'error');
      return false;
    }
    setClasses((list) => [...list.filter((k) => k.id !== c.id), c].sort((a, b) => a.name.localeCompare(b.name)));
    return true;
  }

  /** Makes a class (with its secret for completion codes, made once) and hands this pack to it. */
  async function createClass(fields: { name: string; learners?: string[]; pickName?: boolean }): Promise<void> {
    const now = Date.now();
    const made: TeacherClass = {
      id: `${slug(fields.name, 30) || 'class'}-${randomLetters(8)}`,
      name: fields.name.trim(),
      secret: makeSecret(),
      createdAt: now,
      updatedAt: now,
    };
    if (fields.learners?.length) made.learners = fields.learners;
    if (fields.pickName) made.pickName = true;
    if (await keepClass(made)) change((pack) => ({ ...pack, class: classInfo(made) }));
  }

  /** Hands the pack to a class made before, or to no class. */
  function chooseClass(classId: string | undefined): void {
    const chosen = classId === undefined ? undefined : classes().find((c) => c.id === classId);
    change((pack) => {
      if (!chosen) {
        const { class: _class, ...rest } = pack;
        return rest;
      }
      return { ...pack, class: classInfo(chosen) };
    });
  }

  /** Changes the pack's class (its name, list, pick-name switch); its id and secret stay. */
  async function updateClass(patch: { name?: string; learners?: string[]; pickName?: boolean }): Promise<void> {
    const info = current()?.pack.class;
    if (!info) return;
    const known = classes().find((c) => c.id === info.id);
    const now = Date.now();
    const next: TeacherClass = { ...(known ?? { ...info, createdAt: now }), ...patch, updatedAt: now };
    if (patch.learners && patch.learners.length === 0) delete next.learners;
    if (patch.pickName === false) delete next.pickName;
    // The pack follows at once (the teacher sees it); the class list on the device follows when saved.
    change((pack) => ({ ...pack, class: classInfo(next) }));
    await keepClass(next);
  }

  // --- export ------------------------------------------------------------------------

  /**
   * Makes the next revision of the pack (one more than the last export, keeping its id), keeps it for the
   * dashboard, and offers it as a file, a link and a QR code. A pack that does not validate is refused.
   */
  async function exportPack(): Promise<ExportOutcome | undefined> {
    const draft = current();
    if (!draft) return undefined;
    const revision = (draft.exportedRevision ?? 0) + 1;
    const read = packFromJson(cleanPack({ ...draft.pack, revision }));
    if (!read.ok) {
      const list = findProblems(draft.pack);
      const refused: ExportRefused = {
        ok: false,
        problems: list.length > 0 ? list : [{ message: read.error, place: {} }],
      };
      setExported(refused);
      host.notify(
        `This pack cannot be handed out yet: ${refused.problems.length === 1 ? 'fix this problem' : `fix these ${refused.problems.length} problems`} first. Nothing was changed.`,
        'error',
      );
      return refused;
    }
    const pack = read.pack;
    const bytes = encodePack(pack);
    const linkFits = new TextEncoder().encode(JSON.stringify(pack)).length <= PACK_LIMITS.maxLinkJsonBytes;
    const link = linkFits ? `${host.origin}${PACK_LINK_PREFIX}${encodePackLink(pack)}` : undefined;
    try {
      await store.savePackRevision(pack);
    } catch (error) {
      host.notify(`The pack could not be kept on this device: ${errorText(error)}. Nothing was exported.`, 'error');
      return undefined;
    }
    // Edits made while this ran are kept: only the revision changes.
    const latest = current()?.id === draft.id ? current()! : draft;
    const next: PackDraft = {
      ...latest,
      pack: { ...latest.pack, revision },
      exportedRevision: revision,
      updatedAt: Date.now(),
    };
    if (current()?.id === draft.id) setCurrent(next);
    clearTimeout(timer);
    dirty = false;
    await write(next);
    setSaveState('saved');
    const result: ExportResult = {
      ok: true,
      pack,
      fileName: `${slug(pack.title) || 'lesson-pack'}.pypack`,
      bytes,
      link,
      qr: link !== undefined && qrFits(link),
    };
    setExported(result);
    return result;
  }

  /** Offers the exported pack as a `.pypack` file. */
  function downloadExport(): void {
    const result = exported();
    if (result?.ok) host.download(result.fileName, result.bytes, 'application/octet-stream');
  }

  /** Saves the draft when the page is hidden or closed; returns how to stop. */
  function listen(): () => void {
    const onHide = () => void flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    // eslint-disable-next-line solid/reactivity -- a cleanup, called once: it reads no signal
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }

  return {
    drafts,
    classes,
    current,
    pack: () => current()?.pack,
    saveState,
    problems,
    running,
    exported,
    load,
    listen,
    flush,
    newPack,
    open,
    close,
    duplicate,
    remove,
    importFiles,
    updatePack,
    addLesson,
    updateLesson,
    removeLesson,
    moveLesson,
    addExercise,
    updateExercise,
    removeExercise,
    moveExercise,
    addFile,
    renameFile,
    setFileContent,
    removeFile,
    addHint,
    setHint,
    removeHint,
    moveHint,
    addCheck,
    setCheck,
    removeCheck,
    moveCheck,
    runChecks,
    stopChecks,
    runsFor,
    createClass,
    chooseClass,
    updateClass,
    exportPack,
    downloadExport,
    closeExport: () => setExported(undefined),
  };
}

export type Authoring = ReturnType<typeof createAuthoring>;
