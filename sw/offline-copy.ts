// The offline copy (workbox's precache): the quick first install, the Python
// runtime downloaded into it on the worker's first request, download progress,
// and checking and repairing it against the sizes and hashes in the manifest.
/// <reference lib="webworker" />
import { cacheNames } from 'workbox-core';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import type { PrecacheEntry } from 'workbox-precaching';
import type { FromServiceWorker } from '../src/offline/sw-protocol.ts';

declare const self: ServiceWorkerGlobalScope;

/** A precache entry with its size in bytes (added at build time, see vite.config.ts). */
export type ManifestEntry = PrecacheEntry & { bytes?: number };

/** Files this large are left out of the first install: the Python runtime. */
export const DEFER_BYTES = 500_000;

async function broadcast(message: FromServiceWorker): Promise<void> {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true, type: 'window' })) {
    client.postMessage(message);
  }
}

async function sha384(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-384', await blob.arrayBuffer());
  let binary = '';
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return 'sha384-' + btoa(binary);
}

/**
 * The first install caches only the app itself (~0.3 MB, all at once) so the
 * page can reload and be served by the service worker within a fraction of a
 * second; the Python runtime (~14 MB) is downloaded into the same cache when
 * the Python worker first asks for it, streamed to the worker as it arrives.
 * Updates cache everything before they take over, as offline use needs.
 */
export class OfflineCopy {
  private progress: { loaded: number; total: number; lastSent: number } | undefined;
  /** Runtime files being downloaded into the cache, so a second request waits instead of downloading again. */
  private readonly storing = new Map<string, Promise<void>>();
  private readonly byURL: Map<string, ManifestEntry>;

  /** @param cacheKeyFor workbox's cache key for a URL (read only when needed) */
  constructor(
    readonly manifest: ManifestEntry[],
    private readonly cacheKeyFor: (url: string) => string | undefined,
  ) {
    this.byURL = new Map(manifest.map((entry) => [this.absolute(entry), entry]));
  }

  /** True for a file the first install leaves for the worker's first request. */
  static isDeferred(entry: ManifestEntry): boolean {
    return (entry.bytes ?? 0) >= DEFER_BYTES;
  }

  /** The runtime file a request asks for, when it is one the first install left out. */
  deferredEntry(url: URL): ManifestEntry | undefined {
    const entry = this.byURL.get(url.origin + url.pathname);
    return entry && OfflineCopy.isDeferred(entry) ? entry : undefined;
  }

  /** The first install: every file but the runtime, fetched in parallel, each checked against its hash. */
  async installApp(): Promise<void> {
    const cache = await caches.open(cacheNames.precache);
    const entries = this.manifest.filter((entry) => !OfflineCopy.isDeferred(entry));
    await Promise.all(
      entries.map(async (entry) => {
        const key = this.cacheKeyOf(entry);
        if (await cache.match(key)) return;
        const response = await fetch(
          new Request(this.absolute(entry), {
            cache: 'reload',
            integrity: entry.integrity,
            credentials: 'same-origin',
          }),
        );
        if (!response.ok) throw new Error(`${entry.url}: HTTP ${response.status}`);
        await cache.put(key, await this.counted(response));
      }),
    );
  }

