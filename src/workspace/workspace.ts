// The learner's workspace as the UI sees it: the open project, its files and
// tabs, the list of projects, and whether everything is saved. It is put
// together from parts with one job each: the store and its events (state.ts),
// saving as the learner types (autosave.ts), the journal for a page that goes
// away (journal.ts), projects (projects.ts) and other tabs (other-tabs.ts).
// Editing files is here. When storage cannot be used, the workspace keeps
// working in memory and says so.
import { batch } from 'solid-js';
import { produce } from 'solid-js/store';
import { isBinary, sameContent, textOf, type FileContent, type ProjectFile } from '../model/files.ts';
import { InvalidNameError, NewerVersionError, StorageUnavailableError } from '../storage/errors.ts';
import type { FileRecord } from '../storage/schema.ts';
import type { Storage } from '../storage/storage.ts';
import { createAutosave } from './autosave.ts';
import { writeJournal } from './journal.ts';
import { freeName } from './names.ts';
import { followOtherTabs } from './other-tabs.ts';
import { createProjects } from './projects.ts';
import { fileNameProblem } from './rules.ts';
import { createCore, type WorkspaceNotice } from './state.ts';

export { SAVE_DELAY_MS } from './autosave.ts';
export { WELCOME_CODE, fileNameProblem, welcomeFiles } from './rules.ts';
export type { Conflict, SaveState, WorkspaceEvent, WorkspaceFile, WorkspaceNotice, WorkspaceState } from './state.ts';

