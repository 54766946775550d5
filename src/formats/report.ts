/*
 * Reports: what a learner hands back to the teacher for one lesson pack (src/model/classroom.ts, `Report`).
 *
 * A report comes as one of:
 * - a `.pyreport` file: a zip archive with `report.json` at its top level (other files are ignored);
 * - a bare `report.json` (UTF-8 JSON);
 * - a `#report=` link: deflate-raw, then base64url without padding, of report.json (as `#pack=` links).
 *
 * report.json (public/report.schema.json is its JSON Schema, made from the validator below by
 * scripts/report-schema.ts):
 *
 *   {
 *     "format": "pyplayground-report",   always this
 *     "version": 1,                      the format's version; a report of a newer version asks for an app update
 *     "checksum": "sha256:…",            see below
 *     "pack": { "id": "python-basics", "revision": 3, "title": "Python basics" },
 *     "class": { "id": "7b-2025", "name": "7B" },      optional: the class the pack was handed to
 *     "learner": "Ada Lovelace",         1 to 100 characters, not only spaces
 *     "device": "3f2c…",                 1 to 100 of A-Z a-z 0-9 . _ -: made once at random on the learner's device
 *     "createdAt": 1767225600000,        a time: whole milliseconds since 1970
 *     "codeOmitted": true,               optional: the learner's files were left out (to fit a QR code)
 *     "exercises": [{                    every exercise of the pack, in the pack's order (at most 2,000)
 *       "id": "hello", "lessonId": "printing", "title": "Hello",
 *       "state": "not-started" | "tried" | "passed",
 *       "attempts": 4, "hintsShown": 1, "activeMs": 90000,       whole numbers from 0 up
 *       "solutionViewedAt", "firstPassedAt", "lastPassedAt", "firstOpenedAt", "lastOpenedAt": optional times
 *       "checks": [{ "at": time, "passed": 2, "total": 3,        each press of Check, oldest first (at most 100)
 *                    "failed": ["Greets"], "errors": ["NameError"] }],   at most 100 of each, each 1 to 200 chars
 *       "files": [{ "name": "main.py", "content": "…" }]         optional, at most 50, each at most 1,000,000 chars
 *     }]
 *   }
 *
 * The checksum is "sha256:" and the lower-case hex SHA-256 of the report's canonical JSON: everything above but
 * "checksum", keys sorted (by UTF-16 code unit) at every level, no whitespace, fields that are absent left out,
 * numbers and strings as JSON.stringify writes them. It is computed over the fields this version knows, once read.
 * It is not a signature: anyone holding the file can edit it and write a new checksum; what it catches is a file
 * damaged, or edited by hand without care. A report whose checksum is missing or differs is still read (the
 * dashboard shows it, marked); a report that breaks any rule is refused whole.
 *
 * Rules besides the shapes above: exercise ids are unique; the file names of one exercise are unique, relative
 * paths as in packs; a check's "passed" is at most its "total". Fields this version does not know are ignored and
 * dropped, except `__proto__`, `constructor` and `prototype`, which refuse the whole report. Sizes are bounded
 * (REPORT_LIMITS).
 *
 * Every failure is a sentence, "This report cannot be opened: <why>.", with <why> naming where the problem is,
 * e.g. `exercises[2].attempts: must be a whole number from 0 up`. Reading never throws.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { deflateSync, strToU8, zipSync } from 'fflate';
import * as v from 'valibot';
import {
  REPORT_FORMAT,
  REPORT_FORMAT_VERSION,
  learnerKey,
  type Report,
  type ReportCheck,
  type ReportExercise,
  type ReportExerciseState,
} from '../model/classroom.ts';
import type { LessonFile } from '../model/lesson.ts';
import { isSafePath } from '../model/paths.ts';
import { jsonPath, parseJsonCapped, shown } from './json.ts';
import { fromBase64Url, inflateCapped, toBase64Url } from './share-link.ts';
import { readZip, utf8, type ZipLimits } from './zip.ts';

/** Everything a report may be, bounded, since reports come from anywhere. */
export const REPORT_LIMITS = {
  /** The file as given (a .pyreport or a report.json), in bytes. */
  maxFileBytes: 5_000_000,
  /** A .pyreport archive, as unpacked (report.json, and room for a few files a later version may add). */
  zip: { maxEntries: 20, maxTotalBytes: 10_000_000, maxFileBytes: 5_000_000 } satisfies ZipLimits,
  /** report.json, in bytes (checked before it is decoded). */
  maxJsonBytes: 5_000_000,
  /** The JSON a `#report=` link decodes to, in bytes. */
  maxLinkJsonBytes: 1_000_000,
  /** How deeply report.json's arrays and objects may nest (a valid report needs 5). */
  maxDepth: 12,
  maxExercises: 2000,
  /** Presses of Check one exercise lists. */
  maxChecksPerExercise: 100,
  /** Titles in one check's "failed", exception types in its "errors". */
  maxFailedPerCheck: 100,
  maxFilesPerExercise: 50,
  /** One file's text. */
  maxContentChars: 1_000_000,
  /** The learner's name, the class's name. */
  maxNameChars: 100,
  /** The pack's and exercises' titles (as long as a pack allows), check titles, exception types. */
  maxTitleChars: 200,
} as const;

