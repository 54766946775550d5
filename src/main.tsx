import { render } from 'solid-js/web';
import { App } from './app/App.tsx';
import { createOfflineClient } from './offline/offline-client.ts';
import { watchInstallability } from './offline/install.ts';
import { packageSource, pyodideIndexURL } from './packages/package-store.ts';
import { PythonRunner } from './runner/runner-client.ts';
import { Storage } from './storage/storage.ts';
import './styles/app.css';
import { createWorkspace, openWorkspaceStorage, type Workspace } from './workspace/workspace.ts';

watchInstallability();

/** Set once storage is open (Python starts loading before that). */
const opening: { workspace?: Workspace } = {};
const offline = createOfflineClient({
  scriptURL: './sw.js',
  enabled: import.meta.env.PROD,
  beforeReload: () => opening.workspace?.journal(),
});

// Python starts loading before the UI renders (the editor is usable while it
// does), except on a first visit, where the service worker downloads the
// runtime once and the page reloads to be served by it.
const runner = new PythonRunner({
  indexURL: pyodideIndexURL(),
  packageSource,
  bundledPackages: __BUNDLED_PACKAGES__,
  createWorker: () =>
    new Worker(new URL('./worker/python.worker.ts', import.meta.url), { type: 'module', name: 'python' }),
  autoStart: false,
  bridge: {
    url: () => offline.bridgeURL(),
    answer: (channel, line) => offline.send({ type: 'INPUT_ANSWER', channel, line }),
    cancel: (channel) => offline.send({ type: 'INPUT_CANCEL', channel }),
  },
});
void offline.pythonMayStart.then(() => {
  performance.mark('python-start');
  runner.start();
});

// Storage opens while Python loads; the editor stays read-only until the project is loaded.
const opened = await openWorkspaceStorage(() => Storage.open());
const workspace = createWorkspace(opened.storage, opened.why);
opening.workspace = workspace;

const started = workspace.start().then(({ dataCleared }) => {
  performance.mark('workspace-ready');
  if (dataCleared) {
    workspace.events.onNotice?.({
      kind: 'error',
      text: 'The projects you saved before are no longer on this device: the browser may have cleared its stored data (to free space, or because site data was cleared). If you have a backup, restore it in Settings.',
    });
  }
  if (opened.newer)
    workspace.events.onNotice?.({
      kind: 'error',
      text: 'A newer version of the app is open in another tab: reload this tab to keep saving.',
    });
});

render(
  () => <App runner={runner} workspace={workspace} offline={offline} started={started} />,
  document.getElementById('root')!,
);
