// Projects as .zip files: export, and import with every limit checked while
// inflating (declared sizes can lie), so a malicious archive is refused whole,
// with a clear message, and nothing is half-imported.
import { Unzip, UnzipInflate, strToU8, zipSync, type UnzipFile } from 'fflate';
import { isSafePath } from './paths.ts';

export interface ZipLimits {
  maxEntries: number;
  /** Uncompressed bytes of all files together. */
  maxTotalBytes: number;
  /** Uncompressed bytes of one file. */
  maxFileBytes: number;
}

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

/** Archive clutter that is never part of a project. */
function isJunk(path: string): boolean {
  return path.startsWith('__MACOSX/') || path.split('/').some((p) => p === '.DS_Store' || p === 'Thumbs.db');
}

/** Reads a project .zip: text files only, every path and size checked. */
export function unzipFiles(data: Uint8Array, limits: ZipLimits = ZIP_LIMITS): UnzipResult {
  const fail = (why: string): UnzipResult => ({ ok: false, error: `This archive cannot be imported: ${why}.` });
  const chunks = new Map<string, Uint8Array[]>();
  let entries = 0;
  let total = 0;
  let problem: string | undefined;

  const unzip = new Unzip((file: UnzipFile) => {
    if (problem) return;
    const name = file.name;
    if (name.endsWith('/')) return; // a folder entry
    if (isJunk(name)) return;
    if (!isSafePath(name)) {
      problem = `it contains a file with an unsafe path ("${name}")`;
      return;
    }
    if (++entries > limits.maxEntries) {
      problem = `it has more than ${limits.maxEntries} files`;
      return;
    }
    if (file.compression !== 0 && file.compression !== 8) {
      problem = `"${name}" uses a compression method this app cannot read`;
      return;
    }
    const parts: Uint8Array[] = [];
    chunks.set(name, parts);
    let size = 0;
    file.ondata = (error, chunk) => {
      if (problem) return;
      if (error) {
        problem = `"${name}" is damaged`;
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (size > limits.maxFileBytes)
        problem = `"${name}" is larger than ${limits.maxFileBytes / 1_000_000} MB when unpacked`;
      else if (total > limits.maxTotalBytes)
        problem = `it is larger than ${limits.maxTotalBytes / 1_000_000} MB when unpacked`;
      if (problem) file.terminate();
      else parts.push(chunk);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    // Small steps bound how much one step can inflate, so a bomb is caught early.
    const step = 16 * 1024;
    for (let at = 0; at < data.length && !problem; at += step)
      unzip.push(data.subarray(at, at + step), at + step >= data.length);
  } catch {
    return fail('it is not a valid .zip file, or it is damaged');
  }
  if (problem) return fail(problem);
  if (chunks.size === 0) return fail('it contains no files');

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const files: TextFile[] = [];
  const skipped: string[] = [];
  for (const [path, parts] of chunks) {
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    try {
      files.push({ path, content: decoder.decode(bytes) });
    } catch {
      skipped.push(path);
    }
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