/** The name of the report's data in a .pyreport archive. */
export const REPORT_JSON = 'report.json';
export const REPORT_LINK_PREFIX = '#report=';

export type ReportRead =
  { ok: true; report: Report; checksum: string; tampered: boolean } | { ok: false; error: string };

const L = REPORT_LIMITS;
const STATES = ['not-started', 'tried', 'passed'] as const satisfies readonly ReportExerciseState[];
const ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
/** The largest `#report=` fragment worth decoding: base64 of the largest JSON (compressed data is smaller). */
const MAX_LINK_CHARS = Math.ceil((L.maxLinkJsonBytes * 4) / 3) + 16;
/** Archive entries get this date, so the same report always makes the same bytes. */
const ENTRY_DATE = new Date(2000, 0, 1);
/** The latest time a JavaScript Date can hold. */
const MAX_TIME = 8.64e15;
const OPENING = 'This report cannot be opened';
const LINK_OPENING = 'This report link cannot be opened';

// --- the schema of report.json ----------------------------------------------------
// Each message is what follows the field's path ("exercises[2].attempts: must be …"); `describe` adds the path.

const count = (n: number) => n.toLocaleString('en-US');
const megabytes = (bytes: number) => `${count(bytes / 1_000_000)} MB`;

const MUST_BE_TEXT = 'must be text';
const MUST_BE_OBJECT = 'must be an object';
const MUST_BE_LIST = 'must be a list';
const NOT_EMPTY = 'must not be empty';
const WHOLE = 'must be a whole number from 0 up';
const TIME = 'must be a time (whole milliseconds since 1970)';

const withDescription = <S extends v.GenericSchema>(schema: S, description: string) =>
  v.pipe(schema, v.description(description));
const text = (min: 0 | 1, max: number) =>
  min === 0
    ? v.pipe(v.string(MUST_BE_TEXT), v.maxLength(max, `must be at most ${count(max)} characters long`))
    : v.pipe(
        v.string(MUST_BE_TEXT),
        v.minLength(1, NOT_EMPTY),
        v.maxLength(max, `must be at most ${count(max)} characters long`),
      );
const list = <S extends v.GenericSchema>(item: S, max: number, what: string) =>
  v.pipe(v.array(item, MUST_BE_LIST), v.maxLength(max, `must list at most ${count(max)} ${what}`));

const Id = v.pipe(
  v.string(MUST_BE_TEXT),
  v.regex(ID_PATTERN, 'must be 1 to 100 characters, each a letter, a digit, ".", "_" or "-"'),
);
const Title = text(1, L.maxTitleChars);
const Name = text(1, L.maxNameChars);
const Whole = v.pipe(v.number(WHOLE), v.integer(WHOLE), v.minValue(0, WHOLE));
const Time = withDescription(
  v.pipe(v.number(TIME), v.integer(TIME), v.minValue(0, TIME), v.maxValue(MAX_TIME, TIME)),
  'Milliseconds since 1970 (UTC)',
);
const FileName = v.pipe(
  v.string(MUST_BE_TEXT),
  v.minLength(1, NOT_EMPTY),
  v.maxLength(255, 'must be at most 255 characters long'),
  v.check(
    isSafePath,
    (issue) =>
      `(${shown(issue.input)}) is not a safe file name: it must be a relative path such as main.py or ` +
      'data/words.txt, with no empty, "." or ".." parts',
  ),
);

