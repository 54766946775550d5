// The only module that touches IndexedDB (a lint rule keeps it so). Projects,
// files, the trash, run history, settings, lesson packs and the learner's
// progress, the teacher's classes, received reports, pack revisions and drafts, with atomic transactions,
// optimistic versions per file (so a second tab never silently overwrites
// newer text) and change notices to other tabs through a BroadcastChannel.
import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { Emitter } from '../lib/emitter.ts';
import {
  learnerKey,
  type ClassInfo,
  type PackDraft,
  type ReceivedReport,
  type Report,
  type ReportExercise,
  type ReportMerge,
  type TeacherClass,
} from '../model/classroom.ts';
import type { BackedUpProgress, PastRun, WorkspaceContents } from '../model/history.ts';
import { BUILT_IN_PACK_ID, type Check, type Exercise, type LessonFile, type Pack } from '../model/lesson.ts';
import { itemsText, type DisplayMime, type ShownItem } from '../model/output.ts';
import type { RunStatus } from '../model/run.ts';
import { ConflictError, InvalidNameError, NewerVersionError, StorageUnavailableError, classify } from './errors.ts';
import { isSafePath } from '../model/paths.ts';
import { sha256 } from './hash.ts';
import {
  DB_NAME,
  DB_VERSION,
  MIGRATIONS,
  isForeign,
  type ClassRecord,
  type DraftRecord,
  type FileRecord,
  type PackRecord,
  type PackSource,
  type PlaygroundDB,
  type ProgressRecord,
  type ProjectRecord,
  type ReportRecord,
  type RunRecord,
  type StoredCheck,
  type StoredClassInfo,
  type StoredContent,
  type StoredExercise,
  type StoredLessonFile,
  type StoredOutputItem,
  type StoredPack,
  type StoredReport,
  type StoredReportExercise,
  type StoredRunStatus,
} from './schema.ts';

export type { PackSource, ProgressRecord } from './schema.ts';

/** Characters of code and output kept per run for full-text search. */
const SEARCH_TEXT_CHARS = 20_000;

/** What other tabs are told after a write. */
export type ChangeNotice =
  | { kind: 'file'; projectId: string; fileId: string; path: string; version: number; content: StoredContent }
  | { kind: 'files'; projectId: string }
  | { kind: 'projects' }
  | { kind: 'history'; projectId: string }
  | { kind: 'packs' }
  | { kind: 'progress'; packId: string; exerciseId: string }
  | { kind: 'classes' }
  | { kind: 'reports'; classId: string }
  | { kind: 'drafts' };

/** History retention: the newest runs are kept within both limits. */
export interface HistorySettings {
  maxRuns: number;
  maxMegabytes: number;
}

export const DEFAULT_HISTORY: HistorySettings = { maxRuns: 2000, maxMegabytes: 100 };

/** A run as recorded when it ends. */
export interface NewRun extends PastRun {
  projectId: string;
  projectName: string;
  /** The case id of the explanation in its output; by default, that of the first explanation among `items`. */
  explanationCase?: string;
}

/** The model's run status as saved: spelled out, so a new status is a decision here, not an accident. */
function storedStatus(status: RunStatus): StoredRunStatus {
  switch (status) {
    case 'ok':
    case 'error':
    case 'interrupted':
    case 'restarted':
      return status;
  }
}

/** Which runs the History panel lists. */
export interface RunFilter {
  projectId: string;
  entry?: string;
  status?: RunStatus;
}

export interface TrashContents {
  projects: ProjectRecord[];
  files: (FileRecord & { projectName: string })[];
}

type DB = IDBPDatabase<PlaygroundDB>;

/**
 * Aborts a transaction a write failed in, and waits for it to end. A value that cannot be stored throws without
 * aborting, so what was written before it would otherwise be committed.
 */
async function abortQuietly(tx: { abort(): void; done: Promise<void> }): Promise<void> {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted.
  }
  await tx.done.catch(() => {});
}

/** A pack as `listPacks` describes it: enough for a list, without its lessons. */
export interface PackSummary {
  id: string;
  title: string;
  author: string;
  /** The pack's edition (1 when the pack does not say). */
  revision: number;
  source: PackSource;
  importedAt: number;
  updatedAt: number;
  /** Exercises in all its lessons. */
  exercises: number;
}

/** A run as `recentActivity` reports it: how it ended, nothing of its code or output. */
export interface RunActivity {
  startedAt: number;
  status: StoredRunStatus;
  errorType?: string;
  explanationCase?: string;
}

/** Progress keeps the last this many presses of Check. */
export const MAX_CHECK_RESULTS = 100;
/** Failed-check titles and error types kept per press of Check, and characters kept of each. */
export const MAX_CHECK_STRINGS = 20;
export const MAX_CHECK_STRING_CHARS = 200;

/** A copy of `value` without the keys whose value is undefined (they would be saved as keys). */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const storedFiles = (files: LessonFile[]): StoredLessonFile[] =>
  files.map((f) => ({ name: f.name, content: f.content }));
const modelFiles = (files: StoredLessonFile[]): LessonFile[] =>
  files.map((f) => ({ name: f.name, content: f.content }));

// Checks are copied as JSON, not with structuredClone: a caller's reactive store hands over proxies,
// which cannot be structured-cloned, and a pack is JSON to begin with, so nothing is lost.
const storedCheck = (check: Check): StoredCheck => JSON.parse(JSON.stringify(check)) as Check;
const modelCheck = (check: StoredCheck): Check => JSON.parse(JSON.stringify(check)) as StoredCheck;

function storedExercise(e: Exercise): StoredExercise {
  return defined({
    id: e.id,
    title: e.title,
    instructions: e.instructions,
    files: storedFiles(e.files),
    main: e.main,
    hints: [...e.hints],
    solution: e.solution && storedFiles(e.solution),
    solutionAfter: e.solutionAfter,
    checks: e.checks.map(storedCheck),
  });
}

function modelExercise(e: StoredExercise): Exercise {
  return defined({
    id: e.id,
    title: e.title,
    instructions: e.instructions,
    files: modelFiles(e.files),
    main: e.main,
    hints: [...e.hints],
    solution: e.solution && modelFiles(e.solution),
    solutionAfter: e.solutionAfter,
    checks: e.checks.map(modelCheck),
  });
}

/** The model's pack as saved (see StoredPack). */
export function toStoredPack(pack: Pack): StoredPack {
  return defined({
    format: pack.format,
    version: pack.version,
    id: pack.id,
    title: pack.title,
    author: pack.author,
    language: pack.language,
    revision: pack.revision,
    description: pack.description,
    lessons: pack.lessons.map((l) =>
      defined({ id: l.id, title: l.title, page: l.page, exercises: l.exercises.map(storedExercise) }),
    ),
    class: pack.class && copyClassInfo(pack.class),
  });
}

/** A saved pack as the model's. */
export function fromStoredPack(stored: StoredPack): Pack {
  return defined({
    format: stored.format,
    version: stored.version,
    id: stored.id,
    title: stored.title,
    author: stored.author,
    language: stored.language,
    revision: stored.revision,
    description: stored.description,
    lessons: stored.lessons.map((l) =>
      defined({ id: l.id, title: l.title, page: l.page, exercises: l.exercises.map(modelExercise) }),
    ),
    class: stored.class && copyClassInfo(stored.class),
  });
}

/** A class's fields, copied one by one (the model's and storage's shapes are the same, on purpose). */
function copyClassInfo(c: ClassInfo | StoredClassInfo): ClassInfo & StoredClassInfo {
  return defined({
    id: c.id,
    name: c.name,
    learners: c.learners && [...c.learners],
    pickName: c.pickName,
    secret: c.secret,
  });
}

function toClassRecord(c: TeacherClass): ClassRecord {
  return { ...copyClassInfo(c), createdAt: c.createdAt, updatedAt: c.updatedAt };
}

