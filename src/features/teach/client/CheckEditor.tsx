// A form for one check, of any kind: what it runs and what it expects, plus the title, message and timeout every
// check may have. It hands each change up as a whole new Check; fields left empty are left out of it.
import { createUniqueId, For, Match, Switch } from 'solid-js';
import {
  CODE_CONSTRUCTS,
  type CallCheck,
  type Check,
  type CodeCheck,
  type OutputCheck,
  type OutputMatch,
  type RequiredDefinition,
  type TestsCheck,
  type TurtleCheck,
  type TurtleFill,
  type TurtleSegment,
} from '../../../model/lesson.ts';
import {
  CheckboxField,
  FieldProblems,
  LinesField,
  NumberField,
  ParsedField,
  TextField,
  type Parsed,
} from './fields.tsx';
import type { Problem } from './pack-edit.ts';

export const CHECK_KIND_NAMES: Record<Check['kind'], string> = {
  output: 'Output',
  call: 'Function call',
  tests: 'Test file',
  code: 'Code rules',
  turtle: 'Turtle drawing',
};

const MATCHES: { value: OutputMatch; label: string }[] = [
  { value: 'normalised', label: 'Ignore spaces at line ends and blank lines at the end' },
  { value: 'exact', label: 'Exactly, letter for letter' },
  { value: 'ignore-case', label: 'Ignore capitals (and spaces at line ends)' },
  { value: 'regex', label: 'A regular expression' },
];

/** The check with `key` set, or left out when `value` is undefined. */
function withField<C extends object, K extends keyof C>(check: C, key: K, value: C[K] | undefined): C {
  const next = { ...check };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

const NUMBER = String.raw`-?\d+(?:\.\d+)?`;

// --- the text forms of lists -------------------------------------------------------------

/** Words separated by spaces or commas: `for, while sum`. */
export function parseWords(text: string): Parsed<string[] | undefined> {
  const words = text.split(/[\s,]+/).filter(Boolean);
  return { ok: true, value: words.length ? words : undefined };
}
const formatWords = (words: string[] | undefined) => (words ?? []).join(', ');

/** One function a line: `add(a, b)`, `main()` (no parameters), or `add` (any parameters). */
export function parseDefines(text: string): Parsed<RequiredDefinition[] | undefined> {
  const out: RequiredDefinition[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([^\s(),]+)\s*(?:\(([^()]*)\))?$/.exec(line);
    if (!m) return { ok: false, error: `Line ${i + 1}: write a function as add(a, b), or just its name.` };
    const definition: RequiredDefinition = { name: m[1] };
    if (m[2] !== undefined) {
      definition.params = m[2]
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
    }
    out.push(definition);
  }
  return { ok: true, value: out.length ? out : undefined };
}
const formatDefines = (defines: RequiredDefinition[] | undefined) =>
  (defines ?? []).map((d) => (d.params ? `${d.name}(${d.params.join(', ')})` : d.name)).join('\n');

/** One line a segment: `x1, y1, x2, y2`. */
export function parseSegments(text: string): Parsed<TurtleSegment[] | undefined> {
  const out: TurtleSegment[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    if (!raw.trim()) continue;
    const numbers = raw
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n))) {
      return { ok: false, error: `Line ${i + 1}: give four numbers: x1, y1, x2, y2.` };
    }
    out.push(numbers as TurtleSegment);
  }
  return { ok: true, value: out.length ? out : undefined };
}
const formatSegments = (segments: TurtleSegment[] | undefined) => (segments ?? []).map((s) => s.join(', ')).join('\n');

/** One line a filled shape: its corners as `(x, y)`, then its colour if it matters: `(0, 0) (50, 0) (0, 50) red`. */
export function parseFills(text: string): Parsed<TurtleFill[] | undefined> {
  const out: TurtleFill[] = [];
  const corner = new RegExp(String.raw`\(\s*(${NUMBER})\s*,\s*(${NUMBER})\s*\)`, 'g');
  for (const [i, raw] of text.split('\n').entries()) {
    if (!raw.trim()) continue;
    const points = [...raw.matchAll(corner)].map((m): [number, number] => [Number(m[1]), Number(m[2])]);
    const color = raw.replace(corner, '').trim();
    if (points.length < 3 || /[(),]/.test(color)) {
      return { ok: false, error: `Line ${i + 1}: give at least 3 corners as (x, y), then a colour if it matters.` };
    }
    out.push(color ? { points, color } : { points });
  }
  return { ok: true, value: out.length ? out : undefined };
}
const formatFills = (fills: TurtleFill[] | undefined) =>
  (fills ?? [])
    .map((f) => [...f.points.map(([x, y]) => `(${x}, ${y})`), ...(f.color ? [f.color] : [])].join(' '))
    .join('\n');

