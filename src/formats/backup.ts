// Backups: everything on the device in one .zip. Inside:
// - `python-playground-backup.json`: `{type: "python-playground-backup", version: 3, exportedAt, projects, runs}`;
// - `media/<hash>`: the pictures runs showed, and the binary files of runs, referred to from the runs;
// - `projects/<folder>/…`: every project's files, readable with any tool. A text file is also in the JSON
//   (`{path, content}`); a binary one only here, and the JSON refers to it (`{path, bytes: "projects/<folder>/<path>"}`).
// Older versions are still read, and upgraded on the way in: version 1 (before pictures: a run's output was
// `parts` of text, and the JSON had no `type`) and version 2 (text files only).
import { strToU8, zipSync } from 'fflate';
import * as v from 'valibot';
import { MAX_BINARY_FILE_BYTES, sizeText } from '../model/files.ts';
import type { PastRun, PathFile, WorkspaceContents } from '../model/history.ts';
import { DISPLAY_MIMES, MAX_EXPLANATION_CHARS, OUTPUT_STREAMS, type ShownItem } from '../model/output.ts';
import { isSafePath } from '../model/paths.ts';
import { RUN_STATUSES } from '../model/run.ts';
import { parseJson } from './json.ts';
import { readZip, utf8, type ZipLimits } from './zip.ts';

export const BACKUP_TYPE = 'python-playground-backup';
export const BACKUP_VERSION = 3;
export const BACKUP_JSON = 'python-playground-backup.json';

/** A backup holds a whole device: generous, but bounded. */
export const BACKUP_LIMITS: ZipLimits = {
  maxEntries: 100_000,
  maxTotalBytes: 1_000_000_000,
  maxFileBytes: 500_000_000,
};
/** Largest backup JSON read (the files and transcripts are in it). */
const MAX_JSON_CHARS = 500_000_000;

const SafePath = v.pipe(v.string(), v.check(isSafePath));
const TextFile = v.object({ path: SafePath, content: v.string() });
const Project = v.object({ name: v.string(), main: v.string(), files: v.array(TextFile) });
/** A run's file whose bytes are an archive entry named by their hash. */
const MediaRef = v.pipe(v.string(), v.regex(/^media\/[0-9a-f]{64}$/));
/** A project's binary file: the archive entry of its readable copy (checked to be this very file when decoded). */
const ProjectRef = v.pipe(v.string(), v.check(isSafePath), v.startsWith('projects/'));
const ProjectV3 = v.object({
  name: v.string(),
  main: v.string(),
  files: v.array(v.union([TextFile, v.object({ path: SafePath, bytes: ProjectRef })])),
});
const RunFileV3 = v.union([TextFile, v.object({ path: SafePath, bytes: MediaRef })]);
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

const itemsField = v.array(v.variant('kind', [TextItem, PictureItem, ExplanationItem]));

const BackupV3 = v.object({
  type: v.literal(BACKUP_TYPE),
  version: v.literal(3),
  exportedAt: v.number(),
  projects: v.array(ProjectV3),
  runs: v.array(v.object({ ...runFields, files: v.array(RunFileV3), items: itemsField })),
});
type BackupJsonV3 = v.InferOutput<typeof BackupV3>;

