/*
 * Lesson packs: the file a teacher writes to give learners lessons and exercises.
 *
 * A pack comes as one of:
 * - a bare `pack.json` (UTF-8 JSON, described below);
 * - a `.pypack` file: a zip archive with `pack.json` at its top level, plus any files it names (a starter file
 *   given by `path`, the test file of a `tests` check);
 * - a `#pack=` link: deflate-raw, then base64url without padding, of a pack.json whose files all have `content`
 *   (the same encoding as `#share=` links).
 *
 * pack.json (public/pack.schema.json is its JSON Schema, made from the validator below by scripts/pack-schema.ts):
 *
 *   {
 *     "format": "pyplayground-pack",   always this
 *     "version": 1,                    the format's version; a pack of a newer version asks for an app update
 *     "id": "python-basics",           stable across editions: learners' progress is kept by pack id + exercise id
 *     "title": "Python basics",
 *     "author": "Ada Lovelace",
 *     "language": "en",                BCP 47 tag of the pack's text
 *     "revision": 1,                   optional, a whole number from 1 (default 1): the pack's own edition
 *     "description": "...",            optional, Markdown
 *     "class": {                       optional: the class a teacher hands the pack to
 *       "id": "7b-2025",               an id (as below), the same in all packs for the class
 *       "name": "7B",                  1 to 100 characters
 *       "learners": ["Ada", ...],      optional, at most 200 names of 1 to 100 characters, no two the same once
 *                                      case and spaces are ignored
 *       "pickName": true,              optional (default false): learners pick their name from "learners", which
 *                                      must then list at least one
 *       "secret": "..."                16 to 64 of A-Z a-z 0-9 _ -: what completion codes are made with
 *     },
 *     "lessons": [{
 *       "id": "loops", "title": "Loops",
 *       "page": "...",                 optional, Markdown read before the exercises
 *       "exercises": [{
 *         "id": "count-to-ten", "title": "Count to ten",
 *         "instructions": "...",       Markdown
 *         "files": [{ "name": "main.py", "content": "# your code\n" },    the starter files: text given inline,
 *                   { "name": "data/words.txt", "path": "words.txt" }],  or taken from a file of the .pypack
 *         "main": "main.py",           one of "files", ending in .py: what Run and the checks start
 *         "hints": ["..."],            optional, Markdown, shown one at a time (default none)
 *         "solution": [files],         optional, as "files"
 *         "solutionAfter": 3,          optional: presses of Check before the solution may be shown, or "never"
 *         "checks": [check, ...]       at least one
 *       }]
 *     }]
 *   }
 *
 * Checks (src/model/lesson.ts says what each field does). Every check may also have "title" (text), "message"
 * (text shown when it fails) and "timeout" (seconds, more than 0 and at most 30).
 *   {"kind": "output", "stdin"?: [answers], "expect": "...", "match"?: "exact" | "normalised" | "ignore-case" |
 *    "regex", "prompts"?: true | false}
 *   {"kind": "call", "function": "add", "args"?: "2, 3", "expect": "5", "stdin"?: [answers], "tolerance"?: 0.001}
 *   {"kind": "tests", "file": "add_test.py", "content"?: "..."}: without "content", the .pypack's file named by
 *    "file" holds the test code (so a bare pack.json or a link must give "content"). "file" ends in .py and is not
 *    the name of a starter file.
 *   {"kind": "code", "requires"?: ["for", ...], "forbids"?: ["sum", ...], "defines"?: [{"name": "add",
 *    "params"?: ["a", "b"]}]}: at least one of the three.
 *
 * Rules:
 * - Lesson ids are unique in the pack, and so are exercise ids (across all its lessons). An id is 1 to 100 of
 *   A-Z a-z 0-9 . _ -.
 * - A file name (and a "path") is a relative path with `/` between folders, and no empty, `.` or `..` part. The
 *   names of one list ("files", "solution") are all different. Files are UTF-8 text.
 * - "function" and the names in "defines" are Python names (not keywords).
 * - Fields this version does not know are ignored and dropped, so a newer app's additions do not stop an older
 *   one; except `__proto__`, `constructor` and `prototype`, which refuse the whole pack.
 * - Sizes are bounded (PACK_LIMITS below): the file, the archive, pack.json, how deeply its data nests, how many
 *   lessons, exercises, checks, files and hints, and how long each text is.
 *
 * Every failure is a sentence for the learner or teacher, "This lesson pack cannot be opened: <why>.", with <why>
 * naming where the problem is, e.g. `lessons[2].exercises[0].checks[1]: "expect" must be text`. Reading never
 * throws, and what it returns is a fresh plain object built from the known fields only.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { deflateSync, strToU8, zipSync } from 'fflate';
import * as v from 'valibot';
import {
  PACK_FORMAT,
  PACK_FORMAT_VERSION,
  type Check,
  type CheckKind,
  type Exercise,
  type Lesson,
  type LessonFile,
  type OutputMatch,
  type Pack,
} from '../model/lesson.ts';
import { learnerKey, type ClassInfo } from '../model/classroom.ts';
import { isSafePath } from '../model/paths.ts';
import { jsonPath, parseJsonCapped, shown } from './json.ts';
import { fromBase64Url, inflateCapped, toBase64Url } from './share-link.ts';
import { readZip, utf8, type ZipLimits } from './zip.ts';

/** Everything a pack may be, bounded, since packs come from anywhere. */
export const PACK_LIMITS = {
  /** The file as given (a .pypack or a pack.json), in bytes. */
  maxFileBytes: 20_000_000,
  /** A .pypack archive, as unpacked. */
  zip: { maxEntries: 2000, maxTotalBytes: 50_000_000, maxFileBytes: 5_000_000 } satisfies ZipLimits,
  /** pack.json, in bytes (checked before it is decoded). */
  maxJsonBytes: 5_000_000,
  /** The JSON a `#pack=` link decodes to, in bytes. */
  maxLinkJsonBytes: 1_000_000,
  /** How deeply pack.json's arrays and objects may nest (a valid pack needs 10). */
  maxDepth: 20,
  maxLessons: 500,
  /** Exercises in the whole pack. */
  maxExercises: 2000,
  maxChecksPerExercise: 100,
  /** Files of one list of an exercise (its starter files, its solution). */
  maxFilesPerExercise: 200,
  maxHints: 50,
  /** Answers in one `stdin`. */
  maxStdinAnswers: 1000,
  /** Words in one `requires` or `forbids`, functions in `defines`, parameters of one function. */
  maxCodeRules: 100,
  /** Titles, the author, names. */
  maxTitleChars: 200,
  /** Instructions, pages, hints, descriptions, messages. */
  maxMarkdownChars: 100_000,
  /** One file's text, an expected output, one answer. */
  maxContentChars: 1_000_000,
  /** A class's name, a learner's name. */
  maxNameChars: 100,
  /** Names in a class's list. */
  maxLearners: 200,
} as const;

