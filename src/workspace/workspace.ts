// The learner's workspace as the UI sees it: the open project, its files and
// tabs, the list of projects, and whether everything is saved. Every change is
// written to the storage module within about half a second (and journalled to
// localStorage when the page goes away), so nothing typed is ever lost; when
// storage cannot be used, the workspace keeps working in memory and says so.
import { batch } from 'solid-js';
import { Emitter } from '../lib/emitter.ts';
import { createStore, produce, reconcile } from 'solid-js/store';
import type { ProjectFile } from '../model/files.ts';
import {
  ConflictError,
  InvalidNameError,
  NewerVersionError,
  StorageFullError,
  StorageUnavailableError,
} from '../storage/errors.ts';
import type { FileRecord, ProjectRecord } from '../storage/schema.ts';
import type { ChangeNotice, Storage } from '../storage/storage.ts';
import { freeName } from './names.ts';
import { isSafePath } from '../model/paths.ts';

/** Saving waits this long after the last keystroke (the whole write stays well under a second). */
export const SAVE_DELAY_MS = 300;

const JOURNAL_KEY = 'playground:journal';
const HAD_WORK_KEY = 'playground:has-saved-work';
const LAST_OPEN_KEY = 'last-open';

export const WELCOME_CODE = `# Welcome! Write Python here and press Run (or Ctrl+Enter).
name = input("What is your name? ")
print(f"Hello, {name}!")
`;

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
  /** Changed since the last save. */
  dirty: boolean;
}

/** Another tab saved a file this tab has changed too: the learner chooses. */
export interface Conflict {
  path: string;
  theirs: string;
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
  save: SaveState;
  conflict?: Conflict;
}

interface JournalEntry {
  projectId: string;
  fileId: string;
  path: string;
  content: string;
  baseVersion: number;
}

/** A new project's files when nothing else is known. */
export function welcomeFiles(): { path: string; content: string }[] {
  return [{ path: 'main.py', content: WELCOME_CODE }];
}

/** Why `name` cannot be a new file name here, or undefined if it can. */
export function fileNameProblem(name: string, taken: readonly string[]): string | undefined {
  if (!name.trim()) return 'Type a name for the file, such as helper.py.';
  if (name !== name.trim()) return 'A file name cannot start or end with a space.';
  if (!isSafePath(name)) return 'Use letters, digits, dots, dashes and underscores (folders with /, but no "..").';
  if (taken.includes(name)) return `There is already a file called ${name}.`;
  return undefined;
}

/** Something the learner should know (undo offers, recoveries). */
export interface WorkspaceNotice {
  text: string;
  kind?: 'info' | 'error';
  action?: { label: string; run: () => void };
}

export type WorkspaceEvent =
  /** A file's text changed from outside the editor (another tab, a run, a restore). */
  | { type: 'external-content'; path: string; content: string }
  /** The whole project changed (switching projects): the editor starts over. */
  | { type: 'project-loaded' }
  | { type: 'notice'; notice: WorkspaceNotice };

