// The trash: deleted projects and files, to restore or delete for good.
import type { Workspace } from '../workspace/workspace.ts';
import type { TrashContents } from '../storage/storage.ts';

export type { TrashContents };

export function createTrash(workspace: Workspace) {
  const storage = workspace.storage;
  return {
    available: storage !== undefined,
    list: (): Promise<TrashContents | undefined> => storage?.listTrash() ?? Promise.resolve(undefined),
    restoreProject: (id: string) => workspace.restoreProject(id),
    restoreFile: (id: string) => workspace.restoreFile(id),
    deleteProjectForGood: async (id: string): Promise<void> => void (await storage?.purgeProject(id)),
    deleteFileForGood: async (id: string): Promise<void> => void (await storage?.purgeFile(id)),
  };
}

export type Trash = ReturnType<typeof createTrash>;