export type PackResult = { ok: true; pack: Pack } | { ok: false; error: string };

/** The name of the pack's data in a .pypack archive. */
export const PACK_JSON = 'pack.json';
export const PACK_LINK_PREFIX = '#pack=';

const L = PACK_LIMITS;
const CHECK_KINDS = ['output', 'call', 'tests', 'code', 'turtle'] as const satisfies readonly CheckKind[];
const OUTPUT_MATCHES = ['exact', 'normalised', 'ignore-case', 'regex'] as const satisfies readonly OutputMatch[];
const ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const LANGUAGE_PATTERN = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Soft keywords (match, case, type, _) are valid names, so they are not here.
const PYTHON_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from ' +
    'global if import in is lambda nonlocal not or pass raise return try while with yield'
  ).split(' '),
);
/** The largest `#pack=` fragment worth decoding: base64 of the largest JSON (compressed data is smaller). */
const MAX_LINK_CHARS = Math.ceil((L.maxLinkJsonBytes * 4) / 3) + 16;
/** Archive entries get this date, so the same pack always makes the same bytes. */
const ENTRY_DATE = new Date(2000, 0, 1);

// --- the schema of pack.json ------------------------------------------------
// Each message is what follows the field's name ("\"expect\" must be text"); `describe` adds where.

const count = (n: number) => n.toLocaleString('en-US');
const megabytes = (bytes: number) => `${count(bytes / 1_000_000)} MB`;
/** Text from a file, short and with control characters escaped, to quote in a message (reports use it too). */

const MUST_BE_TEXT = 'must be text';
const MUST_BE_OBJECT = 'must be an object';
const MUST_BE_LIST = 'must be a list';
const NOT_EMPTY = 'must not be empty';

const withDescription = <S extends v.GenericSchema>(schema: S, description: string) =>
  v.pipe(schema, v.description(description));
const text = (maxChars: number) =>
  v.pipe(v.string(MUST_BE_TEXT), v.maxLength(maxChars, `must be at most ${count(maxChars)} characters long`));
const list = <S extends v.GenericSchema>(item: S, max: number, what: string) =>
  v.pipe(v.array(item, MUST_BE_LIST), v.maxLength(max, `must list at most ${count(max)} ${what}`));

