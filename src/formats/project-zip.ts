// Projects as .zip files: a folder of the project's files, readable by any
// tool. Export, and import with every limit checked while inflating (see
// zip.ts), so a malicious archive is refused whole, with a clear message, and
// nothing is half-imported. A plain zip has no envelope: any zip of files is a
// project (text files become text, anything else stays bytes).
import { zipSync } from 'fflate';
import { MAX_BINARY_FILE_BYTES, contentBytes, contentFromBytes, type FileContent } from '../model/files.ts';
import { readZip, type ZipLimits } from './zip.ts';

export type { ZipLimits } from './zip.ts';

export const ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxTotalBytes: 50_000_000, maxFileBytes: 10_000_000 };

/** A file of a project archive: text, or bytes (a picture, a sound). */
export interface ArchiveFile {
  path: string;
  content: FileContent;
}

export type UnzipResult =
  | {
      ok: true;
      files: ArchiveFile[];
      folder?: string;
      /** Binary entries left out because a project does not take files that large (MAX_BINARY_FILE_BYTES). */
      skipped: string[];
    }
  | { ok: false; error: string };

/** A .zip of the files, inside `folder/` when given (the usual shape of a downloaded project); bytes as they are. */
export function zipFiles(files: ArchiveFile[], folder?: string): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[(folder ? `${folder}/` : '') + f.path] = contentBytes(f.content);
  return zipSync(entries, { level: 6, mtime: new Date() });
}

/** Reads a project .zip: text files as text, others as bytes, every path and size checked. */
export function unzipFiles(data: Uint8Array, limits: ZipLimits = ZIP_LIMITS): UnzipResult {
  const read = readZip(data, limits);
  if (!read.ok) return { ok: false, error: `This archive cannot be imported: ${read.problem}.` };
  const files: ArchiveFile[] = [];
  const skipped: string[] = [];
  for (const [path, bytes] of read.entries) {
    const content = contentFromBytes(bytes);
    // Text keeps the archive's own limit; bytes the one every way into a project has.
    if (typeof content !== 'string' && content.byteLength > MAX_BINARY_FILE_BYTES) skipped.push(path);
    else files.push({ path, content });
  }
  // A single top folder (the usual shape of a zipped project) becomes the project's name.
  const all = [...files.map((f) => f.path), ...skipped];
  const tops = new Set(all.map((p) => p.split('/')[0]));
  const folder = tops.size === 1 && all.every((p) => p.includes('/')) ? [...tops][0] : undefined;
  const strip = (p: string) => (folder ? p.slice(folder.length + 1) : p);
  return {
    ok: true,
    folder,
    files: files.map((f) => ({ ...f, path: strip(f.path) })).sort((a, b) => a.path.localeCompare(b.path)),
    skipped: skipped.map(strip),
  };
}