const FileSchema = v.object({ name: FileName, content: text(0, L.maxContentChars) }, MUST_BE_OBJECT);
const CheckSchema = withDescription(
  v.object(
    {
      at: Time,
      passed: withDescription(Whole, 'Checks passed'),
      total: withDescription(Whole, 'Checks run'),
      failed: withDescription(list(Title, L.maxFailedPerCheck, 'titles'), 'Titles of the checks that failed'),
      errors: withDescription(
        list(Title, L.maxFailedPerCheck, 'errors'),
        "Exception types the learner's code raised, e.g. NameError",
      ),
    },
    MUST_BE_OBJECT,
  ),
  'One press of Check',
);
const ExerciseSchema = v.object(
  {
    id: Id,
    lessonId: Id,
    title: withDescription(Title, "The exercise's title in the learner's pack"),
    state: v.picklist(STATES, 'must be "not-started", "tried" or "passed"'),
    attempts: withDescription(Whole, 'Presses of Check'),
    hintsShown: Whole,
    solutionViewedAt: v.optional(Time),
    firstPassedAt: v.optional(Time),
    lastPassedAt: v.optional(Time),
    firstOpenedAt: v.optional(Time),
    lastOpenedAt: v.optional(Time),
    activeMs: withDescription(Whole, 'Milliseconds of active work on it'),
    checks: withDescription(
      list(CheckSchema, L.maxChecksPerExercise, 'checks'),
      'Each press of Check, oldest first (the last 100)',
    ),
    files: v.optional(
      withDescription(list(FileSchema, L.maxFilesPerExercise, 'files'), "The learner's files when the report was made"),
    ),
  },
  MUST_BE_OBJECT,
);

/** report.json, version 1 (the current one). */
const ReportJsonV1 = v.object(
  {
    format: v.literal(REPORT_FORMAT),
    version: v.literal(1),
    checksum: v.optional(
      withDescription(
        text(0, 100),
        '"sha256:" and the hex SHA-256 of the canonical JSON of the rest (see the README); a report whose ' +
          'checksum is missing or differs is shown marked as edited',
      ),
    ),
    pack: v.object(
      {
        id: Id,
        revision: v.pipe(
          v.number('must be a whole number from 1 up'),
          v.integer('must be a whole number from 1 up'),
          v.minValue(1, 'must be a whole number from 1 up'),
        ),
        title: Title,
      },
      MUST_BE_OBJECT,
    ),
    class: v.optional(v.object({ id: Id, name: Name }, MUST_BE_OBJECT)),
    learner: withDescription(
      v.pipe(
        Name,
        v.check((name) => learnerKey(name) !== '', 'must not be only spaces'),
      ),
      'The name the learner chose',
    ),
    device: withDescription(Id, "A random id made once on the learner's device"),
    createdAt: Time,
    exercises: withDescription(
      list(ExerciseSchema, L.maxExercises, 'exercises'),
      "Every exercise of the pack, in the pack's order",
    ),
    codeOmitted: v.optional(v.boolean('must be true or false')),
  },
  MUST_BE_OBJECT,
);
/** report.json in the current version's shape, whatever version it was written in. */
type ReportJson = v.InferOutput<typeof ReportJsonV1>;

// --- messages -----------------------------------------------------------------------

/** Where the data did not fit and why, from valibot's issue. */
function describe(issue: v.BaseIssue<unknown>): string {
  const path = issue.path ?? [];
  const last = path.at(-1);
  if (last?.type === 'object' && last.origin === 'key') {
    const where = jsonPath(path.slice(0, -1));
    if (Array.isArray(last.input)) return `${where || 'its data'}: must be an object, not a list`;
    return where ? `${where}: "${String(last.key)}" is missing` : `"${String(last.key)}" is missing`;
  }
  return `${jsonPath(path) || 'its data'}: ${issue.message}`;
}

// --- reading ------------------------------------------------------------------------

type Checked<T> = { ok: true; value: T } | { ok: false; why: string };
/** A report as read, and the checksum its file gave (if any). */
type Validated = { report: Report; written: string | undefined };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseText(json: string, maxChars: number): Checked<unknown> {
  const parsed = parseJsonCapped(json, maxChars, L.maxDepth);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, why: parsed.problem };
}