const Title = v.pipe(
  v.string(MUST_BE_TEXT),
  v.minLength(1, NOT_EMPTY),
  v.maxLength(L.maxTitleChars, `must be at most ${count(L.maxTitleChars)} characters long`),
);
const Markdown = text(L.maxMarkdownChars);
const Content = text(L.maxContentChars);
const Id = withDescription(
  v.pipe(
    v.string(MUST_BE_TEXT),
    v.regex(ID_PATTERN, 'must be 1 to 100 characters, each a letter, a digit, ".", "_" or "-"'),
  ),
  'Stable across editions of the pack: 1 to 100 of A-Z a-z 0-9 . _ -',
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
const PythonFileName = v.pipe(
  FileName,
  v.endsWith('.py', (issue) => `(${shown(issue.input)}) must end in .py`),
);
const Identifier = v.pipe(
  v.string(MUST_BE_TEXT),
  v.maxLength(100, 'must be at most 100 characters long'),
  v.regex(IDENTIFIER_PATTERN, (issue) => `(${shown(issue.input)}) must be a Python name, such as add or is_even`),
  v.check(
    (name) => !PYTHON_KEYWORDS.has(name),
    (issue) => `(${shown(issue.input)}) is a Python keyword, not a name`,
  ),
);
const Answers = withDescription(
  list(text(L.maxContentChars), L.maxStdinAnswers, 'answers'),
  "Answers to the program's input() calls, in order",
);
const BOTH_GIVEN = 'cannot be given with "content"';

const InlineFile = v.object(
  { name: FileName, content: Content, path: v.optional(v.never(BOTH_GIVEN)) },
  MUST_BE_OBJECT,
);
const ArchiveFile = v.object(
  {
    name: FileName,
    path: withDescription(FileName, 'The file of the .pypack archive that holds its text'),
    content: v.optional(v.never(BOTH_GIVEN)),
  },
  MUST_BE_OBJECT,
);
const FileEntry = v.union(
  [InlineFile, ArchiveFile],
  'must give either "content" (the text) or "path" (a file of the .pypack), not both',
);
type FileEntryJson = v.InferOutput<typeof FileEntry>;

const checkFields = {
  title: v.optional(Title),
  message: v.optional(withDescription(Markdown, "Shown when the check fails: the teacher's nudge")),
  timeout: v.optional(
    withDescription(
      v.pipe(
        v.number('must be a number'),
        v.gtValue(0, 'must be more than 0 seconds'),
        v.maxValue(30, 'must be at most 30 seconds'),
      ),
      "Seconds the learner's code may take (default 5)",
    ),
  ),
};
const OutputCheck = withDescription(
  v.object(
    {
      kind: v.literal('output'),
      ...checkFields,
      stdin: v.optional(Answers),
      expect: Content,
      match: v.optional(v.picklist(OUTPUT_MATCHES, `must be ${orList(OUTPUT_MATCHES)}`)),
      prompts: v.optional(v.boolean('must be true or false')),
    },
    MUST_BE_OBJECT,
  ),
  'Runs the program with these input() answers and compares what it prints with "expect"',
);
const CallCheck = withDescription(
  v.object(
    {
      kind: v.literal('call'),
      ...checkFields,
      function: Identifier,
      args: v.optional(withDescription(Markdown, 'Python source of the arguments, e.g. 2, 3')),
      expect: withDescription(Content, 'A Python expression for the value expected'),
      stdin: v.optional(Answers),
      tolerance: v.optional(v.pipe(v.number('must be a number'), v.minValue(0, 'must be 0 or more'))),
    },
    MUST_BE_OBJECT,
  ),
  'Calls a function the learner defined in the main file and compares what it returns with "expect"',
);
const TestsCheck = withDescription(
  v.object(
    {
      kind: v.literal('tests'),
      ...checkFields,
      file: PythonFileName,
      content: v.optional(
        withDescription(Content, 'The test code; without it, the .pypack file named by "file" holds it'),
      ),
    },
    MUST_BE_OBJECT,
  ),
  "Runs a Python test file against the learner's files",
);
const CodeWords = list(
  v.pipe(v.string(MUST_BE_TEXT), v.minLength(1, NOT_EMPTY), v.maxLength(100, 'must be at most 100 characters long')),
  L.maxCodeRules,
  'words',
);
const CodeCheck = withDescription(
  v.object(
    {
      kind: v.literal('code'),
      ...checkFields,
      requires: v.optional(CodeWords),
      forbids: v.optional(CodeWords),
      defines: v.optional(
        list(
          v.object(
            { name: Identifier, params: v.optional(list(Identifier, L.maxCodeRules, 'parameters')) },
            MUST_BE_OBJECT,
          ),
          L.maxCodeRules,
          'functions',
        ),
      ),
    },
    MUST_BE_OBJECT,
  ),
  'Reads the learner\'s code (never runs it): at least one of "requires", "forbids" and "defines"',
);
// JSON has no infinities: any number it carries is finite.
const Coordinate = v.number('must be a number');
const TurtleCheck = withDescription(
  v.object(
    {
      kind: v.literal('turtle'),
      ...checkFields,
      stdin: v.optional(Answers),
      segments: v.optional(
        list(
          withDescription(
            v.tuple([Coordinate, Coordinate, Coordinate, Coordinate], 'must be [x1, y1, x2, y2]'),
            'A line from (x1, y1) to (x2, y2) in turtle coordinates',
          ),
          L.maxCodeRules,
          'segments',
        ),
      ),
      fills: v.optional(
        list(
          v.object(
            {
              points: v.pipe(
                list(v.tuple([Coordinate, Coordinate], 'must be [x, y]'), L.maxCodeRules, 'points'),
                v.minLength(3, 'must list at least 3 corners'),
              ),
              color: v.optional(
                v.pipe(v.string(MUST_BE_TEXT), v.maxLength(100, 'must be at most 100 characters long')),
              ),
            },
            MUST_BE_OBJECT,
          ),
          L.maxCodeRules,
          'fills',
        ),
      ),
      tolerance: v.optional(
        v.pipe(
          v.number('must be a number'),
          v.minValue(0, 'must be 0 or more'),
          v.maxValue(100, 'must be at most 100'),
        ),
      ),
      exact: v.optional(v.boolean('must be true or false')),
    },
    MUST_BE_OBJECT,
  ),
  'Runs the program and looks at what the turtle drew: the listed lines and filled shapes must be there',
);
const CheckSchema = v.variant('kind', [OutputCheck, CallCheck, TestsCheck, CodeCheck, TurtleCheck], MUST_BE_OBJECT);
type CheckJson = v.InferOutput<typeof CheckSchema>;

const SOLUTION_AFTER = 'must be a whole number from 0 up, or "never"';
const ExerciseSchema = v.object(
  {
    id: Id,
    title: Title,
    instructions: withDescription(Markdown, 'Markdown'),
    files: v.pipe(list(FileEntry, L.maxFilesPerExercise, 'files'), v.minLength(1, 'must list at least one file')),
    main: withDescription(
      v.pipe(FileName, v.endsWith('.py', 'must be a Python file (ending in .py)')),
      'The file Run and the checks start: one of "files"',
    ),
    hints: v.optional(
      withDescription(list(Markdown, L.maxHints, 'hints'), 'Markdown, revealed one at a time'),
      () => [],
    ),
    solution: v.optional(list(FileEntry, L.maxFilesPerExercise, 'files')),
    solutionAfter: v.optional(
      v.union(
        [
          v.pipe(v.number(SOLUTION_AFTER), v.integer(SOLUTION_AFTER), v.minValue(0, SOLUTION_AFTER)),
          v.literal('never', SOLUTION_AFTER),
        ],
        SOLUTION_AFTER,
      ),
    ),
    checks: v.pipe(list(CheckSchema, L.maxChecksPerExercise, 'checks'), v.minLength(1, 'must list at least one check')),
  },
  MUST_BE_OBJECT,
);
const LessonSchema = v.object(
  {
    id: Id,
    title: Title,
    page: v.optional(withDescription(Markdown, 'A Markdown page read before the exercises')),
    exercises: v.pipe(
      list(ExerciseSchema, L.maxExercises, 'exercises'),
      v.minLength(1, 'must list at least one exercise'),
    ),
  },
  MUST_BE_OBJECT,
);

const LearnerName = v.pipe(
  v.string(MUST_BE_TEXT),
  v.minLength(1, NOT_EMPTY),
  v.maxLength(L.maxNameChars, `must be at most ${count(L.maxNameChars)} characters long`),
  // A name of spaces only would be the empty name once compared (learnerKey).
  v.check((name) => learnerKey(name) !== '', 'must not be only spaces'),
);
const ClassSchema = withDescription(
  v.object(
    {
      id: withDescription(Id, 'Stable across the packs a teacher hands to the same class: reports are grouped by it'),
      name: withDescription(
        v.pipe(
          v.string(MUST_BE_TEXT),
          v.minLength(1, NOT_EMPTY),
          v.maxLength(L.maxNameChars, `must be at most ${count(L.maxNameChars)} characters long`),
        ),
        'What the teacher calls the class, e.g. 7B',
      ),
      learners: v.optional(
        withDescription(
          list(LearnerName, L.maxLearners, 'names'),
          "The learners' names (no two the same, ignoring case and spaces)",
        ),
      ),
      pickName: v.optional(
        withDescription(
          v.boolean('must be true or false'),
          'Learners pick their name from "learners" instead of typing it (default false)',
        ),
      ),
      secret: withDescription(
        v.pipe(
          v.string(MUST_BE_TEXT),
          v.regex(SECRET_PATTERN, 'must be 16 to 64 characters, each a letter, a digit, "_" or "-"'),
        ),
        'Random text completion codes are made with',
      ),
    },
    MUST_BE_OBJECT,
  ),
  'The class the pack is handed to',
);

/** pack.json, version 1 (the current one). */
const PackJsonV1 = v.object(
  {
    format: v.literal(PACK_FORMAT),
    version: v.literal(1),
    id: Id,
    title: Title,
    author: text(L.maxTitleChars),
    language: withDescription(
      v.pipe(v.string(MUST_BE_TEXT), v.regex(LANGUAGE_PATTERN, 'must be a language tag such as en or pt-BR')),
      'BCP 47 tag of the language of the text, e.g. en or fr',
    ),
    revision: v.optional(
      withDescription(
        v.pipe(
          v.number('must be a whole number'),
          v.integer('must be a whole number'),
          v.minValue(1, 'must be 1 or more'),
        ),
        "The pack's own edition, raised each time its author publishes a change",
      ),
      1,
    ),
    description: v.optional(withDescription(Markdown, 'A sentence about the pack (Markdown)')),
    lessons: v.pipe(list(LessonSchema, L.maxLessons, 'lessons'), v.minLength(1, 'must list at least one lesson')),
    class: v.optional(ClassSchema),
  },
  MUST_BE_OBJECT,
);
/** pack.json in the current version's shape, whatever version it was written in. */
type PackJson = v.InferOutput<typeof PackJsonV1>;

function orList(words: readonly string[]): string {
  const quoted = words.map((w) => `"${w}"`);
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

// --- messages -----------------------------------------------------------------

const isMissingKey = (issue: v.BaseIssue<unknown>) => issue.path?.at(-1)?.origin === 'key';

/** Where the data did not fit and why, from valibot's issue. */
function describe(issue: v.BaseIssue<unknown>, base: readonly v.IssuePathItem[] = []): string {
  const path = [...base, ...(issue.path ?? [])];
  if (issue.type === 'union' && issue.issues) {
    // A union (a file given by "content" or by "path") fails in every branch; the branch that got furthest (the
    // one whose fields are there) says what is wrong. When none did, the union's own message says it.
    const telling = issue.issues.find((i) => !isMissingKey(i) && i.type !== 'never');
    if (telling) return describe(telling, path);
  }
  const last = path.at(-1);
  const where = jsonPath(path.slice(0, -1));
  const at = (what: string) => (where ? `${where}: ${what}` : what);
  if (last?.type === 'object' && typeof last.key === 'string') {
    if (last.origin === 'key') {
      return Array.isArray(last.input)
        ? `${where || 'its data'} must be an object, not a list`
        : at(`"${last.key}" is missing`);
    }
    if (issue.type === 'variant') return at(kindProblem(issue.input));
    return at(`"${last.key}" ${issue.message}`);
  }
  return `${jsonPath(path) || 'its data'} ${issue.message}`;
}

function kindProblem(kind: unknown): string {
  if (kind === undefined) return `"kind" is missing (it must be ${orList(CHECK_KINDS)})`;
  if (typeof kind === 'string') {
    const known = CHECK_KINDS.map((k) => `"${k}"`);
    return (
      `this version of the app does not know checks of kind "${shown(kind)}" ` +
      `(it knows ${known.slice(0, -1).join(', ')} and ${known.at(-1)})`
    );
  }
  return `"kind" must be ${orList(CHECK_KINDS)}`;
}

// --- reading --------------------------------------------------------------------

type Checked<T> = { ok: true; value: T } | { ok: false; why: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseText(json: string, maxChars: number): Checked<unknown> {
  const parsed = parseJsonCapped(json, maxChars, L.maxDepth);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, why: parsed.problem };
}

/**
 * pack.json of any version this app knows, in the current version's shape. Only version 1 exists; when a
 * version 2 comes, version 1 keeps its schema here and gains a step that upgrades what it read
 * (`case 1: … return { ok: true, value: upgradeV1(parsed.output) }`), so old packs keep opening.
 */
function restore(value: Record<string, unknown>): Checked<PackJson> {
  const version = value.version;
  if (version === undefined) return { ok: false, why: '"version" is missing' };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, why: '"version" must be a whole number from 1 up' };
  }
  if (version > PACK_FORMAT_VERSION) {
    return {
      ok: false,
      why: `this pack was made by a newer version of the app (format version ${version}); update the app to open it`,
    };
  }
  switch (version) {
    case 1: {
      const parsed = v.safeParse(PackJsonV1, value);
      return parsed.success ? { ok: true, value: parsed.output } : { ok: false, why: describe(parsed.issues[0]) };
    }
    default:
      return { ok: false, why: `"version" ${version} is not a version of the format` };
  }
}

