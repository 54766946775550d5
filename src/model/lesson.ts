// Lessons as every part of the app sees them: a pack of lessons, each a page and
// exercises; an exercise is starter files plus checks (as in futurecoder). The
// file format that carries them (`.pypack`, src/formats/pack.ts) is validated
// into these types; the worker runs `Check`s and answers with `CheckOutcome`s.
import type { ClassInfo } from './classroom.ts';

/** A text file of an exercise (starter code, a solution, a data file). */
export interface LessonFile {
  /** Path in the project, `/`-separated, e.g. `main.py` or `data/words.txt`. */
  name: string;
  content: string;
}

/** How an `output` check compares what the program printed with what was expected. */
export type OutputMatch = 'exact' | 'normalised' | 'ignore-case' | 'regex';

/** Fields every check may have. */
interface CheckBase {
  /** What the check is shown as ("Adds two numbers"); made from the check when absent. */
  title?: string;
  /** Shown when the check fails, after the app's own message: the teacher's nudge. */
  message?: string;
  /** Seconds the learner's code may take before the check fails as "took too long" (default 5, at most 30). */
  timeout?: number;
}

/** Runs the program with these `input()` answers and compares its output. */
export interface OutputCheck extends CheckBase {
  kind: 'output';
  /** Answers to the program's `input()` calls, in order; one more call than answers raises EOFError. */
  stdin?: string[];
  expect: string;
  /** Default `normalised`: trailing spaces and trailing blank lines do not count. */
  match?: OutputMatch;
  /**
   * Compare what the Output panel shows (prompts, and each answer on its line) instead of only what the
   * program printed. Default false: a prompt's wording never fails a check.
   */
  prompts?: boolean;
}

/** Calls a function the learner defined and compares what it returns. */
export interface CallCheck extends CheckBase {
  kind: 'call';
  /** The function's name, defined at the top level of the main file. */
  function: string;
  /** Python source of the argument list, e.g. `2, 3` or `[1, 2], key="x"` (default: no arguments). */
  args?: string;
  /** A Python expression for the value expected, e.g. `5` or `[1, 2]`. */
  expect: string;
  /** Answers for `input()` calls the program makes as it is loaded (before the call). */
  stdin?: string[];
  /** Numbers within this distance of the expected ones are equal (default 0: exactly equal). */
  tolerance?: number;
}

/** Runs a Python test file of the pack against the learner's files. */
export interface TestsCheck extends CheckBase {
  kind: 'tests';
  /** The test file's name, e.g. `add_test.py`: it imports the learner's modules by name. */
  file: string;
  /** Its source (a `.pypack` archive carries it as a file; after reading, it is always here). */
  content: string;
}

/** A function the learner must define, with these parameter names (in order) when given. */
export interface RequiredDefinition {
  name: string;
  params?: string[];
}

/** Requirements read from the learner's source (never run). */
export interface CodeCheck extends CheckBase {
  kind: 'code';
  /**
   * Constructs the code must use: `for`, `while`, `if`, `def`, `return`, `recursion`, `import`, `class`,
   * `try`, `with`, `lambda`, `comprehension`, `f-string`; any other word is a name the code must call.
   */
  requires?: string[];
  /** Constructs or called names the code must not use. */
  forbids?: string[];
  defines?: RequiredDefinition[];
}

/** A line the drawing must contain: from (x1, y1) to (x2, y2), in turtle coordinates (centre 0, 0; y up). */
export type TurtleSegment = [x1: number, y1: number, x2: number, y2: number];

/** A filled shape the drawing must contain: its corners in order, and its fill colour when it matters. */
export interface TurtleFill {
  points: [x: number, y: number][];
  /** A colour name or `#rrggbb` (compared as the turtle resolved it). */
  color?: string;
}

/**
 * Runs the program (turtle commands, in the default coordinates) and looks at what it drew: every listed
 * segment must be drawn (in either direction, possibly as part of a longer straight line, or in pieces), and
 * every listed fill must be filled.
 */