/**
 * report.json of any version this app knows, in the current version's shape. Only version 1 exists; when a
 * version 2 comes, version 1 keeps its schema here and gains a step that upgrades what it read
 * (`case 1: … return { ok: true, value: upgradeV1(parsed.output) }`), so old reports keep opening.
 */
function restore(value: Record<string, unknown>): Checked<ReportJson> {
  const version = value.version;
  if (version === undefined) return { ok: false, why: '"version" is missing' };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, why: 'version: must be a whole number from 1 up' };
  }
  if (version > REPORT_FORMAT_VERSION) {
    return {
      ok: false,
      why: `this report was made by a newer version of the app (format version ${version}); update the app to open it`,
    };
  }
  switch (version) {
    case 1: {
      const parsed = v.safeParse(ReportJsonV1, value);
      return parsed.success ? { ok: true, value: parsed.output } : { ok: false, why: describe(parsed.issues[0]) };
    }
    default:
      return { ok: false, why: `"version" ${version} is not a version of the format` };
  }
}

function buildFiles(json: { name: string; content: string }[], where: string): Checked<LessonFile[]> {
  const seen = new Set<string>();
  const files: LessonFile[] = [];
  for (const [i, file] of json.entries()) {
    if (seen.has(file.name)) {
      return { ok: false, why: `${where}[${i}]: "name" (${shown(file.name)}) is the name of an earlier file too` };
    }
    seen.add(file.name);
    files.push({ name: file.name, content: file.content });
  }
  return { ok: true, value: files };
}

const TIMES = ['solutionViewedAt', 'firstPassedAt', 'lastPassedAt', 'firstOpenedAt', 'lastOpenedAt'] as const;

/** The rules that span fields, and a fresh Report of the known fields only (no undefined ones). */
function build(json: ReportJson): Checked<Validated> {
  const ids = new Map<string, number>();
  const exercises: ReportExercise[] = [];
  for (const [ei, e] of json.exercises.entries()) {
    const where = `exercises[${ei}]`;
    const earlier = ids.get(e.id);
    if (earlier !== undefined) {
      return { ok: false, why: `${where}: "id" (${shown(e.id)}) is also the id of exercises[${earlier}]` };
    }
    ids.set(e.id, ei);
    const checks: ReportCheck[] = [];
    for (const [ci, c] of e.checks.entries()) {
      if (c.passed > c.total) {
        return {
          ok: false,
          why: `${where}.checks[${ci}]: "passed" (${c.passed}) is more than "total" (${c.total})`,
        };
      }
      checks.push({ at: c.at, passed: c.passed, total: c.total, failed: [...c.failed], errors: [...c.errors] });
    }
    const exercise: ReportExercise = {
      id: e.id,
      lessonId: e.lessonId,
      title: e.title,
      state: e.state,
      attempts: e.attempts,
      hintsShown: e.hintsShown,
      activeMs: e.activeMs,
      checks,
    };
    for (const key of TIMES) {
      const at = e[key];
      if (at !== undefined) exercise[key] = at;
    }
    if (e.files) {
      const files = buildFiles(e.files, `${where}.files`);
      if (!files.ok) return files;
      exercise.files = files.value;
    }
    exercises.push(exercise);
  }
  const report: Report = {
    format: REPORT_FORMAT,
    version: REPORT_FORMAT_VERSION,
    pack: { id: json.pack.id, revision: json.pack.revision, title: json.pack.title },
    learner: json.learner,
    device: json.device,
    createdAt: json.createdAt,
    exercises,
  };
  if (json.class) report.class = { id: json.class.id, name: json.class.name };
  if (json.codeOmitted !== undefined) report.codeOmitted = json.codeOmitted;
  return { ok: true, value: { report, written: json.checksum } };
}

function validate(value: unknown): Checked<Validated> {
  if (!isRecord(value)) return { ok: false, why: 'it does not hold a report (its data must be a JSON object)' };
  if (value.format !== REPORT_FORMAT) {
    if (value.format === 'pyplayground-pack') {
      return { ok: false, why: 'it is a lesson pack, not a report (open it in Lessons)' };
    }
    return {
      ok: false,
      why:
        value.format === undefined
          ? `it is not a report (it has no "format": "${REPORT_FORMAT}")`
          : `it is not a report ("format" is not "${REPORT_FORMAT}")`,
    };
  }
  const restored = restore(value);
  return restored.ok ? build(restored.value) : restored;
}

