// Which Pyodide packages a program needs, where they come from, and what to
// tell the learner when one cannot be had.

/** The lock fields used here. */
export interface LockEntry {
  name: string;
  file_name: string;
  imports: string[];
}

/**
 * Points every package that is not bundled with the app at `source` (the CDN
 * or a mirror); bundled ones stay relative, so they come from the app's origin.
 */
export function withPackageSource<T extends { packages: Record<string, LockEntry> }>(
  lock: T,
  source: string,
  bundled: readonly string[],
): T {
  const base = source.endsWith('/') ? source : source + '/';
  const packages: Record<string, LockEntry> = {};
  for (const [key, pkg] of Object.entries(lock.packages)) {
    packages[key] = bundled.includes(key) ? pkg : { ...pkg, file_name: new URL(pkg.file_name, base).href };
  }
  return { ...lock, packages };
}

/** Import name → lock key. */
export function importIndex(packages: Record<string, LockEntry>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [key, pkg] of Object.entries(packages)) for (const name of pkg.imports) index.set(name, key);
  return index;
}

/**
 * Packages to load for these top-level imports: those in the lock, not already
 * loaded, and not shadowed by one of the learner's own modules.
 */
export function packagesToLoad(
  imports: Iterable<string>,
  index: Map<string, string>,
  loaded: Record<string, unknown>,
  ownModules: Set<string>,
): string[] {
  const wanted = new Set<string>();
  for (const name of imports) {
    const top = name.split('.')[0];
    const key = index.get(top);
    if (key && !ownModules.has(top) && !(key in loaded)) wanted.add(key);
  }
  return [...wanted].sort();
}

/** Top-level module names the project's own files provide (`helper.py` → `helper`, `pkg/__init__.py` → `pkg`). */
export function ownModules(fileNames: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const name of fileNames) {
    if (name.endsWith('.py')) names.add(name.slice(0, -3).split('/')[0]);
    else if (name.includes('/')) names.add(name.split('/')[0]);
  }
  return names;
}

/** The learner-facing explanation when packages could not be loaded. */
export function unavailableMessage(packages: string[], online: boolean, source: string): string {
  const list = packages.join(', ');
  const them = packages.length === 1 ? 'it' : 'them';
  if (!online) {
    return (
      `${list} ${packages.length === 1 ? 'is' : 'are'} not available offline on this device. ` +
      `Connect to the internet once and run again (${them} then stay${packages.length === 1 ? 's' : ''} available offline), ` +
      `or ask your teacher for a build of the app that includes ${them}.`
    );
  }
  return `${list} could not be downloaded from ${source}. Check the connection (or the package source in Settings) and run again.`;
}