// --- the forms -----------------------------------------------------------------------------

interface KindProps<C extends Check> {
  check: C;
  set<K extends keyof C>(key: K, value: C[K] | undefined): void;
  problemsAt(field: string): string[];
}

function OutputForm(props: KindProps<OutputCheck>) {
  const matchId = createUniqueId();
  return (
    <>
      <LinesField
        label="Answers to input()"
        help="One answer a line, in order. Leave empty if the program asks nothing."
        value={props.check.stdin}
        onChange={(v) => props.set('stdin', v)}
        problems={props.problemsAt('stdin')}
      />
      <TextField
        label="Expected output"
        rows={4}
        code
        value={props.check.expect}
        onInput={(v) => props.set('expect', v)}
        problems={props.problemsAt('expect')}
      />
      <div class="teach-field">
        <label for={matchId}>Compare</label>
        <select
          id={matchId}
          value={props.check.match ?? 'normalised'}
          onChange={(e) => {
            const value = e.currentTarget.value as OutputMatch;
            props.set('match', value === 'normalised' ? undefined : value);
          }}
        >
          <For each={MATCHES}>{(m) => <option value={m.value}>{m.label}</option>}</For>
        </select>
      </div>
      <CheckboxField
        label="Count the prompts of input() as output"
        checked={props.check.prompts === true}
        onChange={(on) => props.set('prompts', on ? true : undefined)}
      />
    </>
  );
}

function CallForm(props: KindProps<CallCheck>) {
  return (
    <>
      <TextField
        label="Function"
        help="A function defined in the main file, e.g. add."
        code
        value={props.check.function}
        onInput={(v) => props.set('function', v)}
        problems={props.problemsAt('function')}
      />
      <TextField
        label="Arguments"
        help="As you would write them in Python, e.g. 2, 3"
        code
        value={props.check.args ?? ''}
        onInput={(v) => props.set('args', v === '' ? undefined : v)}
        problems={props.problemsAt('args')}
      />
      <TextField
        label="Expected result"
        help="A Python value, e.g. 5 or [1, 2] or 'yes'"
        code
        value={props.check.expect}
        onInput={(v) => props.set('expect', v)}
        problems={props.problemsAt('expect')}
      />
      <NumberField
        label="Tolerance for numbers"
        help="How far off a number may be, e.g. 0.001. Empty: exactly equal."
        min={0}
        value={props.check.tolerance}
        onChange={(v) => props.set('tolerance', v)}
        problems={props.problemsAt('tolerance')}
      />
      <LinesField
        label="Answers to input() while the file loads"
        help="One answer a line. Usually empty."
        value={props.check.stdin}
        onChange={(v) => props.set('stdin', v)}
        problems={props.problemsAt('stdin')}
      />
    </>
  );
}

function TestsForm(props: KindProps<TestsCheck>) {
  return (
    <>
      <TextField
        label="Test file name"
        help="Ends in .py; not the name of a starter file."
        code
        value={props.check.file}
        onInput={(v) => props.set('file', v)}
        problems={props.problemsAt('file')}
      />
      <TextField
        label="Test code"
        help="Functions named test_… with assert, as for pytest. Import the learner's code by its module name."
        rows={8}
        code
        value={props.check.content}
        onInput={(v) => props.set('content', v)}
        problems={props.problemsAt('content')}
      />
    </>
  );
}

function CodeForm(props: KindProps<CodeCheck>) {
  const constructs = CODE_CONSTRUCTS.join(', ');
  return (
    <>
      <ParsedField
        label="Must use"
        help={`Separated by commas: ${constructs}, or a function name it must call.`}
        code
        value={props.check.requires}
        format={formatWords}
        parse={parseWords}
        onChange={(v) => props.set('requires', v)}
        problems={props.problemsAt('requires')}
      />
      <ParsedField
        label="Must not use"
        help="The same words, e.g. sum, while"
        code
        value={props.check.forbids}
        format={formatWords}
        parse={parseWords}
        onChange={(v) => props.set('forbids', v)}
        problems={props.problemsAt('forbids')}
      />
      <ParsedField
        label="Must define"
        help="One function a line: add(a, b) for these parameters, or add for any."
        rows={3}
        code
        value={props.check.defines}
        format={formatDefines}
        parse={parseDefines}
        onChange={(v) => props.set('defines', v)}
        problems={props.problemsAt('defines')}
      />
    </>
  );
}