/** The text of an archive file the pack names, or why it cannot be had. */
function archiveText(
  name: string,
  entries: Map<string, Uint8Array> | undefined,
  where: string,
  field: string,
): Checked<string> {
  const fail = (problem: string): Checked<string> => ({
    ok: false,
    why: `${where}: "${field}" (${shown(name)}) ${problem}`,
  });
  if (!entries) return fail('names a file of a .pypack archive, but this pack is not one');
  const bytes = entries.get(name);
  if (!bytes) return fail('is not in the .pypack file');
  const content = utf8(bytes);
  // A NUL never appears in a text file, though it is valid UTF-8.
  if (content === undefined || content.includes('\0')) return fail('is not a text file (UTF-8)');
  if (content.length > L.maxContentChars) return fail(`is longer than ${count(L.maxContentChars)} characters`);
  return { ok: true, value: content };
}

function resolveFiles(
  list: FileEntryJson[],
  entries: Map<string, Uint8Array> | undefined,
  where: string,
): Checked<LessonFile[]> {
  const files: LessonFile[] = [];
  const seen = new Set<string>();
  for (const [i, entry] of list.entries()) {
    if (seen.has(entry.name)) {
      return { ok: false, why: `${where}[${i}]: "name" (${shown(entry.name)}) is the name of an earlier file too` };
    }
    seen.add(entry.name);
    if (entry.content !== undefined) files.push({ name: entry.name, content: entry.content });
    else {
      const content = archiveText(entry.path, entries, `${where}[${i}]`, 'path');
      if (!content.ok) return content;
      files.push({ name: entry.name, content: content.value });
    }
  }
  return { ok: true, value: files };
}

