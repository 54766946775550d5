// The workspace's store and what its parts share: the open project's files,
// the save state, the events the UI listens to, and how a storage error
// becomes what the learner sees. Each part (autosave, projects, other tabs,
// the journal) takes this core instead of reaching into the others.
import { createStore, type SetStoreFunction } from 'solid-js/store';
import { Emitter } from '../lib/emitter.ts';
import type { FileContent, ProjectFile } from '../model/files.ts';
import { NewerVersionError, StorageFullError } from '../storage/errors.ts';
import type { ProjectRecord } from '../storage/schema.ts';
import type { Storage } from '../storage/storage.ts';

/** Whether the learner's work is safe on the device. */
export type SaveState =
  | { kind: 'saved' }
  | { kind: 'saving' }
  | { kind: 'memory'; why: string }
  | { kind: 'full' }
  | { kind: 'newer-version' }
  /** Another tab saved the same file: waiting for the learner's choice (see Conflict). */
  | { kind: 'conflict' }
  | { kind: 'error'; why: string };

export interface WorkspaceFile extends ProjectFile {
  /** Storage id; absent while the file lives only in memory. */
  id?: string;
  /** The version last saved or seen (see Storage.saveFile). */
  version: number;
  /** Changed since the last save (only ever briefly for bytes: they are saved at once, never edited). */
  dirty: boolean;
}

/** Another tab saved a file this tab has changed too: the learner chooses. */
export interface Conflict {
  path: string;
  /** Bytes when the other tab's run made the file a binary one. */
  theirs: FileContent;
  theirsVersion: number;
}

export interface WorkspaceState {
  projectId?: string;
  projectName: string;
  files: WorkspaceFile[];
  /** The file Run executes. */
  main: string;
  /** The file shown in the editor. */
  active: string;
  /** Files open as tabs. */
  tabs: string[];
  projects: Pick<ProjectRecord, 'id' | 'name' | 'updatedAt'>[];
  /** The open project's code came from someone else: it runs sandboxed, and may not use the network unasked. */
  foreign: boolean;
  /** The exercise whose work the open project holds (a lesson's project), if any. */
  exercise?: { packId: string; exerciseId: string };
  save: SaveState;
  conflict?: Conflict;
}

/** Something the learner should know (undo offers, recoveries). */
export interface WorkspaceNotice {
  text: string;
  kind?: 'info' | 'error';
  action?: { label: string; run: () => void };
}

export type WorkspaceEvent =
  /** A file's text changed from outside the editor (another tab, a run, a restore); never sent for bytes. */
  | { type: 'external-content'; path: string; content: string }
  /** The whole project changed (switching projects): the editor starts over. */
  | { type: 'project-loaded' }
  | { type: 'notice'; notice: WorkspaceNotice };

export interface WorkspaceCore {
  readonly storage: Storage | undefined;
  readonly state: WorkspaceState;
  readonly setState: SetStoreFunction<WorkspaceState>;
  readonly events: Emitter<WorkspaceEvent>;
  /** Writes go to storage: there is one, and no newer version of the app took it over. */
  canWrite(): boolean;
  /** A newer version of the app took storage over: stop writing, and say so. */
  stop(): void;
  /** Turns a storage error into the save state the learner sees. */
  failed(error: unknown): void;
  /** A file's content changed from outside the editor: the editor hears of text (bytes are only previewed). */
  externalContent(path: string, content: FileContent): void;
  notice(notice: WorkspaceNotice): void;
  file(path: string): WorkspaceFile | undefined;
  fileIndex(path: string): number;
  paths(): string[];
}

export function createCore(storage: Storage | undefined, unavailableWhy?: string): WorkspaceCore {
  const [state, setState] = createStore<WorkspaceState>({
    projectName: 'My project',
    files: [],
    main: 'main.py',
    active: 'main.py',
    tabs: [],
    projects: [],
    foreign: false,
    save: storage ? { kind: 'saved' } : { kind: 'memory', why: unavailableWhy ?? 'storage is not available' },
  });
  const events = new Emitter<WorkspaceEvent>();
  let stopped = false;
  const stop = () => {
    stopped = true;
    setState('save', { kind: 'newer-version' });
  };
  return {
    storage,
    state,
    setState,
    events,
    canWrite: () => storage !== undefined && !stopped,
    stop,
    failed(error) {
      if (error instanceof StorageFullError) setState('save', { kind: 'full' });
      else if (error instanceof NewerVersionError) stop();
      else setState('save', { kind: 'error', why: (error as Error)?.message ?? String(error) });
    },
    externalContent: (path, content) => {
      if (typeof content === 'string') events.emit({ type: 'external-content', path, content });
    },
    notice: (notice) => events.emit({ type: 'notice', notice }),
    file: (path) => state.files.find((f) => f.name === path),
    fileIndex: (path) => state.files.findIndex((f) => f.name === path),
    paths: () => state.files.map((f) => f.name),
  };
}
