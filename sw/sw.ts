// The service worker: precaches the app and the Python runtime, serves them
// with the headers that make the page cross-origin isolated on any static host,
// keeps Pyodide packages once loaded, and answers a small bridge for workers
// without shared memory. Updates wait until the page asks (SKIP_WAITING).
/// <reference lib="webworker" />
import { cacheNames, clientsClaim } from 'workbox-core';
import {
  addPlugins,
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  getCacheKeyForURL,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { CacheFirst } from 'workbox-strategies';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import {
  BRIDGE_CANCELLED,
  BRIDGE_INPUT_PATH,
  BRIDGE_NOTHING_YET,
  BRIDGE_POLL_MS,
  BRIDGE_SLEEP_PATH,
  ISOLATION_OFF_PARAM,
  isPackageFile,
  packageCacheName,
  type FromServiceWorker,
  type ToServiceWorker,
} from '../src/offline/sw-protocol.ts';

declare const self: ServiceWorkerGlobalScope;

/** A precache entry with its size in bytes (added at build time, see vite.config.ts). */
type ManifestEntry = PrecacheEntry & { bytes?: number };

/** Every file of this build that must work offline (workbox replaces self.__WB_MANIFEST at build time). */
const manifest = self.__WB_MANIFEST as ManifestEntry[];

// --- cross-origin isolation ----------------------------------------------------

/** The headers that make the page (and its worker) cross-origin isolated. */
function withIsolationHeaders(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Only navigations and worker scripts get the headers: re-wrapping every
 * response (the wasm too) defeats streaming compilation and the code cache.
 */
function needsIsolation(request: Request): boolean {
  if (request.destination === 'worker' || request.destination === 'sharedworker') return true;
  if (request.mode !== 'navigate') return false;
  return new URL(request.url).searchParams.get(ISOLATION_OFF_PARAM) !== 'off';
}

const isolationPlugin: WorkboxPlugin = {
  handlerWillRespond: async ({ event, response }) => {
    const request = (event as FetchEvent | undefined)?.request;
    return request && needsIsolation(request) ? withIsolationHeaders(response) : response;
  },
  // A navigation whose app page is missing from the cache, with no network: explain, never a blank page.
  handlerDidError: async ({ event }) =>
    (event as FetchEvent | undefined)?.request.mode === 'navigate' ? repairPage() : undefined,
};

// --- first-install progress ----------------------------------------------------

/** The cache key workbox stores a manifest entry under (the URL plus its revision). */
function cacheKeyOf(entry: PrecacheEntry): string {
  return getCacheKeyForURL(entry.url)!;
}

async function broadcast(message: FromServiceWorker): Promise<void> {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true, type: 'window' })) {
    client.postMessage(message);
  }
}

let progress: { loaded: number; total: number; lastSent: number } | undefined;

/** Bytes this install still has to download: the files not already in the cache. */
async function bytesToDownload(): Promise<number> {
  const cache = await caches.open(cacheNames.precache);
  let total = 0;
  for (const entry of manifest) if (!(await cache.match(cacheKeyOf(entry)))) total += entry.bytes ?? 0;
  return total;
}

/** Counts the bytes of each precached response as it streams into the cache. */
const progressPlugin: WorkboxPlugin = {
  fetchDidSucceed: async ({ event, response }) => {
    if (event?.type !== 'install' || !response.body) return response;
    progress ??= { loaded: 0, total: await bytesToDownload(), lastSent: 0 };
    const state = progress;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        state.loaded += chunk.byteLength;
        const now = Date.now();
        if (now - state.lastSent > 100) {
          state.lastSent = now;
          void broadcast({ type: 'PRECACHE_PROGRESS', loadedBytes: state.loaded, totalBytes: state.total });
        }
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), response);
  },
};

addPlugins([isolationPlugin, progressPlugin]);
precacheAndRoute(manifest);
cleanupOutdatedCaches();

// --- the app shell for every navigation ----------------------------------------

const appShell = createHandlerBoundToURL('index.html');