function fromClassRecord(c: ClassRecord): TeacherClass {
  return { ...copyClassInfo(c), createdAt: c.createdAt, updatedAt: c.updatedAt };
}

/**
 * What a stored report may hold: what the report format allows (src/formats/report.ts), so a report that came
 * some other way (class sync, a bug) cannot fill the disk. Counts beyond these are cut, and the report marked
 * tampered (a real report never has them); a report larger than a report file may be is refused.
 */
export const REPORT_CAPS = {
  exercises: 2000,
  checksPerExercise: 100,
  /** Titles of failed checks, and error types, per press of Check. */
  stringsPerCheck: 100,
  filesPerExercise: 50,
  fileChars: 1_000_000,
  /** The report as JSON: report.json may be at most 5 MB, and a character is at least a byte. */
  totalChars: 5_000_000,
} as const;

/** A report too large to keep: nothing of the batch it came in was written. */
export class ReportTooLargeError extends RangeError {
  override name = 'ReportTooLargeError';
}

function storedReportExercise(e: ReportExercise): StoredReportExercise {
  return defined({
    id: e.id,
    lessonId: e.lessonId,
    title: e.title,
    state: e.state,
    attempts: e.attempts,
    hintsShown: e.hintsShown,
    solutionViewedAt: e.solutionViewedAt,
    firstPassedAt: e.firstPassedAt,
    lastPassedAt: e.lastPassedAt,
    firstOpenedAt: e.firstOpenedAt,
    lastOpenedAt: e.lastOpenedAt,
    activeMs: e.activeMs,
    checks: e.checks.slice(-REPORT_CAPS.checksPerExercise).map((c) => ({
      at: c.at,
      passed: c.passed,
      total: c.total,
      failed: c.failed.slice(0, REPORT_CAPS.stringsPerCheck),
      errors: c.errors.slice(0, REPORT_CAPS.stringsPerCheck),
    })),
    files:
      e.files &&
      e.files
        .slice(0, REPORT_CAPS.filesPerExercise)
        .map((f) => ({ name: f.name, content: f.content.slice(0, REPORT_CAPS.fileChars) })),
  });
}

/** Whether a report has more of anything than its format allows. */
function overCaps(report: Report): boolean {
  return (
    report.exercises.length > REPORT_CAPS.exercises ||
    report.exercises.some(
      (e) =>
        e.checks.length > REPORT_CAPS.checksPerExercise ||
        e.checks.some(
          (c) => c.failed.length > REPORT_CAPS.stringsPerCheck || c.errors.length > REPORT_CAPS.stringsPerCheck,
        ) ||
        (e.files?.length ?? 0) > REPORT_CAPS.filesPerExercise ||
        (e.files ?? []).some((f) => f.content.length > REPORT_CAPS.fileChars),
    )
  );
}

function toReportRecord(received: ReceivedReport): ReportRecord {
  const r = received.report;
  const report: StoredReport = defined({
    format: r.format,
    version: r.version,
    pack: { id: r.pack.id, revision: r.pack.revision, title: r.pack.title },
    class: r.class && { id: r.class.id, name: r.class.name },
    learner: r.learner,
    device: r.device,
    createdAt: r.createdAt,
    exercises: r.exercises.slice(0, REPORT_CAPS.exercises).map(storedReportExercise),
    codeOmitted: r.codeOmitted,
  });
  if (JSON.stringify(report).length > REPORT_CAPS.totalChars) {
    throw new ReportTooLargeError(`The report of ${r.learner.slice(0, 100)} is larger than a report file may be.`);
  }
  return {
    classId: r.class?.id ?? '',
    packId: r.pack.id,
    learnerKey: learnerKey(r.learner),
    device: r.device,
    report,
    checksum: received.checksum,
    tampered: received.tampered || overCaps(r),
    receivedAt: received.receivedAt,
    via: received.via,
  };
}

function fromReportRecord(record: ReportRecord): ReceivedReport {
  const r = record.report;
  const report: Report = defined({
    format: r.format,
    version: r.version,
    pack: { ...r.pack },
    class: r.class && { ...r.class },
    learner: r.learner,
    device: r.device,
    createdAt: r.createdAt,
    exercises: r.exercises.map((e): ReportExercise =>
      defined({
        ...e,
        checks: e.checks.map((c) => ({ ...c, failed: [...c.failed], errors: [...c.errors] })),
        files: e.files && modelFiles(e.files),
      }),
    ),
    codeOmitted: r.codeOmitted,
  });
  return {
    report,
    checksum: record.checksum,
    tampered: record.tampered,
    receivedAt: record.receivedAt,
    via: record.via,
  };
}

function toDraftRecord(d: PackDraft): DraftRecord {
  return defined({
    id: d.id,
    pack: toStoredPack(d.pack),
    updatedAt: d.updatedAt,
    exportedRevision: d.exportedRevision,
    foreign: d.foreign || undefined,
  });
}

function fromDraftRecord(d: DraftRecord): PackDraft {
  return defined({
    id: d.id,
    pack: fromStoredPack(d.pack),
    updatedAt: d.updatedAt,
    exportedRevision: d.exportedRevision,
    foreign: d.foreign || undefined,
  });
}

/**
 * Progress as a backup holds it, field by field: the project id is this device's own, so it stays behind (and a
 * restored record gets this device's one). Both ways, since a record without a project is a ProgressRecord too.
 */
function backedUpProgress(p: BackedUpProgress): BackedUpProgress {
  return defined({
    packId: p.packId,
    exerciseId: p.exerciseId,
    lessonId: p.lessonId,
    attempts: p.attempts,
    checks: p.checks.map((c) => ({
      at: c.at,
      passed: c.passed,
      total: c.total,
      failed: [...c.failed],
      errors: [...c.errors],
    })),
    hintsShown: p.hintsShown,
    solutionViewedAt: p.solutionViewedAt,
    firstPassedAt: p.firstPassedAt,
    lastPassedAt: p.lastPassedAt,
    activeMs: p.activeMs,
    firstOpenedAt: p.firstOpenedAt,
    lastOpenedAt: p.lastOpenedAt,
  });
}

const exerciseKey = (packId: string, exerciseId: string) => `${packId}\n${exerciseId}`;

/** What restoring a backup did: projects and runs restored, and records of each kind taken (new or newer). */
export interface BackupRestore {
  projects: number;
  runs: number;
  packs: number;
  progress: number;
  classes: number;
  reports: ReportMerge;
  packRevisions: number;
  drafts: number;
}

/** The empty tally of addReports. */
const noMerge = (): ReportMerge => ({ added: 0, replaced: 0, duplicates: 0, older: 0 });

/** A list of strings within the progress limits. */
const cappedStrings = (list: unknown): string[] =>
  (Array.isArray(list) ? list : []).slice(0, MAX_CHECK_STRINGS).map((s) => String(s).slice(0, MAX_CHECK_STRING_CHARS));

/** A progress record within its limits, whatever a caller's change made of it. */
function cappedProgress(record: ProgressRecord): ProgressRecord {
  const checks = Array.isArray(record.checks) ? record.checks : [];
  return {
    ...record,
    checks: checks.slice(-MAX_CHECK_RESULTS).map((c) => ({
      at: c.at,
      passed: c.passed,
      total: c.total,
      failed: cappedStrings(c.failed),
      errors: cappedStrings(c.errors),
    })),
  };
}

/** The path, trimmed, if it is a safe file path inside a project; InvalidNameError if not. */
export function checkPath(path: string): string {
  const clean = path.trim();
  if (!clean) throw new InvalidNameError('A file needs a name.');
  if (!isSafePath(clean)) throw new InvalidNameError(`"${path}" is not a valid file name (no "..", no leading "/").`);
  return clean;
}

/** The key of content in the blobs store: bytes and text in separate key spaces (see BlobRecord). */
async function blobKey(content: StoredContent): Promise<string> {
  return typeof content === 'string' ? sha256(content) : `bin-${await sha256(content)}`;
}

