// The page ↔ service worker protocol, imported by both sides (sw/sw.ts and
// the page's offline client). Also the URLs of the small synchronous bridge a
// Python worker without SharedArrayBuffer uses for input() and sleep().

/** A query parameter on the page's URL that turns off cross-origin isolation (to test the fallback path). */
export const ISOLATION_OFF_PARAM = 'isolation';

/** Bridge endpoints, relative to the app's scope; the service worker answers them, the network never sees them. */
export const BRIDGE_INPUT_PATH = '__playground__/input';
export const BRIDGE_SLEEP_PATH = '__playground__/sleep';
/** How long one bridge request may wait before the worker asks again (ms). */
export const BRIDGE_POLL_MS = 20_000;
/** Status of a bridge reply meaning "nothing yet, ask again". */
export const BRIDGE_NOTHING_YET = 204;
/** Status of a bridge reply meaning "cancelled" (Stop). */
export const BRIDGE_CANCELLED = 409;

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
  /** The learner's answer to input() for a worker without shared memory. */
  | { type: 'INPUT_ANSWER'; channel: string; line: string }
  | { type: 'INPUT_CANCEL'; channel: string }
  | { type: 'GET_VERSION' };

/** Messages from the service worker to pages. */
export type FromServiceWorker =
  | { type: 'PRECACHE_PROGRESS'; loadedBytes: number; totalBytes: number }
  | { type: 'OFFLINE_STATUS'; missing: string[]; damaged: string[]; totalFiles: number }
  | { type: 'REPAIR_RESULT'; repaired: number; failed: string[] }
  | { type: 'VERSION'; buildId: string };
