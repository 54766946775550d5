// The pieces of Teach mode that are plain functions of a pack: new ids and secrets, the blank pack and its
// parts, what an export writes (empty optional fields dropped), where the validator's problems are, and how a
// run of the checks on the solution or the starter reads.
import { packFromJson } from '../../../formats/pack.ts';
import {
  PACK_FORMAT,
  PACK_FORMAT_VERSION,
  type Check,
  type CheckKind,
  type CheckReport,
  type Exercise,
  type Lesson,
  type LessonFile,
  type Pack,
} from '../../../model/lesson.ts';
import { learnerKey } from '../../../model/classroom.ts';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random text from `alphabet` (rejection sampling, so every character is equally likely). */
function randomText(length: number, alphabet: string): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

/** Lower-case letters only: readable in a file name and in a URL. */
export const randomLetters = (length: number) => randomText(length, LETTERS);

/** A class's secret for completion codes: 32 characters (about 190 bits), within ClassInfo's 16–64. */
export const makeSecret = () => randomText(32, SECRET_ALPHABET);

/** "Loops & lists: été" → "loops-lists-ete": ASCII letters, digits and dashes, at most `max` long. */
export function slug(title: string, max = 40): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
}

/**
 * A new pack's id: its title as a slug, then random letters, so two teachers' "Loops" packs never share
 * progress on a learner's device. Always matches the pack format's id pattern.
 */
export function newPackId(title: string): string {
  return `${slug(title) || 'pack'}-${randomLetters(6)}`;
}

/** An id not in `taken`, made from `base`: `base-1`, `base-2`, … */
export function freshId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const id = `${base}-${n}`;
    if (!used.has(id)) return id;
  }
}

export const allLessonIds = (pack: Pack) => pack.lessons.map((l) => l.id);
export const allExerciseIds = (pack: Pack) => pack.lessons.flatMap((l) => l.exercises.map((e) => e.id));

/** The check a new one of each kind starts as: the fields to fill in, valid where a default exists. */
export function blankCheck(kind: CheckKind): Check {
  switch (kind) {
    case 'output':
      return { kind, expect: '' };
    case 'call':
      return { kind, function: 'f', expect: '' };
    case 'tests':
      return { kind, file: 'test_main.py', content: 'from main import *\n\n\ndef test_example():\n    assert True\n' };
    case 'code':
      return { kind, requires: [] };
    case 'turtle':
      return { kind, segments: [[0, 0, 100, 0]] };
  }
}

export function blankExercise(id: string, n: number): Exercise {
  return {
    id,
    title: `Exercise ${n}`,
    instructions: 'Write a program that prints `Hello!`',
    files: [{ name: 'main.py', content: '# Your code here\n' }],
    main: 'main.py',
    hints: [],
    solution: [{ name: 'main.py', content: 'print("Hello!")\n' }],
    checks: [{ kind: 'output', expect: 'Hello!' }],
  };
}

export function blankLesson(id: string, exerciseId: string, n: number): Lesson {
  return { id, title: `Lesson ${n}`, exercises: [blankExercise(exerciseId, 1)] };
}

/** A new pack: one lesson of one exercise that already validates, so the teacher edits rather than assembles. */
export function blankPack(title = 'My lesson pack', author = ''): Pack {
  return {
    format: PACK_FORMAT,
    version: PACK_FORMAT_VERSION,
    id: newPackId(title),
    title,
    author,
    language: 'en',
    lessons: [blankLesson('lesson-1', 'exercise-1', 1)],
  };
}

/** The solution's files over the starter's: what "Run checks on the solution" runs. */
export function overlayFiles(base: LessonFile[], over: LessonFile[] | undefined): LessonFile[] {
  const byName = new Map(base.map((f) => [f.name, f]));
  for (const file of over ?? []) byName.set(file.name, file);
  return [...byName.values()];
}

