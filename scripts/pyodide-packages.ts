// Build-time handling of Pyodide packages: merging extra lock entries,
// resolving which packages (with their dependencies) to bundle, and fetching
// their files from a Pyodide distribution with their sha256 checked.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One package in pyodide-lock.json (the fields the app uses). */
export interface LockPackage {
  name: string;
  version: string;
  file_name: string;
  sha256: string;
  depends: string[];
  imports: string[];
  [field: string]: unknown;
}

export interface Lockfile {
  info: Record<string, unknown>;
  packages: Record<string, LockPackage>;
  [field: string]: unknown;
}

/** The lock with extra entries (a file `{ "packages": { … } }`) added or replacing stock ones. */
export function mergeLock(stock: Lockfile, extra?: { packages?: Record<string, LockPackage> }): Lockfile {
  return { ...stock, packages: { ...stock.packages, ...(extra?.packages ?? {}) } };
}

/** Lock keys are normalised names: lower case, runs of `-`, `_` and `.` as `-`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Finds a package by the name a teacher typed (any case, `_` or `-`). */
export function findPackage(lock: Lockfile, name: string): LockPackage | undefined {
  const wanted = normalizeName(name);
  for (const [key, pkg] of Object.entries(lock.packages)) {
    if (normalizeName(key) === wanted || normalizeName(pkg.name) === wanted) return pkg;
  }
  return undefined;
}

/** The packages named and everything they depend on, by lock key, sorted; throws on an unknown name. */
export function withDependencies(lock: Lockfile, names: string[]): string[] {
  const keyOf = new Map(Object.entries(lock.packages).map(([key, pkg]) => [pkg, key]));
  const seen = new Set<string>();
  const visit = (name: string, from?: string) => {
    const pkg = findPackage(lock, name);
    if (!pkg)
      throw new Error(
        `Unknown Pyodide package "${name}"${from ? ` (needed by ${from})` : ''}: it is not in the lock file.`,
      );
    const key = keyOf.get(pkg)!;
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of pkg.depends) visit(dep, key);
  };
  for (const name of names) visit(name);
  return [...seen].sort();
}

/** Splits `PYODIDE_PACKAGES` ("numpy matplotlib" or "numpy,matplotlib"). */
export function parsePackageList(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}

/** Reads a package file from a distribution folder or URL and checks it against the lock's sha256. */
export async function fetchPackageFile(dist: string, pkg: LockPackage): Promise<Uint8Array> {
  let bytes: Uint8Array;
  if (/^https?:\/\//.test(dist)) {
    const url = new URL(pkg.file_name, dist.endsWith('/') ? dist : dist + '/');
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Could not download ${url}: HTTP ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } else {
    bytes = new Uint8Array(await readFile(join(dist, pkg.file_name)));
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== pkg.sha256) {
    throw new Error(`${pkg.file_name} does not match the lock file (sha256 ${sha256}, expected ${pkg.sha256}).`);
  }
  return bytes;
}
