// The IndexedDB schema: every record type the app keeps on the device, and the
// forward-only migrations that take a database from any older version to this one.
//
// These record types are storage's own: the model's types (src/model/) are
// mapped to them explicitly in storage.ts, so a change to what crosses the
// worker boundary can never silently change what is saved.
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';

export const DB_NAME = 'python-playground';
/** Bump with a new entry in MIGRATIONS; never change an old one. */
export const DB_VERSION = 4;

/** How a run ended, as saved. */
export type StoredRunStatus = 'ok' | 'error' | 'interrupted' | 'restarted';
/** Which stream a piece of saved output came from. */
export type StoredStream = 'stdout' | 'stderr' | 'stdin' | 'system';

/** One item of a saved transcript: text, a picture kept by content hash in `media`, or an error's explanation. */
export type StoredOutputItem =
  | { kind: 'text'; stream: StoredStream; text: string }
  | { kind: 'display'; mime: string; hash: string; alt: string; bytes: number }
  | { kind: 'explanation'; case: string; file: string; line: number; text: string; hint: string };

/** A project: a folder of files, one of which Run starts. */
export interface ProjectRecord {
  id: string;
  name: string;
  /** Path of the file Run executes. */
  main: string;
  createdAt: number;
  updatedAt: number;
  /** Set when the project is in the trash. */
  deletedAt?: number;
  /** Where the learner was: the file shown and the cursor in each file. */
  activeFile?: string;
  cursors?: Record<string, number>;
  /** How the project came to be (`lesson`: made from an exercise's starter files, since version 3). */
  origin: 'welcome' | 'new' | 'share' | 'import' | 'backup' | 'duplicate' | 'lesson';
  /**
   * Its code came from someone else (a share link, an imported zip or backup, or a copy of such a project):
   * it runs in the sandboxed frame. Absent in records made before this field: derived from `origin`.
   */
  foreign?: boolean;
  /**
   * The exercise whose work this project holds (since version 3). Absent on every other project, which
   * keeps them out of the `exercise` index.
   */
  exercise?: { packId: string; exerciseId: string };
}

/**
 * Origins whose code came from someone else. Not `lesson`: the built-in course is the app's own, so whoever
 * makes a project from someone else's pack says so with `foreign`.
 */
const FOREIGN_ORIGINS: readonly ProjectRecord['origin'][] = ['share', 'import', 'backup'];

/** Whether a project's code came from someone else (see ProjectRecord.foreign). */
export function isForeign(project: Pick<ProjectRecord, 'origin' | 'foreign'>): boolean {
  return project.foreign ?? FOREIGN_ORIGINS.includes(project.origin);
}

/**
 * A file's content as saved: text, or bytes for anything that is not UTF-8
 * text (a picture a program saved, an uploaded sound). IndexedDB's structured
 * clone keeps a Uint8Array as it is, so records made before bytes existed
 * (always text) read unchanged: no migration.
 */
export type StoredContent = string | Uint8Array;

/** One file of a project. */
export interface FileRecord {
  id: string;
  projectId: string;
  /** `/`-separated path in the project, e.g. `main.py` or `data/points.csv`. */
  path: string;
  content: StoredContent;
  /** Bumped on every write: a tab saves only over the version it last saw. */
  version: number;
  updatedAt: number;
  /** Set when the file is in the trash. */
  deletedAt?: number;
}

/** File content of past runs, stored once per distinct content (history is deduplicated by hash). */
export interface BlobRecord {
  hash: string;
  /** Keyed by the SHA-256 of the text (as UTF-8), or `bin-` and that of the bytes: a text and the same bytes never share a record. */
  content: StoredContent;
  /** Runs that use this content: the blob goes when the last of them is pruned. */
  refs: number;
}

