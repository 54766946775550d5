// The page's side of the service worker: registers it, reports first-visit
// progress and readiness, offers updates without ever forcing them, checks and
// repairs the offline copy, and carries input() answers for the fallback
// bridge. Nothing here blocks the UI: all of it is signals and promises.
import { createSignal, type Accessor } from 'solid-js';
import { Workbox } from 'workbox-window';
import { createConnectivity } from './connectivity.ts';
import { ISOLATION_OFF_PARAM, type FromServiceWorker, type ToServiceWorker } from './sw-protocol.ts';

/** Where the app stands with offline use. */
export type OfflineState =
  | { kind: 'unsupported'; why: string }
  | { kind: 'preparing'; loadedBytes: number; totalBytes: number }
  | { kind: 'ready' }
  | { kind: 'failed'; why: string };

export type OfflineCheck = Extract<FromServiceWorker, { type: 'OFFLINE_STATUS' }>;
export type RepairResult = Extract<FromServiceWorker, { type: 'REPAIR_RESULT' }>;

/** Set before a reload the app makes itself, so a reload that does not help is not repeated. */
const RELOAD_GUARD_KEY = 'playground:reloaded-for-service-worker';

export interface OfflineClient {
  state: Accessor<OfflineState>;
  /** False while the network is gone (the device says so, or the app's server cannot be reached). */
  online: Accessor<boolean>;
  /** True when a new version is installed and waiting for "Update now". */
  updateWaiting: Accessor<boolean>;
  /** Resolves when Python may start: at once when the page is served by the service worker. */
  pythonMayStart: Promise<void>;
  /** The app's base URL when the service worker can answer the input()/sleep bridge. */
  bridgeURL(): string | undefined;
  applyUpdate(beforeReload: () => void): void;
  check(verify: boolean): Promise<OfflineCheck | undefined>;
  repair(): Promise<RepairResult | undefined>;
  send(message: ToServiceWorker): void;
  /**
   * Python has started, or failed to. After a first visit the runtime came
   * through the service worker into the offline copy; now anything still
   * missing is fetched, and only then is the app "Ready offline".
   */
  pythonSettled(): void;
}

/** True when this page was opened with isolation switched off (`?isolation=off`). */
export function isolationSwitchedOff(): boolean {
  return new URLSearchParams(location.search).get(ISOLATION_OFF_PARAM) === 'off';
}

/**
 * Starts the offline machinery. `beforeReload` is called before the app reloads
 * itself (first visit, once the service worker controls the page) so nothing is lost.
 */
