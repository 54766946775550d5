// Share links: `#share=` + base64url (no padding) of deflate-raw of the UTF-8
// JSON {"v":1,"files":[{"name","content"}],"main"}. Links come from strangers,
// so decoding checks everything and stops inflating at the size cap. They carry
// text files only: a picture would make a link too long to pass around, and a
// link never yields a binary file (content must be a string).
import { Inflate, deflateSync } from 'fflate';
import * as v from 'valibot';
import { isSafePath } from '../model/paths.ts';

/** The fragment prefix of a share link. */
export const SHARE_PREFIX = '#share=';
/** Largest decoded JSON accepted, in bytes. */
export const MAX_DECODED_BYTES = 1024 * 1024;
/** Largest fragment accepted, in characters (compressed data cannot usefully be larger). */
export const MAX_ENCODED_CHARS = Math.ceil((MAX_DECODED_BYTES * 4) / 3) + 16;
/** Most files in one link. */
export const MAX_FILES = 200;

/** A text file carried by a share link. */
export interface SharedFile {
  name: string;
  content: string;
}

/** A project carried by a share link. */
export interface SharedProject {
  files: SharedFile[];
  main: string;
}

/** What of a project a link can carry: its text files, and the names of the binary ones it leaves out. */
export function shareable(files: readonly { name: string; content: string | Uint8Array }[]): {
  files: SharedFile[];
  leftOut: string[];
} {
  const text: SharedFile[] = [];
  const leftOut: string[] = [];
  for (const { name, content } of files) {
    if (typeof content === 'string') text.push({ name, content });
    else leftOut.push(name);
  }
  return { files: text, leftOut };
}

export type DecodeResult = { ok: true; project: SharedProject } | { ok: false; error: string };

/** A file name that is relative, has no `..` or empty parts, and no control characters. */
export const isSafeFileName = isSafePath;

const FileSchema = v.object({
  name: v.pipe(v.string(), v.check(isSafeFileName, 'a file name is not allowed')),
  content: v.string(),
});

const ShareSchema = v.pipe(
  v.object({
    v: v.literal(1),
    files: v.pipe(
      v.array(FileSchema),
      v.minLength(1, 'it has no files'),
      v.maxLength(MAX_FILES, 'it has too many files'),
    ),
    main: v.string(),
  }),
  v.check((p) => new Set(p.files.map((f) => f.name)).size === p.files.length, 'two files have the same name'),
  v.check((p) => p.files.some((f) => f.name === p.main), 'its main file is missing'),
);

/** Base64url without padding (what share and pack links carry). */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of base64url text, or undefined when it is not base64url. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Inflates raw deflate data, refusing more than `limit` bytes of output. */
export function inflateCapped(data: Uint8Array, limit: number): Uint8Array | 'too-big' | 'corrupt' {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooBig = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) tooBig = true;
    else chunks.push(chunk);
  });
  try {
    // Small input steps bound how much one step can produce, so a bomb is caught early.
    const step = 1024;
    for (let at = 0; at < data.length && !tooBig; at += step) {
      inflater.push(data.subarray(at, at + step), at + step >= data.length);
    }
  } catch {
    return 'corrupt';
  }
  if (tooBig) return 'too-big';
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The fragment value (without `#share=`) for a project. */
export function encodeShare(project: SharedProject): string {
  const json = JSON.stringify({
    v: 1,
    // Checked again here: whatever the caller passes, a link holds text only.
    files: project.files.flatMap(({ name, content }) => (typeof content === 'string' ? [{ name, content }] : [])),
    main: project.main,
  });
  return toBase64Url(deflateSync(new TextEncoder().encode(json), { level: 9 }));
}

/** A full share URL for `project`, based on `base` (the app's address). */
export function shareUrl(base: string, project: SharedProject): string {
  const url = new URL(base);
  url.hash = '';
  return url.toString() + SHARE_PREFIX + encodeShare(project);
}

/** The encoded part of a location hash, or undefined if it is not a share link. */
export function shareFragment(hash: string): string | undefined {
  return hash.startsWith(SHARE_PREFIX) ? hash.slice(SHARE_PREFIX.length) : undefined;
}

/** Decodes a fragment value; never throws. */
export function decodeShare(encoded: string): DecodeResult {
  const fail = (why: string): DecodeResult => ({ ok: false, error: `This share link cannot be opened: ${why}.` });
  if (encoded.length === 0) return fail('it is empty');
  if (encoded.length > MAX_ENCODED_CHARS) return fail('it is too long');
  const compressed = fromBase64Url(encoded);
  if (!compressed) return fail('it contains characters a share link never has (was it cut or changed?)');
  const inflated = inflateCapped(compressed, MAX_DECODED_BYTES);
  if (inflated === 'too-big') return fail(`its code is larger than ${MAX_DECODED_BYTES / 1024 / 1024} MB`);
  if (inflated === 'corrupt' || inflated.length === 0) return fail('it is damaged or incomplete (was it cut off?)');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch {
    return fail('it is damaged or incomplete (was it cut off?)');
  }
  const parsed = v.safeParse(ShareSchema, json);
  if (!parsed.success) return fail(parsed.issues[0]?.message ?? 'its contents are not a project');
  return { ok: true, project: { files: parsed.output.files, main: parsed.output.main } };
}
