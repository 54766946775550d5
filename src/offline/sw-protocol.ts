// The page ↔ service worker protocol, imported by both sides (sw/sw.ts and
// the page's offline client). Also the URL of the small synchronous bridge a
// Python worker without SharedArrayBuffer waits on for its events (input()
// answers, and later key presses, clicks, timers), and for sleep.

/** A query parameter on the page's URL that turns off cross-origin isolation (to test the fallback path). */
export const ISOLATION_OFF_PARAM = 'isolation';

/**
 * The bridge's endpoint, relative to the app's scope; the service worker answers it, the network never sees
 * it. `GET …?channel=<worker's channel>&wait=<ms>`: the next event for that worker as JSON `{kind, payload}`,
 * as soon as there is one, or BRIDGE_NOTHING_YET once `wait` (at most BRIDGE_POLL_MS) has passed.
 */
export const BRIDGE_EVENTS_PATH = '__playground__/events';
/** How long one bridge request may wait before the worker asks again (ms). */
export const BRIDGE_POLL_MS = 20_000;
/** Status of a bridge reply meaning "nothing yet". */
export const BRIDGE_NOTHING_YET = 204;

/** The cache holding Pyodide packages downloaded on demand, per Pyodide version (files are immutable). */
export function packageCacheName(pyodideVersion: string): string {
  return `pyodide-packages-v${pyodideVersion}`;
}

/** Package files (wheels and archives) the service worker keeps once downloaded. */
export function isPackageFile(url: URL): boolean {
  return /\.(whl|zip|tar)$/.test(url.pathname);
}

/** Messages from the page to the service worker. */
export type ToServiceWorker =
  | { type: 'SKIP_WAITING' }
  /** Which precached files are missing; with `verify`, also check each file's hash. */
  | { type: 'CHECK_OFFLINE'; verify: boolean }
  /** Fetch again every precached file that is missing or damaged. */
  | { type: 'REPAIR_OFFLINE' }
  /** An event for a worker without shared memory (an input() answer, …), queued until it asks. */
  | { type: 'EVENT'; channel: string; kind: string; payload: string }
  /** The worker is gone: its queued events go too. */
  | { type: 'CLOSE_CHANNEL'; channel: string }
  | { type: 'GET_VERSION' };

/** Messages from the service worker to pages. */
export type FromServiceWorker =
  | { type: 'PRECACHE_PROGRESS'; loadedBytes: number; totalBytes: number }
  | { type: 'OFFLINE_STATUS'; missing: string[]; damaged: string[]; totalFiles: number }
  | { type: 'REPAIR_RESULT'; repaired: number; failed: string[] }
  | { type: 'VERSION'; buildId: string };