/** Approximate bytes content takes in IndexedDB (text is kept as UTF-16). */
function storedSize(content: StoredContent): number {
  return typeof content === 'string' ? content.length * 2 : content.byteLength;
}

const now = () => Date.now();
/** The meta record of deviceId. */
const DEVICE_ID_KEY = 'device-id';
const newId = () => crypto.randomUUID();

export class Storage {
  /** Identifies this tab in change notices, so it ignores its own. */
  readonly tabId = newId();
  /** Once, when a newer version of the app takes over the database; writes fail after that. */
  readonly newerVersion = new Emitter<void>();
  /** Changes made by other tabs. */
  readonly changes = new Emitter<ChangeNotice>();
  private closedForNewer = false;
  private readonly channel: BroadcastChannel | undefined;

  private constructor(
    private readonly db: DB,
    channelName: string,
  ) {
    db.addEventListener('versionchange', () => {
      // A newer version of the app wants to upgrade: step aside, stop writing, ask to reload.
      this.closedForNewer = true;
      db.close();
      this.newerVersion.emit();
    });
    if (typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(channelName);
      this.channel.onmessage = (event: MessageEvent<{ from: string; notice: ChangeNotice }>) => {
        if (event.data?.from !== this.tabId) this.changes.emit(event.data.notice);
      };
    }
  }

  /** Opens (creating or migrating) the database. Throws StorageUnavailableError or NewerVersionError. */
  static async open(name = DB_NAME): Promise<Storage> {
    if (typeof indexedDB === 'undefined') throw new StorageUnavailableError('IndexedDB is not available');
    let db: DB;
    try {
      db = await openDB<PlaygroundDB>(name, DB_VERSION, {
        upgrade(database, oldVersion, _newVersion, tx) {
          for (let version = oldVersion; version < DB_VERSION; version++) MIGRATIONS[version](database, tx);
        },
        blocked() {
          // An older tab keeps the old version open; it is asked (versionchange) to close.
        },
      });
    } catch (error) {
      const known = classify(error);
      if (known instanceof NewerVersionError) throw known;
      throw new StorageUnavailableError(`IndexedDB could not be opened: ${(error as Error)?.message ?? error}`);
    }
    return new Storage(db, `${name}:changes`);
  }

  close(): void {
    this.channel?.close();
    this.db.close();
  }

  private notify(notice: ChangeNotice): void {
    this.channel?.postMessage({ from: this.tabId, notice });
  }

  /** Runs a write, turning IndexedDB's errors into ours; refuses once a newer version took over. */
  private async write<T>(work: () => Promise<T>): Promise<T> {
    if (this.closedForNewer) throw new NewerVersionError('a newer version of the app is open in another tab');
    try {
      return await work();
    } catch (error) {
      throw classify(error);
    }
  }