export function createWorkspace(storage: Storage | undefined, unavailableWhy?: string) {
  const core = createCore(storage, unavailableWhy);
  const { state, setState } = core;
  const autosave = createAutosave(core);
  const projects = createProjects(core, autosave);
  followOtherTabs(core, projects);
  const { file, fileIndex, paths } = core;

  const api = {
    state,
    events: core.events,
    storage,
    start: projects.start,
    flush: autosave.flush,
    refreshProjects: projects.refreshProjects,

    /**
     * The page is going away: write unsaved text to localStorage at once
     * (synchronously), to be replayed on the next start if the save never lands.
     */
    journal(): void {
      writeJournal(state, autosave.cursors());
      void autosave.flush();
    },

    /** The content of every file, as it is now (what Run executes). */
    snapshot(): ProjectFile[] {
      return state.files.map((f) => ({ name: f.name, content: f.content }));
    },
    /** The text files only, as they are now: what completion reads (bytes would be copied to the worker for nothing). */
    textFiles(): ProjectFile[] {
      return state.files.flatMap((f) => (typeof f.content === 'string' ? [{ name: f.name, content: f.content }] : []));
    },
    /** A file's content: text, or bytes (see isBinary). */
    content(path: string): FileContent | undefined {
      return file(path)?.content;
    },
    /** A file's text; undefined for a binary file (or none), which the editor never shows. */
    text(path: string): string | undefined {
      return textOf(file(path)?.content);
    },
    /** Whether the file holds bytes (shown as a preview, never edited). */
    isBinary(path: string): boolean {
      const f = file(path);
      return f !== undefined && isBinary(f);
    },
    /** The editor changed a file's text: save it soon. */
    setContent(path: string, content: string): void {
      const i = fileIndex(path);
      // A binary file is read-only: whatever an editor state may still hold for it never reaches storage.
      if (i < 0 || isBinary(state.files[i]) || state.files[i].content === content) return;
      setState('files', i, { content, dirty: true });
      autosave.changed(path);
    },
    /**
     * Replaces a file's content from outside the editor (a run, a restore, an undo): saved, and shown.
     * Text over text is saved like typing; bytes (or text over bytes) replace the stored file at once.
     */
    replaceContent(path: string, content: FileContent): void {
      const i = fileIndex(path);
      if (i < 0 || sameContent(state.files[i].content, content)) return;
      const wasBinary = isBinary(state.files[i]);
      setState('files', i, { content, dirty: true });
      core.externalContent(path, content);
      if (isBinary(content) || wasBinary) void autosave.saveFile(path);
      else autosave.changed(path);
    },
    setActive(path: string): void {
      if (!file(path)) return;
      batch(() => {
        setState('active', path);
        if (!state.tabs.includes(path)) setState('tabs', (t) => [...t, path]);
      });
      autosave.scheduleCursors();
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
    setCursor: autosave.setCursor,
    cursor: autosave.cursor,

    /** Adds a file (and opens it); returns why not, if it cannot. */
    async addFile(path: string, content: FileContent = '', open = true): Promise<string | undefined> {
      const problem = fileNameProblem(path, paths());
      if (problem) return problem;
      let record: FileRecord | undefined;
      if (storage && core.canWrite() && state.projectId) {
        try {
          record = await storage.createFile(state.projectId, path, content);
        } catch (error) {
          if (error instanceof InvalidNameError) return error.message;
          core.failed(error);
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
      if (f.dirty) await autosave.saveFile(from);
      if (storage && core.canWrite() && f.id) {
        try {
          const renamed = await storage.renameFile(f.id, to);
          setState('files', fileIndex(from), { version: renamed.version });
        } catch (error) {
          if (error instanceof InvalidNameError) return error.message;
          core.failed(error);
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
      if (f.dirty) await autosave.saveFile(path);
      if (storage && core.canWrite() && f.id) await storage.trashFile(f.id).catch(core.failed);
      batch(() => {
        const index = state.tabs.indexOf(path);
        setState('files', (files) => files.filter((x) => x.name !== path));
        setState('tabs', (t) => t.filter((p) => p !== path));
        if (state.active === path) setState('active', state.tabs[Math.max(0, index - 1)] ?? state.main);
      });
      const id = f.id;
      core.notice({
        text: `${path} was moved to the trash.`,
        action: id && storage ? { label: 'Undo', run: () => void api.restoreFile(id) } : undefined,
      });
    },

    async restoreFile(fileId: string): Promise<void> {
      if (!storage) return;
      const restored = await storage.restoreFile(fileId).catch(core.failed);
      if (!restored) return;
      if (restored.projectId === state.projectId) {
        await projects.reloadFiles();
        api.setActive(restored.path);
      }
      core.notice({ text: `${restored.path} is back.` });
    },

    /** Makes `path` the file Run starts; a binary file cannot be (Python runs text). */
    async setMain(path: string): Promise<void> {
      const f = file(path);
      if (!f || isBinary(f)) return;
      setState('main', path);
      if (storage && core.canWrite() && state.projectId)
        await storage.updateProject(state.projectId, { main: path }).catch(core.failed);
    },

    /** Files the program wrote during a run (text or bytes): new ones appear, changed ones replace the stored. */
    async applyRunWrites(written: ProjectFile[]): Promise<void> {
      for (const w of written) {
        const f = file(w.name);
        if (!f) await api.addFile(w.name, w.content, false);
        else if (sameContent(f.content, w.content)) continue;
        else if (isBinary(w.content) || isBinary(f)) api.replaceContent(w.name, w.content);
        else {
          // Text a run wrote: saved like the learner's typing (a conflict with another tab asks).
          setState('files', fileIndex(w.name), { content: w.content, dirty: true });
          core.externalContent(w.name, w.content);
          autosave.schedule(w.name);
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
        await autosave.saveFile(conflict.path, true);
      } else {
        setState('files', i, { content: conflict.theirs, version: conflict.theirsVersion, dirty: false });
        core.externalContent(conflict.path, conflict.theirs);
        setState('save', { kind: 'saved' });
      }
    },

    /** Whether writes may go to storage now (not after a newer version took over, nor without storage). */
    get writable(): boolean {
      return core.canWrite();
    },

    /** Tells the learner something about their work (through whoever listens to the events). */
    announce(n: WorkspaceNotice): void {
      core.notice(n);
    },

    /** A write elsewhere (the history) failed: the learner sees it as they see a failed save. */
    storageFailed(error: unknown): void {
      core.failed(error);
    },

    /** Tries the saves that failed (after storage was full, say). */
    retrySaving: autosave.retry,

    openProject: projects.openProject,
    createAndOpen: projects.createAndOpen,
    newProject: projects.newProject,
    renameProject: projects.renameProject,
    duplicateProject: projects.duplicateProject,
    deleteProject: projects.deleteProject,
    restoreProject: projects.restoreProject,
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
