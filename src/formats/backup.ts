// Backups: everything on the device in one .zip. Inside:
// - `python-playground-backup.json`: `{type: "python-playground-backup", version: 4, exportedAt, projects, runs,
//   packs, progress, classes, reports, packRevisions, drafts}`;
// - `media/<hash>`: the pictures runs showed, and the binary files of runs, referred to from the runs;
// - `projects/<folder>/…`: every project's files, readable with any tool. A text file is also in the JSON
//   (`{path, content}`); a binary one only here, and the JSON refers to it (`{path, bytes: "projects/<folder>/<path>"}`).
// - version 4 added the lessons and the classroom: a project made from an exercise names it (`exercise`); `packs`
//   are the lesson packs on the device but the built-in one (`{source, importedAt, updatedAt, pack}`, the pack as a
//   pack.json), `progress` the learner's progress per exercise, `classes` the teacher's classes, `reports` the
//   reports the dashboard received (`{report, tampered, receivedAt, via}`, the report as a report.json with its
//   checksum), `packRevisions` the revisions of packs handed out or received (pack.json), `drafts` the packs being
//   written in Teach mode (`{id, pack, updatedAt, exportedRevision?}`; a draft may be unfinished, so only its shape
//   and sizes are checked). Packs and reports are checked exactly as a .pypack or a .pyreport file is.
// Older versions are still read, and upgraded on the way in: version 1 (before pictures: a run's output was
// `parts` of text, and the JSON had no `type`), version 2 (text files only) and version 3 (no lessons: empty lists).
import { strToU8, zipSync } from 'fflate';
import * as v from 'valibot';
import { MAX_BINARY_FILE_BYTES, sizeText } from '../model/files.ts';
import type { PackDraft, ReceivedReport, TeacherClass } from '../model/classroom.ts';
import type { BackedUpPack, PastRun, PathFile, WorkspaceContents } from '../model/history.ts';
import type { Pack } from '../model/lesson.ts';
import { DISPLAY_MIMES, MAX_EXPLANATION_CHARS, OUTPUT_STREAMS, type ShownItem } from '../model/output.ts';
import { isSafePath } from '../model/paths.ts';
import { RUN_STATUSES } from '../model/run.ts';
import { parseJson } from './json.ts';
import { PACK_LIMITS, packFromJson } from './pack.ts';
import { REPORT_LIMITS, reportChecksum, reportFromJson } from './report.ts';
import { readZip, utf8, type ZipLimits } from './zip.ts';

export const BACKUP_TYPE = 'python-playground-backup';
export const BACKUP_VERSION = 4;
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

// --- version 4: lessons and the classroom -------------------------------------------
// Packs and reports are `unknown` here: pack.ts and report.ts check them, as they check any file.

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]{1,100}$/));
const Whole = v.pipe(v.number(), v.integer(), v.minValue(0));
const Time = v.pipe(v.number(), v.finite(), v.minValue(0));
const Short = (max: number) => v.pipe(v.string(), v.maxLength(max));
const ListOf = <S extends v.GenericSchema>(item: S, max: number) => v.pipe(v.array(item), v.maxLength(max));

const ProjectV4 = v.object({
  ...ProjectV3.entries,
  exercise: v.optional(v.object({ packId: Id, exerciseId: Id })),
});
const CheckResult = v.object({
  at: Time,
  passed: Whole,
  total: Whole,
  failed: ListOf(Short(REPORT_LIMITS.maxTitleChars), REPORT_LIMITS.maxFailedPerCheck),
  errors: ListOf(Short(REPORT_LIMITS.maxTitleChars), REPORT_LIMITS.maxFailedPerCheck),
});
const Progress = v.object({
  packId: Id,
  exerciseId: Id,
  lessonId: Id,
  attempts: Whole,
  checks: ListOf(CheckResult, REPORT_LIMITS.maxChecksPerExercise),
  hintsShown: Whole,
  solutionViewedAt: v.optional(Time),
  firstPassedAt: v.optional(Time),
  lastPassedAt: v.optional(Time),
  activeMs: v.pipe(v.number(), v.finite(), v.minValue(0)),
  firstOpenedAt: Time,
  lastOpenedAt: Time,
});
const ClassName = v.pipe(v.string(), v.minLength(1), v.maxLength(REPORT_LIMITS.maxNameChars));
const TeacherClassSchema = v.object({
  id: Id,
  name: ClassName,
  learners: v.optional(ListOf(ClassName, 200)),
  pickName: v.optional(v.boolean()),
  /** Empty for a class met only in a report. */
  secret: v.union([v.literal(''), v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/))]),
  createdAt: Time,
  updatedAt: Time,
});
const PackEntry = v.object({
  source: v.picklist(['file', 'link']),
  importedAt: Time,
  updatedAt: Time,
  pack: v.unknown(),
});
const ReportEntry = v.object({
  report: v.unknown(),
  tampered: v.boolean(),
  receivedAt: Time,
  via: v.picklist(['file', 'link', 'qr', 'sync']),
});