/** An empty text the editor keeps for typing into, which the pack leaves out. */
function withoutEmpty<T extends object>(value: T, keys: (keyof T)[]): T {
  const out = { ...value };
  for (const key of keys) {
    const field = out[key];
    if (field === undefined || field === '' || (Array.isArray(field) && field.length === 0)) delete out[key];
  }
  return out;
}

/** A check as the pack carries it: optional fields left empty in the editor are left out. */
export function cleanCheck(check: Check): Check {
  const common = ['title', 'message'] as const;
  switch (check.kind) {
    case 'output':
      return withoutEmpty(check, [...common, 'stdin']);
    case 'call':
      return withoutEmpty(check, [...common, 'stdin', 'args']);
    case 'tests':
      return withoutEmpty(check, [...common]);
    case 'code':
      return withoutEmpty(check, [...common, 'requires', 'forbids', 'defines']);
    case 'turtle':
      return withoutEmpty(check, [...common, 'stdin', 'segments', 'fills']);
  }
}

/** The pack as exported: empty optional fields dropped, so what learners get is what the validator reads. */
export function cleanPack(pack: Pack): Pack {
  return {
    ...withoutEmpty(pack, ['description']),
    lessons: pack.lessons.map((lesson) => ({
      ...withoutEmpty(lesson, ['page']),
      exercises: lesson.exercises.map((exercise) => ({
        ...withoutEmpty(exercise, ['solution']),
        checks: exercise.checks.map(cleanCheck),
      })),
    })),
  };
}

// --- problems -------------------------------------------------------------------

/** Where in the pack a problem is, as far as the editor can show it next to a field. */
export interface ProblemPlace {
  lessonId?: string;
  exerciseId?: string;
  /** The part of the exercise: a check, a starter file, a solution file, a hint. */
  part?: { list: 'checks' | 'files' | 'solution' | 'hints'; index: number };
  /** The field the message names, e.g. `expect` or `title`. */
  field?: string;
}

export interface Problem {
  /** The validator's sentence, its path put in words ("Lesson 1, exercise 2, check 1: …"). */
  message: string;
  place: ProblemPlace;
}

const OPENING = 'This lesson pack cannot be opened: ';
const PATH = /^lessons\[(\d+)\](?:\.exercises\[(\d+)\](?:\.(checks|files|solution|hints)\[(\d+)\])?)?\.?/;
const PART_WORDS = { checks: 'check', files: 'starter file', solution: 'solution file', hints: 'hint' } as const;