  // --- meta ------------------------------------------------------------------

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('meta', key))?.value as T | undefined;
  }

  setMeta(key: string, value: unknown): Promise<void> {
    return this.write(async () => void (await this.db.put('meta', { key, value })));
  }

  // --- projects ----------------------------------------------------------------

  /** Projects not in the trash, most recently changed first. */
  async listProjects(): Promise<ProjectRecord[]> {
    const all = await this.db.getAllFromIndex('projects', 'updatedAt');
    return all.filter((p) => !p.deletedAt).reverse();
  }

  getProject(id: string): Promise<ProjectRecord | undefined> {
    return this.db.get('projects', id);
  }

  /** A project and its files (not those in the trash), by path. */
  async loadProject(id: string): Promise<{ project: ProjectRecord; files: FileRecord[] } | undefined> {
    const tx = this.db.transaction(['projects', 'files']);
    const project = await tx.objectStore('projects').get(id);
    const files = await tx.objectStore('files').index('projectId').getAll(id);
    await tx.done;
    if (!project) return undefined;
    return { project, files: files.filter((f) => !f.deletedAt).sort((a, b) => a.path.localeCompare(b.path)) };
  }

  createProject(input: {
    name: string;
    files: { path: string; content: StoredContent }[];
    main: string;
    origin: ProjectRecord['origin'];
    /** Its code came from someone else; by default, what `origin` says (see isForeign). */
    foreign?: boolean;
    /** The exercise whose work the project holds (see findExerciseProject). */
    exercise?: { packId: string; exerciseId: string };
  }): Promise<{ project: ProjectRecord; files: FileRecord[] }> {
    return this.write(async () => {
      const paths = input.files.map((f) => checkPath(f.path));
      if (new Set(paths).size !== paths.length) throw new InvalidNameError('Two files have the same name.');
      const time = now();
      const project: ProjectRecord = {
        id: newId(),
        name: input.name.trim() || 'Untitled',
        main: input.main,
        createdAt: time,
        updatedAt: time,
        activeFile: input.main,
        cursors: {},
        origin: input.origin,
        foreign: input.foreign ?? isForeign({ origin: input.origin }),
      };
      // Only when given: a project without the field stays out of the `exercise` index.
      if (input.exercise) project.exercise = { packId: input.exercise.packId, exerciseId: input.exercise.exerciseId };
      const files: FileRecord[] = input.files.map((f, i) => ({
        id: newId(),
        projectId: project.id,
        path: paths[i],
        content: f.content,
        version: 1,
        updatedAt: time,
      }));
      const tx = this.db.transaction(['projects', 'files'], 'readwrite');
      await tx.objectStore('projects').put(project);
      for (const file of files) await tx.objectStore('files').put(file);
      await tx.done;
      this.notify({ kind: 'projects' });
      return { project, files };
    });
  }

  /** Changes a project's name, main file, or the remembered file and cursors. */
  updateProject(
    id: string,
    patch: Partial<Pick<ProjectRecord, 'name' | 'main' | 'activeFile' | 'cursors'>>,
    touch = true,
  ): Promise<ProjectRecord> {
    return this.write(async () => {
      const tx = this.db.transaction('projects', 'readwrite');
      const project = await tx.store.get(id);
      if (!project) throw new InvalidNameError('That project no longer exists.');
      if (patch.name !== undefined && !patch.name.trim()) throw new InvalidNameError('A project needs a name.');
      const next = { ...project, ...patch, name: (patch.name ?? project.name).trim() };
      if (touch) next.updatedAt = now();
      await tx.store.put(next);
      await tx.done;
      if (patch.name !== undefined || patch.main !== undefined) this.notify({ kind: 'projects' });
      return next;
    });
  }

  async duplicateProject(id: string, name: string): Promise<{ project: ProjectRecord; files: FileRecord[] }> {
    const source = await this.loadProject(id);
    if (!source) throw new InvalidNameError('That project no longer exists.');
    return this.createProject({
      name,
      files: source.files.map((f) => ({ path: f.path, content: f.content })),
      main: source.project.main,
      origin: 'duplicate',
      foreign: isForeign(source.project),
    });
  }

  /** Moves a project to the trash (its files stay with it). */
  trashProject(id: string): Promise<void> {
    return this.setProjectDeleted(id, now());
  }

  restoreProject(id: string): Promise<void> {
    return this.setProjectDeleted(id, undefined);
  }

  private setProjectDeleted(id: string, deletedAt: number | undefined): Promise<void> {
    return this.write(async () => {
      const tx = this.db.transaction('projects', 'readwrite');
      const project = await tx.store.get(id);
      if (project) await tx.store.put({ ...project, deletedAt, updatedAt: deletedAt ? project.updatedAt : now() });
      await tx.done;
      this.notify({ kind: 'projects' });
    });
  }

  /** Deletes a project and its files for good (its run history stays until pruned). */
  purgeProject(id: string): Promise<void> {
    return this.write(async () => {
      const tx = this.db.transaction(['projects', 'files'], 'readwrite');
      await tx.objectStore('projects').delete(id);
      for (const key of await tx.objectStore('files').index('projectId').getAllKeys(id)) {
        await tx.objectStore('files').delete(key);
      }
      await tx.done;
      this.notify({ kind: 'projects' });
    });
  }

  // --- files -------------------------------------------------------------------

  private async assertFreePath(projectId: string, path: string, except?: string): Promise<void> {
    const files = await this.db.getAllFromIndex('files', 'projectId', projectId);
    if (files.some((f) => !f.deletedAt && f.path === path && f.id !== except)) {
      throw new InvalidNameError(`There is already a file called ${path}.`);
    }
  }

  createFile(projectId: string, path: string, content: StoredContent = ''): Promise<FileRecord> {
    return this.write(async () => {
      const clean = checkPath(path);
      await this.assertFreePath(projectId, clean);
      const file: FileRecord = { id: newId(), projectId, path: clean, content, version: 1, updatedAt: now() };
      const tx = this.db.transaction(['files', 'projects'], 'readwrite');
      await tx.objectStore('files').put(file);
      await this.touchProject(tx.objectStore('projects'), projectId);
      await tx.done;
      this.notify({ kind: 'files', projectId });
      return file;
    });
  }

  /**
   * Saves a file's content over the version this tab last saw. ConflictError if
   * another tab saved a newer version meanwhile (unless `force`).
   */
  saveFile(fileId: string, content: StoredContent, expectedVersion: number, force = false): Promise<FileRecord> {
    return this.write(async () => {
      const tx = this.db.transaction(['files', 'projects'], 'readwrite');
      const file = await tx.objectStore('files').get(fileId);
      if (!file) throw new InvalidNameError('That file no longer exists.');
      if (file.version !== expectedVersion && !force) {
        tx.abort();
        await tx.done.catch(() => {});
        throw new ConflictError(file.path, file.version, file.content);
      }
      const next: FileRecord = { ...file, content, version: file.version + 1, updatedAt: now() };
      await tx.objectStore('files').put(next);
      await this.touchProject(tx.objectStore('projects'), file.projectId);
      await tx.done;
      this.notify({ kind: 'file', projectId: file.projectId, fileId, path: file.path, version: next.version, content });
      return next;
    });
  }

  private async touchProject(
    store: { get(id: string): Promise<ProjectRecord | undefined>; put(p: ProjectRecord): Promise<unknown> },
    projectId: string,
  ): Promise<void> {
    const project = await store.get(projectId);
    if (project) await store.put({ ...project, updatedAt: now() });
  }

  renameFile(fileId: string, newPath: string): Promise<FileRecord> {
    return this.write(async () => {
      const file = await this.db.get('files', fileId);
      if (!file) throw new InvalidNameError('That file no longer exists.');
      const clean = checkPath(newPath);
      await this.assertFreePath(file.projectId, clean, fileId);
      const tx = this.db.transaction(['files', 'projects'], 'readwrite');
      const next = { ...file, path: clean, version: file.version + 1, updatedAt: now() };
      await tx.objectStore('files').put(next);
      const project = await tx.objectStore('projects').get(file.projectId);
      if (project?.main === file.path)
        await tx.objectStore('projects').put({ ...project, main: clean, updatedAt: now() });
      await tx.done;
      this.notify({ kind: 'files', projectId: file.projectId });
      return next;
    });
  }

  /** Moves a file to the trash. */
  trashFile(fileId: string): Promise<void> {
    return this.write(async () => {
      const tx = this.db.transaction('files', 'readwrite');
      const file = await tx.store.get(fileId);
      if (file) await tx.store.put({ ...file, deletedAt: now() });
      await tx.done;
      if (file) this.notify({ kind: 'files', projectId: file.projectId });
    });
  }

  /** Brings a file back from the trash (renamed if its name was taken meanwhile). */
  restoreFile(fileId: string): Promise<FileRecord> {
    return this.write(async () => {
      const file = await this.db.get('files', fileId);
      if (!file) throw new InvalidNameError('That file no longer exists.');
      const taken = new Set(
        (await this.db.getAllFromIndex('files', 'projectId', file.projectId))
          .filter((f) => !f.deletedAt)
          .map((f) => f.path),
      );
      let path = file.path;
      for (let n = 2; taken.has(path); n++) path = file.path.replace(/(\.[^./]+)?$/, ` (restored ${n - 1})$1`);
      const next = { ...file, path, deletedAt: undefined, version: file.version + 1, updatedAt: now() };
      await this.db.put('files', next);
      this.notify({ kind: 'files', projectId: file.projectId });
      return next;
    });
  }

  purgeFile(fileId: string): Promise<void> {
    return this.write(async () => {
      const file = await this.db.get('files', fileId);
      await this.db.delete('files', fileId);
      if (file) this.notify({ kind: 'files', projectId: file.projectId });
    });
  }

  /** Deleted projects, and deleted files of projects that are not deleted themselves. */
  async listTrash(): Promise<TrashContents> {
    const projects = await this.db.getAll('projects');
    const names = new Map(projects.map((p) => [p.id, p]));
    const files: TrashContents['files'] = [];
    let cursor = await this.db.transaction('files').store.openCursor();
    while (cursor) {
      const f = cursor.value;
      const project = names.get(f.projectId);
      if (f.deletedAt && project && !project.deletedAt) files.push({ ...f, projectName: project.name });
      cursor = await cursor.continue();
    }
    return {
      projects: projects.filter((p) => p.deletedAt).sort((a, b) => b.deletedAt! - a.deletedAt!),
      files: files.sort((a, b) => b.deletedAt! - a.deletedAt!),
    };
  }

  // --- history -----------------------------------------------------------------

  async historySettings(): Promise<HistorySettings> {
    return { ...DEFAULT_HISTORY, ...((await this.getMeta<HistorySettings>('history-settings')) ?? {}) };
  }

  async setHistorySettings(settings: HistorySettings): Promise<void> {
    await this.setMeta('history-settings', settings);
    await this.pruneHistory();
  }

  /** Records a finished run (its code and pictures deduplicated by content hash), then prunes to the limits. */
  async addRun(run: NewRun): Promise<number> {
    const hashed = await Promise.all(run.files.map(async (f) => ({ ...f, hash: await blobKey(f.content) })));
    const pictures = new Map<string, { mime: string; data: Uint8Array }>();
    const items: StoredOutputItem[] = [];
    for (const item of run.items) {
      if (item.kind === 'text') items.push({ kind: 'text', stream: item.stream, text: item.text });
      else if (item.kind === 'explanation') items.push({ ...item });
      else {
        const hash = await sha256(item.data);
        pictures.set(hash, { mime: item.mime, data: item.data });
        items.push({ kind: 'display', mime: item.mime, hash, alt: item.alt, bytes: item.data.byteLength });
      }
    }
    const media = items.flatMap((i) => (i.kind === 'display' ? [i.hash] : []));
    const explanationCase = items.find((i) => i.kind === 'explanation')?.case;
    const output = itemsText(run.items);
    // Search looks into code and output only: a binary file has no words to find.
    const code = (f: { content: StoredContent } | undefined) => (typeof f?.content === 'string' ? f.content : '');
    const entryCode = code(run.files.find((f) => f.path === run.entry));
    const otherCode = run.files.filter((f) => f.path !== run.entry && f.path.endsWith('.py')).map(code);
    const text = [entryCode, ...otherCode, output].join('\n').slice(0, SEARCH_TEXT_CHARS).toLowerCase();
    const id = await this.write(async () => {
      const tx = this.db.transaction(['runs', 'blobs', 'transcripts', 'runText', 'meta', 'media'], 'readwrite');
      let addedBytes = output.length * 2 + text.length * 2 + 300;
      for (const file of hashed) {
        const blob = await tx.objectStore('blobs').get(file.hash);
        if (blob) await tx.objectStore('blobs').put({ ...blob, refs: blob.refs + 1 });
        else {
          await tx.objectStore('blobs').put({ hash: file.hash, content: file.content, refs: 1 });
          addedBytes += storedSize(file.content);
        }
      }
      for (const hash of media) {
        const kept = await tx.objectStore('media').get(hash);
        if (kept) await tx.objectStore('media').put({ ...kept, refs: kept.refs + 1 });
        else {
          const picture = pictures.get(hash)!;
          await tx.objectStore('media').put({ hash, mime: picture.mime, data: picture.data, refs: 1 });
          addedBytes += picture.data.byteLength;
        }
      }
      const record: RunRecord = {
        projectId: run.projectId,
        projectName: run.projectName,
        entry: run.entry,
        startedAt: run.startedAt,
        durationMs: run.durationMs,
        status: storedStatus(run.status),
        errorType: run.errorType,
        files: hashed.map(({ path, hash }) => ({ path, hash })),
        media,
        outputChars: output.length,
        omittedChars: run.omittedChars,
        bytes: addedBytes,
        explanationCase: run.explanationCase ?? explanationCase,
      };
      const runId = await tx.objectStore('runs').add(record);
      await tx.objectStore('transcripts').put({ runId, items, omittedChars: run.omittedChars });
      await tx.objectStore('runText').put({ runId, projectId: run.projectId, text });
      const total = ((await tx.objectStore('meta').get('history-bytes'))?.value as number | undefined) ?? 0;
      await tx.objectStore('meta').put({ key: 'history-bytes', value: total + addedBytes });
      await tx.done;
      return runId;
    });
    this.notify({ kind: 'history', projectId: run.projectId });
    await this.pruneHistory();
    return id;
  }

  /** Deletes the oldest runs while the history is over its limits. Never touches project files. */
  async pruneHistory(): Promise<number> {
    const settings = await this.historySettings();
    let pruned = 0;
    for (;;) {
      const count = await this.db.count('runs');
      const bytes = (await this.getMeta<number>('history-bytes')) ?? 0;
      if (count <= settings.maxRuns && bytes <= settings.maxMegabytes * 1_000_000) return pruned;
      if (count === 0) return pruned;
      const cursor = await this.db.transaction('runs').store.index('startedAt').openKeyCursor();
      if (!cursor) return pruned;
      await this.deleteRun(cursor.primaryKey, false);
      pruned++;
    }
  }

  private filterRange(filter: RunFilter): {
    index: 'project' | 'project-entry' | 'project-status' | 'project-entry-status';
    range: IDBKeyRange;
  } {
    const { projectId: p, entry: e, status: s } = filter;
    const lo = -Infinity;
    const hi = Infinity;
    if (e !== undefined && s !== undefined) {
      return { index: 'project-entry-status', range: IDBKeyRange.bound([p, e, s, lo], [p, e, s, hi]) };
    }
    if (e !== undefined) return { index: 'project-entry', range: IDBKeyRange.bound([p, e, lo], [p, e, hi]) };
    if (s !== undefined) return { index: 'project-status', range: IDBKeyRange.bound([p, s, lo], [p, s, hi]) };
    return { index: 'project', range: IDBKeyRange.bound([p, lo], [p, hi]) };
  }

  /** How many runs match the filter (from an index, without reading them). */
  countRuns(filter: RunFilter): Promise<number> {
    const { index, range } = this.filterRange(filter);
    return this.db.countFromIndex('runs', index, range);
  }

  /** Runs matching the filter, newest first, from `offset` (a window for a virtualised list). */
  async pageRuns(filter: RunFilter, offset: number, limit: number): Promise<RunRecord[]> {
    const { index, range } = this.filterRange(filter);
    const tx = this.db.transaction('runs');
    let cursor = await tx.store.index(index).openCursor(range, 'prev');
    if (cursor && offset > 0) cursor = await cursor.advance(offset);
    const out: RunRecord[] = [];
    while (cursor && out.length < limit) {
      out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out;
  }

  /** Runs of a project whose code or output contains `query` (any case), newest first. */
  async searchRuns(projectId: string, query: string, limit = 500): Promise<RunRecord[]> {
    const needle = query.trim().toLowerCase();
    if (!needle) return [];
    const ids: number[] = [];
    const range = IDBKeyRange.bound([projectId, -Infinity], [projectId, Infinity]);
    let cursor = await this.db.transaction('runText').store.index('project').openCursor(range, 'prev');
    while (cursor && ids.length < limit) {
      if (cursor.value.text.includes(needle)) ids.push(cursor.value.runId);
      cursor = await cursor.continue();
    }
    const runs = await Promise.all(ids.map((id) => this.db.get('runs', id)));
    return runs.filter((r): r is RunRecord => r !== undefined);
  }

  /** Entry files that appear in a project's history (for the filter). */
  async historyEntries(projectId: string): Promise<string[]> {
    const entries = new Set<string>();
    const range = IDBKeyRange.bound([projectId, '', -Infinity], [projectId, '\uffff', Infinity]);
    let cursor = await this.db.transaction('runs').store.index('project-entry').openKeyCursor(range, 'nextunique');
    while (cursor) {
      entries.add((cursor.key as [string, string, number])[1]);
      // Jump past every run of this entry.
      cursor = await cursor.continue([projectId, (cursor.key as [string, string, number])[1], Infinity]);
    }
    return [...entries].sort();
  }

  getRun(id: number): Promise<RunRecord | undefined> {
    return this.db.get('runs', id);
  }

  /** What a past run printed and showed; a picture that is gone reads as its description. */
  async getTranscript(runId: number): Promise<{ items: ShownItem[]; omittedChars: number } | undefined> {
    const tx = this.db.transaction(['transcripts', 'media']);
    const record = await tx.objectStore('transcripts').get(runId);
    if (!record) return undefined;
    const items: ShownItem[] = [];
    for (const item of record.items) {
      if (item.kind === 'text') {
        items.push({ kind: 'text', stream: item.stream, text: item.text });
        continue;
      }
      if (item.kind === 'explanation') {
        items.push({ ...item });
        continue;
      }
      const picture = await tx.objectStore('media').get(item.hash);
      if (picture) items.push({ kind: 'display', mime: item.mime as DisplayMime, data: picture.data, alt: item.alt });
      else items.push({ kind: 'text', stream: 'system', text: `[picture no longer kept: ${item.alt}]\n` });
    }
    await tx.done;
    return { items, omittedChars: record.omittedChars };
  }

  /** The files of a past run as they ran (text, or bytes), file by file. */
  async runFiles(run: RunRecord): Promise<{ path: string; content: StoredContent }[]> {
    const tx = this.db.transaction('blobs');
    const files = await Promise.all(
      run.files.map(async (f) => ({ path: f.path, content: (await tx.store.get(f.hash))?.content ?? '' })),
    );
    await tx.done;
    return files;
  }

  /** Deletes one run, its transcript and search text, and content no other run uses. */
  deleteRun(id: number, notify = true): Promise<void> {
    return this.write(async () => {
      const tx = this.db.transaction(['runs', 'blobs', 'transcripts', 'runText', 'meta', 'media'], 'readwrite');
      const run = await tx.objectStore('runs').get(id);
      if (!run) {
        await tx.done;
        return;
      }
      let freed = run.bytes;
      for (const file of run.files) {
        const blob = await tx.objectStore('blobs').get(file.hash);
        if (!blob) continue;
        if (blob.refs <= 1) await tx.objectStore('blobs').delete(file.hash);
        else await tx.objectStore('blobs').put({ ...blob, refs: blob.refs - 1 });
      }
      for (const hash of run.media ?? []) {
        const picture = await tx.objectStore('media').get(hash);
        if (!picture) continue;
        if (picture.refs <= 1) await tx.objectStore('media').delete(hash);
        else await tx.objectStore('media').put({ ...picture, refs: picture.refs - 1 });
      }
      await tx.objectStore('runs').delete(id);
      await tx.objectStore('transcripts').delete(id);
      await tx.objectStore('runText').delete(id);
      const total = ((await tx.objectStore('meta').get('history-bytes'))?.value as number | undefined) ?? 0;
      freed = Math.min(freed, total);
      await tx.objectStore('meta').put({ key: 'history-bytes', value: total - freed });
      await tx.done;
      if (notify) this.notify({ kind: 'history', projectId: run.projectId });
    });
  }

  /** Deletes every run of a project. */
  async clearRuns(projectId: string): Promise<void> {
    const range = IDBKeyRange.bound([projectId, -Infinity], [projectId, Infinity]);
    const ids = await this.db.getAllKeysFromIndex('runs', 'project', range);
    for (const id of ids) await this.deleteRun(id, false);
    this.notify({ kind: 'history', projectId });
  }

  /** Runs of every project started at or after `since`, oldest first: only how each ended. */
  async recentActivity(since: number): Promise<{ runs: RunActivity[] }> {
    const records = await this.db.getAllFromIndex('runs', 'startedAt', IDBKeyRange.lowerBound(since));
    const runs = records.map((r) =>
      defined({ startedAt: r.startedAt, status: r.status, errorType: r.errorType, explanationCase: r.explanationCase }),
    );
    return { runs };
  }

  // --- lesson packs --------------------------------------------------------------

  /** Saves a pack, or replaces the one with its id (which keeps when it was first imported). */
  savePack(pack: Pack, source: PackSource): Promise<void> {
    return this.write(async () => {
      const stored = toStoredPack(pack);
      const tx = this.db.transaction('packs', 'readwrite');
      const old = await tx.store.get(stored.id);
      const time = now();
      const record: PackRecord = {
        id: stored.id,
        pack: stored,
        source,
        importedAt: old?.importedAt ?? time,
        updatedAt: time,
      };
      await tx.store.put(record);
      await tx.done;
      this.notify({ kind: 'packs' });
    });
  }

  /** A pack and where it came from, or undefined when none has that id. */
  async getPack(
    id: string,
  ): Promise<{ pack: Pack; source: PackSource; importedAt: number; updatedAt: number } | undefined> {
    const record = await this.db.get('packs', id);
    if (!record) return undefined;
    return {
      pack: fromStoredPack(record.pack),
      source: record.source,
      importedAt: record.importedAt,
      updatedAt: record.updatedAt,
    };
  }

  /** Every pack on the device, described without its lessons: the built-in one first, then by title. */
  async listPacks(): Promise<PackSummary[]> {
    const out: PackSummary[] = [];
    // One record at a time: only the summaries are kept, never every pack's exercises at once.
    let cursor = await this.db.transaction('packs').store.openCursor();
    while (cursor) {
      const { pack, source, importedAt, updatedAt } = cursor.value;
      out.push({
        id: pack.id,
        title: pack.title,
        author: pack.author,
        revision: pack.revision ?? 1,
        source,
        importedAt,
        updatedAt,
        exercises: pack.lessons.reduce((sum, l) => sum + l.exercises.length, 0),
      });
      cursor = await cursor.continue();
    }
    const rank = (p: PackSummary) => (p.source === 'built-in' ? 0 : 1);
    return out.sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title));
  }

  /** Deletes a pack. Its progress and the projects made from it stay: the learner's work is never deleted with a pack. */
  deletePack(id: string): Promise<void> {
    return this.write(async () => {
      await this.db.delete('packs', id);
      this.notify({ kind: 'packs' });
    });
  }

  // --- progress ------------------------------------------------------------------

  /** The learner's progress on one exercise, or undefined before it was first opened. */
  getProgress(packId: string, exerciseId: string): Promise<ProgressRecord | undefined> {
    return this.db.get('progress', [packId, exerciseId]);
  }

  /** Progress on every exercise, or on those of one pack. */
  listProgress(packId?: string): Promise<ProgressRecord[]> {
    return packId === undefined ? this.db.getAll('progress') : this.db.getAllFromIndex('progress', 'pack', packId);
  }

  /**
   * Changes the progress on one exercise: reads it, applies `change` and writes the result in ONE
   * transaction, so a second tab's update in between is never lost. `change` must be synchronous (an
   * await would end the transaction). It receives a fresh record when there is none (nothing done, opened
   * now), with `lessonId` set to the one given, since a newer revision of a pack may move an exercise. What
   * it returns is kept to the limits (MAX_CHECK_RESULTS…) and to this exercise's key. If it throws, nothing
   * is written and the error passes on.
   */
  updateProgress(
    packId: string,
    exerciseId: string,
    lessonId: string,
    change: (old: ProgressRecord) => ProgressRecord,
  ): Promise<ProgressRecord> {
    return this.write(async () => {
      const tx = this.db.transaction('progress', 'readwrite');
      const stored = await tx.store.get([packId, exerciseId]);
      const time = now();
      const old: ProgressRecord = stored
        ? { ...stored, lessonId }
        : {
            packId,
            exerciseId,
            lessonId,
            attempts: 0,
            checks: [],
            hintsShown: 0,
            activeMs: 0,
            firstOpenedAt: time,
            lastOpenedAt: time,
          };
      let next: ProgressRecord;
      try {
        next = cappedProgress({ ...change(old), packId, exerciseId });
      } catch (error) {
        tx.abort();
        await tx.done.catch(() => {});
        throw error;
      }
      await tx.store.put(next);
      await tx.done;
      this.notify({ kind: 'progress', packId, exerciseId });
      return next;
    });
  }

  /** The id of the most recently changed project (not in the trash) that holds work on this exercise. */
  async findExerciseProject(packId: string, exerciseId: string): Promise<string | undefined> {
    const projects = await this.db.getAllFromIndex('projects', 'exercise', [packId, exerciseId]);
    let newest: ProjectRecord | undefined;
    for (const p of projects) if (!p.deletedAt && (!newest || p.updatedAt > newest.updatedAt)) newest = p;
    return newest?.id;
  }

  // --- the classroom -----------------------------------------------------------

  /** A random id made once for this device (the same forever after): reports say which device made them. */
  deviceId(): Promise<string> {
    return this.write(async () => {
      // Read and made in one transaction: two tabs asking at once still get one id.
      const tx = this.db.transaction('meta', 'readwrite');
      const kept = (await tx.store.get(DEVICE_ID_KEY))?.value;
      let id: string;
      if (typeof kept === 'string' && kept) id = kept;
      else {
        id = newId();
        await tx.store.put({ key: DEVICE_ID_KEY, value: id });
      }
      await tx.done;
      return id;
    });
  }

  /** Saves a class, or replaces the one with its id. */
  saveClass(c: TeacherClass): Promise<void> {
    return this.write(async () => {
      await this.db.put('classes', toClassRecord(c));
      this.notify({ kind: 'classes' });
    });
  }

  async getClass(id: string): Promise<TeacherClass | undefined> {
    const record = await this.db.get('classes', id);
    return record && fromClassRecord(record);
  }

  /** Every class on the device, by name. */
  async listClasses(): Promise<TeacherClass[]> {
    const all = (await this.db.getAll('classes')).map(fromClassRecord);
    return all.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** Deletes a class and every report received for it, together. */
  deleteClass(id: string): Promise<void> {
    return this.write(async () => {
      const tx = this.db.transaction(['classes', 'reports'], 'readwrite');
      await tx.objectStore('classes').delete(id);
      await this.deleteReportsIn(tx.objectStore('reports'), id);
      await tx.done;
      this.notify({ kind: 'classes' });
      this.notify({ kind: 'reports', classId: id });
    });
  }

  /**
   * Adds received reports, in one transaction. One report is kept per class, pack, learner (see learnerKey) and
   * device: the same report again (same checksum) is a duplicate, a newer one (createdAt) replaces the kept one,
   * an older one is ignored. A report for a class not on the device makes that class (its name only), so it is
   * listed. ReportTooLargeError, and nothing written, when a report is larger than a report file may be.
   * `kept`, when given, receives the reports of `list` that are kept now, so a caller that shows them need not
   * read them back.
   */
  addReports(list: ReceivedReport[], kept?: ReceivedReport[]): Promise<ReportMerge> {
    return this.write(async () => {
      const records = list.map(toReportRecord);
      const tx = this.db.transaction(['reports', 'classes'], 'readwrite');
      const merge = noMerge();
      let merged: Awaited<ReturnType<Storage['mergeReports']>>;
      try {
        merged = await this.mergeReports(tx.objectStore('reports'), tx.objectStore('classes'), records, merge);
        await tx.done;
      } catch (error) {
        // Else the batch's first reports would be kept: the caller says "nothing was changed".
        await abortQuietly(tx);
        throw error;
      }
      const { classesMade, classIds, written } = merged;
      kept?.push(...written.map((record) => list[records.indexOf(record)]));
      if (classesMade) this.notify({ kind: 'classes' });
      for (const classId of classIds) this.notify({ kind: 'reports', classId });
      return merge;
    });
  }

  /** The reports received for a class ('' for reports of packs not handed to a class). */
  async listReports(classId: string): Promise<ReceivedReport[]> {
    return (await this.db.getAllFromIndex('reports', 'class', classId)).map(fromReportRecord);
  }

  /** One report, by class ('' for none), pack, learner (as learnerKey reads the name) and device. */
  async getReport(
    classId: string,
    packId: string,
    learner: string,
    device: string,
  ): Promise<ReceivedReport | undefined> {
    const record = await this.db.get('reports', [classId, packId, learnerKey(learner), device]);
    return record && fromReportRecord(record);
  }

  /** How many reports are kept for a class, without reading them. */
  countReports(classId: string): Promise<number> {
    return this.db.countFromIndex('reports', 'class', classId);
  }

  /** Deletes the reports received for a class (the class stays); returns how many. */
  clearReports(classId: string): Promise<number> {
    return this.write(async () => {
      const tx = this.db.transaction('reports', 'readwrite');
      const removed = await this.deleteReportsIn(tx.store, classId);
      await tx.done;
      this.notify({ kind: 'reports', classId });
      return removed;
    });
  }

  private async deleteReportsIn(
    store: {
      index(name: 'class'): { getAllKeys(query: string): Promise<[string, string, string, string][]> };
      delete(key: [string, string, string, string]): Promise<void>;
    },
    classId: string,
  ): Promise<number> {
    const keys = await store.index('class').getAllKeys(classId);
    for (const key of keys) await store.delete(key);
    return keys.length;
  }

  /** addReports' rules, inside a caller's transaction (addReports, importBackup). */
  private async mergeReports(
    reports: {
      get(key: [string, string, string, string]): Promise<ReportRecord | undefined>;
      put(record: ReportRecord): Promise<unknown>;
    },
    classes: { get(id: string): Promise<ClassRecord | undefined>; put(record: ClassRecord): Promise<unknown> },
    records: ReportRecord[],
    merge: ReportMerge,
  ): Promise<{ classesMade: number; classIds: Set<string>; written: ReportRecord[] }> {
    const classIds = new Set<string>();
    const keyOf = (r: ReportRecord): [string, string, string, string] => [r.classId, r.packId, r.learnerKey, r.device];
    // Every kept report the batch could meet, asked for at once: a round trip per report cost 200 imports 400 ms.
    const byKey = new Map<string, [string, string, string, string]>();
    for (const record of records) byKey.set(JSON.stringify(keyOf(record)), keyOf(record));
    const found = await Promise.all([...byKey.values()].map((key) => reports.get(key)));
    const current = new Map([...byKey.keys()].map((id, i) => [id, found[i]]));
    const toPut = new Map<string, ReportRecord>();
    for (const record of records) {
      const id = JSON.stringify(keyOf(record));
      const kept = current.get(id);
      if (!kept) merge.added++;
      else if (kept.checksum === record.checksum) merge.duplicates++;
      else if (record.report.createdAt > kept.report.createdAt) merge.replaced++;
      else merge.older++;
      if (!kept || (kept.checksum !== record.checksum && record.report.createdAt > kept.report.createdAt)) {
        current.set(id, record);
        toPut.set(id, record);
        classIds.add(record.classId);
      }
    }
    // A class met in several reports takes its name from the first.
    const named = new Map<string, { id: string; name: string }>();
    for (const { report } of records)
      if (report.class && !named.has(report.class.id)) named.set(report.class.id, report.class);
    const known = await Promise.all([...named.keys()].map((id) => classes.get(id)));
    const missing = [...named.values()].filter((_, i) => !known[i]);
    const time = now();
    const writes: Promise<unknown>[] = [];
    try {
      for (const record of toPut.values()) writes.push(reports.put(record));
      // Met in a report only: no learner list, and no secret (completion codes cannot be checked for it).
      for (const c of missing)
        writes.push(classes.put({ id: c.id, name: c.name, secret: '', createdAt: time, updatedAt: time }));
    } catch (error) {
      // A put that throws (a value that cannot be stored) leaves the ones before it to fail with the abort.
      for (const write of writes) write.catch(() => {});
      throw error;
    }
    await Promise.all(writes);
    const classesMade = missing.length;
    return { classesMade, classIds, written: [...toPut.values()] };
  }

  /** Keeps a revision of a pack (by id and revision, 1 when it has none), replacing the same one. */
  savePackRevision(pack: Pack): Promise<void> {
    return this.write(async () => {
      const stored = toStoredPack(pack);
      await this.db.put('packRevisions', { id: stored.id, revision: pack.revision ?? 1, pack: stored, savedAt: now() });
    });
  }

  async getPackRevision(id: string, revision: number): Promise<Pack | undefined> {
    const record = await this.db.get('packRevisions', [id, revision]);
    return record && fromStoredPack(record.pack);
  }

  /** Every revision kept of a pack, oldest first. */
  async listPackRevisions(id: string): Promise<Pack[]> {
    const range = IDBKeyRange.bound([id, -Infinity], [id, Infinity]);
    return (await this.db.getAll('packRevisions', range)).map((r) => fromStoredPack(r.pack));
  }

  /** Saves a draft, or replaces the one with its id. */
  saveDraft(d: PackDraft): Promise<void> {
    return this.write(async () => {
      await this.db.put('drafts', toDraftRecord(d));
      this.notify({ kind: 'drafts' });
    });
  }

  async getDraft(id: string): Promise<PackDraft | undefined> {
    const record = await this.db.get('drafts', id);
    return record && fromDraftRecord(record);
  }

  /** Every draft, the most recently changed first. */
  async listDrafts(): Promise<PackDraft[]> {
    const all = (await this.db.getAll('drafts')).map(fromDraftRecord);
    return all.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  deleteDraft(id: string): Promise<void> {
    return this.write(async () => {
      await this.db.delete('drafts', id);
      this.notify({ kind: 'drafts' });
    });
  }

  // --- backup ------------------------------------------------------------------

  /**
   * Everything a backup holds: every project not in the trash with its files, and optionally every run with its
   * code and transcript; the packs (not the built-in course), progress, classes, reports, revisions and drafts.
   */
  async exportAll(includeHistory: boolean): Promise<WorkspaceContents> {
    const projects: WorkspaceContents['projects'] = [];
    for (const project of await this.listProjects()) {
      const loaded = await this.loadProject(project.id);
      if (loaded) {
        projects.push(
          defined({
            name: project.name,
            main: project.main,
            files: loaded.files.map((f) => ({ path: f.path, content: f.content })),
            exercise: project.exercise && {
              packId: project.exercise.packId,
              exerciseId: project.exercise.exerciseId,
            },
          }),
        );
      }
    }
    const runs: WorkspaceContents['runs'] = [];
    if (includeHistory) {
      let cursor = await this.db.transaction('runs').store.index('startedAt').openCursor();
      const records: RunRecord[] = [];
      while (cursor) {
        records.push(cursor.value);
        cursor = await cursor.continue();
      }
      for (const run of records) {
        const transcript = await this.getTranscript(run.id!);
        runs.push({
          projectName: run.projectName,
          entry: run.entry,
          startedAt: run.startedAt,
          durationMs: run.durationMs,
          status: run.status,
          errorType: run.errorType,
          files: await this.runFiles(run),
          items: transcript?.items ?? [],
          omittedChars: transcript?.omittedChars ?? 0,
        });
      }
    }
    const tx = this.db.transaction(['packs', 'progress', 'classes', 'reports', 'packRevisions', 'drafts']);
    const [packs, progress, classes, reports, revisions, drafts] = await Promise.all([
      tx.objectStore('packs').getAll(),
      tx.objectStore('progress').getAll(),
      tx.objectStore('classes').getAll(),
      tx.objectStore('reports').getAll(),
      tx.objectStore('packRevisions').getAll(),
      tx.objectStore('drafts').getAll(),
    ]);
    await tx.done;
    return {
      projects,
      runs,
      // The built-in course is left out: every copy of the app brings its own, newest, one.
      packs: packs.flatMap((p) =>
        p.source === 'built-in'
          ? []
          : [{ pack: fromStoredPack(p.pack), source: p.source, importedAt: p.importedAt, updatedAt: p.updatedAt }],
      ),
      progress: progress.map(backedUpProgress),
      classes: classes.map(fromClassRecord),
      reports: reports.map(fromReportRecord),
      packRevisions: revisions.map((r) => fromStoredPack(r.pack)),
      drafts: drafts.map(fromDraftRecord),
    };
  }

  /**
   * Restores a backup. Projects and runs come back as new projects (nothing existing is overwritten; an
   * exercise's project is linked to its exercise again); the rest merges with what is here, by key: a pack
   * replaces one of a lower revision (never the built-in course), progress and drafts and classes the one
   * changed less recently, reports by addReports' rules, revisions only when missing. The code of restored
   * projects counts as someone else's (see isForeign): a backup file can come from anywhere.
   *
   * All or nothing: when a write fails (the device is full), the projects and runs already added are taken out
   * again, and the rest is one transaction.
   */
  async importBackup(data: WorkspaceContents): Promise<BackupRestore> {
    // Checked before anything is written: a report too large refuses the whole backup.
    const reportRecords = data.reports.map(toReportRecord);
    const added = { projects: [] as string[], runs: [] as number[] };
    try {
      return await this.importBackupInto(data, reportRecords, added);
    } catch (error) {
      await this.undoImport(added);
      throw error;
    }
  }

  /** Takes out what a failed restore added (the newest runs first); a failure here leaves the first error to say. */
  private async undoImport(added: { projects: string[]; runs: number[] }): Promise<void> {
    for (const id of [...added.runs].reverse()) await this.deleteRun(id, false).catch(() => undefined);
    for (const id of added.projects) await this.purgeProject(id).catch(() => undefined);
  }

  private async importBackupInto(
    data: WorkspaceContents,
    reportRecords: ReportRecord[],
    added: { projects: string[]; runs: number[] },
  ): Promise<BackupRestore> {
    const taken = new Set((await this.listProjects()).map((p) => p.name));
    const ids = new Map<string, string>();
    const exerciseProjects = new Map<string, string>();
    for (const p of data.projects) {
      let name = p.name;
      for (let n = 2; taken.has(name); n++) name = `${p.name} (${n})`;
      taken.add(name);
      const { project } = await this.createProject({
        name,
        files: p.files,
        main: p.main,
        origin: p.exercise ? 'lesson' : 'backup',
        foreign: true,
        exercise: p.exercise,
      });
      added.projects.push(project.id);
      ids.set(p.name, project.id);
      if (p.exercise) exerciseProjects.set(exerciseKey(p.exercise.packId, p.exercise.exerciseId), project.id);
    }
    let runs = 0;
    for (const run of data.runs) {
      const projectId = ids.get(run.projectName);
      if (!projectId) continue;
      added.runs.push(await this.addRun({ ...run, projectId }));
      runs++;
    }
    const restored: BackupRestore = {
      projects: data.projects.length,
      runs,
      packs: 0,
      progress: 0,
      classes: 0,
      reports: noMerge(),
      packRevisions: 0,
      drafts: 0,
    };
    const progressChanged: ProgressRecord[] = [];
    const reportClasses = await this.write(async () => {
      const tx = this.db.transaction(
        ['packs', 'progress', 'classes', 'reports', 'packRevisions', 'drafts'],
        'readwrite',
      );
      try {
        return await this.mergeBackup(tx, data, reportRecords, exerciseProjects, restored, progressChanged);
      } catch (error) {
        await abortQuietly(tx);
        throw error;
      }
    });
    if (restored.packs) this.notify({ kind: 'packs' });
    for (const p of progressChanged) this.notify({ kind: 'progress', packId: p.packId, exerciseId: p.exerciseId });
    if (restored.classes) this.notify({ kind: 'classes' });
    for (const classId of reportClasses) this.notify({ kind: 'reports', classId });
    if (restored.drafts) this.notify({ kind: 'drafts' });
    return restored;
  }

  /** The part of a restore that merges by key, in the transaction given (see importBackup). */
  private async mergeBackup(
    tx: IDBPTransaction<
      PlaygroundDB,
      ['packs', 'progress', 'classes', 'reports', 'packRevisions', 'drafts'],
      'readwrite'
    >,
    data: WorkspaceContents,
    reportRecords: ReportRecord[],
    exerciseProjects: Map<string, string>,
    restored: BackupRestore,
    progressChanged: ProgressRecord[],
  ): Promise<Set<string>> {
    const packs = tx.objectStore('packs');
    for (const b of data.packs) {
      if (b.pack.id === BUILT_IN_PACK_ID) continue;
      const kept = await packs.get(b.pack.id);
      if (kept && (kept.source === 'built-in' || (b.pack.revision ?? 1) <= (kept.pack.revision ?? 1))) continue;
      await packs.put({
        id: b.pack.id,
        pack: toStoredPack(b.pack),
        source: b.source,
        importedAt: Math.min(kept?.importedAt ?? b.importedAt, b.importedAt),
        updatedAt: b.updatedAt,
      });
      restored.packs++;
    }
    const progress = tx.objectStore('progress');
    for (const b of data.progress) {
      const kept = await progress.get([b.packId, b.exerciseId]);
      if (kept && kept.lastOpenedAt >= b.lastOpenedAt) continue;
      const record = cappedProgress(
        defined({
          ...backedUpProgress(b),
          projectId: exerciseProjects.get(exerciseKey(b.packId, b.exerciseId)) ?? kept?.projectId,
        }),
      );
      await progress.put(record);
      progressChanged.push(record);
      restored.progress++;
    }
    const classes = tx.objectStore('classes');
    for (const b of data.classes) {
      const kept = await classes.get(b.id);
      if (kept && kept.updatedAt >= b.updatedAt) continue;
      await classes.put(toClassRecord(b));
      restored.classes++;
    }
    const revisions = tx.objectStore('packRevisions');
    for (const pack of data.packRevisions) {
      const revision = pack.revision ?? 1;
      if (await revisions.get([pack.id, revision])) continue;
      await revisions.put({ id: pack.id, revision, pack: toStoredPack(pack), savedAt: now() });
      restored.packRevisions++;
    }
    const drafts = tx.objectStore('drafts');
    for (const b of data.drafts) {
      const kept = await drafts.get(b.id);
      if (kept && kept.updatedAt >= b.updatedAt) continue;
      // A backup can come from anyone: its drafts' code runs in the sandbox, as its projects' code does.
      await drafts.put(toDraftRecord({ ...b, foreign: true }));
      restored.drafts++;
    }
    const { classesMade, classIds } = await this.mergeReports(
      tx.objectStore('reports'),
      classes,
      reportRecords,
      restored.reports,
    );
    restored.classes += classesMade;
    await tx.done;
    return classIds;
  }
}