/** One run in the history (small: the transcript and the search text are kept apart). */
export interface RunRecord {
  id?: number;
  projectId: string;
  projectName: string;
  entry: string;
  startedAt: number;
  durationMs: number;
  status: StoredRunStatus;
  errorType?: string;
  /** The project's files as they ran. */
  files: { path: string; hash: string }[];
  /** Pictures in the transcript, by hash, once per time they appear (since version 2). */
  media?: string[];
  /** Characters of output kept, and omitted beyond the cap. */
  outputChars: number;
  omittedChars: number;
  /** Approximate bytes this run takes (transcript, search text and the blobs it added). */
  bytes: number;
  /** The case id of the explanation in the run's output, if any (since version 3; older runs have none). */
  explanationCase?: string;
}

export interface TranscriptRecord {
  runId: number;
  items: StoredOutputItem[];
  omittedChars: number;
}

/** A transcript as version 1 kept it: text only. */
interface TranscriptRecordV1 {
  runId: number;
  parts: { stream: StoredStream; text: string }[];
  omittedChars: number;
}

/** A picture from a run's output, stored once per distinct content. */
export interface MediaRecord {
  hash: string;
  mime: string;
  data: Uint8Array;
  /** Appearances in runs' transcripts: the picture goes when the last is pruned. */
  refs: number;
}

/** Lower-cased code and output of a run, for full-text search. */
export interface RunTextRecord {
  runId: number;
  projectId: string;
  text: string;
}

// --- lesson packs (since version 3) ------------------------------------------------
// A copy of the model's Pack (src/model/lesson.ts), field for field: the literal
// `format` and `version` make a new edition of the pack format a compile error in
// storage.ts's mapping rather than a silent change to what is saved.

export interface StoredLessonFile {
  name: string;
  content: string;
}

interface StoredCheckBase {
  title?: string;
  message?: string;
  timeout?: number;
}

export type StoredCheck =
  | (StoredCheckBase & {
      kind: 'output';
      stdin?: string[];
      expect: string;
      match?: 'exact' | 'normalised' | 'ignore-case' | 'regex';
      prompts?: boolean;
    })
  | (StoredCheckBase & {
      kind: 'call';
      function: string;
      args?: string;
      expect: string;
      stdin?: string[];
      tolerance?: number;
    })
  | (StoredCheckBase & { kind: 'tests'; file: string; content: string })
  | (StoredCheckBase & {
      kind: 'code';
      requires?: string[];
      forbids?: string[];
      defines?: { name: string; params?: string[] }[];
    })
  | (StoredCheckBase & {
      kind: 'turtle';
      stdin?: string[];
      segments?: [number, number, number, number][];
      fills?: { points: [number, number][]; color?: string }[];
      tolerance?: number;
      exact?: boolean;
    });

export interface StoredExercise {
  id: string;
  title: string;
  instructions: string;
  files: StoredLessonFile[];
  main: string;
  hints: string[];
  solution?: StoredLessonFile[];
  solutionAfter?: number | 'never';
  checks: StoredCheck[];
}

export interface StoredLesson {
  id: string;
  title: string;
  page?: string;
  exercises: StoredExercise[];
}

export interface StoredPack {
  format: 'pyplayground-pack';
  version: 1;
  id: string;
  title: string;
  author: string;
  language: string;
  revision?: number;
  description?: string;
  lessons: StoredLesson[];
  /** The class a teacher handed the pack to (since version 4; older records have none). */
  class?: StoredClassInfo;
}

/** A copy of the model's ClassInfo (src/model/classroom.ts). */
export interface StoredClassInfo {
  id: string;
  name: string;
  learners?: string[];
  pickName?: boolean;
  secret: string;
}

/** Where a pack came from: the app itself, a `.pypack` file, or a `#pack=` link. */
export type PackSource = 'built-in' | 'file' | 'link';

/** A lesson pack on the device. */
export interface PackRecord {
  id: string;
  pack: StoredPack;
  source: PackSource;
  /** When this pack id was first saved: a newer revision keeps it. */
  importedAt: number;
  updatedAt: number;
}

