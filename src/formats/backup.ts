// Backups: everything on the device in one .zip. Inside:
// - `python-playground-backup.json`: `{type: "python-playground-backup", version: 2, exportedAt, projects, runs}`;
// - `media/<hash>`: the pictures runs showed, referred to from the runs' items;
// - `projects/<name>/…`: every project's files, readable with any tool.
// Version 1 (before pictures: a run's output was `parts` of text, and the JSON
// had no `type`) is still read, and upgraded on the way in.
import { strToU8, zipSync } from 'fflate';
import * as v from 'valibot';
import type { PastRun, WorkspaceContents } from '../model/history.ts';
import { DISPLAY_MIMES, MAX_EXPLANATION_CHARS, OUTPUT_STREAMS, type ShownItem } from '../model/output.ts';
import { isSafePath } from '../model/paths.ts';
import { RUN_STATUSES } from '../model/run.ts';
import { parseJson } from './json.ts';
import { readZip, utf8, type ZipLimits } from './zip.ts';

export const BACKUP_TYPE = 'python-playground-backup';
export const BACKUP_VERSION = 2;
export const BACKUP_JSON = 'python-playground-backup.json';

/** A backup holds a whole device: generous, but bounded. */
export const BACKUP_LIMITS: ZipLimits = {
  maxEntries: 100_000,
  maxTotalBytes: 1_000_000_000,
  maxFileBytes: 500_000_000,
};
/** Largest backup JSON read (the files and transcripts are in it). */
const MAX_JSON_CHARS = 500_000_000;

const TextFile = v.object({ path: v.pipe(v.string(), v.check(isSafePath)), content: v.string() });
const Project = v.object({ name: v.string(), main: v.string(), files: v.array(TextFile) });
const TextItem = v.object({ kind: v.literal('text'), stream: v.picklist(OUTPUT_STREAMS), text: v.string() });
const PictureItem = v.object({
  kind: v.literal('display'),
  mime: v.picklist(DISPLAY_MIMES),
  alt: v.string(),
  /** The path of its bytes in the archive. */
  media: v.pipe(v.string(), v.regex(/^media\/[0-9a-f]{64}$/)),
});
const ExplanationItem = v.object({
  kind: v.literal('explanation'),
  case: v.pipe(v.string(), v.maxLength(100)),
  file: v.string(),
  line: v.pipe(v.number(), v.integer(), v.minValue(0)),
  text: v.pipe(v.string(), v.maxLength(MAX_EXPLANATION_CHARS)),
  hint: v.pipe(v.string(), v.maxLength(MAX_EXPLANATION_CHARS)),
});
const runFields = {
  projectName: v.string(),
  entry: v.string(),
  startedAt: v.number(),
  durationMs: v.number(),
  status: v.picklist(RUN_STATUSES),
  errorType: v.optional(v.string()),
  files: v.array(TextFile),
  omittedChars: v.number(),
};

const BackupV2 = v.object({
  type: v.literal(BACKUP_TYPE),
  version: v.literal(2),
  exportedAt: v.number(),
  projects: v.array(Project),
  runs: v.array(
    v.object({ ...runFields, items: v.array(v.variant('kind', [TextItem, PictureItem, ExplanationItem])) }),
  ),
});
type BackupJsonV2 = v.InferOutput<typeof BackupV2>;

const BackupV1 = v.object({
  version: v.literal(1),
  exportedAt: v.number(),
  projects: v.array(Project),
  runs: v.array(
    v.object({ ...runFields, parts: v.array(v.object({ stream: v.picklist(OUTPUT_STREAMS), text: v.string() })) }),
  ),
});
type BackupJsonV1 = v.InferOutput<typeof BackupV1>;

/** Version 1 → 2: text parts become text items. */
function restoreV1(old: BackupJsonV1): BackupJsonV2 {
  return {
    type: BACKUP_TYPE,
    version: 2,
    exportedAt: old.exportedAt,
    projects: old.projects,
    runs: old.runs.map(({ parts, ...run }) => ({
      ...run,
      items: parts.map((p) => ({ kind: 'text' as const, stream: p.stream, text: p.text })),
    })),
  };
}

