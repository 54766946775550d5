// The entry: starts the service worker client and Python first, from a small
// script, then loads the editor and the rest of the UI (most of the code) while
// the runtime loads. Python's start does not wait for the UI's code to arrive.
import { createOfflineClient } from './offline/offline-client.ts';
import { watchInstallability } from './offline/install.ts';
import { packageSource, pyodideIndexURL } from './packages/package-store.ts';
import { createNetworkPermission } from './controllers/network-permission.ts';
import { frameHost } from './runner/frame-host.ts';
import { policyFetch } from './runner/fetch-policy.ts';
import { workerHost } from './runner/host.ts';
import { PythonRunner, type RunnerZone } from './runner/runner-client.ts';
import { zoneHint } from './runner/zone-hint.ts';
import type { Workspace } from './workspace/workspace.ts';
import workerScript from './worker/python.worker.ts?worker&url';

watchInstallability();

/** Set once storage is open (Python starts loading before that). */
const opening: { workspace?: Workspace } = {};
const offline = createOfflineClient({
  scriptURL: './sw.js',
  enabled: import.meta.env.PROD,
  beforeReload: () => opening.workspace?.journal(),
});

const indexURL = pyodideIndexURL();
// Code from someone else runs in the sandboxed frame; the learner's own code in
// a worker on the app's origin, which starts faster (see "Which code runs
// where" in the README). The dev server cannot hand its unbundled worker to a
// frame: there everything runs in the worker.
const sandboxFor = (zone: RunnerZone) => zone === 'sandbox' && import.meta.env.PROD;
const networkPermission = createNetworkPermission();
const fetchForPython = policyFetch({ indexURL, packageSource, network: (url) => networkPermission.ask(url) });

// On a first visit Python waits for the quick reload that puts the service
// worker in charge (the page then becomes cross-origin isolated).
const runner = new PythonRunner({
  indexURL,
  packageSource,
  bundledPackages: __BUNDLED_PACKAGES__,
  createHost: (zone) =>
    sandboxFor(zone)
      ? frameHost({ workerScript, fetch: fetchForPython })
      : workerHost(new Worker(workerScript, { type: 'module', name: 'python' })),
  snapshotKeyParts: [import.meta.env.VITE_BUILD_ID ?? 'dev', __APP_PYTHON_HASH__],
  initialZone: zoneHint.read(),
  zoneChanged: zoneHint.write,
  autoStart: false,
  bridge: {
    url: () => offline.bridgeURL(),
    post: (channel, kind, payload) => offline.send({ type: 'EVENT', channel, kind, payload }),
    close: (channel) => offline.send({ type: 'CLOSE_CHANNEL', channel }),
  },
});
void offline.pythonMayStart.then(() => {
  performance.mark('python-start');
  runner.start();
});
runner.subscribe((phase) => {
  if (phase === 'ready' || phase === 'failed') offline.pythonSettled();
});

// A first visit reloads in well under a second, once the service worker is in
// charge: until then only the splash in index.html shows, leaving the CPU to
// the install (and no editor flashes up and vanishes). A slow install does not
// hold the UI back for long.
await Promise.race([offline.pythonMayStart, new Promise((resolve) => setTimeout(resolve, 3000))]);
const { boot } = await import('./app/boot.tsx');
await boot({ runner, offline, opening, networkPermission });