export function createWorkspace(storage: Storage | undefined, unavailableWhy?: string) {
  const [state, setState] = createStore<WorkspaceState>({
    projectName: 'My project',
    files: [],
    main: 'main.py',
    active: 'main.py',
    tabs: [],
    projects: [],
    save: storage ? { kind: 'saved' } : { kind: 'memory', why: unavailableWhy ?? 'storage is not available' },
  });
  const events = new Emitter<WorkspaceEvent>();
  const externalContent = (path: string, content: string) => events.emit({ type: 'external-content', path, content });
  const notice = (n: WorkspaceNotice) => events.emit({ type: 'notice', notice: n });
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let cursorTimer: ReturnType<typeof setTimeout> | undefined;
  const cursors: Record<string, number> = {};
  let stopped = false;

  const fileIndex = (path: string) => state.files.findIndex((f) => f.name === path);
  const file = (path: string) => state.files.find((f) => f.name === path);
  const paths = () => state.files.map((f) => f.name);

  /** Turns a storage error into the save state the learner sees. */
  const failed = (error: unknown): void => {
    if (error instanceof StorageFullError) setState('save', { kind: 'full' });
    else if (error instanceof NewerVersionError) {
      stopped = true;
      setState('save', { kind: 'newer-version' });
    } else setState('save', { kind: 'error', why: (error as Error)?.message ?? String(error) });
  };

  const settle = () => {
    if (state.save.kind === 'saving' && !state.files.some((f) => f.dirty) && timers.size === 0) {
      setState('save', { kind: 'saved' });
    }
  };

  // --- saving ------------------------------------------------------------------

  async function saveFile(path: string, force = false): Promise<void> {
    timers.delete(path);
    const f = file(path);
    if (!storage || stopped || !f?.dirty || !f.id || !state.projectId) return settle();
    const content = f.content;
    setState('save', { kind: 'saving' });
    try {
      const saved = await storage.saveFile(f.id, content, f.version, force);
      const i = fileIndex(path);
      if (i >= 0) {
        setState('files', i, { version: saved.version, dirty: state.files[i].content !== content });
        if (state.files[i].dirty) schedule(path);
      }
      try {
        localStorage.setItem(HAD_WORK_KEY, '1');
      } catch {
        // Only the "data was cleared" check loses this hint.
      }
      settle();
    } catch (error) {
      if (error instanceof ConflictError) {
        setState('conflict', { path, theirs: error.currentContent, theirsVersion: error.currentVersion });
        setState('save', { kind: 'conflict' });
      } else failed(error);
    }
  }

  function schedule(path: string): void {
    clearTimeout(timers.get(path));
    timers.set(
      path,
      setTimeout(() => void saveFile(path), SAVE_DELAY_MS),
    );
  }

  /** Saves everything that is waiting, now. */
  async function flush(): Promise<void> {
    for (const [path, timer] of timers) {
      clearTimeout(timer);
      timers.delete(path);
    }
    await Promise.all(state.files.filter((f) => f.dirty).map((f) => saveFile(f.name)));
    await saveCursors();
  }

  /**
   * The page is going away: write unsaved text to localStorage at once
   * (synchronously), to be replayed on the next start if the save never landed.
   */
  function journal(): void {
    if (!state.projectId) return;
    const entries: JournalEntry[] = state.files
      .filter((f) => f.dirty && f.id)
      .map((f) => ({
        projectId: state.projectId!,
        fileId: f.id!,
        path: f.name,
        content: f.content,
        baseVersion: f.version,
      }));
    const view = { projectId: state.projectId, activeFile: state.active, cursors: { ...cursors } };
    try {
      localStorage.setItem(JOURNAL_KEY, JSON.stringify({ at: Date.now(), entries, view }));
    } catch {
      // Nothing more can be done while the page goes away.
    }
    void flush();
  }

  /** Replays a journal left by a page that went away before its saves landed. */
  async function replayJournal(): Promise<void> {
    if (!storage) return;
    let entries: JournalEntry[] = [];
    let view: { projectId: string; activeFile: string; cursors: Record<string, number> } | undefined;
    try {
      const saved = JSON.parse(localStorage.getItem(JOURNAL_KEY) ?? 'null') as {
        entries: JournalEntry[];
        view?: typeof view;
      } | null;
      entries = saved?.entries ?? [];
      view = saved?.view;
    } catch {
      entries = [];
    }
    if (view) {
      const { projectId, activeFile, cursors: positions } = view;
      await storage.updateProject(projectId, { activeFile, cursors: positions }, false).catch(() => {});
    }
    for (const entry of entries) {
      try {
        await storage.saveFile(entry.fileId, entry.content, entry.baseVersion);
      } catch (error) {
        if (!(error instanceof ConflictError) || error.currentContent === entry.content) continue;
        // Both this journal and another tab changed the file: keep both, never lose either.
        const loaded = await storage.loadProject(entry.projectId);
        if (!loaded) continue;
        const name = freeName(
          entry.path.replace(/(\.[^./]+)?$/, ' (recovered)$1'),
          loaded.files.map((f) => f.path),
        );
        await storage.createFile(entry.projectId, name, entry.content).catch(() => {});
      }
    }
    try {
      localStorage.removeItem(JOURNAL_KEY);
    } catch {
      // Replayed anyway; a second replay finds the versions moved on and does nothing.
    }
  }

  async function saveCursors(): Promise<void> {
    clearTimeout(cursorTimer);
    cursorTimer = undefined;
    if (!storage || stopped || !state.projectId) return;
    await storage
      .updateProject(state.projectId, { activeFile: state.active, cursors: { ...cursors } }, false)
      .catch(failed);
  }

  // --- loading -------------------------------------------------------------------

  async function refreshProjects(): Promise<void> {
    if (!storage) return;
    const list = await storage.listProjects();
    setState('projects', reconcile(list.map(({ id, name, updatedAt }) => ({ id, name, updatedAt }))));
  }

  function show(
    project: Pick<ProjectRecord, 'id' | 'name' | 'main' | 'activeFile' | 'cursors'>,
    files: FileRecord[],
  ): void {
    const active = files.some((f) => f.path === project.activeFile) ? project.activeFile! : project.main;
    for (const key of Object.keys(cursors)) delete cursors[key];
    Object.assign(cursors, project.cursors ?? {});
    batch(() => {
      setState({
        projectId: project.id,
        projectName: project.name,
        files: files.map((f) => ({ name: f.path, content: f.content, id: f.id, version: f.version, dirty: false })),
        main: project.main,
        active,
        tabs: [...new Set([project.main, active])].filter((p) => files.some((f) => f.path === p)),
        conflict: undefined,
      });
    });
    events.emit({ type: 'project-loaded' });
  }

  /** Shows a project kept only in memory (storage unavailable). */
  function showInMemory(name: string, files: { path: string; content: string }[], main: string): void {
    batch(() => {
      setState({
        projectId: undefined,
        projectName: name,
        files: files.map((f) => ({ name: f.path, content: f.content, version: 0, dirty: false })),
        main,
        active: main,
        tabs: [main],
        conflict: undefined,
      });
    });
    events.emit({ type: 'project-loaded' });
  }

  async function openProject(id: string): Promise<void> {
    if (!storage) return;
    await flush();
    const loaded = await storage.loadProject(id);
    if (!loaded) return;
    show(loaded.project, loaded.files);
    await storage.setMeta(LAST_OPEN_KEY, id).catch(failed);
  }

  /** Creates a project and opens it. */
  async function createAndOpen(
    name: string,
    files: { path: string; content: string }[],
    main: string,
    origin: ProjectRecord['origin'],
  ): Promise<void> {
    if (!storage || stopped) {
      showInMemory(name, files, main);
      return;
    }
    await flush();
    try {
      const taken = state.projects.map((p) => p.name);
      const created = await storage.createProject({ name: freeName(name, taken), files, main, origin });
      show(created.project, created.files);
      await storage.setMeta(LAST_OPEN_KEY, created.project.id);
      await refreshProjects();
    } catch (error) {
      failed(error);
      showInMemory(name, files, main);
    }
  }

  /** Opens the last project (or makes the welcome one); reports whether saved work seems to have vanished. */
  async function start(): Promise<{ dataCleared: boolean }> {
    if (!storage) {
      showInMemory('My project', welcomeFiles(), 'main.py');
      return { dataCleared: false };
    }
    await replayJournal();
    await refreshProjects();
    const lastId = await storage.getMeta<string>(LAST_OPEN_KEY);
    const id = state.projects.find((p) => p.id === lastId)?.id ?? state.projects[0]?.id;
    if (id) {
      await openProject(id);
      return { dataCleared: false };
    }
    let hadWork = false;
    try {
      hadWork = localStorage.getItem(HAD_WORK_KEY) === '1';
    } catch {
      hadWork = false;
    }
    await createAndOpen('My project', welcomeFiles(), 'main.py', 'welcome');
    return { dataCleared: hadWork };
  }

  // --- other tabs -------------------------------------------------------------------

  async function reloadFiles(): Promise<void> {
    if (!storage || !state.projectId) return;
    const loaded = await storage.loadProject(state.projectId);
    if (!loaded) return;
    const mine = new Map(state.files.map((f) => [f.id, f]));
    const files = loaded.files.map((r) => {
      const local = mine.get(r.id);
      if (local?.dirty) return { ...local, name: r.path };
      if (local && local.content !== r.content) externalContent(r.path, r.content);
      return { name: r.path, content: r.content, id: r.id, version: r.version, dirty: false };
    });
    const names = new Set(files.map((f) => f.name));
    batch(() => {
      setState('files', reconcile(files, { key: 'id' }));
      setState('main', loaded.project.main);
      setState('projectName', loaded.project.name);
      setState('tabs', (tabs) => tabs.filter((t) => names.has(t)));
      if (!names.has(state.active)) setState('active', loaded.project.main);
    });
  }

  function fromOtherTab(notice: ChangeNotice): void {
    if (notice.kind === 'projects') {
      // eslint-disable-next-line solid/reactivity -- a one-off callback: reading the current project is the point
      void refreshProjects().then(() => (state.projectId ? reloadFiles() : undefined));
    }
    if (notice.kind === 'files' && notice.projectId === state.projectId) void reloadFiles();
    if (notice.kind === 'file' && notice.projectId === state.projectId) {
      const i = state.files.findIndex((f) => f.id === notice.fileId);
      if (i < 0) return void reloadFiles();
      const local = state.files[i];
      if (local.dirty) return; // our own save will meet the newer version and ask the learner
      setState('files', i, { content: notice.content, version: notice.version });
      externalContent(local.name, notice.content);
    }
  }

  if (storage) {
    // eslint-disable-next-line solid/reactivity -- a listener: reading the store when a notice comes is the point
    storage.changes.subscribe(fromOtherTab);
    storage.newerVersion.subscribe(() => {
      stopped = true;
      setState('save', { kind: 'newer-version' });
    });
  }

  // --- editing -------------------------------------------------------------------

  const api = {
    state,
    events,
    storage,
    start,
    flush,
    journal,
    refreshProjects,

    /** The content of every file, as it is now (what Run executes). */
    snapshot(): ProjectFile[] {
      return state.files.map((f) => ({ name: f.name, content: f.content }));
    },
    content(path: string): string | undefined {
      return file(path)?.content;
    },
    /** The editor changed a file's text: save it soon. */
    setContent(path: string, content: string): void {
      const i = fileIndex(path);
      if (i < 0 || state.files[i].content === content) return;
      setState('files', i, { content, dirty: true });
      if (storage && !stopped && state.projectId) {
        if (state.save.kind === 'saved') setState('save', { kind: 'saving' });
        schedule(path);
      }
    },
    /** Replaces a file's text from outside the editor (a restore, an undo): saved soon, and shown. */
    replaceContent(path: string, content: string): void {
      api.setContent(path, content);
      externalContent(path, content);
    },
    setActive(path: string): void {
      if (!file(path)) return;
      batch(() => {
        setState('active', path);
        if (!state.tabs.includes(path)) setState('tabs', (t) => [...t, path]);
      });
      clearTimeout(cursorTimer);
      cursorTimer = setTimeout(() => void saveCursors(), 1000);
    },
    closeTab(path: string): void {
      if (state.tabs.length <= 1) return;
      const index = state.tabs.indexOf(path);
      batch(() => {
        setState('tabs', (t) => t.filter((p) => p !== path));
        if (state.active === path) setState('active', state.tabs[Math.max(0, index - 1)]);
      });
    },
    /** Remembers where the cursor is in a file (restored on reload). */
    setCursor(path: string, position: number): void {
      cursors[path] = position;
      clearTimeout(cursorTimer);
      cursorTimer = setTimeout(() => void saveCursors(), 1000);
    },
    cursor(path: string): number | undefined {
      return cursors[path];
    },

    /** Adds a file (and opens it); returns why not, if it cannot. */
    async addFile(path: string, content = '', open = true): Promise<string | undefined> {
      const problem = fileNameProblem(path, paths());
      if (problem) return problem;
      let record: FileRecord | undefined;
      if (storage && !stopped && state.projectId) {
        try {
          record = await storage.createFile(state.projectId, path, content);
        } catch (error) {
          if (error instanceof InvalidNameError) return error.message;
          failed(error);
        }
      }
      setState(
        produce((s) => {
          s.files.push({
            name: path,
            content,
            id: record?.id,
            version: record?.version ?? 0,
            dirty: !record && !!storage,
          });
          s.files.sort((a, b) => a.name.localeCompare(b.name));
        }),
      );
      if (open) api.setActive(path);
      return undefined;
    },

    async renameFile(from: string, to: string): Promise<string | undefined> {
      if (from === to) return undefined;
      const problem = fileNameProblem(to, paths());
      if (problem) return problem;
      const f = file(from);
      if (!f) return undefined;
      if (f.dirty) await saveFile(from);
      if (storage && !stopped && f.id) {
        try {
          const renamed = await storage.renameFile(f.id, to);
          setState('files', fileIndex(from), { version: renamed.version });
        } catch (error) {
          if (error instanceof InvalidNameError) return error.message;
          failed(error);
          return 'The file could not be renamed.';
        }
      }
      batch(() => {
        setState('files', fileIndex(from), 'name', to);
        setState('files', (files) => [...files].sort((a, b) => a.name.localeCompare(b.name)));
        if (state.main === from) setState('main', to);
        if (state.active === from) setState('active', to);
        setState('tabs', (t) => t.map((p) => (p === from ? to : p)));
      });
      return undefined;
    },

    async duplicateFile(path: string): Promise<void> {
      const f = file(path);
      if (!f) return;
      await api.addFile(freeName(path.replace(/(\.[^./]+)?$/, ' copy$1'), paths()), f.content);
    },

    /** Moves a file to the trash, with an Undo offer. The main file cannot go. */
    async deleteFile(path: string): Promise<void> {
      const f = file(path);
      if (!f || path === state.main) return;
      if (f.dirty) await saveFile(path);
      if (storage && !stopped && f.id) await storage.trashFile(f.id).catch(failed);
      batch(() => {
        const index = state.tabs.indexOf(path);
        setState('files', (files) => files.filter((x) => x.name !== path));
        setState('tabs', (t) => t.filter((p) => p !== path));
        if (state.active === path) setState('active', state.tabs[Math.max(0, index - 1)] ?? state.main);
      });
      const id = f.id;
      notice({
        text: `${path} was moved to the trash.`,
        action: id && storage ? { label: 'Undo', run: () => void api.restoreFile(id) } : undefined,
      });
    },

    async restoreFile(fileId: string): Promise<void> {
      if (!storage) return;
      const restored = await storage.restoreFile(fileId).catch(failed);
      if (!restored) return;
      if (restored.projectId === state.projectId) {
        await reloadFiles();
        api.setActive(restored.path);
      }
      notice({ text: `${restored.path} is back.` });
    },

    async setMain(path: string): Promise<void> {
      if (!file(path)) return;
      setState('main', path);
      if (storage && !stopped && state.projectId)
        await storage.updateProject(state.projectId, { main: path }).catch(failed);
    },

    /** Files the program wrote during a run: new ones appear, changed ones update. */
    async applyRunWrites(written: ProjectFile[]): Promise<void> {
      for (const w of written) {
        const f = file(w.name);
        if (!f) await api.addFile(w.name, w.content, false);
        else if (f.content !== w.content) {
          setState('files', fileIndex(w.name), { content: w.content, dirty: true });
          externalContent(w.name, w.content);
          schedule(w.name);
        }
      }
    },

    /** Resolves a conflict with another tab: keep this tab's text, or take the other's. */
    async resolveConflict(keepMine: boolean): Promise<void> {
      const conflict = state.conflict;
      if (!conflict) return;
      const i = fileIndex(conflict.path);
      setState('conflict', undefined);
      if (i < 0) return;
      if (keepMine) {
        setState('files', i, { version: conflict.theirsVersion });
        await saveFile(conflict.path, true);
      } else {
        setState('files', i, { content: conflict.theirs, version: conflict.theirsVersion, dirty: false });
        externalContent(conflict.path, conflict.theirs);
        setState('save', { kind: 'saved' });
      }
    },

    /** Whether writes may go to storage now (not after a newer version took over, nor without storage). */
    get writable(): boolean {
      return storage !== undefined && !stopped;
    },

    /** Tells the learner something about their work (through whoever listens to the events). */
    announce(n: WorkspaceNotice): void {
      notice(n);
    },

    /** A write elsewhere (the history) failed: the learner sees it as they see a failed save. */
    storageFailed(error: unknown): void {
      failed(error);
    },

    /** Tries the saves that failed (after storage was full, say). */
    retrySaving(): void {
      if (stopped) return;
      for (const f of state.files) if (f.dirty) schedule(f.name);
    },

    // --- projects ------------------------------------------------------------------

    openProject,
    createAndOpen,

    /** Creates an empty project called `name` and opens it; returns why not, if it cannot. */
    async newProject(name = 'Untitled project'): Promise<string | undefined> {
      if (!name.trim()) return 'A project needs a name.';
      await createAndOpen(name.trim(), [{ path: 'main.py', content: '' }], 'main.py', 'new');
      return undefined;
    },

    async renameProject(name: string): Promise<string | undefined> {
      if (!name.trim()) return 'A project needs a name.';
      setState('projectName', name.trim());
      if (storage && !stopped && state.projectId) {
        await storage.updateProject(state.projectId, { name }).catch(failed);
        await refreshProjects();
      }
      return undefined;
    },

    async duplicateProject(): Promise<void> {
      await flush();
      const files = state.files.map((f) => ({ path: f.name, content: f.content }));
      await createAndOpen(`${state.projectName} copy`, files, state.main, 'duplicate');
    },

    /** Moves the open project to the trash (with Undo) and opens another. */
    async deleteProject(): Promise<void> {
      if (!storage || !state.projectId) return;
      await flush();
      const id = state.projectId;
      const name = state.projectName;
      await storage.trashProject(id).catch(failed);
      await refreshProjects();
      const next = state.projects.find((p) => p.id !== id);
      if (next) await openProject(next.id);
      else await createAndOpen('My project', welcomeFiles(), 'main.py', 'welcome');
      notice({
        text: `The project “${name}” was moved to the trash.`,
        action: { label: 'Undo', run: () => void api.restoreProject(id) },
      });
    },

    async restoreProject(id: string): Promise<void> {
      if (!storage) return;
      await storage.restoreProject(id).catch(failed);
      await refreshProjects();
      await openProject(id);
    },
  };
  return api;
}

export type Workspace = ReturnType<typeof createWorkspace>;

/** Opens storage for the workspace, or explains why it cannot be used. */
export async function openWorkspaceStorage(
  open: () => Promise<Storage>,
): Promise<{ storage?: Storage; why?: string; newer?: boolean }> {
  try {
    return { storage: await open() };
  } catch (error) {
    if (error instanceof NewerVersionError) return { why: error.message, newer: true };
    if (error instanceof StorageUnavailableError) return { why: 'this browser is not letting the app store data here' };
    return { why: (error as Error)?.message ?? String(error) };
  }
}