function TurtleForm(props: KindProps<TurtleCheck>) {
  return (
    <>
      <ParsedField
        label="Lines the drawing must have"
        help="One line each: x1, y1, x2, y2 (the middle is 0, 0; y goes up)."
        rows={4}
        code
        value={props.check.segments}
        format={formatSegments}
        parse={parseSegments}
        onChange={(v) => props.set('segments', v)}
        problems={props.problemsAt('segments')}
      />
      <ParsedField
        label="Filled shapes"
        help="One shape a line: its corners, then a colour if it matters, e.g. (0, 0) (50, 0) (0, 50) red"
        rows={3}
        code
        value={props.check.fills}
        format={formatFills}
        parse={parseFills}
        onChange={(v) => props.set('fills', v)}
        problems={props.problemsAt('fills')}
      />
      <NumberField
        label="Tolerance"
        help="How many turtle steps off a point may be. Empty: 2."
        min={0}
        max={100}
        value={props.check.tolerance}
        onChange={(v) => props.set('tolerance', v)}
        problems={props.problemsAt('tolerance')}
      />
      <CheckboxField
        label="Nothing else may be drawn"
        checked={props.check.exact === true}
        onChange={(on) => props.set('exact', on ? true : undefined)}
      />
      <LinesField
        label="Answers to input()"
        help="One answer a line. Usually empty."
        value={props.check.stdin}
        onChange={(v) => props.set('stdin', v)}
        problems={props.problemsAt('stdin')}
      />
    </>
  );
}

/**
 * The fields of one check. `problems` are the pack's problems at this check (shown at the field they name, or at
 * the top); every edit is handed to `onChange` as a new Check.
 */
export function CheckEditor(props: { check: Check; onChange(check: Check): void; problems?: Problem[] }) {
  const problemsId = createUniqueId();
  const problemsAt = (field: string) =>
    (props.problems ?? []).filter((p) => p.place.field === field).map((p) => p.message);
  const FIELDS_SHOWN = new Set([
    'title',
    'message',
    'timeout',
    'stdin',
    'expect',
    'function',
    'args',
    'tolerance',
    'file',
    'content',
    'requires',
    'forbids',
    'defines',
    'segments',
    'fills',
  ]);
  const general = () =>
    (props.problems ?? []).filter((p) => !p.place.field || !FIELDS_SHOWN.has(p.place.field)).map((p) => p.message);
  // Each form sees its own kind of check (what its Match proved) and sets that kind's fields.
  const set = (key: string, value: unknown) =>
    props.onChange(withField(props.check as unknown as Record<string, unknown>, key, value) as unknown as Check);

  return (
    <div class="teach-check-fields">
      <FieldProblems id={problemsId} messages={general()} />
      <Switch>
        <Match when={props.check.kind === 'output'}>
          <OutputForm check={props.check as OutputCheck} set={set} problemsAt={problemsAt} />
        </Match>
        <Match when={props.check.kind === 'call'}>
          <CallForm check={props.check as CallCheck} set={set} problemsAt={problemsAt} />
        </Match>
        <Match when={props.check.kind === 'tests'}>
          <TestsForm check={props.check as TestsCheck} set={set} problemsAt={problemsAt} />
        </Match>
        <Match when={props.check.kind === 'code'}>
          <CodeForm check={props.check as CodeCheck} set={set} problemsAt={problemsAt} />
        </Match>
        <Match when={props.check.kind === 'turtle'}>
          <TurtleForm check={props.check as TurtleCheck} set={set} problemsAt={problemsAt} />
        </Match>
      </Switch>
      <details class="teach-check-more">
        <summary>Title, message and time limit</summary>
        <TextField
          label="Title"
          help="What learners see the check as. Empty: made from the check."
          value={props.check.title ?? ''}
          onInput={(v) => props.onChange(withField(props.check, 'title', v === '' ? undefined : v))}
          problems={problemsAt('title')}
        />
        <TextField
          label="Message when it fails"
          help="Your nudge, shown after the app's own words (Markdown)."
          rows={2}
          value={props.check.message ?? ''}
          onInput={(v) => props.onChange(withField(props.check, 'message', v === '' ? undefined : v))}
          problems={problemsAt('message')}
        />
        <NumberField
          label="Time limit in seconds"
          help="Empty: 5 seconds. At most 30."
          min={0}
          max={30}
          value={props.check.timeout}
          onChange={(v) => props.onChange(withField(props.check, 'timeout', v))}
          problems={problemsAt('timeout')}
        />
      </details>
    </div>
  );
}
