import { render } from 'solid-js/web';
import { App } from './app/App.tsx';
import { createOfflineClient } from './offline/offline-client.ts';
import { packageSource, pyodideIndexURL } from './packages/package-store.ts';
import { PythonRunner } from './runner/runner-client.ts';
import './styles/app.css';
import { createProject } from './workspace/project.ts';
import { stashProject, takeStashedProject } from './workspace/session-stash.ts';

const project = createProject(takeStashedProject());

const offline = createOfflineClient({
  scriptURL: './sw.js',
  enabled: import.meta.env.PROD,
  beforeReload: () => stashProject(project.state),
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
void offline.pythonMayStart.then(() => runner.start());

render(() => <App runner={runner} project={project} offline={offline} />, document.getElementById('root')!);