/** Shown only when the offline copy is damaged and the network is out of reach. */
function repairPage(): Response {
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Python Playground needs repair</title>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5">
<h1>The offline copy needs repair</h1>
<p>Part of Python Playground's offline copy is missing from this device, and the network cannot be reached to fetch it again.</p>
<p>Connect to the internet, then <button onclick="location.reload()">Reload</button>. Your saved work is kept on this device.</p>
</body></html>`;
  return withIsolationHeaders(
    new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
  );
}

registerRoute(
  new NavigationRoute(async (options) => {
    try {
      return await appShell(options);
    } catch {
      return repairPage();
    }
  }),
);

// --- Pyodide packages: kept once downloaded ------------------------------------

/** This build's Pyodide version, from the versioned runtime path in the manifest. */
const pyodideVersion =
  /pyodide\/v([^/]+)\//.exec(manifest.find((e) => e.url.includes('pyodide/v'))?.url ?? '')?.[1] ?? 'unknown';
const packageCache = packageCacheName(pyodideVersion);

// Package files are immutable and version-named: once downloaded (from the CDN or a mirror), keep them.
registerRoute(
  ({ request, url }) => request.method === 'GET' && isPackageFile(url),
  new CacheFirst({ cacheName: packageCache, plugins: [new CacheableResponsePlugin({ statuses: [200] })] }),
);

self.addEventListener('activate', (event) => {
  // Packages of other Pyodide versions can never be used by this build.
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((n) => n.startsWith('pyodide-packages-') && n !== packageCache).map((n) => caches.delete(n)),
        ),
      ),
  );
});

// --- checking and repairing the offline copy ------------------------------------

async function sha384(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-384', await blob.arrayBuffer());
  let binary = '';
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return 'sha384-' + btoa(binary);
}

/** Which precached files are missing, and (when verifying) which no longer match their hash. */
async function checkOffline(verify: boolean): Promise<Extract<FromServiceWorker, { type: 'OFFLINE_STATUS' }>> {
  const cache = await caches.open(cacheNames.precache);
  const missing: string[] = [];
  const damaged: string[] = [];
  for (const entry of manifest) {
    const cached = await cache.match(cacheKeyOf(entry));
    if (!cached) missing.push(entry.url);
    else if (verify && entry.integrity && (await sha384(await cached.blob())) !== entry.integrity)
      damaged.push(entry.url);
  }
  return { type: 'OFFLINE_STATUS', missing, damaged, totalFiles: manifest.length };
}

/** Downloads again every missing or damaged file, checking its hash. */
async function repairOffline(): Promise<Extract<FromServiceWorker, { type: 'REPAIR_RESULT' }>> {
  const { missing, damaged } = await checkOffline(true);
  const cache = await caches.open(cacheNames.precache);
  const failed: string[] = [];
  let repaired = 0;
  for (const url of [...missing, ...damaged]) {
    const entry = manifest.find((e) => e.url === url)!;
    try {
      const response = await fetch(
        new Request(new URL(url, self.registration.scope), { cache: 'reload', integrity: entry.integrity }),
      );
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await cache.put(cacheKeyOf(entry), response);
      repaired++;
    } catch {
      failed.push(url);
    }
  }
  return { type: 'REPAIR_RESULT', repaired, failed };
}

// --- the bridge for workers without shared memory ------------------------------

/** Answers to input() that arrived before the worker asked for them, and workers waiting for one. */
const answers = new Map<string, string | null>();
const waiting = new Map<string, (line: string | null) => void>();

function answer(channel: string, line: string | null): void {
  const resolve = waiting.get(channel);
  if (resolve) {
    waiting.delete(channel);
    resolve(line);
  } else answers.set(channel, line);
}

async function bridgeInput(channel: string): Promise<Response> {
  let line: string | null | undefined;
  if (answers.has(channel)) {
    line = answers.get(channel);
    answers.delete(channel);
  } else {
    line = await new Promise<string | null | undefined>((resolve) => {
      waiting.set(channel, resolve);
      setTimeout(() => {
        if (waiting.get(channel) === resolve) {
          waiting.delete(channel);
          resolve(undefined);
        }
      }, BRIDGE_POLL_MS);
    });
  }
  if (line === undefined) return new Response(null, { status: BRIDGE_NOTHING_YET });
  if (line === null) return new Response(null, { status: BRIDGE_CANCELLED });
  return new Response(line, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

async function bridgeSleep(ms: number): Promise<Response> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(ms, BRIDGE_POLL_MS))));
  return new Response(null, { status: 204 });
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  if (url.pathname === scope.pathname + BRIDGE_INPUT_PATH) {
    event.respondWith(bridgeInput(url.searchParams.get('channel') ?? ''));
  } else if (url.pathname === scope.pathname + BRIDGE_SLEEP_PATH) {
    event.respondWith(bridgeSleep(Number(url.searchParams.get('ms'))));
  }
});

// --- messages from pages ----------------------------------------------------------

self.addEventListener('message', (event) => {
  const message = event.data as ToServiceWorker;
  const reply = (data: FromServiceWorker) => event.ports[0]?.postMessage(data);
  switch (message?.type) {
    case 'SKIP_WAITING':
      void self.skipWaiting();
      break;
    case 'CHECK_OFFLINE':
      event.waitUntil(checkOffline(message.verify).then(reply));
      break;
    case 'REPAIR_OFFLINE':
      event.waitUntil(repairOffline().then(reply));
      break;
    case 'INPUT_ANSWER':
      answer(message.channel, message.line);
      break;
    case 'INPUT_CANCEL':
      answer(message.channel, null);
      break;
    case 'GET_VERSION':
      reply({ type: 'VERSION', buildId: import.meta.env.VITE_BUILD_ID ?? 'dev' });
      break;
  }
});

// The first install takes control at once (the page then reloads quietly to
// become isolated); later versions wait for the learner to choose "Update now".
self.addEventListener('activate', () => {
  progress = undefined;
});
clientsClaim();
