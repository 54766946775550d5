// What can go wrong with storage, as errors the UI can tell apart and explain.

/** IndexedDB cannot be used at all (private mode, blocked by settings). */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
}

/** The device or the browser's quota is full: nothing was written. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

/** Another tab runs a newer version of the app, with a newer database: this tab must reload. */
export class NewerVersionError extends Error {
  override name = 'NewerVersionError';
}

/** The file changed (in another tab) since this tab last saw it. */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(
    readonly path: string,
    readonly currentVersion: number,
    /** Text, or bytes when the other tab's run (or restore) made the file a binary one. */
    readonly currentContent: string | Uint8Array,
  ) {
    super(`${path} was changed elsewhere`);
  }
}

/** A name or path that cannot be used. */
export class InvalidNameError extends Error {
  override name = 'InvalidNameError';
}

function isQuota(error: unknown): boolean {
  const e = error as { name?: string; message?: string; inner?: unknown; target?: { error?: unknown } } | undefined;
  if (!e) return false;
  if (e.name === 'QuotaExceededError') return true;
  if (/quota/i.test(e.message ?? '')) return true;
  return isQuota(e.inner) || (e.target?.error !== error && isQuota(e.target?.error));
}

/** Turns what IndexedDB throws into one of the errors above (others pass through). */
export function classify(error: unknown): unknown {
  if (
    error instanceof StorageFullError ||
    error instanceof ConflictError ||
    error instanceof NewerVersionError ||
    error instanceof InvalidNameError
  ) {
    return error;
  }
  if (isQuota(error)) return new StorageFullError('storage is full');
  const name = (error as { name?: string })?.name;
  if (name === 'VersionError') return new NewerVersionError('a newer version of the app changed the database');
  return error;
}