function resolveCheck(
  check: CheckJson,
  starterNames: Set<string>,
  entries: Map<string, Uint8Array> | undefined,
  where: string,
): Checked<Check> {
  switch (check.kind) {
    case 'output':
    case 'call':
      return { ok: true, value: { ...check } };
    case 'turtle':
      if (!check.segments?.length && !check.fills?.length) {
        return { ok: false, why: `${where}: a "turtle" check needs at least one of "segments" and "fills"` };
      }
      return { ok: true, value: { ...check } };
    case 'code': {
      if (!check.requires?.length && !check.forbids?.length && !check.defines?.length) {
        return {
          ok: false,
          why: `${where}: a "code" check needs at least one rule in "requires", "forbids" or "defines"`,
        };
      }
      return { ok: true, value: { ...check } };
    }
    case 'tests': {
      if (starterNames.has(check.file)) {
        return {
          ok: false,
          why: `${where}: "file" (${shown(check.file)}) is also the name of one of the exercise's starter files`,
        };
      }
      let content = check.content;
      if (content === undefined) {
        if (!entries) {
          return {
            ok: false,
            why: `${where}: "content" is missing (only a .pypack file can carry the test code as a separate file)`,
          };
        }
        const read = archiveText(check.file, entries, where, 'file');
        if (!read.ok) return read;
        content = read.value;
      }
      return { ok: true, value: { ...check, content } };
    }
  }
}