const BackupV2 = v.object({
  type: v.literal(BACKUP_TYPE),
  version: v.literal(2),
  exportedAt: v.number(),
  projects: v.array(Project),
  runs: v.array(v.object({ ...runFields, items: itemsField })),
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

/** Version 2 → 3: its files are all text, which version 3 writes the same way. */
function restoreV2(old: BackupJsonV2): BackupJsonV3 {
  return { ...old, version: 3 };
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
  const runs: BackupJsonV3['runs'] = [];
  for (const { items, files, ...run } of contents.runs) {
    const saved: BackupJsonV3['runs'][number]['items'] = [];
    for (const item of items) {
      if (item.kind === 'text') saved.push({ kind: 'text', stream: item.stream, text: item.text });
      else if (item.kind === 'explanation') saved.push({ ...item });
      else {
        const media = `media/${await sha256(item.data)}`;
        entries[media] = item.data;
        saved.push({ kind: 'display', mime: item.mime, alt: item.alt, media });
      }
    }
    const savedFiles: BackupJsonV3['runs'][number]['files'] = [];
    for (const f of files) {
      if (typeof f.content === 'string') savedFiles.push({ path: f.path, content: f.content });
      else {
        const media = `media/${await sha256(f.content)}`;
        entries[media] = f.content;
        savedFiles.push({ path: f.path, bytes: media });
      }
    }
    runs.push({ ...run, files: savedFiles, items: saved });
  }
  const taken = new Set<string>();
  const projects: BackupJsonV3['projects'] = contents.projects.map((p) => {
    const folder = folderName(p.name, taken);
    return {
      name: p.name,
      main: p.main,
      files: p.files.map((f) => {
        const entry = `projects/${folder}/${f.path}`;
        if (typeof f.content !== 'string') {
          entries[entry] = f.content;
          return { path: f.path, bytes: entry };
        }
        entries[entry] = strToU8(f.content);
        return { path: f.path, content: f.content };
      }),
    };
  });
  const json: BackupJsonV3 = { type: BACKUP_TYPE, version: BACKUP_VERSION, exportedAt, projects, runs };
  entries[BACKUP_JSON] = strToU8(JSON.stringify(json));
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
  let backup: BackupJsonV3;
  if (version === 1) {
    const old = v.safeParse(BackupV1, parsed.value);
    if (!old.success) return fail(`its data does not fit a version 1 backup (${describe(old.issues[0])})`);
    backup = restoreV2(restoreV1(old.output));
  } else if (version === 2) {
    const old = v.safeParse(BackupV2, parsed.value);
    if (!old.success) return fail(`its data does not fit a version 2 backup (${describe(old.issues[0])})`);
    backup = restoreV2(old.output);
  } else if (version === 3) {
    const current = v.safeParse(BackupV3, parsed.value);
    if (!current.success) return fail(`its data does not fit a backup (${describe(current.issues[0])})`);
    backup = current.output;
  } else {
    return fail(
      typeof version === 'number' && version > BACKUP_VERSION
        ? 'it was made by a newer version of the app: update this one first'
        : 'it is not a Python Playground backup, or it is damaged',
    );
  }
  // Every reference is resolved before anything is returned: a backup is restored whole, or not at all.
  const binary = (entry: string): Uint8Array | string => {
    const bytes = read.entries.get(entry);
    if (!bytes) return `a file it refers to is missing (${entry})`;
    if (bytes.byteLength > MAX_BINARY_FILE_BYTES) {
      return `"${entry}" is larger than ${sizeText(MAX_BINARY_FILE_BYTES)}, more than a project file may be`;
    }
    return bytes;
  };
  const projects: WorkspaceContents['projects'] = [];
  const taken = new Set<string>();
  for (const p of backup.projects) {
    // The folder encodeBackup gave this project: a binary file must be its own entry there, never another
    // project's file nor the backup data.
    const folder = folderName(p.name, taken);
    const files: PathFile[] = [];
    for (const f of p.files) {
      if ('content' in f) {
        files.push(f);
        continue;
      }
      if (f.bytes !== `projects/${folder}/${f.path}`) {
        return fail(`a file of the project "${p.name}" refers to data outside it (${f.bytes})`);
      }
      const bytes = binary(f.bytes);
      if (typeof bytes === 'string') return fail(bytes);
      files.push({ path: f.path, content: bytes });
    }
    projects.push({ name: p.name, main: p.main, files });
  }
  const runs: (PastRun & { projectName: string })[] = [];
  for (const { items, files: savedFiles, ...run } of backup.runs) {
    const files: PathFile[] = [];
    for (const f of savedFiles) {
      if ('content' in f) {
        files.push(f);
        continue;
      }
      const bytes = binary(f.bytes);
      if (typeof bytes === 'string') return fail(bytes);
      files.push({ path: f.path, content: bytes });
    }
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
    runs.push({ ...run, files, items: restored });
  }
  return { ok: true, contents: { projects, runs } };
}

/** Where the data did not fit, for the message: the field's path and what was wrong. */
function describe(issue: v.BaseIssue<unknown> | undefined): string {
  if (!issue) return 'unknown problem';
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return path ? `${path}: ${issue.message}` : issue.message;
}
