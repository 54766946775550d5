// Pyodide packages on the page side: the lock file's list, where packages are
// downloaded from (Settings can point at a mirror), and which are kept on this
// device for offline use (the service worker's package cache, read here).
import { packageCacheName } from '../offline/sw-protocol.ts';

const SOURCE_KEY = 'playground:package-source';

/** A package as the Packages panel shows it. */
export interface PackageInfo {
  /** Lock key (normalised name). */
  key: string;
  name: string;
  version: string;
  fileName: string;
  depends: string[];
  /** Bundled with this build: always available offline. */
  bundled: boolean;
}

interface LockJson {
  packages: Record<string, { name: string; version: string; file_name: string; depends: string[] }>;
}

/** The versioned folder of the Pyodide runtime, as an absolute URL. */
export const pyodideIndexURL = (): string => new URL(import.meta.env.BASE_URL + __PYODIDE_PATH__, location.href).href;

const cacheName = packageCacheName(__PYODIDE_VERSION__);

/** Where packages that are not bundled come from: the learner's or teacher's choice, else the build's default. */
export function packageSource(): string {
  try {
    return localStorage.getItem(SOURCE_KEY) || __PACKAGE_SOURCE__;
  } catch {
    return __PACKAGE_SOURCE__;
  }
}

/** Sets (or, with an empty value, resets) the package source; takes effect when Python next starts. */
export function setPackageSource(url: string): void {
  try {
    if (url.trim()) localStorage.setItem(SOURCE_KEY, new URL(url.trim()).href);
    else localStorage.removeItem(SOURCE_KEY);
  } catch {
    // Storage blocked: the default stays in use.
  }
}

export const defaultPackageSource = (): string => __PACKAGE_SOURCE__;

/** Every package of the lock file, by name. */
export async function listPackages(): Promise<PackageInfo[]> {
  const response = await fetch(pyodideIndexURL() + 'pyodide-lock.json');
  const lock = (await response.json()) as LockJson;
  return Object.entries(lock.packages)
    .map(([key, p]) => ({
      key,
      name: p.name,
      version: p.version,
      fileName: p.file_name,
      depends: p.depends,
      bundled: __BUNDLED_PACKAGES__.includes(key),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The URL a package file is downloaded from. */
export function packageURL(pkg: PackageInfo): string {
  if (pkg.bundled) return pyodideIndexURL() + pkg.fileName;
  const source = packageSource();
  return new URL(pkg.fileName, source.endsWith('/') ? source : source + '/').href;
}

/** Files kept for offline use: file name → bytes. */
export async function offlineFiles(): Promise<Map<string, number>> {
  const kept = new Map<string, number>();
  if (!('caches' in globalThis)) return kept;
  const cache = await caches.open(cacheName);
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const size = Number(response?.headers.get('Content-Length')) || (await response?.clone().blob())?.size || 0;
    kept.set(decodeURIComponent(new URL(request.url).pathname.split('/').pop()!), size);
  }
  return kept;
}

/** A package and everything it needs, dependencies first. */
export function withDependencies(key: string, all: Map<string, PackageInfo>): PackageInfo[] {
  const order: PackageInfo[] = [];
  const seen = new Set<string>();
  const visit = (k: string) => {
    const pkg = all.get(k);
    if (!pkg || seen.has(k)) return;
    seen.add(k);
    pkg.depends.forEach(visit);
    order.push(pkg);
  };
  visit(key);
  return order;
}

/** Why a download failed, in terms the learner can act on (the message is the panel's to word). */
export class PackageDownloadError extends Error {
  constructor(
    readonly kind: 'network' | 'http' | 'storage',
    readonly packageName: string,
    readonly status?: number,
  ) {
    super(`${packageName}: ${kind}${status ? ` ${status}` : ''}`);
  }
}

/**
 * Downloads packages so they work offline: the service worker keeps each file
 * as it passes. Reports bytes as they arrive.
 */
export async function makeAvailableOffline(
  packages: PackageInfo[],
  onProgress: (loaded: number, total: number | undefined) => void,
  signal?: AbortSignal,
): Promise<void> {
  const kept = await offlineFiles();
  const todo = packages.filter((p) => !p.bundled && !kept.has(p.fileName));
  let loaded = 0;
  let total: number | undefined = 0;
  const responses: Response[] = [];
  for (const pkg of todo) {
    let response: Response;
    try {
      response = await fetch(packageURL(pkg), { signal });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new PackageDownloadError('network', pkg.name);
    }
    if (!response.ok) throw new PackageDownloadError('http', pkg.name, response.status);
    const length = Number(response.headers.get('Content-Length'));
    total = length && total !== undefined ? total + length : undefined;
    responses.push(response);
  }
  onProgress(0, total);
  for (const [i, response] of responses.entries()) {
    const reader = response.body!.getReader();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        // The connection broke in the middle of a file.
        if (signal?.aborted) throw error;
        throw new PackageDownloadError('network', todo[i].name);
      }
      if (chunk.done) break;
      loaded += chunk.value.byteLength;
      onProgress(loaded, total);
    }
  }
  // The service worker stores each file while it streams; wait until all are there.
  for (let tries = 0; tries < 50; tries++) {
    const now = await offlineFiles();
    if (todo.every((p) => now.has(p.fileName))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new PackageDownloadError('storage', todo[0]?.name ?? packages[0]?.name ?? '');
}

/** Frees the space a package's file takes (its dependencies stay). */
export async function removeOffline(pkg: PackageInfo): Promise<void> {
  const cache = await caches.open(cacheName);
  for (const request of await cache.keys()) {
    if (request.url.endsWith('/' + pkg.fileName)) await cache.delete(request);
  }
}