/** The rules that span fields (unique ids and names, "main" among the files), and every file's text resolved. */
function build(json: PackJson, entries: Map<string, Uint8Array> | undefined): Checked<Pack> {
  const total = json.lessons.reduce((n, lesson) => n + lesson.exercises.length, 0);
  if (total > L.maxExercises) {
    return {
      ok: false,
      why: `it has ${count(total)} exercises, more than the ${count(L.maxExercises)} a pack may have`,
    };
  }
  const lessonIds = new Map<string, string>();
  const exerciseIds = new Map<string, string>();
  const lessons: Lesson[] = [];
  for (const [li, lessonJson] of json.lessons.entries()) {
    const lessonWhere = `lessons[${li}]`;
    const earlierLesson = lessonIds.get(lessonJson.id);
    if (earlierLesson) {
      return {
        ok: false,
        why: `${lessonWhere}: "id" (${shown(lessonJson.id)}) is also the id of ${earlierLesson} (lesson ids must all differ)`,
      };
    }
    lessonIds.set(lessonJson.id, lessonWhere);
    const exercises: Exercise[] = [];
    for (const [ei, e] of lessonJson.exercises.entries()) {
      const where = `${lessonWhere}.exercises[${ei}]`;
      const earlier = exerciseIds.get(e.id);
      if (earlier) {
        return {
          ok: false,
          why:
            `${where}: "id" (${shown(e.id)}) is also the id of ${earlier} ` +
            '(exercise ids must all differ, across all lessons: progress is kept by them)',
        };
      }
      exerciseIds.set(e.id, where);
      const files = resolveFiles(e.files, entries, `${where}.files`);
      if (!files.ok) return files;
      const names = new Set(files.value.map((f) => f.name));
      if (!names.has(e.main)) return { ok: false, why: `${where}: "main" (${shown(e.main)}) is not one of its files` };
      const checks: Check[] = [];
      for (const [ci, c] of e.checks.entries()) {
        const check = resolveCheck(c, names, entries, `${where}.checks[${ci}]`);
        if (!check.ok) return check;
        checks.push(check.value);
      }
      const exercise: Exercise = {
        id: e.id,
        title: e.title,
        instructions: e.instructions,
        files: files.value,
        main: e.main,
        hints: e.hints,
        checks,
      };
      if (e.solution) {
        const solution = resolveFiles(e.solution, entries, `${where}.solution`);
        if (!solution.ok) return solution;
        exercise.solution = solution.value;
      }
      if (e.solutionAfter !== undefined) exercise.solutionAfter = e.solutionAfter;
      exercises.push(exercise);
    }
    const lesson: Lesson = { id: lessonJson.id, title: lessonJson.title, exercises };
    if (lessonJson.page !== undefined) lesson.page = lessonJson.page;
    lessons.push(lesson);
  }
  const pack: Pack = {
    format: PACK_FORMAT,
    version: PACK_FORMAT_VERSION,
    id: json.id,
    title: json.title,
    author: json.author,
    language: json.language,
    revision: json.revision,
    lessons,
  };
  if (json.description !== undefined) pack.description = json.description;
  if (json.class) {
    const info = buildClass(json.class);
    if (!info.ok) return info;
    pack.class = info.value;
  }
  return { ok: true, value: pack };
}

