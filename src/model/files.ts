// What a project is made of, as every part of the app sees it (the worker, the
// page, the file formats). Storage keeps its own records and maps to these.

/**
 * A file's content: text (edited in the editor) or bytes (a picture, a sound,
 * anything that is not UTF-8 text), which the app keeps and shows but never edits.
 */
export type FileContent = string | Uint8Array;

/** A file of the learner's project. */
export interface ProjectFile {
  /** Path relative to the project folder, `/`-separated, e.g. `main.py` or `data/points.csv`. */
  name: string;
  content: FileContent;
}

/** Largest text file a run brings back into the project (the same cap as in playground_runner.py). */
export const MAX_TEXT_FILE_BYTES = 1_000_000;
/**
 * Largest binary file a project takes (an upload, a zip entry, a run's picture,
 * a backup's entry): a few photos or a short sound, not a video.
 */
export const MAX_BINARY_FILE_BYTES = 5_000_000;

/** Whether the content is bytes rather than text (takes a file or its content). */
export function isBinary(file: FileContent | { content: FileContent }): boolean {
  const content = typeof file === 'object' && !(file instanceof Uint8Array) ? file.content : file;
  return typeof content !== 'string';
}

/** Text content, or undefined for bytes: what the editor, search and share links may read. */
export function textOf(content: FileContent | undefined): string | undefined {
  return typeof content === 'string' ? content : undefined;
}

/** Bytes the content takes on disk (text as UTF-8). */
export function fileBytes(content: FileContent): number {
  if (typeof content !== 'string') return content.byteLength;
  // Counted rather than encoded: a 1 MB text need not be copied to be measured.
  let bytes = 0;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < content.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The content as bytes (text as UTF-8), for archives and downloads. */
export function contentBytes(content: FileContent): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}

/** Whether two contents are the same (bytes compared byte by byte). */
export function sameContent(a: FileContent | undefined, b: FileContent | undefined): boolean {
  if (typeof a === 'string' || typeof b === 'string' || a === undefined || b === undefined) return a === b;
  if (a === b) return true;
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * What bytes from outside (an upload, a zip entry) become: text when they are
 * valid UTF-8 without NUL bytes (as every text editor would open them), else bytes.
 * The same rule as the runner's for files a program writes.
 */
export function contentFromBytes(bytes: Uint8Array): FileContent {
  if (bytes.includes(0)) return bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes;
  }
}

const MIMES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
  avif: 'image/avif',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  pdf: 'application/pdf',
  zip: 'application/zip',
  json: 'application/json',
  csv: 'text/csv',
  txt: 'text/plain',
  py: 'text/x-python',
};

/** The media type a file's name suggests (`application/octet-stream` when it suggests none). */
export function mimeOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return (dot > 0 && MIMES[base.slice(dot + 1).toLowerCase()]) || 'application/octet-stream';
}

/** Pictures the preview shows (as an <img> only: an SVG's scripts never run there). */
const PREVIEW_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml']);

/** Whether the file is a picture the preview can show. */
export function isPreviewImage(path: string): boolean {
  return PREVIEW_IMAGES.has(mimeOf(path));
}

/** A size as people read it: "512 bytes", "12 KB", "3.4 MB", "5 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 999_500) return `${Math.round(bytes / 1000)} KB`;
  return `${Number((bytes / 1_000_000).toFixed(1))} MB`;
}