  /**
   * A runtime file: from the cache, or else from the network, streamed to the
   * worker while a copy goes into the cache once its hash is checked.
   */
  async serveRuntime(entry: ManifestEntry, event: FetchEvent): Promise<Response> {
    const cache = await caches.open(cacheNames.precache);
    const key = this.cacheKeyOf(entry);
    await this.storing.get(key);
    const cached = await cache.match(key);
    if (cached) return cached;
    if (this.storing.has(key)) return this.serveRuntime(entry, event); // another request began meanwhile
    let stored!: () => void;
    this.storing.set(key, new Promise<void>((resolve) => (stored = resolve)));
    const finish = () => {
      this.storing.delete(key);
      stored();
    };
    let response: Response;
    try {
      response = await fetch(new Request(this.absolute(entry), { credentials: 'same-origin' }));
    } catch (error) {
      finish();
      throw error;
    }
    if (!response.ok || !response.body) {
      finish();
      return response;
    }
    const [forWorker, forCache] = (await this.counted(response)).body!.tee();
    const { status, headers } = response;
    event.waitUntil(
      (async () => {
        const blob = await new Response(forCache).blob();
        // A damaged download is not kept: the next start fetches it again.
        if (entry.integrity && (await sha384(blob)) !== entry.integrity) return;
        await cache.put(key, new Response(blob, { status, headers }));
      })()
        .catch(() => {})
        .finally(finish),
    );
    return new Response(forWorker, { status, headers });
  }

  /** Counts install downloads made by workbox (updates) towards the progress shown in the page. */
  plugin(): WorkboxPlugin {
    return {
      fetchDidSucceed: async ({ event, response }) =>
        event?.type === 'install' && response.body ? this.counted(response) : response,
    };
  }

  /** Which files are missing, and (when verifying) which no longer match their hash. */
  async check(verify: boolean): Promise<Extract<FromServiceWorker, { type: 'OFFLINE_STATUS' }>> {
    const cache = await caches.open(cacheNames.precache);
    const missing: string[] = [];
    const damaged: string[] = [];
    for (const entry of this.manifest) {
      const key = this.cacheKeyOf(entry);
      await this.storing.get(key);
      const cached = await cache.match(key);
      if (!cached) missing.push(entry.url);
      else if (verify && entry.integrity && (await sha384(await cached.blob())) !== entry.integrity) {
        damaged.push(entry.url);
      }
    }
    return { type: 'OFFLINE_STATUS', missing, damaged, totalFiles: this.manifest.length };
  }

  /** Downloads again every missing or damaged file, checking its hash. */
  async repair(): Promise<Extract<FromServiceWorker, { type: 'REPAIR_RESULT' }>> {
    const { missing, damaged } = await this.check(true);
    const cache = await caches.open(cacheNames.precache);
    const failed: string[] = [];
    let repaired = 0;
    for (const url of [...missing, ...damaged]) {
      const entry = this.manifest.find((e) => e.url === url)!;
      try {
        const request = new Request(this.absolute(entry), { cache: 'reload', integrity: entry.integrity });
        const response = await fetch(request);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        await cache.put(this.cacheKeyOf(entry), await this.counted(response));
        repaired++;
      } catch {
        failed.push(url);
      }
    }
    return { type: 'REPAIR_RESULT', repaired, failed };
  }

  /** The response, with its body counted towards the download progress the pages show. */
  private async counted(response: Response): Promise<Response> {
    if (!response.body) return response;
    this.progress ??= { loaded: 0, total: await this.bytesToDownload(), lastSent: 0 };
    const state = this.progress;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        state.loaded += chunk.byteLength;
        const now = Date.now();
        if (now - state.lastSent > 100 || state.loaded >= state.total) {
          state.lastSent = now;
          void broadcast({ type: 'PRECACHE_PROGRESS', loadedBytes: state.loaded, totalBytes: state.total });
        }
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), response);
  }

  /** Bytes still to download: the files not in the cache yet. */
  private async bytesToDownload(): Promise<number> {
    const cache = await caches.open(cacheNames.precache);
    let total = 0;
    for (const entry of this.manifest) if (!(await cache.match(this.cacheKeyOf(entry)))) total += entry.bytes ?? 0;
    return total;
  }

  private absolute(entry: PrecacheEntry): string {
    return new URL(entry.url, self.registration.scope).href;
  }

  /** The cache key workbox stores an entry under (the URL plus its revision). */
  private cacheKeyOf(entry: PrecacheEntry): string {
    return this.cacheKeyFor(this.absolute(entry))!;
  }
}