/** A folder name from a project name (no slashes or odd characters), unique among `taken`. */
function folderName(name: string, taken: Set<string>): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const base = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'project';
  let folder = base;
  for (let n = 2; taken.has(folder); n++) folder = `${base} ${n}`;
  taken.add(folder);
  return folder;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The backup of `contents` as a .zip. */
export async function encodeBackup(contents: WorkspaceContents, exportedAt: number): Promise<Uint8Array> {
  const entries: Record<string, Uint8Array> = {};
  const runs: BackupJsonV2['runs'] = [];
  for (const { items, ...run } of contents.runs) {
    const saved: BackupJsonV2['runs'][number]['items'] = [];
    for (const item of items) {
      if (item.kind === 'text') saved.push({ kind: 'text', stream: item.stream, text: item.text });
      else if (item.kind === 'explanation') saved.push({ ...item });
      else {
        const media = `media/${await sha256(item.data)}`;
        entries[media] = item.data;
        saved.push({ kind: 'display', mime: item.mime, alt: item.alt, media });
      }
    }
    runs.push({ ...run, items: saved });
  }
  const json: BackupJsonV2 = {
    type: BACKUP_TYPE,
    version: BACKUP_VERSION,
    exportedAt,
    projects: contents.projects,
    runs,
  };
  entries[BACKUP_JSON] = strToU8(JSON.stringify(json));
  const taken = new Set<string>();
  for (const p of contents.projects) {
    const folder = folderName(p.name, taken);
    for (const f of p.files) entries[`projects/${folder}/${f.path}`] = strToU8(f.content);
  }
  return zipSync(entries, { level: 6 });
}

export type DecodeBackupResult = { ok: true; contents: WorkspaceContents } | { ok: false; error: string };

/** Reads a backup made by encodeBackup (this version or an older one); never throws. */
export function decodeBackup(data: Uint8Array): DecodeBackupResult {
  const fail = (why: string): DecodeBackupResult => ({
    ok: false,
    error: `This backup cannot be restored: ${why}. Nothing was restored.`,
  });
  const read = readZip(data, BACKUP_LIMITS);
  if (!read.ok) return fail(read.problem);
  const raw = read.entries.get(BACKUP_JSON);
  if (!raw) return fail('it is not a Python Playground backup (it has no backup data)');
  const text = utf8(raw);
  if (text === undefined) return fail('its backup data is damaged');
  const parsed = parseJson(text, MAX_JSON_CHARS);
  if (!parsed.ok) return fail(parsed.problem);
  const version = (parsed.value as { version?: unknown } | null)?.version;
  let backup: BackupJsonV2;
  if (version === 1) {
    const old = v.safeParse(BackupV1, parsed.value);
    if (!old.success) return fail(`its data does not fit a version 1 backup (${describe(old.issues[0])})`);
    backup = restoreV1(old.output);
  } else if (version === 2) {
    const current = v.safeParse(BackupV2, parsed.value);
    if (!current.success) return fail(`its data does not fit a backup (${describe(current.issues[0])})`);
    backup = current.output;
  } else {
    return fail(
      typeof version === 'number' && version > BACKUP_VERSION
        ? 'it was made by a newer version of the app: update this one first'
        : 'it is not a Python Playground backup, or it is damaged',
    );
  }
  const runs: (PastRun & { projectName: string })[] = [];
  for (const { items, ...run } of backup.runs) {
    const restored: ShownItem[] = [];
    for (const item of items) {
      if (item.kind === 'text' || item.kind === 'explanation') {
        restored.push(item);
        continue;
      }
      const bytes = read.entries.get(item.media);
      if (!bytes) return fail(`a picture it refers to is missing (${item.media})`);
      restored.push({ kind: 'display', mime: item.mime, data: bytes, alt: item.alt });
    }
    runs.push({ ...run, items: restored });
  }
  return { ok: true, contents: { projects: backup.projects, runs } };
}

/** Where the data did not fit, for the message: the field's path and what was wrong. */
function describe(issue: v.BaseIssue<unknown> | undefined): string {
  if (!issue) return 'unknown problem';
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return path ? `${path}: ${issue.message}` : issue.message;
}