/** One press of Check, as progress keeps it. */
export interface StoredCheckResult {
  at: number;
  passed: number;
  total: number;
  /** Titles of the checks that failed. */
  failed: string[];
  /** Exception types the learner's code raised. */
  errors: string[];
}

/** The learner's progress on one exercise, kept by pack id and exercise id (not by revision). */
export interface ProgressRecord {
  packId: string;
  exerciseId: string;
  /** The lesson the exercise was in when last updated. */
  lessonId: string;
  /** The workspace project that holds the learner's code for this exercise. */
  projectId?: string;
  /** Presses of Check. */
  attempts: number;
  /**
   * Each press of Check, newest last, the last 100 kept: when, passed/total, titles of the failed checks
   * (each ≤ 200 chars, at most 20), error types met (the same limits).
   */
  checks: StoredCheckResult[];
  hintsShown: number;
  solutionViewedAt?: number;
  firstPassedAt?: number;
  lastPassedAt?: number;
  /** Milliseconds of active editing (not wall time). */
  activeMs: number;
  firstOpenedAt: number;
  lastOpenedAt: number;
}

// --- the classroom (since version 4) -----------------------------------------------
// Copies of the model's TeacherClass, Report and PackDraft (src/model/classroom.ts), mapped explicitly.

/** A class on the teacher's device. */
export interface ClassRecord extends StoredClassInfo {
  createdAt: number;
  updatedAt: number;
}

export interface StoredReportCheck {
  at: number;
  passed: number;
  total: number;
  failed: string[];
  errors: string[];
}

export interface StoredReportExercise {
  id: string;
  lessonId: string;
  title: string;
  state: 'not-started' | 'tried' | 'passed';
  attempts: number;
  hintsShown: number;
  solutionViewedAt?: number;
  firstPassedAt?: number;
  lastPassedAt?: number;
  firstOpenedAt?: number;
  lastOpenedAt?: number;
  activeMs: number;
  checks: StoredReportCheck[];
  files?: StoredLessonFile[];
}

export interface StoredReport {
  format: 'pyplayground-report';
  version: 1;
  pack: { id: string; revision: number; title: string };
  class?: { id: string; name: string };
  learner: string;
  device: string;
  createdAt: number;
  exercises: StoredReportExercise[];
  codeOmitted?: boolean;
}

/**
 * A report the dashboard received. Kept once per class, pack, learner and device (the key's first four
 * fields): a newer report from the same learner and device replaces the older.
 */
export interface ReportRecord {
  /** The report's class id, or '' when the pack was not handed to a class. */
  classId: string;
  packId: string;
  /** The learner's name as `learnerKey` makes it: "Ada  Lovelace" and "ada lovelace" are one learner. */
  learnerKey: string;
  device: string;
  report: StoredReport;
  checksum: string;
  tampered: boolean;
  receivedAt: number;
  via: 'file' | 'link' | 'qr' | 'sync';
}

/** A revision of a pack the teacher exported or received, so a report is read against the one it was made with. */
export interface PackRevisionRecord {
  id: string;
  /** The pack's revision (1 when it does not say). */
  revision: number;
  pack: StoredPack;
  savedAt: number;
}

