// The IndexedDB schema: every record type the app keeps on the device, and the
// forward-only migrations that take a database from any older version to this one.
//
// These record types are storage's own: the model's types (src/model/) are
// mapped to them explicitly in storage.ts, so a change to what crosses the
// worker boundary can never silently change what is saved.
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';

export const DB_NAME = 'python-playground';
/** Bump with a new entry in MIGRATIONS; never change an old one. */
export const DB_VERSION = 2;

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
  /** How the project came to be. */
  origin: 'welcome' | 'new' | 'share' | 'import' | 'backup' | 'duplicate';
  /**
   * Its code came from someone else (a share link, an imported zip or backup, or a copy of such a project):
   * it runs in the sandboxed frame. Absent in records made before this field: derived from `origin`.
   */
  foreign?: boolean;
}

/** Origins whose code came from someone else. */
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

export interface MetaRecord {
  key: string;
  value: unknown;
}

export interface PlaygroundDB extends DBSchema {
  projects: { key: string; value: ProjectRecord; indexes: { updatedAt: number } };
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
];