function buildClass(json: NonNullable<PackJson['class']>): Checked<ClassInfo> {
  const info: ClassInfo = { id: json.id, name: json.name, secret: json.secret };
  if (json.learners) {
    const seen = new Map<string, number>();
    for (const [i, name] of json.learners.entries()) {
      const earlier = seen.get(learnerKey(name));
      if (earlier !== undefined) {
        return {
          ok: false,
          why:
            `class.learners[${i}] (${shown(name)}) is the same name as class.learners[${earlier}] ` +
            '(names must all differ, ignoring case and spaces: reports are told apart by them)',
        };
      }
      seen.set(learnerKey(name), i);
    }
    info.learners = [...json.learners];
  }
  if (json.pickName !== undefined) {
    if (json.pickName && !info.learners?.length) {
      return { ok: false, why: 'class: "pickName" is true, so "learners" must list the names to pick from' };
    }
    info.pickName = json.pickName;
  }
  return { ok: true, value: info };
}

function validate(value: unknown, entries: Map<string, Uint8Array> | undefined): Checked<Pack> {
  if (!isRecord(value)) return { ok: false, why: 'it does not hold a lesson pack (its data must be a JSON object)' };
  if (value.format !== PACK_FORMAT) {
    return {
      ok: false,
      why:
        value.format === undefined
          ? `it is not a lesson pack (it has no "format": "${PACK_FORMAT}")`
          : `it is not a lesson pack ("format" is not "${PACK_FORMAT}")`,
    };
  }
  const restored = restore(value);
  return restored.ok ? build(restored.value, entries) : restored;
}

/** Runs `read`, turning anything it throws (which it should never do) into a refusal. */
function guarded(read: () => Checked<Pack>): Checked<Pack> {
  try {
    return read();
  } catch {
    return { ok: false, why: 'something unexpected went wrong while reading it' };
  }
}

function result(checked: Checked<Pack>, opening: string): PackResult {
  return checked.ok ? { ok: true, pack: checked.value } : { ok: false, error: `${opening}: ${checked.why}.` };
}

const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));

function readArchive(bytes: Uint8Array): Checked<Pack> {
  const read = readZip(bytes, L.zip);
  if (!read.ok) return { ok: false, why: read.problem };
  const { entries } = read;
  const raw = entries.get(PACK_JSON);
  if (!raw) {
    const nested = [...entries.keys()].find((name) => name.endsWith(`/${PACK_JSON}`));
    return {
      ok: false,
      why: nested
        ? `its pack.json must be at the top of the archive, not in a folder (${shown(nested)})`
        : 'it has no pack.json',
    };
  }
  if (raw.length > L.maxJsonBytes)
    return { ok: false, why: `its pack.json is larger than ${megabytes(L.maxJsonBytes)}` };
  const json = utf8(raw);
  if (json === undefined) return { ok: false, why: 'its pack.json is not UTF-8 text' };
  const parsed = parseText(json, L.maxJsonBytes);
  if (!parsed.ok) return parsed;
  const others = new Map(entries);
  others.delete(PACK_JSON);
  return validate(parsed.value, others);
}