export interface TurtleCheck extends CheckBase {
  kind: 'turtle';
  stdin?: string[];
  segments?: TurtleSegment[];
  fills?: TurtleFill[];
  /** How far (in turtle steps) a point may be from where it should be (default 2). */
  tolerance?: number;
  /** Nothing else may be drawn: every line drawn must be part of a listed segment (default false). */
  exact?: boolean;
}

export type Check = OutputCheck | CallCheck | TestsCheck | CodeCheck | TurtleCheck;
export type CheckKind = Check['kind'];

/** Words `requires` and `forbids` understand as constructs (anything else is a called name). */
export const CODE_CONSTRUCTS = [
  'for',
  'while',
  'if',
  'def',
  'return',
  'recursion',
  'import',
  'class',
  'try',
  'with',
  'lambda',
  'comprehension',
  'f-string',
] as const;

/** One exercise: instructions, starter files and the checks that say when it is solved. */
export interface Exercise {
  id: string;
  title: string;
  /** Markdown. */
  instructions: string;
  /** Starter files (at least the main file). */
  files: LessonFile[];
  /** The file Run and the checks start. */
  main: string;
  /** Revealed one at a time (Markdown). */
  hints: string[];
  /** A model answer: files that replace or add to the starter files. */
  solution?: LessonFile[];
  /** Attempts (presses of Check) before the solution may be shown, or never (default 3). */
  solutionAfter?: number | 'never';
  checks: Check[];
}

export interface Lesson {
  id: string;
  title: string;
  /** A Markdown page read before the exercises. */
  page?: string;
  exercises: Exercise[];
}

export const PACK_FORMAT = 'pyplayground-pack';
export const PACK_FORMAT_VERSION = 1;

/** A lesson pack: what a `.pypack` file (or a `#pack=` link) holds, once read and checked. */
export interface Pack {
  format: typeof PACK_FORMAT;
  version: typeof PACK_FORMAT_VERSION;
  /** Stable across edits: progress is kept by pack id and exercise id. */
  id: string;
  title: string;
  author: string;
  /** BCP 47 language tag of the text, e.g. `en` or `fr`. */
  language: string;
  /** The pack's own edition, raised each time its author publishes a change (default 1). */
  revision?: number;
  /** A sentence about the pack (Markdown). */
  description?: string;
  lessons: Lesson[];
  /**
   * The class a teacher handed this pack to: the learner picks their name from its list when it asks, hands in
   * reports marked with it, and is shown completion codes made with its secret.
   */
  class?: ClassInfo;
}

/** The id of the course that comes with the app. */
export const BUILT_IN_PACK_ID = 'pyplayground-beginners';

// --- results ----------------------------------------------------------------

/** A line of an output comparison. */
export interface OutputComparison {
  expected: string;
  actual: string;
  /** How they were compared, for the learner to read ("ignoring spaces at line ends"). */
  match: OutputMatch;
}

/** How one check went. */
export interface CheckOutcome {
  /** Its index in the exercise's `checks`. */
  index: number;
  kind: CheckKind;
  /** The check's title, or one made from it ("Output with input 3, 4", "add(2, 3)"). */
  title: string;
  passed: boolean;
  /** Why it failed (or a short confirmation), in plain words; the teacher's `message` follows on failure. */
  message: string;
  /** `output` checks: what was expected and what the program printed. */
  comparison?: OutputComparison;
  /** `tests` checks: each test by name. */
  tests?: { name: string; passed: boolean; message: string }[];
  /** The learner's code ran out of time (an endless loop, or a very slow one). */
  timedOut?: boolean;
  /** The learner's code raised this exception (its type), when that is why the check failed. */
  errorType?: string;
}

/** Everything one press of Check found. */
export interface CheckReport {
  outcomes: CheckOutcome[];
  passed: boolean;
  durationMs: number;
}
