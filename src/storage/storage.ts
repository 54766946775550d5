// The only module that touches IndexedDB (a lint rule keeps it so). Projects,
// files, the trash, run history, settings, lesson packs and the learner's
// progress, with atomic transactions,
// optimistic versions per file (so a second tab never silently overwrites
// newer text) and change notices to other tabs through a BroadcastChannel.
import { openDB, type IDBPDatabase } from 'idb';
import { Emitter } from '../lib/emitter.ts';
import type { PastRun, WorkspaceContents } from '../model/history.ts';
import type { Check, Exercise, LessonFile, Pack } from '../model/lesson.ts';
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
  type FileRecord,
  type PackRecord,
  type PackSource,
  type PlaygroundDB,
  type ProgressRecord,
  type ProjectRecord,
  type RunRecord,
  type StoredCheck,
  type StoredContent,
  type StoredExercise,
  type StoredLessonFile,
  type StoredOutputItem,
  type StoredPack,
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
  | { kind: 'progress'; packId: string; exerciseId: string };

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
  });
}

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

  // --- backup ------------------------------------------------------------------

  /** Every project not in the trash with its files, and optionally every run with its code and transcript. */
  async exportAll(includeHistory: boolean): Promise<WorkspaceContents> {
    // Packs and progress are not in backups yet: they join with a change to the backup format
    // (src/formats/backup.ts), which WorkspaceContents follows.
    const projects: WorkspaceContents['projects'] = [];
    for (const project of await this.listProjects()) {
      const loaded = await this.loadProject(project.id);
      if (loaded) {
        projects.push({
          name: project.name,
          main: project.main,
          files: loaded.files.map((f) => ({ path: f.path, content: f.content })),
        });
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
    return { projects, runs };
  }

  /** Restores a backup as new projects (nothing existing is overwritten); returns how many projects and runs. */
  async importBackup(data: WorkspaceContents): Promise<{ projects: number; runs: number }> {
    const taken = new Set((await this.listProjects()).map((p) => p.name));
    const ids = new Map<string, string>();
    for (const p of data.projects) {
      let name = p.name;
      for (let n = 2; taken.has(name); n++) name = `${p.name} (${n})`;
      taken.add(name);
      const { project } = await this.createProject({ name, files: p.files, main: p.main, origin: 'backup' });
      ids.set(p.name, project.id);
    }
    let runs = 0;
    for (const run of data.runs) {
      const projectId = ids.get(run.projectName);
      if (!projectId) continue;
      await this.addRun({ ...run, projectId });
      runs++;
    }
    return { projects: data.projects.length, runs };
  }
}
