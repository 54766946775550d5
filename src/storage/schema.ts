// The IndexedDB schema: every record type the app keeps on the device, and the
// forward-only migrations that take a database from any older version to this one.
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { OutputPart, RunStatus } from '../runner/protocol.ts';

export const DB_NAME = 'python-playground';
/** Bump with a new entry in MIGRATIONS; never change an old one. */
export const DB_VERSION = 1;

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
}

/** One file of a project. */
export interface FileRecord {
  id: string;
  projectId: string;
  /** `/`-separated path in the project, e.g. `main.py` or `data/points.csv`. */
  path: string;
  content: string;
  /** Bumped on every write: a tab saves only over the version it last saw. */
  version: number;
  updatedAt: number;
  /** Set when the file is in the trash. */
  deletedAt?: number;
}

/** File content of past runs, stored once per distinct content (history is deduplicated by hash). */
export interface BlobRecord {
  hash: string;
  content: string;
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
  status: RunStatus;
  errorType?: string;
  /** The project's files as they ran. */
  files: { path: string; hash: string }[];
  /** Characters of output kept, and omitted beyond the cap. */
  outputChars: number;
  omittedChars: number;
  /** Approximate bytes this run takes (transcript, search text and the blobs it added). */
  bytes: number;
}

export interface TranscriptRecord {
  runId: number;
  parts: OutputPart[];
  omittedChars: number;
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
];
