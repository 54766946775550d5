// The service worker: precaches the app and the Python runtime, serves them
// with the headers that make the page cross-origin isolated on any static host,
// keeps Pyodide packages once loaded, and answers a small bridge for workers
// without shared memory. Updates wait until the page asks (SKIP_WAITING).
/// <reference lib="webworker" />
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim } from 'workbox-core';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import {
  isPackageFile,
  packageCacheName,
  type FromServiceWorker,
  type ToServiceWorker,
} from '../src/offline/sw-protocol.ts';
import { closeChannel, handleBridge, queueEvent } from './bridge.ts';
import { needsIsolation, repairPage, withIsolationHeaders } from './isolation.ts';
import { OfflineCopy, type ManifestEntry } from './offline-copy.ts';

declare const self: ServiceWorkerGlobalScope;

/** Every file of this build that must work offline (workbox replaces self.__WB_MANIFEST at build time). */
const manifest = self.__WB_MANIFEST as ManifestEntry[];

const isolationPlugin: WorkboxPlugin = {
  handlerWillRespond: async ({ event, response }) => {
    const request = (event as FetchEvent | undefined)?.request;
    return request && needsIsolation(request) ? withIsolationHeaders(response) : response;
  },
  // A navigation whose app page is missing from the cache, with no network: explain, never a blank page.
  handlerDidError: async ({ event }) =>
    (event as FetchEvent | undefined)?.request.mode === 'navigate' ? repairPage() : undefined,
};

const offlineCopy: OfflineCopy = new OfflineCopy(manifest, (url: string): string | undefined =>
  precache.getCacheKeyForURL(url),
);
/** The whole offline copy: served from the cache, or from the network into the cache when missing. */
const precache: PrecacheController = new PrecacheController({ plugins: [isolationPlugin, offlineCopy.plugin()] });
precache.addToCacheList(manifest);

// The first install takes only the app (see OfflineCopy); updates take everything before they can take over.
self.addEventListener('install', (event) => {
  if (self.registration.active) void precache.install(event);
  else event.waitUntil(offlineCopy.installApp());
});
self.addEventListener('activate', (event) => void precache.activate(event));
registerRoute(
  ({ request, url }) => request.method === 'GET' && offlineCopy.deferredEntry(url) !== undefined,
  ({ url, event }) => offlineCopy.serveRuntime(offlineCopy.deferredEntry(url)!, event as FetchEvent),
);
registerRoute(new PrecacheRoute(precache));
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(precache.createHandlerBoundToURL('index.html')));

// Pyodide packages are immutable and version-named: once downloaded (from the CDN or a mirror), keep them.
const pyodideVersion = /pyodide\/v([^/]+)\//.exec(manifest.find((e) => e.url.includes('pyodide/v'))?.url ?? '')?.[1];
const packageCache = packageCacheName(pyodideVersion ?? 'unknown');
registerRoute(
  ({ request, url }) => request.method === 'GET' && isPackageFile(url),
  new CacheFirst({ cacheName: packageCache, plugins: [new CacheableResponsePlugin({ statuses: [200] })] }),
);

self.addEventListener('fetch', handleBridge);

self.addEventListener('message', (event) => {
  const message = event.data as ToServiceWorker;
  const reply = (data: FromServiceWorker) => event.ports[0]?.postMessage(data);
  switch (message?.type) {
    case 'SKIP_WAITING':
      void self.skipWaiting();
      break;
    case 'CHECK_OFFLINE':
      event.waitUntil(offlineCopy.check(message.verify).then(reply));
      break;
    case 'REPAIR_OFFLINE':
      event.waitUntil(offlineCopy.repair().then(reply));
      break;
    case 'EVENT':
      queueEvent(message.channel, { kind: message.kind, payload: message.payload });
      break;
    case 'CLOSE_CHANNEL':
      closeChannel(message.channel);
      break;
    case 'GET_VERSION':
      reply({ type: 'VERSION', buildId: import.meta.env.VITE_BUILD_ID ?? 'dev' });
      break;
  }
});

self.addEventListener('activate', (event) => {
  // Packages of other Pyodide versions can never be used by this build.
  const stale = (name: string) => name.startsWith('pyodide-packages-') && name !== packageCache;
  event.waitUntil(caches.keys().then((names) => Promise.all(names.filter(stale).map((n) => caches.delete(n)))));
});

// The first install takes control at once (the page then reloads quietly to
// become isolated); later versions wait for the learner to choose "Update now".
clientsClaim();
