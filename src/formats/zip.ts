// Reading .zip files that come from anywhere (a classmate, a website, an old
// backup): every limit is checked while inflating, since the sizes an archive
// declares can lie, so a malicious archive is refused whole with a clear
// message. Every format that is a zip (project, backup, later lesson packs and
// reports) reads through here.
import { inflateSync, Unzip, UnzipInflate, type FlateError, type UnzipDecoder, type UnzipFile } from 'fflate';
import { isSafePath } from '../model/paths.ts';

export interface ZipLimits {
  maxEntries: number;
  /** Uncompressed bytes of all files together. */
  maxTotalBytes: number;
  /** Uncompressed bytes of one file. */
  maxFileBytes: number;
}

export type ReadZipResult = { ok: true; entries: Map<string, Uint8Array> } | { ok: false; problem: string };

/** Archive clutter that is never part of anything the app made. */
function isJunk(path: string): boolean {
  return path.startsWith('__MACOSX/') || path.split('/').some((p) => p === '.DS_Store' || p === 'Thumbs.db');
}

/** Compressed entries up to this size are inflated in one step (see sizedInflate). */
const ONE_STEP_MAX = 256 * 1024;

/**
 * A deflate decoder for an entry whose header gives both sizes: small ones are inflated in one step into a buffer
 * of the size declared (and one byte more, to catch a lie), as the streaming inflater's growing buffers cost 5 times
 * as much (200 reports: 400 ms). A lie in either direction makes the entry damaged. Memory stays within
 * `maxFileBytes`, and the work within what 256 KB can inflate to. Others stream, bounded step by step.
 */
function sizedInflate(maxFileBytes: number) {
  return class SizedInflate implements UnzipDecoder {
    static compression = 8;
    ondata: UnzipDecoder['ondata'] = () => {};
    private chunks: Uint8Array[] = [];
    private stream?: UnzipInflate;
    private declared = 0;

    constructor(_name: string, size?: number, originalSize?: number) {
      if (size === undefined || originalSize === undefined || size > ONE_STEP_MAX || originalSize > maxFileBytes)
        this.stream = new UnzipInflate();
      else this.declared = originalSize;
    }

    push(chunk: Uint8Array, final: boolean): void {
      if (this.stream) {
        this.stream.ondata = this.ondata;
        this.stream.push(chunk, final);
        return;
      }
      this.chunks.push(chunk);
      if (!final) return;
      // fflate's own decoders pass no data with an error, as here; its types do not say so.
      const failed = (error: FlateError) => this.ondata(error, null as unknown as Uint8Array<ArrayBuffer>, true);
      let out: Uint8Array;
      try {
        out = inflateSync(concat(this.chunks), { out: new Uint8Array(this.declared + 1) });
      } catch (error) {
        failed(error as FlateError);
        return;
      }
      if (out.length === this.declared) this.ondata(null, out as Uint8Array<ArrayBuffer>, true);
      else failed(Object.assign(new Error('its size is not the one declared'), { code: 0 }));
    }
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}

/**
 * The files of an archive by path, with every path and size checked. On
 * failure, `problem` says why in words that fit after "This archive cannot be …:".
 */
export function readZip(data: Uint8Array, limits: ZipLimits): ReadZipResult {
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
    if (chunks.has(name)) {
      problem = `it contains "${name}" twice`;
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
  unzip.register(sizedInflate(limits.maxFileBytes));
  try {
    // Small steps bound how much one step can inflate, so a bomb is caught early.
    const step = 16 * 1024;
    for (let at = 0; at < data.length && !problem; at += step)
      unzip.push(data.subarray(at, at + step), at + step >= data.length);
  } catch {
    return { ok: false, problem: 'it is not a valid .zip file, or it is damaged' };
  }
  if (problem) return { ok: false, problem };
  if (chunks.size === 0) return { ok: false, problem: 'it contains no files' };
  const result = new Map<string, Uint8Array>();
  for (const [path, parts] of chunks) result.set(path, concat(parts));
  return { ok: true, entries: result };
}

/** UTF-8 text, or undefined when the bytes are not text. */
export function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