/** Reads a pack from a file's bytes: a zip (starts with "PK\x03\x04") or JSON text. */
export function readPack(bytes: Uint8Array): PackResult {
  const checked = guarded(() => {
    if (bytes.length > L.maxFileBytes) return { ok: false, why: `it is larger than ${megabytes(L.maxFileBytes)}` };
    if (isZip(bytes)) return readArchive(bytes);
    if (bytes.length > L.maxJsonBytes) {
      return { ok: false, why: `it is larger than ${megabytes(L.maxJsonBytes)}, the most a pack.json may be` };
    }
    const json = utf8(bytes);
    if (json === undefined || !/^\s*\{/.test(json)) {
      return { ok: false, why: 'it is neither a .pypack file nor a pack.json' };
    }
    const parsed = parseText(json, L.maxJsonBytes);
    return parsed.ok ? validate(parsed.value, undefined) : parsed;
  });
  return result(checked, 'This lesson pack cannot be opened');
}

/**
 * Validates parsed JSON (with the zip's other entries, when from a zip) into a Pack; upgrades older format versions
 * (only version 1 exists so far: see `restore`).
 */
export function packFromJson(value: unknown, entries?: Map<string, Uint8Array>): PackResult {
  return result(
    guarded(() => validate(value, entries)),
    'This lesson pack cannot be opened',
  );
}

// --- writing ----------------------------------------------------------------------

/** A .pypack zip of a pack: pack.json (tests files' content moved to entries named by `file`), for export and tests. */
export function encodePack(pack: Pack): Uint8Array {
  const tests = new Map<string, string>();
  const lessons = pack.lessons.map((lesson) => ({
    ...lesson,
    exercises: lesson.exercises.map((exercise) => ({
      ...exercise,
      checks: exercise.checks.map((check) => {
        if (check.kind !== 'tests') return check;
        const taken = tests.get(check.file);
        // Another exercise's test file of this name differs (or the archive is full): this one stays inline.
        if (taken !== undefined ? taken !== check.content : tests.size >= L.zip.maxEntries - 1) return check;
        tests.set(check.file, check.content);
        const { content: _inArchive, ...rest } = check;
        return rest;
      }),
    })),
  }));
  const entries: Record<string, Uint8Array> = {
    [PACK_JSON]: strToU8(JSON.stringify({ ...pack, lessons }, null, 2) + '\n'),
  };
  for (const [name, content] of tests) entries[name] = strToU8(content);
  return zipSync(entries, { level: 9, mtime: ENTRY_DATE });
}

/** The fragment value for a pack: the same encoding as share links (deflate-raw + base64url of pack.json with inline content). */
export function encodePackLink(pack: Pack): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify(pack)), { level: 9 }));
}

/** The encoded part of a location hash, or undefined when it is not a pack link. */
export function packFragment(hash: string): string | undefined {
  return hash.startsWith(PACK_LINK_PREFIX) ? hash.slice(PACK_LINK_PREFIX.length) : undefined;
}

/** Decodes a fragment value; never throws; errors read "This lesson pack link cannot be opened: …". */
export function decodePackLink(encoded: string): PackResult {
  const checked = guarded(() => {
    const damaged = { ok: false, why: 'it is damaged or incomplete (was it cut off?)' } as const;
    if (encoded.length === 0) return { ok: false, why: 'it is empty' };
    if (encoded.length > MAX_LINK_CHARS) return { ok: false, why: 'it is too long' };
    const compressed = fromBase64Url(encoded);
    if (!compressed) return { ok: false, why: 'it contains characters a pack link never has (was it cut or changed?)' };
    const inflated = inflateCapped(compressed, L.maxLinkJsonBytes);
    if (inflated === 'too-big') return { ok: false, why: `its pack is larger than ${megabytes(L.maxLinkJsonBytes)}` };
    if (inflated === 'corrupt' || inflated.length === 0) return damaged;
    const json = utf8(inflated);
    if (json === undefined) return damaged;
    const parsed = parseText(json, L.maxLinkJsonBytes);
    if (!parsed.ok) return parsed;
    return validate(parsed.value, undefined);
  });
  return result(checked, 'This lesson pack link cannot be opened');
}

// --- the JSON Schema --------------------------------------------------------------

/** The JSON Schema (draft-07) of pack.json, for editors; scripts/pack-schema.ts writes it to public/pack.schema.json. */
export function packJsonSchema(): object {
  const { $schema, ...schema } = toJsonSchema(PackJsonV1, {
    target: 'draft-07',
    errorMode: 'throw',
    // Rules written as code (safe paths, Python keywords) have no JSON Schema form; the app still applies them.
    ignoreActions: ['check'],
    definitions: { file: FileEntry, check: CheckSchema, exercise: ExerciseSchema, lesson: LessonSchema },
  });
  return {
    $schema,
    $id: 'pack.schema.json',
    title: 'Python Playground lesson pack',
    description:
      'pack.json of a lesson pack (a .pypack file, a bare pack.json or a #pack= link). Fields it does not list are ' +
      'ignored. The app also checks what a schema cannot say: ids and file names unique, "main" one of "files", ' +
      'file names relative without ".." parts, Python names not keywords, a "code" check with at least one rule.',
    ...schema,
  };
}
