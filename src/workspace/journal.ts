// The last line of defence for typed text: when the page goes away, unsaved
// text is written to localStorage synchronously (IndexedDB writes may never
// land), and replayed on the next start. A replay that meets text another tab
// saved since keeps both, never losing either.
import { ConflictError } from '../storage/errors.ts';
import type { Storage } from '../storage/storage.ts';
import { freeName } from './names.ts';
import type { WorkspaceState } from './state.ts';

const JOURNAL_KEY = 'playground:journal';

interface JournalEntry {
  projectId: string;
  fileId: string;
  path: string;
  content: string;
  baseVersion: number;
}

interface JournalView {
  projectId: string;
  activeFile: string;
  cursors: Record<string, number>;
}

/** Writes the unsaved files of the open project, and where the learner was, at once. */
export function writeJournal(state: WorkspaceState, cursors: Record<string, number>): void {
  const projectId = state.projectId;
  if (!projectId) return;
  // Text only: bytes are saved as soon as they arrive (never typed), and would not survive JSON.
  const entries: JournalEntry[] = state.files.flatMap((f) =>
    f.dirty && f.id && typeof f.content === 'string'
      ? [{ projectId, fileId: f.id, path: f.name, content: f.content, baseVersion: f.version }]
      : [],
  );
  const view: JournalView = { projectId, activeFile: state.active, cursors };
  try {
    localStorage.setItem(JOURNAL_KEY, JSON.stringify({ at: Date.now(), entries, view }));
  } catch {
    // Nothing more can be done while the page goes away.
  }
}

/** Replays a journal left by a page that went away before its saves landed. */
export async function replayJournal(storage: Storage): Promise<void> {
  let entries: JournalEntry[] = [];
  let view: JournalView | undefined;
  try {
    const saved = JSON.parse(localStorage.getItem(JOURNAL_KEY) ?? 'null') as {
      entries: JournalEntry[];
      view?: JournalView;
    } | null;
    entries = saved?.entries ?? [];
    view = saved?.view;
  } catch {
    entries = [];
  }
  if (view) {
    const { projectId, activeFile, cursors } = view;
    await storage.updateProject(projectId, { activeFile, cursors }, false).catch(() => {});
  }
  for (const entry of entries) {
    try {
      await storage.saveFile(entry.fileId, entry.content, entry.baseVersion);
    } catch (error) {
      if (!(error instanceof ConflictError) || error.currentContent === entry.content) continue;
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
