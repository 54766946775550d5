// The UI: opens storage, loads the workspace and renders the app. Loaded by
// main.tsx after Python has started loading.
import { render } from 'solid-js/web';
import type { NetworkPermission } from '../controllers/network-permission.ts';
import type { OfflineClient } from '../offline/offline-client.ts';
import type { PythonRunner } from '../runner/runner-client.ts';
import { Storage } from '../storage/storage.ts';
import '../styles/app.css';
import { createWorkspace, openWorkspaceStorage, type Workspace } from '../workspace/workspace.ts';
import { App } from './App.tsx';

/** Opens storage and renders the app; `opening.workspace` is set as soon as there is one to save. */
export async function boot(options: {
  runner: PythonRunner;
  offline: OfflineClient;
  opening: { workspace?: Workspace };
  networkPermission: NetworkPermission;
}): Promise<void> {
  const { runner, offline, opening, networkPermission } = options;
  // The editor stays read-only until the project is loaded.
  const opened = await openWorkspaceStorage(() => Storage.open());
  const workspace = createWorkspace(opened.storage, opened.why);
  opening.workspace = workspace;

  const started = workspace.start().then(({ dataCleared }) => {
    performance.mark('workspace-ready');
    if (dataCleared) {
      workspace.announce({
        kind: 'error',
        text: 'The projects you saved before are no longer on this device: the browser may have cleared its stored data (to free space, or because site data was cleared). If you have a backup, restore it in Settings.',
      });
    }
    if (opened.newer)
      workspace.announce({
        kind: 'error',
        text: 'A newer version of the app is open in another tab: reload this tab to keep saving.',
      });
  });

  const root = document.getElementById('root')!;
  root.replaceChildren(); // the splash
  render(
    () => (
      <App
        runner={runner}
        workspace={workspace}
        offline={offline}
        started={started}
        networkPermission={networkPermission}
      />
    ),
    root,
  );
}