export function createOfflineClient(options: {
  scriptURL: string;
  enabled: boolean;
  beforeReload: () => void;
}): OfflineClient {
  const [state, setState] = createSignal<OfflineState>({ kind: 'unsupported', why: 'starting' });
  const online = createConnectivity(new URL('favicon.svg', new URL(import.meta.env.BASE_URL, location.href)).href);
  const [updateWaiting, setUpdateWaiting] = createSignal(false);

  let allowPython!: () => void;
  /** True on the load after the first install, until the offline copy is complete. */
  let finishing = false;
  const pythonMayStart = new Promise<void>((resolve) => (allowPython = resolve));
  const supported = options.enabled && 'serviceWorker' in navigator;
  const workbox = supported ? new Workbox(options.scriptURL, { scope: './', type: 'classic' }) : undefined;

  const reloadOnce = (why: string): boolean => {
    if (sessionStorage.getItem(RELOAD_GUARD_KEY)) return false;
    sessionStorage.setItem(RELOAD_GUARD_KEY, why);
    options.beforeReload();
    location.reload();
    return true;
  };

  const client: OfflineClient = {
    state,
    online,
    updateWaiting,
    pythonMayStart,
    bridgeURL: () =>
      navigator.serviceWorker?.controller ? new URL(import.meta.env.BASE_URL, location.href).href : undefined,
    applyUpdate(beforeReload) {
      if (!workbox) return;
      workbox.addEventListener('controlling', () => {
        beforeReload();
        location.reload();
      });
      workbox.messageSkipWaiting();
    },
    async check(verify) {
      if (!navigator.serviceWorker?.controller || !workbox) return undefined;
      return (await workbox.messageSW({ type: 'CHECK_OFFLINE', verify } satisfies ToServiceWorker)) as OfflineCheck;
    },
    async repair() {
      if (!workbox) return undefined;
      return (await workbox.messageSW({ type: 'REPAIR_OFFLINE' } satisfies ToServiceWorker)) as RepairResult;
    },
    send(message) {
      navigator.serviceWorker?.controller?.postMessage(message);
    },
    pythonSettled() {
      if (!finishing) return;
      finishing = false;
      void client.repair().then(
        (result) =>
          setState(
            result && result.failed.length === 0
              ? { kind: 'ready' }
              : { kind: 'failed', why: 'Part of the offline copy could not be downloaded.' },
          ),
        () => setState({ kind: 'failed', why: 'The offline copy could not be completed.' }),
      );
    },
  };

  if (!workbox) {
    setState({
      kind: 'unsupported',
      why: options.enabled ? 'This browser cannot keep the app offline.' : 'development server',
    });
    allowPython();
    return client;
  }

  const controlled = navigator.serviceWorker.controller !== null;
  if (controlled) {
    // Reloaded after the first install: the runtime is downloading now, with Python's start.
    finishing = sessionStorage.getItem(RELOAD_GUARD_KEY) === 'first-visit';
    if (finishing) setState({ kind: 'preparing', loadedBytes: 0, totalBytes: 0 });
    sessionStorage.removeItem(RELOAD_GUARD_KEY);
    allowPython();
  }

  workbox.addEventListener('message', (event) => {
    const data = event.data as FromServiceWorker;
    if (data?.type === 'PRECACHE_PROGRESS' && state().kind !== 'ready') {
      setState({ kind: 'preparing', loadedBytes: data.loadedBytes, totalBytes: data.totalBytes });
    }
  });
  workbox.addEventListener('waiting', () => setUpdateWaiting(true));
  workbox.addEventListener('controlling', (event) => {
    // First visit: the new service worker took control; reload once so the page is served by it (isolated).
    if (!controlled && !event.isUpdate) {
      if (!reloadOnce('first-visit')) {
        finishing = true;
        allowPython();
      }
    }
  });
  // The first install holds only the app: the runtime comes after the reload (see pythonSettled).
  workbox.addEventListener('activated', (event) => {
    if (event.isUpdate || controlled) setState({ kind: 'ready' });
  });
  workbox.addEventListener('redundant', () => {
    // The first install failed (a file could not be downloaded): Python still runs, just not offline yet.
    if (!navigator.serviceWorker.controller) {
      setState({ kind: 'failed', why: 'The offline copy could not be downloaded.' });
      allowPython();
    }
  });

  workbox
    .register({ immediate: true })
    // eslint-disable-next-line solid/reactivity -- a one-off callback: reading the current state is the point
    .then(async (registration) => {
      if (!registration) throw new Error('registration failed');
      if (finishing) {
        // "Ready offline" once pythonSettled() has completed the copy.
      } else if (registration.active && !registration.installing && !registration.waiting) setState({ kind: 'ready' });
      else if (state().kind !== 'ready') setState({ kind: 'preparing', loadedBytes: 0, totalBytes: 0 });
      if (!controlled && registration.active && !registration.installing) {
        // Active but not in control: a hard reload bypassed it. One plain reload puts it back in charge.
        if (!reloadOnce('not-controlled')) allowPython();
      }
      // A long-lived tab still learns about new versions.
      setInterval(() => void registration.update().catch(() => {}), 60 * 60 * 1000);
    })
    .catch((error: unknown) => {
      setState({
        kind: 'failed',
        why: `The offline copy could not be set up (${(error as Error)?.message ?? error}).`,
      });
      allowPython();
    });

  return client;
}