// A draft is a pack being written: any field may still be empty or missing a partner (a `main` not among the
// files, an exercise with no check), so only the shape and the sizes are checked; exporting it checks the rest.
const P = PACK_LIMITS;
const DraftText = Short(P.maxContentChars);
const DraftFile = v.object({ name: Short(255), content: DraftText });
const DraftFiles = ListOf(DraftFile, P.maxFilesPerExercise);
const Answers = v.optional(ListOf(DraftText, P.maxStdinAnswers));
const Words = v.optional(ListOf(Short(P.maxTitleChars), P.maxCodeRules));
const checkBase = {
  title: v.optional(Short(P.maxTitleChars)),
  message: v.optional(Short(P.maxMarkdownChars)),
  timeout: v.optional(v.pipe(v.number(), v.finite())),
};
const Coordinate = v.pipe(v.number(), v.finite());
const DraftCheck = v.variant('kind', [
  v.object({
    ...checkBase,
    kind: v.literal('output'),
    stdin: Answers,
    expect: DraftText,
    match: v.optional(v.picklist(['exact', 'normalised', 'ignore-case', 'regex'])),
    prompts: v.optional(v.boolean()),
  }),
  v.object({
    ...checkBase,
    kind: v.literal('call'),
    function: Short(P.maxTitleChars),
    args: v.optional(DraftText),
    expect: DraftText,
    stdin: Answers,
    tolerance: v.optional(Coordinate),
  }),
  v.object({ ...checkBase, kind: v.literal('tests'), file: Short(255), content: DraftText }),
  v.object({
    ...checkBase,
    kind: v.literal('code'),
    requires: Words,
    forbids: Words,
    defines: v.optional(ListOf(v.object({ name: Short(P.maxTitleChars), params: Words }), P.maxCodeRules)),
  }),
  v.object({
    ...checkBase,
    kind: v.literal('turtle'),
    stdin: Answers,
    segments: v.optional(ListOf(v.tuple([Coordinate, Coordinate, Coordinate, Coordinate]), 10_000)),
    fills: v.optional(
      ListOf(
        v.object({
          points: ListOf(v.tuple([Coordinate, Coordinate]), 10_000),
          color: v.optional(Short(P.maxTitleChars)),
        }),
        1000,
      ),
    ),
    tolerance: v.optional(Coordinate),
    exact: v.optional(v.boolean()),
  }),
]);
const DraftExercise = v.object({
  id: Short(P.maxTitleChars),
  title: Short(P.maxTitleChars),
  instructions: Short(P.maxMarkdownChars),
  files: DraftFiles,
  main: Short(255),
  hints: ListOf(Short(P.maxMarkdownChars), P.maxHints),
  solution: v.optional(DraftFiles),
  solutionAfter: v.optional(v.union([Whole, v.literal('never')])),
  checks: ListOf(DraftCheck, P.maxChecksPerExercise),
});
const DraftPack = v.pipe(
  v.object({
    format: v.literal('pyplayground-pack'),
    version: v.literal(1),
    id: Short(P.maxTitleChars),
    title: Short(P.maxTitleChars),
    author: Short(P.maxTitleChars),
    language: Short(P.maxTitleChars),
    revision: v.optional(v.pipe(Whole, v.minValue(1))),
    description: v.optional(Short(P.maxMarkdownChars)),
    lessons: ListOf(
      v.object({
        id: Short(P.maxTitleChars),
        title: Short(P.maxTitleChars),
        page: v.optional(Short(P.maxMarkdownChars)),
        exercises: ListOf(DraftExercise, P.maxExercises),
      }),
      P.maxLessons,
    ),
    class: v.optional(
      v.object({
        id: Short(P.maxTitleChars),
        name: Short(P.maxTitleChars),
        learners: v.optional(ListOf(Short(P.maxTitleChars), 200)),
        pickName: v.optional(v.boolean()),
        secret: Short(P.maxTitleChars),
      }),
    ),
  }),
  v.check(
    (pack) => pack.lessons.reduce((sum, l) => sum + l.exercises.length, 0) <= P.maxExercises,
    `a draft may have at most ${P.maxExercises} exercises`,
  ),
);
const Draft = v.object({
  id: Short(P.maxTitleChars),
  pack: DraftPack,
  updatedAt: Time,
  exportedRevision: v.optional(v.pipe(Whole, v.minValue(1))),
  foreign: v.optional(v.boolean()),
});

const BackupV4 = v.object({
  type: v.literal(BACKUP_TYPE),
  version: v.literal(4),
  exportedAt: v.number(),
  projects: v.array(ProjectV4),
  runs: BackupV3.entries.runs,
  packs: v.array(PackEntry),
  progress: v.array(Progress),
  classes: v.array(TeacherClassSchema),
  reports: v.array(ReportEntry),
  packRevisions: v.array(v.unknown()),
  drafts: v.array(Draft),
});
type BackupJsonV4 = v.InferOutput<typeof BackupV4>;

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

