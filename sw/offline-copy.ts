// The offline copy (workbox's precache): download progress on install, and
// checking and repairing it against the sizes and hashes in the manifest.
/// <reference lib="webworker" />
import { cacheNames } from 'workbox-core';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import { getCacheKeyForURL, type PrecacheEntry } from 'workbox-precaching';
import type { FromServiceWorker } from '../src/offline/sw-protocol.ts';

declare const self: ServiceWorkerGlobalScope;

/** A precache entry with its size in bytes (added at build time, see vite.config.ts). */
export type ManifestEntry = PrecacheEntry & { bytes?: number };

/** The cache key workbox stores a manifest entry under (the URL plus its revision). */
function cacheKeyOf(entry: PrecacheEntry): string {
  return getCacheKeyForURL(entry.url)!;
}

async function broadcast(message: FromServiceWorker): Promise<void> {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true, type: 'window' })) {
    client.postMessage(message);
  }
}

/** Counts the bytes of each precached response as it streams into the cache, and tells the pages. */
export function progressPlugin(manifest: ManifestEntry[]): WorkboxPlugin {
  let progress: { loaded: number; total: number; lastSent: number } | undefined;
  /** Bytes this install still has to download: the files not already in the cache. */
  const bytesToDownload = async () => {
    const cache = await caches.open(cacheNames.precache);
    let total = 0;
    for (const entry of manifest) if (!(await cache.match(cacheKeyOf(entry)))) total += entry.bytes ?? 0;
    return total;
  };
  return {
    fetchDidSucceed: async ({ event, response }) => {
      if (event?.type !== 'install' || !response.body) return response;
      progress ??= { loaded: 0, total: await bytesToDownload(), lastSent: 0 };
      const state = progress;
      const counter = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          state.loaded += chunk.byteLength;
          const now = Date.now();
          if (now - state.lastSent > 100 || state.loaded === state.total) {
            state.lastSent = now;
            void broadcast({ type: 'PRECACHE_PROGRESS', loadedBytes: state.loaded, totalBytes: state.total });
          }
          controller.enqueue(chunk);
        },
      });
      return new Response(response.body.pipeThrough(counter), response);
    },
  };
}

async function sha384(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-384', await blob.arrayBuffer());
  let binary = '';
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return 'sha384-' + btoa(binary);
}

/** Which precached files are missing, and (when verifying) which no longer match their hash. */
export async function checkOffline(
  manifest: ManifestEntry[],
  verify: boolean,
): Promise<Extract<FromServiceWorker, { type: 'OFFLINE_STATUS' }>> {
  const cache = await caches.open(cacheNames.precache);
  const missing: string[] = [];
  const damaged: string[] = [];
  for (const entry of manifest) {
    const cached = await cache.match(cacheKeyOf(entry));
    if (!cached) missing.push(entry.url);
    else if (verify && entry.integrity && (await sha384(await cached.blob())) !== entry.integrity) {
      damaged.push(entry.url);
    }
  }
  return { type: 'OFFLINE_STATUS', missing, damaged, totalFiles: manifest.length };
}

/** Downloads again every missing or damaged file, checking its hash. */
export async function repairOffline(
  manifest: ManifestEntry[],
): Promise<Extract<FromServiceWorker, { type: 'REPAIR_RESULT' }>> {
  const { missing, damaged } = await checkOffline(manifest, true);
  const cache = await caches.open(cacheNames.precache);
  const failed: string[] = [];
  let repaired = 0;
  for (const url of [...missing, ...damaged]) {
    const entry = manifest.find((e) => e.url === url)!;
    try {
      const request = new Request(new URL(url, self.registration.scope), {
        cache: 'reload',
        integrity: entry.integrity,
      });
      const response = await fetch(request);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await cache.put(cacheKeyOf(entry), response);
      repaired++;
    } catch {
      failed.push(url);
    }
  }
  return { type: 'REPAIR_RESULT', repaired, failed };
}