/** The path-free sentence, with the place read from the path the validator named. */
function readProblem(error: string, pack: Pack): Problem {
  const why = error.replace(OPENING, '').replace(/\.$/, '');
  const match = PATH.exec(why);
  if (!match) {
    // `"title" must…`, or `class.learners[2] must…` (placed at the class).
    const field = /^"?([A-Za-z]+)/.exec(why)?.[1];
    return { message: capitalise(why), place: field ? { field } : {} };
  }
  const [whole, li, ei, list, pi] = match;
  const lesson = pack.lessons[Number(li)];
  const place: ProblemPlace = { lessonId: lesson?.id };
  const words = [`Lesson ${Number(li) + 1}`];
  if (ei !== undefined) {
    place.exerciseId = lesson?.exercises[Number(ei)]?.id;
    words.push(`exercise ${Number(ei) + 1}`);
  }
  if (list !== undefined) {
    const key = list as keyof typeof PART_WORDS;
    place.part = { list: key, index: Number(pi) };
    words.push(`${PART_WORDS[key]} ${Number(pi) + 1}`);
  }
  let rest = why.slice(whole.length);
  // The path either stops ("…checks[1]: a \"code\" check needs…") or goes on into a field ("…checks[1].expect
  // must be text", "…exercises[0].checks must list…"): that field is put in quotes, as the other messages do.
  if (whole.endsWith('.')) rest = rest.replace(/^(\w+)/, '"$1"');
  else rest = rest.replace(/^:?\s*/, '');
  const field = /^"([A-Za-z]+)"/.exec(rest)?.[1];
  if (field) place.field = field;
  return { message: `${words.join(', ')}: ${rest}`, place };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A stand-in that always validates, for checking one part of a pack at a time. */
const OK_EXERCISE: Exercise = {
  id: 'x',
  title: 'x',
  instructions: '',
  files: [{ name: 'main.py', content: '' }],
  main: 'main.py',
  hints: [],
  checks: [{ kind: 'output', expect: '' }],
};

/**
 * Everything that stops the pack from being exported, each placed where the editor can show it. The validator
 * stops at its first problem, so the pack is checked in parts (its own fields, each lesson, each exercise) and
 * then whole (for rules across parts, such as ids that must all differ).
 */
export function findProblems(draft: Pack): Problem[] {
  const pack = cleanPack(draft);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const add = (error: string, reframe: (error: string) => string = (e) => e) => {
    const problem = readProblem(reframe(error), pack);
    if (seen.has(problem.message)) return;
    seen.add(problem.message);
    problems.push(problem);
  };
  const tryPack = (candidate: Pack) => {
    const read = packFromJson(candidate);
    return read.ok ? undefined : read.error;
  };
  const top = tryPack({
    ...pack,
    lessons: [{ id: 'l', title: 'l', exercises: [OK_EXERCISE] }],
  });
  if (top) add(top);
  const shell = { ...pack, id: 'p', title: 'p', author: '', language: 'en', description: undefined, class: undefined };
  pack.lessons.forEach((lesson, li) => {
    const asLesson = (e: string) => e.replace('lessons[0]', `lessons[${li}]`);
    const own = tryPack({ ...shell, lessons: [{ ...lesson, exercises: [OK_EXERCISE] }] });
    if (own) add(own, asLesson);
    lesson.exercises.forEach((exercise, ei) => {
      const one = tryPack({ ...shell, lessons: [{ id: 'l', title: 'l', exercises: [exercise] }] });
      if (one) add(one, (e) => e.replace('lessons[0].exercises[0]', `lessons[${li}].exercises[${ei}]`));
    });
  });
  if (problems.length === 0) {
    const whole = tryPack(pack);
    if (whole) add(whole);
  }
  return problems;
}

// --- check runs --------------------------------------------------------------------

export type RunTarget = 'solution' | 'starter';

export interface RunVerdict {
  /** "Solution: passes all 3 checks", "Starter: fails 2 of 3 checks (as it should)". */
  text: string;
  /** The run came out as it should: the solution passes, the starter fails. */
  asExpected: boolean;
  /** What to fix when it did not. */
  warning?: string;
}

const checksWord = (n: number) => `${n} check${n === 1 ? '' : 's'}`;

/** How a run of the checks reads, for the solution (which must pass) or the starter (which should fail). */
export function verdict(target: RunTarget, report: CheckReport): RunVerdict {
  const total = report.outcomes.length;
  const failed = report.outcomes.filter((o) => !o.passed).length;
  const name = target === 'solution' ? 'Solution' : 'Starter';
  const result =
    failed === 0
      ? total === 1
        ? 'passes the check'
        : `passes all ${checksWord(total)}`
      : total === 1
        ? 'fails the check'
        : `fails ${failed} of ${checksWord(total)}`;
  if (target === 'solution') {
    return failed === 0
      ? { text: `${name}: ${result}`, asExpected: true }
      : {
          text: `${name}: ${result}`,
          asExpected: false,
          warning: 'The solution must pass every check: fix the solution or the checks.',
        };
  }
  return failed > 0
    ? { text: `${name}: ${result} (as it should)`, asExpected: true }
    : {
        text: `${name}: ${result}`,
        asExpected: false,
        warning: 'The starter code already passes: learners would have nothing to do. Make the checks stricter.',
      };
}

/** A class list as typed, one name a line: blank lines dropped, and a name given twice (in any case) kept once. */
export function parseLearners(text: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const name = line.trim().replace(/\s+/g, ' ');
    const key = learnerKey(name);
    if (!name || seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}
