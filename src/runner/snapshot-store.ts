// Pyodide memory snapshots: the interpreter as it is right after start-up (the
// app's own Python imported, no learner code run), kept in Cache Storage so that
// later starts restore it instead of booting Python again. One snapshot is kept,
// keyed by everything it depends on; a new build makes a new one. The page
// keeps them and hands them to Python's host: the host needs no storage of its own.

/** The Cache Storage cache that holds the snapshot. */
export const SNAPSHOT_CACHE = 'python-snapshot';

/** The snapshot's key: a URL naming the Pyodide folder and a hash of what shaped the interpreter. */
export async function snapshotKey(indexURL: string, parts: string[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\u0000')));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return new URL(`snapshot-${hex.slice(0, 32)}.bin`, indexURL).href;
}

/**
 * The stored snapshot for `key`, if any (and if Cache Storage can be used at
 * all). Resolves as soon as one is known to exist, with its bytes still being
 * read, so that Pyodide can load its own files meanwhile.
 */
export async function findSnapshot(key: string): Promise<{ bytes: Promise<Uint8Array> } | undefined> {
  try {
    const response = await (await caches.open(SNAPSHOT_CACHE)).match(key);
    // Wrapped: a promise returned bare would be awaited here.
    return response ? { bytes: response.arrayBuffer().then((buffer) => new Uint8Array(buffer)) } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a snapshot is stored for `key` (its body is not read). */
export async function hasSnapshot(key: string): Promise<boolean> {
  try {
    const response = await (await caches.open(SNAPSHOT_CACHE)).match(key);
    await response?.body?.cancel();
    return response !== undefined;
  } catch {
    return false;
  }
}

/** Stores a snapshot, replacing any other (of an older build). */
export async function saveSnapshot(key: string, bytes: Uint8Array): Promise<void> {
  const cache = await caches.open(SNAPSHOT_CACHE);
  for (const request of await cache.keys()) if (request.url !== key) await cache.delete(request);
  await cache.put(key, new Response(bytes as BlobPart, { headers: { 'Content-Type': 'application/octet-stream' } }));
}

/** Forgets a snapshot that could not be used. */
export async function dropSnapshot(key: string): Promise<void> {
  try {
    await (await caches.open(SNAPSHOT_CACHE)).delete(key);
  } catch {
    // Nothing stored, or no Cache Storage: nothing to forget.
  }
}
