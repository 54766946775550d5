// Two tabs on the same device share one storage: what one saves, the other
// shows. A file this tab has changed too is left alone here; its own save
// meets the newer version and asks the learner which to keep.
import type { ChangeNotice } from '../storage/storage.ts';
import type { Projects } from './projects.ts';
import type { WorkspaceCore } from './state.ts';

export function followOtherTabs(core: WorkspaceCore, projects: Projects): void {
  const { state, setState, storage } = core;
  if (!storage) return;
  const fromOtherTab = (notice: ChangeNotice): void => {
    if (notice.kind === 'projects') {
      void projects.refreshProjects().then(() => (state.projectId ? projects.reloadFiles() : undefined));
    }
    if (notice.kind === 'files' && notice.projectId === state.projectId) void projects.reloadFiles();
    if (notice.kind === 'file' && notice.projectId === state.projectId) {
      const i = state.files.findIndex((f) => f.id === notice.fileId);
      if (i < 0) return void projects.reloadFiles();
      const local = state.files[i];
      if (local.dirty) return;
      setState('files', i, { content: notice.content, version: notice.version });
      core.externalContent(local.name, notice.content);
    }
  };
  storage.changes.subscribe(fromOtherTab);
  storage.newerVersion.subscribe(core.stop);
}