/** Version 3 → 4: no lessons, no classroom. */
function restoreV3(old: BackupJsonV3): BackupJsonV4 {
  return { ...old, version: 4, packs: [], progress: [], classes: [], reports: [], packRevisions: [], drafts: [] };
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
  const runs: BackupJsonV4['runs'] = [];
  for (const { items, files, ...run } of contents.runs) {
    const saved: BackupJsonV4['runs'][number]['items'] = [];
    for (const item of items) {
      if (item.kind === 'text') saved.push({ kind: 'text', stream: item.stream, text: item.text });
      else if (item.kind === 'explanation') saved.push({ ...item });
      else {
        const media = `media/${await sha256(item.data)}`;
        entries[media] = item.data;
        saved.push({ kind: 'display', mime: item.mime, alt: item.alt, media });
      }
    }
    const savedFiles: BackupJsonV4['runs'][number]['files'] = [];
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
  const projects: BackupJsonV4['projects'] = contents.projects.map((p) => {
    const folder = folderName(p.name, taken);
    return {
      name: p.name,
      main: p.main,
      ...(p.exercise && { exercise: { packId: p.exercise.packId, exerciseId: p.exercise.exerciseId } }),
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
  const reports: BackupJsonV4['reports'] = [];
  for (const r of contents.reports) {
    // Written as a report.json with a checksum of its own, so a backup edited by hand reads as tampered; the
    // mark a report had when it was received is kept beside it.
    reports.push({
      report: { ...r.report, checksum: await reportChecksum(r.report) },
      tampered: r.tampered,
      receivedAt: r.receivedAt,
      via: r.via,
    });
  }
  const json: BackupJsonV4 = {
    type: BACKUP_TYPE,
    version: BACKUP_VERSION,
    exportedAt,
    projects,
    runs,
    packs: contents.packs.map((p) => ({
      source: p.source,
      importedAt: p.importedAt,
      updatedAt: p.updatedAt,
      pack: p.pack,
    })),
    progress: contents.progress,
    classes: contents.classes,
    reports,
    packRevisions: contents.packRevisions,
    drafts: contents.drafts,
  };
  entries[BACKUP_JSON] = strToU8(JSON.stringify(json));
  return zipSync(entries, { level: 6 });
}

export type DecodeBackupResult = { ok: true; contents: WorkspaceContents } | { ok: false; error: string };

/** Reads a backup made by encodeBackup (this version or an older one); never throws. */
export async function decodeBackup(data: Uint8Array): Promise<DecodeBackupResult> {
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
  let backup: BackupJsonV4;
  if (version === 1) {
    const old = v.safeParse(BackupV1, parsed.value);
    if (!old.success) return fail(`its data does not fit a version 1 backup (${describe(old.issues[0])})`);
    backup = restoreV3(restoreV2(restoreV1(old.output)));
  } else if (version === 2) {
    const old = v.safeParse(BackupV2, parsed.value);
    if (!old.success) return fail(`its data does not fit a version 2 backup (${describe(old.issues[0])})`);
    backup = restoreV3(restoreV2(old.output));
  } else if (version === 3) {
    const old = v.safeParse(BackupV3, parsed.value);
    if (!old.success) return fail(`its data does not fit a version 3 backup (${describe(old.issues[0])})`);
    backup = restoreV3(old.output);
  } else if (version === 4) {
    const current = v.safeParse(BackupV4, parsed.value);
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
    projects.push(
      p.exercise ? { name: p.name, main: p.main, files, exercise: p.exercise } : { name: p.name, main: p.main, files },
    );
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
  const packs: BackedUpPack[] = [];
  for (const [i, entry] of backup.packs.entries()) {
    const read = packFromJson(entry.pack);
    if (!read.ok) return fail(`its lesson pack packs.${i} cannot be used (${reason(read.error)})`);
    packs.push({ pack: read.pack, source: entry.source, importedAt: entry.importedAt, updatedAt: entry.updatedAt });
  }
  const packRevisions: Pack[] = [];
  for (const [i, raw] of backup.packRevisions.entries()) {
    const read = packFromJson(raw);
    if (!read.ok) return fail(`its lesson pack packRevisions.${i} cannot be used (${reason(read.error)})`);
    packRevisions.push(read.pack);
  }
  const reports: ReceivedReport[] = [];
  for (const [i, entry] of backup.reports.entries()) {
    const read = await reportFromJson(entry.report);
    if (!read.ok) return fail(`its report reports.${i} cannot be used (${reason(read.error)})`);
    reports.push({
      report: read.report,
      checksum: read.checksum,
      // Marked when it was received, or changed since the backup was made.
      tampered: entry.tampered || read.tampered,
      receivedAt: entry.receivedAt,
      via: entry.via,
    });
  }
  const classes: TeacherClass[] = backup.classes;
  const drafts: PackDraft[] = backup.drafts;
  return {
    ok: true,
    contents: { projects, runs, packs, progress: backup.progress, classes, reports, packRevisions, drafts },
  };
}

/** The reason in pack.ts's or report.ts's message ("This … cannot be opened: <reason>."). */
function reason(error: string): string {
  return error.replace(/^This [^:]* cannot be opened: /, '').replace(/\.$/, '');
}

/** Where the data did not fit, for the message: the field's path and what was wrong. */
function describe(issue: v.BaseIssue<unknown> | undefined): string {
  if (!issue) return 'unknown problem';
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return path ? `${path}: ${issue.message}` : issue.message;
}