/** Runs `read`, turning anything it throws (which it should never do) into a refusal. */
function guarded<T>(read: () => Checked<T>): Checked<T> {
  try {
    return read();
  } catch {
    return { ok: false, why: 'something unexpected went wrong while reading it' };
  }
}

async function result(checked: Checked<Validated>, opening: string): Promise<ReportRead> {
  if (!checked.ok) return { ok: false, error: `${opening}: ${checked.why}.` };
  const { report, written } = checked.value;
  const checksum = await reportChecksum(report);
  return { ok: true, report, checksum, tampered: written !== checksum };
}

const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));

function readArchive(bytes: Uint8Array): Checked<Validated> {
  const read = readZip(bytes, L.zip);
  if (!read.ok) return { ok: false, why: read.problem };
  const raw = read.entries.get(REPORT_JSON);
  if (!raw) {
    const nested = [...read.entries.keys()].find((name) => name.endsWith(`/${REPORT_JSON}`));
    return {
      ok: false,
      why: nested
        ? `its report.json must be at the top of the archive, not in a folder (${shown(nested)})`
        : 'it has no report.json',
    };
  }
  if (raw.length > L.maxJsonBytes)
    return { ok: false, why: `its report.json is larger than ${megabytes(L.maxJsonBytes)}` };
  const json = utf8(raw);
  if (json === undefined) return { ok: false, why: 'its report.json is not UTF-8 text' };
  const parsed = parseText(json, L.maxJsonBytes);
  return parsed.ok ? validate(parsed.value) : parsed;
}

/** Reads a report from a file's bytes: a .pyreport zip (starts with "PK\x03\x04") or report.json text. */
export async function readReport(bytes: Uint8Array): Promise<ReportRead> {
  const checked = guarded((): Checked<Validated> => {
    if (bytes.length > L.maxFileBytes) return { ok: false, why: `it is larger than ${megabytes(L.maxFileBytes)}` };
    if (isZip(bytes)) return readArchive(bytes);
    const json = utf8(bytes);
    if (json === undefined || !/^\s*\{/.test(json)) {
      return { ok: false, why: 'it is neither a .pyreport file nor a report.json' };
    }
    const parsed = parseText(json, L.maxJsonBytes);
    return parsed.ok ? validate(parsed.value) : parsed;
  });
  return result(checked, OPENING);
}

/** Validates parsed JSON (report.json, or a record class sync replicated) into a Report. */
export async function reportFromJson(value: unknown): Promise<ReportRead> {
  return result(
    guarded(() => validate(value)),
    OPENING,
  );
}

// --- the checksum -------------------------------------------------------------------

/** A copy with every object's keys in sorted order (JSON.stringify keeps an object's order). */
function sortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortedKeys);
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) out[key] = sortedKeys(record[key]);
  return out;
}

/**
 * JSON with keys sorted at every level and no whitespace: the same data always gives the same text. A sorted copy
 * written by the native JSON.stringify is twice as fast as building the text in JavaScript.
 */
function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedKeys(value)) ?? 'null';
}