/** A pack being written in Teach mode. */
export interface DraftRecord {
  id: string;
  pack: StoredPack;
  updatedAt: number;
  exportedRevision?: number;
  /** Opened from a pack file: its checks run in the sandbox. */
  foreign?: boolean;
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

export interface PlaygroundDB extends DBSchema {
  projects: { key: string; value: ProjectRecord; indexes: { updatedAt: number; exercise: [string, string] } };
  files: { key: string; value: FileRecord; indexes: { projectId: string } };
  blobs: { key: string; value: BlobRecord };
  runs: {
    key: number;
    value: RunRecord;
    indexes: {
      startedAt: number;
      project: [string, number];
      'project-entry': [string, string, number];
      'project-status': [string, string, number];
      'project-entry-status': [string, string, string, number];
    };
  };
  transcripts: { key: number; value: TranscriptRecord };
  media: { key: string; value: MediaRecord };
  runText: { key: number; value: RunTextRecord; indexes: { project: [string, number] } };
  meta: { key: string; value: MetaRecord };
  packs: { key: string; value: PackRecord };
  progress: {
    key: [string, string];
    value: ProgressRecord;
    indexes: { pack: string; lastOpenedAt: number };
  };
  classes: { key: string; value: ClassRecord };
  reports: { key: [string, string, string, string]; value: ReportRecord; indexes: { class: string } };
  packRevisions: { key: [string, number]; value: PackRevisionRecord };
  drafts: { key: string; value: DraftRecord };
}

type UpgradeTx = IDBPTransaction<PlaygroundDB, StoreNames<PlaygroundDB>[], 'versionchange'>;

/** MIGRATIONS[n] takes a database from version n to n + 1. */
export const MIGRATIONS: ((db: IDBPDatabase<PlaygroundDB>, tx: UpgradeTx) => void)[] = [
  // 0 → 1: the first schema.
  (db) => {
    db.createObjectStore('projects', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
    db.createObjectStore('files', { keyPath: 'id' }).createIndex('projectId', 'projectId');
    db.createObjectStore('blobs', { keyPath: 'hash' });
    const runs = db.createObjectStore('runs', { keyPath: 'id', autoIncrement: true });
    runs.createIndex('startedAt', 'startedAt');
    runs.createIndex('project', ['projectId', 'startedAt']);
    runs.createIndex('project-entry', ['projectId', 'entry', 'startedAt']);
    runs.createIndex('project-status', ['projectId', 'status', 'startedAt']);
    runs.createIndex('project-entry-status', ['projectId', 'entry', 'status', 'startedAt']);
    db.createObjectStore('transcripts', { keyPath: 'runId' });
    db.createObjectStore('runText', { keyPath: 'runId' }).createIndex('project', ['projectId', 'runId']);
    db.createObjectStore('meta', { keyPath: 'key' });
  },
  // 1 → 2: output is typed items (text, pictures); pictures are kept by hash in their own store.
  (db, tx) => {
    db.createObjectStore('media', { keyPath: 'hash' });
    const transcripts = tx.objectStore('transcripts');
    void (async () => {
      for (let cursor = await transcripts.openCursor(); cursor; cursor = await cursor.continue()) {
        const old = cursor.value as unknown as TranscriptRecordV1 & Partial<TranscriptRecord>;
        if (old.items) continue;
        const items: StoredOutputItem[] = (old.parts ?? []).map((p) => ({
          kind: 'text',
          stream: p.stream,
          text: p.text,
        }));
        await cursor.update({ runId: old.runId, items, omittedChars: old.omittedChars });
      }
    })();
  },
  // 2 → 3: lesson packs and the learner's progress; a project can belong to an exercise. Nothing
  // existing is rewritten: older projects simply have no `exercise` and stay out of its index.
  (db, tx) => {
    db.createObjectStore('packs', { keyPath: 'id' });
    const progress = db.createObjectStore('progress', { keyPath: ['packId', 'exerciseId'] });
    progress.createIndex('pack', 'packId');
    progress.createIndex('lastOpenedAt', 'lastOpenedAt');
    tx.objectStore('projects').createIndex('exercise', ['exercise.packId', 'exercise.exerciseId']);
  },
  // 3 → 4: the teacher's classes, the reports the dashboard received, every revision of a pack handed out or
  // received, and drafts of packs being written. New stores only: packs saved before simply have no `class`.
  (db) => {
    db.createObjectStore('classes', { keyPath: 'id' });
    db.createObjectStore('reports', { keyPath: ['classId', 'packId', 'learnerKey', 'device'] }).createIndex(
      'class',
      'classId',
    );
    db.createObjectStore('packRevisions', { keyPath: ['id', 'revision'] });
    db.createObjectStore('drafts', { keyPath: 'id' });
  },
];
