// The run history of the open project, as the History panel and a run see it:
// recording finished runs, listing and searching them, one run's output and
// code, deleting, and the retention settings. Storage does the keeping; this
// is the only way the UI reaches it for the history.
import { createSignal } from 'solid-js';
import { Emitter } from '../lib/emitter.ts';
import type { PastRun, PathFile } from '../model/history.ts';
import type { ShownItem } from '../model/output.ts';
import type { RunRecord } from '../storage/schema.ts';
import type { HistorySettings, RunFilter } from '../storage/storage.ts';
import { freeName } from '../workspace/names.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { Notices } from './notices.ts';

export type { HistorySettings, RunFilter };
/** One run in the list (small: no transcript). */
export type RunSummary = RunRecord;

export function createHistory(workspace: Workspace, notices: Notices) {
  const storage = workspace.storage;
  /** Bumps whenever runs were added or removed, here or in another tab. */
  const [changes, setChanges] = createSignal(0);
  const bump = () => setChanges((n) => n + 1);
  const recorded = new Emitter<void>();
  storage?.changes.subscribe((notice) => notice.kind === 'history' && bump());

  return {
    available: storage !== undefined,
    changes,
    /** A run was recorded in this tab. */
    recorded,

    /** Keeps a finished run in the history of the open project. */
    async record(run: PastRun): Promise<void> {
      const { projectId, projectName } = workspace.state;
      if (!storage || !workspace.writable || !projectId) return;
      try {
        await storage.addRun({ ...run, projectId, projectName });
        bump();
        recorded.emit();
      } catch (error) {
        workspace.storageFailed(error);
      }
    },

    count: (filter: RunFilter): Promise<number> => (storage ? storage.countRuns(filter) : Promise.resolve(0)),
    page: (filter: RunFilter, offset: number, limit: number): Promise<RunSummary[]> =>
      storage ? storage.pageRuns(filter, offset, limit) : Promise.resolve([]),
    search: (projectId: string, query: string): Promise<RunSummary[]> =>
      storage ? storage.searchRuns(projectId, query) : Promise.resolve([]),
    /** The entry files runs of the project started from. */
    entries: (projectId: string): Promise<string[]> =>
      storage ? storage.historyEntries(projectId) : Promise.resolve([]),

    /** What a run printed and showed, and its files as they ran (text, or bytes). */
    async details(run: RunSummary): Promise<{ items: ShownItem[]; files: PathFile[] }> {
      if (!storage) return { items: [], files: [] };
      const [transcript, files] = await Promise.all([storage.getTranscript(run.id!), storage.runFiles(run)]);
      return { items: transcript?.items ?? [], files };
    },

    async deleteRun(id: number): Promise<void> {
      await storage?.deleteRun(id);
      bump();
    },
    async clear(projectId: string): Promise<void> {
      await storage?.clearRuns(projectId);
      bump();
    },

    /** Puts a past run's files back (bytes too): as new files, or over the current ones (with Undo). */
    async restore(files: PathFile[], mode: 'new-file' | 'replace', entry: string) {
      if (mode === 'new-file') {
        const added: string[] = [];
        for (const f of files) {
          const name = freeName(
            f.path.replace(/(\.[^./]+)?$/, ' (restored)$1'),
            workspace.state.files.map((x) => x.name),
          );
          if (!(await workspace.addFile(name, f.content, added.length === 0))) added.push(name);
        }
        notices.info(`Restored the run's code as ${added.join(', ')}.`);
        return;
      }
      const before = new Map(files.map((f) => [f.path, workspace.content(f.path)]));
      for (const f of files) {
        if (workspace.content(f.path) === undefined) await workspace.addFile(f.path, f.content, false);
        else workspace.replaceContent(f.path, f.content);
      }
      // Show what was restored: the file that run started from (or the first one), not whatever was open.
      const shown = files.some((f) => f.path === entry) ? entry : files[0]?.path;
      if (shown) workspace.setActive(shown);
      notices.show({
        kind: 'info',
        text: `Replaced ${files.length === 1 ? files[0].path : `${files.length} files`} with the code of that run.`,
        actions: [
          {
            label: 'Undo',
            run: () => {
              for (const [path, content] of before) {
                if (content === undefined) void workspace.deleteFile(path);
                else workspace.replaceContent(path, content);
              }
              notices.info('The restore was undone.');
            },
          },
        ],
      });
    },

    settings: (): Promise<HistorySettings | undefined> => storage?.historySettings() ?? Promise.resolve(undefined),
    async setSettings(settings: HistorySettings): Promise<void> {
      await storage?.setHistorySettings(settings);
      bump();
    },
  };
}

export type History = ReturnType<typeof createHistory>;