/** "sha256:" + hex SHA-256 of the report's canonical JSON (without any "checksum" field it carries). */
export async function reportChecksum(report: Report): Promise<string> {
  const { checksum: _own, ...content } = report as Report & { checksum?: unknown };
  const digest = await crypto.subtle.digest('SHA-256', strToU8(canonicalJson(content)));
  return 'sha256:' + Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

// --- writing ------------------------------------------------------------------------

/**
 * report.json's text for a report, checked against the format first: what the app writes, it can read back.
 * Throws when the report breaks a rule (a file too long, a name too long…): the message says which.
 */
async function reportJsonText(report: Report): Promise<string> {
  const checked = guarded(() => validate(report));
  if (!checked.ok) throw new Error(`This report cannot be written: ${checked.why}.`);
  const known = checked.value.report;
  return JSON.stringify({ ...known, checksum: await reportChecksum(known) });
}

/** A .pyreport zip holding report.json (with its checksum); the same report always makes the same bytes. */
export async function encodeReport(report: Report): Promise<Uint8Array> {
  const json = strToU8(await reportJsonText(report));
  return zipSync({ [REPORT_JSON]: json }, { level: 9, mtime: ENTRY_DATE });
}

/** `#report=` and deflate-raw + base64url of report.json (with its checksum), as pack and share links. */
export async function encodeReportLink(report: Report): Promise<string> {
  const json = strToU8(await reportJsonText(report));
  return REPORT_LINK_PREFIX + toBase64Url(deflateSync(json, { level: 9 }));
}

/** The encoded part of a location hash, or undefined when it is not a report link. */
export function reportFragment(hash: string): string | undefined {
  return hash.startsWith(REPORT_LINK_PREFIX) ? hash.slice(REPORT_LINK_PREFIX.length) : undefined;
}

/** Decodes a fragment value (with or without `#report=` before it); errors read "This report link cannot be opened: …". */
export async function decodeReportLink(encoded: string): Promise<ReportRead> {
  const checked = guarded((): Checked<Validated> => {
    const value = reportFragment(encoded) ?? encoded;
    const damaged = { ok: false, why: 'it is damaged or incomplete (was it cut off?)' } as const;
    if (value.length === 0) return { ok: false, why: 'it is empty' };
    if (value.length > MAX_LINK_CHARS) return { ok: false, why: 'it is too long' };
    const compressed = fromBase64Url(value);
    if (!compressed)
      return { ok: false, why: 'it contains characters a report link never has (was it cut or changed?)' };
    const inflated = inflateCapped(compressed, L.maxLinkJsonBytes);
    if (inflated === 'too-big') return { ok: false, why: `its report is larger than ${megabytes(L.maxLinkJsonBytes)}` };
    if (inflated === 'corrupt' || inflated.length === 0) return damaged;
    const json = utf8(inflated);
    if (json === undefined) return damaged;
    const parsed = parseText(json, L.maxLinkJsonBytes);
    return parsed.ok ? validate(parsed.value) : parsed;
  });
  return result(checked, LINK_OPENING);
}

// --- file names ---------------------------------------------------------------------

const MAX_FILE_NAME_CHARS = 120;
/** Some file systems count bytes (255 at most); this leaves room for a browser's " (1)". */
const MAX_FILE_NAME_BYTES = 240;
const EXTENSION = '.pyreport';

/** Text made safe for a file name on Windows, macOS, Linux, Android and iOS: no separators, controls or reserved marks. */
function fileNamePart(text: string): string {
  return (
    text
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      // Windows drops trailing dots and spaces; a leading dot hides the file on macOS and Linux.
      .replace(/^[.\s]+|[.\s]+$/g, '')
  );
}

/** The longest start of `text` (whole characters) that fits both limits. */
function clip(text: string, maxChars: number, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = strToU8(char).length;
    if (out.length + char.length > maxChars || bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}

/** `Ada Lovelace - Python basics.pyreport`, safe on every system, at most 120 characters. */
export function reportFileName(report: Report): string {
  const room = MAX_FILE_NAME_CHARS - EXTENSION.length;
  const roomBytes = MAX_FILE_NAME_BYTES - EXTENSION.length;
  // The learner's name comes first and is kept whole when it can be: it is what tells a class's files apart.
  const learner = fileNamePart(clip(fileNamePart(report.learner), 60, 150)) || 'report';
  const title = fileNamePart(report.pack.title);
  const stem = title ? `${learner} - ${title}` : learner;
  const clipped = clip(stem, room, roomBytes).replace(/[\s.-]+$/, '') || 'report';
  // Windows keeps these names for devices, whatever follows the dot.
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(clipped);
  return `${clipped}${reserved ? ' report' : ''}${EXTENSION}`;
}

// --- the JSON Schema ----------------------------------------------------------------

/** The JSON Schema (draft-07) of report.json; scripts/report-schema.ts writes it to public/report.schema.json. */
export function reportJsonSchema(): object {
  const { $schema, ...schema } = toJsonSchema(ReportJsonV1, {
    target: 'draft-07',
    errorMode: 'throw',
    // Rules written as code (safe paths, names not only spaces) have no JSON Schema form; the app still applies them.
    ignoreActions: ['check'],
    definitions: { exercise: ExerciseSchema, check: CheckSchema, file: FileSchema },
  });
  return {
    $schema,
    $id: 'report.schema.json',
    title: 'Python Playground report',
    description:
      "report.json of a learner's report (a .pyreport file, a bare report.json or a #report= link). Fields it " +
      'does not list are ignored. The app also checks what a schema cannot say: exercise ids unique, file names ' +
      'unique and relative without ".." parts, "passed" at most "total", the learner\'s name not only spaces.',
    ...schema,
  };
}
