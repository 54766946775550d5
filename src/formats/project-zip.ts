// Projects as .zip files: a folder of the project's files, readable by any
// tool. Export, and import with every limit checked while inflating (see
// zip.ts), so a malicious archive is refused whole, with a clear message, and
// nothing is half-imported. A plain zip has no envelope: any zip of text files
// is a project.
import { strToU8, zipSync } from 'fflate';
import { readZip, utf8, type ZipLimits } from './zip.ts';

export type { ZipLimits } from './zip.ts';

export const ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxTotalBytes: 50_000_000, maxFileBytes: 10_000_000 };

export interface TextFile {
  path: string;
  content: string;
}

export type UnzipResult =
  { ok: true; files: TextFile[]; folder?: string; skipped: string[] } | { ok: false; error: string };

/** A .zip of the files, inside `folder/` when given (the usual shape of a downloaded project). */
export function zipFiles(files: TextFile[], folder?: string): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[(folder ? `${folder}/` : '') + f.path] = strToU8(f.content);
  return zipSync(entries, { level: 6, mtime: new Date() });
}

/** Reads a project .zip: text files only, every path and size checked. */
export function unzipFiles(data: Uint8Array, limits: ZipLimits = ZIP_LIMITS): UnzipResult {
  const read = readZip(data, limits);
  if (!read.ok) return { ok: false, error: `This archive cannot be imported: ${read.problem}.` };
  const files: TextFile[] = [];
  const skipped: string[] = [];
  for (const [path, bytes] of read.entries) {
    const content = utf8(bytes);
    if (content === undefined) skipped.push(path);
    else files.push({ path, content });
  }
  // A single top folder (the usual shape of a zipped project) becomes the project's name.
  const tops = new Set(files.map((f) => f.path.split('/')[0]));
  const folder = tops.size === 1 && files.every((f) => f.path.includes('/')) ? [...tops][0] : undefined;
  const strip = (p: string) => (folder ? p.slice(folder.length + 1) : p);
  return {
    ok: true,
    folder,
    files: files.map((f) => ({ ...f, path: strip(f.path) })).sort((a, b) => a.path.localeCompare(b.path)),
    skipped: skipped.map(strip),
  };
}
