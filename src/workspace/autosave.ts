// Saving as the learner types: each changed file is written a moment after
// the last keystroke, with the version it was based on, so a save that meets
// another tab's newer text asks the learner instead of overwriting it. The
// open file and cursor positions are saved too, more lazily.
import { isBinary } from '../model/files.ts';
import { ConflictError } from '../storage/errors.ts';
import type { WorkspaceCore } from './state.ts';

/** Saving waits this long after the last keystroke (the whole write stays well under a second). */
export const SAVE_DELAY_MS = 300;
const CURSOR_DELAY_MS = 1000;
const HAD_WORK_KEY = 'playground:has-saved-work';

/** Whether this browser ever saved work here (to notice when its data was cleared). */
export function hadSavedWork(): boolean {
  try {
    return localStorage.getItem(HAD_WORK_KEY) === '1';
  } catch {
    return false;
  }
}

export function createAutosave(core: WorkspaceCore) {
  const { state, setState, storage } = core;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let cursorTimer: ReturnType<typeof setTimeout> | undefined;
  const cursors: Record<string, number> = {};

  const settle = () => {
    if (state.save.kind === 'saving' && !state.files.some((f) => f.dirty) && timers.size === 0) {
      setState('save', { kind: 'saved' });
    }
  };

  async function saveFile(path: string, force = false): Promise<void> {
    timers.delete(path);
    const f = core.file(path);
    if (!storage || !core.canWrite() || !f?.dirty || !f.id || !state.projectId) return settle();
    const content = f.content;
    setState('save', { kind: 'saving' });
    try {
      // Bytes are never edited here, only replaced (by a run, a restore): the newest simply wins.
      const saved = await storage.saveFile(f.id, content, f.version, force || isBinary(content));
      const i = core.fileIndex(path);
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
      } else core.failed(error);
    }
  }

  function schedule(path: string): void {
    clearTimeout(timers.get(path));
    timers.set(
      path,
      setTimeout(() => void saveFile(path), SAVE_DELAY_MS),
    );
  }

  async function saveCursors(): Promise<void> {
    clearTimeout(cursorTimer);
    cursorTimer = undefined;
    if (!storage || !core.canWrite() || !state.projectId) return;
    await storage
      .updateProject(state.projectId, { activeFile: state.active, cursors: { ...cursors } }, false)
      .catch(core.failed);
  }

  function scheduleCursors(): void {
    clearTimeout(cursorTimer);
    cursorTimer = setTimeout(() => void saveCursors(), CURSOR_DELAY_MS);
  }

  return {
    saveFile,
    schedule,

    /** A file changed: the learner sees "saving" until it is written. */
    changed(path: string): void {
      if (!core.canWrite() || !state.projectId) return;
      if (state.save.kind === 'saved') setState('save', { kind: 'saving' });
      schedule(path);
    },

    /** Saves everything that is waiting, now. */
    async flush(): Promise<void> {
      for (const [path, timer] of timers) {
        clearTimeout(timer);
        timers.delete(path);
      }
      await Promise.all(state.files.filter((f) => f.dirty).map((f) => saveFile(f.name)));
      await saveCursors();
    },

    /** Tries the saves that failed (after storage was full, say). */
    retry(): void {
      if (!core.canWrite()) return;
      for (const f of state.files) if (f.dirty) schedule(f.name);
    },

    scheduleCursors,
    setCursor(path: string, position: number): void {
      cursors[path] = position;
      scheduleCursors();
    },
    cursor: (path: string): number | undefined => cursors[path],
    /** Where the cursor is in each file, as it is now. */
    cursors: (): Record<string, number> => ({ ...cursors }),
    /** A project was opened: its saved cursor positions replace the last one's. */
    resetCursors(saved: Record<string, number> | undefined): void {
      for (const key of Object.keys(cursors)) delete cursors[key];
      Object.assign(cursors, saved ?? {});
    },
  };
}

export type Autosave = ReturnType<typeof createAutosave>;
