// Runs an exercise's checks in the worker's Python and judges them here, in
// code a learner's program cannot reach: what the program printed arrives as
// bytes through Pyodide's stdout (never through a Python object it could
// patch), expected values are read before the learner's code runs, return
// values are converted by Pyodide's own C-level conversion and compared here,
// and each test is called from here (a test passes when calling it raises
// nothing). The Python side (playground_checks.py) only runs things and puts
// back what the learner's code changed.
import type { PyodideAPI } from 'pyodide';
import type { PyProxy } from 'pyodide/ffi';
import type { ProjectFile } from '../../../model/files.ts';
import { checkTitle } from '../shared/check-titles.ts';
import type { TurtleBatch } from '../../turtle/shared/ops.ts';
import { containsProxy, kindDifference, sameValue } from './compare-values.ts';
import { covers, point, readDrawing, sameShape } from './drawing.ts';
import {
  type CallCheck,
  type Check,
  type CheckOutcome,
  type CheckReport,
  type CodeCheck,
  type OutputCheck,
  type OutputMatch,
  type TestsCheck,
  type TurtleCheck,
} from '../../../model/lesson.ts';

/** Seconds a check's code may take when the check does not say. */
export const DEFAULT_CHECK_TIMEOUT_S = 5;
export const MAX_CHECK_TIMEOUT_S = 30;
/** Output kept for a comparison: a program that prints without end is judged on its first megabyte. */
const MAX_CAPTURED_CHARS = 1_000_000;

export type OutputSink = (stream: 'stdout' | 'stderr', text: string) => void;

/** What the engine needs from where it runs (the worker, or a test under Node). */
export interface CheckHost {
  /** Sends Python's stdout and stderr to `sink` while it is set (undefined: back to normal). */
  captureOutput(sink: OutputSink | undefined): void;
  /** A check starts: the page times it (and interrupts Python when it takes too long). */
  onCheckStart?(index: number, timeoutMs: number): void;
  /** A check ended (outcomes also come back together at the end). */
  onOutcome?(outcome: CheckOutcome): void;
}

type PyFunction = PyProxy & ((...args: unknown[]) => PyProxy);
type Harness = Record<
  | 'restore'
  | 'evaluate'
  | 'arguments'
  | 'regex'
  | 'color'
  | 'show'
  | 'plain'
  | 'run_program'
  | 'code_findings'
  | 'load_tests'
  | 'last_message'
  | 'before_test'
  | 'after_test'
  | 'finish_tests',
  PyFunction
>;

/** A Python exception as it reaches JavaScript (Pyodide's PythonError). */
interface PythonFailure {
  type: string;
  message: string;
}

function pythonType(error: unknown): string | undefined {
  const type = (error as { type?: unknown })?.type;
  return typeof type === 'string' && error instanceof Error ? type : undefined;
}

/** The check's own time limit, in milliseconds. */
export function checkTimeoutMs(check: Check): number {
  const seconds = typeof check.timeout === 'number' && check.timeout > 0 ? check.timeout : DEFAULT_CHECK_TIMEOUT_S;
  return Math.min(seconds, MAX_CHECK_TIMEOUT_S) * 1000;
}

/** Output compared the way a check says: lines without trailing spaces, no trailing blank lines, … */
export function normaliseOutput(text: string, match: OutputMatch): string {
  if (match === 'exact') return text;
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const joined = lines.join('\n');
  return match === 'ignore-case' ? joined.toLowerCase() : joined;
}

/** The first line (1-based) where two outputs differ, as compared. */
export function firstDifference(expected: string, actual: string): number {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i + 1;
  return 0;
}

/**
 * Runs checks in a Python that has the app's Python loaded and the runner
 * installed. One engine per interpreter: the harness is made once, before any
 * learner code runs in it.
 */
export class CheckEngine {
  private readonly harness: Harness;
  private readonly harnessDict: PyProxy;
  /** What a terminal showed for each answered input() during the current check (prompt and answer). */
  private echoed: ((text: string) => void) | undefined;
  /** A turtle check's program runs: the drawing commands it sends, kept here (they never reach the page). */
  private turtleBatches: TurtleBatch[] | undefined;

  /** A batch of turtle commands the program sent during a check (the worker hands every one here). */
  takeTurtle(batch: TurtleBatch): void {
    this.turtleBatches?.push(batch);
  }

  constructor(
    private readonly py: PyodideAPI,
    private readonly host: CheckHost,
  ) {
    const module = py.pyimport('playground_checks') as PyProxy & { make_harness: PyFunction };
    this.harnessDict = module.make_harness((text: string) => this.echoed?.(String(text)));
    module.destroy();
    const entries = this.harnessDict.toJs({ dict_converter: Object.fromEntries, depth: 1 }) as Harness;
    this.harness = entries;
  }

  private isProxy = (value: unknown): value is PyProxy => value instanceof this.py.ffi.PyProxy;

  /** Runs every check (those that only read the code first) and reports each outcome. */
  run(files: ProjectFile[], main: string, checks: Check[]): CheckReport {
    const started = performance.now();
    const order = checks.map((check, index) => ({ check, index }));
    // Reading the code comes first: no learner code has run yet in this interpreter, so nothing it could
    // have changed (the ast module, say) stands between the code and the verdict.
    order.sort((a, b) => Number(b.check.kind === 'code') - Number(a.check.kind === 'code'));
    const outcomes: CheckOutcome[] = [];
    const pyFiles = this.py.toPy(files.map((f) => [f.name, f.content])) as PyProxy;
    try {
      for (const { check, index } of order) {
        this.host.onCheckStart?.(index, checkTimeoutMs(check));
        const outcome = this.runOne(check, index, pyFiles, main);
        outcomes.push(outcome);
        this.host.onOutcome?.(outcome);
      }
    } finally {
      pyFiles.destroy();
      this.host.captureOutput(undefined);
      this.echoed = undefined;
      try {
        this.harness.restore().destroy?.();
      } catch {
        // A restore interrupted by a late Stop: the page starts a fresh Python after checks anyway.
      }
    }
    outcomes.sort((a, b) => a.index - b.index);
    return { outcomes, passed: outcomes.every((o) => o.passed), durationMs: performance.now() - started };
  }

  private runOne(check: Check, index: number, files: PyProxy, main: string): CheckOutcome {
    const base = { index, kind: check.kind, title: checkTitle(check) };
    try {
      let outcome: CheckOutcome;
      switch (check.kind) {
        case 'output':
          outcome = this.output(check, base, files, main);
          break;
        case 'call':
          outcome = this.call(check, base, files, main);
          break;
        case 'tests':
          outcome = this.tests(check, base, files, main);
          break;
        case 'code':
          outcome = this.code(check, base, files, main);
          break;
        case 'turtle':
          outcome = this.turtle(check, base, files, main);
          break;
        default:
          outcome = { ...base, passed: false, message: 'This version of the app cannot run this kind of check.' };
      }
      if (!outcome.passed && check.message) outcome.message += ` ${check.message}`;
      return outcome;
    } catch (error) {
      const type = pythonType(error);
      if (type === 'KeyboardInterrupt') return tookTooLong(base, check);
      if (error instanceof BrokenCheck) return { ...base, passed: false, message: error.message };
      if (type)
        return { ...base, passed: false, errorType: type, message: `The check could not run: ${lastLine(error)}` };
      throw error;
    } finally {
      this.host.captureOutput(undefined);
      this.echoed = undefined;
    }
  }

  /** Runs the program with the check's answers; what it printed is captured here, as bytes arrive. */
  private program(
    files: PyProxy,
    main: string,
    answers: string[],
    echoPrompts: boolean,
  ): { printed: string; shown: string; errors: string; result: ProgramResult; namespace: PyProxy; overflow: boolean } {
    let printed = '';
    let shown = '';
    let errors = '';
    let overflow = false;
    const add = (text: string, to: 'printed' | 'shown' | 'errors') => {
      if (to === 'printed') {
        if (printed.length + text.length > MAX_CAPTURED_CHARS) overflow = true;
        else printed += text;
      } else if (to === 'shown') {
        if (shown.length + text.length <= MAX_CAPTURED_CHARS) shown += text;
      } else if (errors.length + text.length <= MAX_CAPTURED_CHARS) errors += text;
    };
    this.host.captureOutput((stream, text) => {
      if (stream === 'stdout') {
        add(text, 'printed');
        add(text, 'shown');
      } else add(text, 'errors');
    });
    this.echoed = (text) => add(text, 'shown');
    const pyAnswers = this.py.toPy(answers) as PyProxy;
    let pair: PyProxy;
    try {
      pair = this.harness.run_program(files, main, pyAnswers, echoPrompts);
    } finally {
      pyAnswers.destroy();
      this.host.captureOutput(undefined);
      this.echoed = undefined;
    }
    const resultProxy = pair.get(0) as PyProxy;
    const namespace = pair.get(1) as PyProxy;
    pair.destroy();
    const result = resultProxy.toJs({ dict_converter: Object.fromEntries }) as ProgramResult;
    resultProxy.destroy();
    return { printed, shown, errors, result, namespace, overflow };
  }

  private output(check: OutputCheck, base: Base, files: PyProxy, main: string): CheckOutcome {
    const match = check.match ?? 'normalised';
    // Compiled before the learner's code runs; its search is a method of a C type, which no program can patch.
    const pattern = match === 'regex' ? this.broken(() => this.harness.regex(check.expect), 'its pattern') : undefined;
    const answers = check.stdin ?? [];
    let run;
    try {
      run = this.program(files, main, answers, check.prompts === true);
    } catch (error) {
      pattern?.destroy();
      throw error;
    }
    run.namespace.destroy();
    if (run.result.status === 'interrupted') {
      pattern?.destroy();
      return tookTooLong(base, check);
    }
    const actualText = check.prompts ? run.shown : run.printed;
    const comparison = { expected: check.expect, actual: actualText, match };
    let same: boolean;
    if (pattern) {
      const found = (pattern as PyProxy & { search: PyFunction }).search(actualText);
      same = found !== undefined && found !== null;
      if (this.isProxy(found)) found.destroy();
      pattern.destroy();
    } else {
      same = normaliseOutput(check.expect, match) === normaliseOutput(actualText, match);
    }
    const stopped = programStopped(run.result, answers.length);
    if (run.overflow) {
      return { ...base, passed: false, comparison, message: 'Your program printed more than a million characters.' };
    }
    if (same && !stopped) return { ...base, passed: true, comparison, message: 'It printed what was expected.' };
    const where = pattern
      ? 'The output does not match the pattern this check looks for.'
      : `The output is not what was expected (look at line ${firstDifference(
          normaliseOutput(check.expect, match),
          normaliseOutput(actualText, match),
        )}).`;
    return {
      ...base,
      passed: false,
      comparison,
      errorType: run.result.error?.type,
      message: stopped ? `${stopped} ${same ? '' : where}`.trim() : where,
    };
  }

  private call(check: CallCheck, base: Base, files: PyProxy, main: string): CheckOutcome {
    // The expected value and the arguments are made before the learner's code runs.
    const expectedProxy = this.broken(() => this.harness.evaluate(check.expect), 'its expected value');
    const expected = this.plain(expectedProxy);
    const expectedText = String(this.harness.show(expectedProxy));
    if (this.isProxy(expectedProxy)) expectedProxy.destroy();
    if (containsProxy(expected.value, this.isProxy)) {
      expected.destroy();
      throw new BrokenCheck(
        'This check is broken (a problem in the lesson pack, not in your code): its expected value must be made of numbers, text, True, False, None, lists, tuples, sets and dicts.',
      );
    }
    const callText = `${check.function}(${check.args ?? ''})`;
    let argsPair: PyProxy;
    try {
      argsPair = this.broken(() => this.harness.arguments(check.args ?? ''), 'its arguments');
    } catch (error) {
      expected.destroy();
      throw error;
    }
    try {
      const run = this.program(files, main, check.stdin ?? [], false);
      try {
        if (run.result.status === 'interrupted') return tookTooLong(base, check);
        const stopped = programStopped(run.result, (check.stdin ?? []).length);
        if (stopped) {
          return {
            ...base,
            passed: false,
            errorType: run.result.error?.type,
            message: `${stopped} So ${callText} could not be tried.`,
          };
        }
        const fn = (run.namespace as PyProxy & { get(key: string): unknown }).get(check.function);
        if (fn === undefined || fn === null) {
          return {
            ...base,
            passed: false,
            message: `${main} has no function called ${check.function}. Define it with  def ${check.function}(…):`,
          };
        }
        if (!this.isProxy(fn) || !(fn as PyProxy & { callKwargs?: unknown }).callKwargs) {
          return { ...base, passed: false, message: `${check.function} in ${main} is not a function.` };
        }
        const callable = fn as PyProxy & { callKwargs(...args: unknown[]): unknown };
        const args = argsPair.get(0) as PyProxy;
        const kwargs = argsPair.get(1) as PyProxy;
        let returned: unknown;
        try {
          const positional = (args.toJs({ depth: 1, create_pyproxies: true }) as unknown[]) ?? [];
          const named = kwargs.toJs({ depth: 1, dict_converter: Object.fromEntries, create_pyproxies: true }) as Record<
            string,
            unknown
          >;
          returned = callable.callKwargs(...positional, named);
        } catch (error) {
          const type = pythonType(error);
          if (type === 'KeyboardInterrupt') return tookTooLong(base, check);
          if (!type) throw error;
          return {
            ...base,
            passed: false,
            errorType: type,
            message: `${callText} stopped with ${type}: ${pythonMessage(error)}`,
          };
        } finally {
          args.destroy();
          kwargs.destroy();
          callable.destroy();
        }
        const actual = this.plain(returned);
        try {
          const same = sameValue(expected.value, actual.value, check.tolerance ?? 0, this.isProxy);
          const shown = String(this.harness.show(returned));
          if (same) return { ...base, passed: true, message: `${callText} returned ${shown}.` };
          const kinds = kindDifference(expected.value, actual.value, check.tolerance ?? 0, this.isProxy);
          const why = kinds ? `: ${kinds}` : '';
          return { ...base, passed: false, message: `${callText} returned ${shown}, expected ${expectedText}${why}.` };
        } finally {
          actual.destroy();
          if (this.isProxy(returned)) (returned as PyProxy).destroy();
        }
      } finally {
        run.namespace.destroy();
      }
    } finally {
      argsPair.destroy();
      expected.destroy();
    }
  }

  private tests(check: TestsCheck, base: Base, files: PyProxy, main: string): CheckOutcome {
    const loaded = this.harness.load_tests(files, main, check.file, check.content);
    const fields = loaded.toJs({ dict_converter: Object.fromEntries, depth: 1, create_pyproxies: true }) as {
      tests?: PyProxy;
      error?: string;
      type?: string;
      broken?: boolean;
    };
    loaded.destroy();
    if (!fields.tests) {
      const message = fields.broken
        ? `This check is broken (a problem in the lesson pack, not in your code): ${fields.error}`
        : String(fields.error);
      return { ...base, passed: false, errorType: fields.broken ? undefined : fields.type, message };
    }
    const list = fields.tests.toJs({ depth: 2, create_pyproxies: true }) as [string, PyFunction][];
    fields.tests.destroy();
    const results: NonNullable<CheckOutcome['tests']> = [];
    let timedOut = false;
    let errorType: string | undefined;
    try {
      if (list.length === 0) {
        throw new BrokenCheck(
          `This check is broken (a problem in the lesson pack, not in your code): ${check.file} has no tests (functions or methods whose names start with "test").`,
        );
      }
      for (const [name, test] of list) {
        if (timedOut) {
          results.push({ name, passed: false, message: 'Not run: an earlier test took too long.' });
          continue;
        }
        this.harness.before_test();
        let passed = true;
        let message = '';
        try {
          test();
        } catch (error) {
          const type = pythonType(error);
          if (!type) throw error;
          if (type === 'KeyboardInterrupt') {
            timedOut = true;
            passed = false;
            message = 'Took too long: is there a loop that never ends?';
          } else if (type === 'SkipTest') {
            message = 'Skipped.';
          } else {
            passed = false;
            errorType ??= type === 'AssertionError' ? undefined : type;
            message = String(this.harness.last_message()) || lastLine(error);
          }
        }
        const changedProxy = this.harness.after_test();
        const changed = changedProxy.toJs() as string[];
        changedProxy.destroy();
        if (changed.length > 0) {
          passed = false;
          message = `Your code changed ${changed.slice(0, 3).join(', ')}, which the tests rely on, so this test cannot be trusted.`;
        }
        results.push({ name, passed, message: message || 'Passed.' });
      }
      // tearDownClass and tearDownModule, after the last test; a failure among them is a failure of the check.
      if (!timedOut) {
        this.harness.before_test();
        try {
          const failedProxy = this.harness.finish_tests();
          const failed = failedProxy.toJs() as [string, string][];
          failedProxy.destroy();
          for (const [name, message] of failed) results.push({ name, passed: false, message });
        } catch (error) {
          if (pythonType(error) !== 'KeyboardInterrupt') throw error;
          timedOut = true;
          results.push({
            name: 'tearDownClass',
            passed: false,
            message: 'Took too long: is there a loop that never ends?',
          });
        } finally {
          this.harness.after_test().destroy();
        }
      }
    } finally {
      for (const [, test] of list) test.destroy();
    }
    const passedCount = results.filter((r) => r.passed).length;
    const all = passedCount === results.length;
    return {
      ...base,
      passed: all,
      tests: results,
      ...(timedOut ? { timedOut } : {}),
      ...(errorType ? { errorType } : {}),
      message: all
        ? `All ${results.length} tests passed.`
        : `${passedCount} of ${results.length} test${results.length === 1 ? '' : 's'} passed.`,
    };
  }

  private code(check: CodeCheck, base: Base, files: PyProxy, main: string): CheckOutcome {
    const toPy = (value: unknown) => this.py.toPy(value) as PyProxy;
    const requires = toPy(check.requires ?? []);
    const forbids = toPy(check.forbids ?? []);
    const defines = toPy((check.defines ?? []).map((d) => new Map(Object.entries(d))));
    try {
      // The ast module back as it was, in case an earlier check's program changed it.
      this.harness.restore().destroy();
      const proxy = this.harness.code_findings(files, main, requires, forbids, defines);
      const findings = proxy.toJs() as [boolean, string][];
      proxy.destroy();
      const failed = findings.filter(([ok]) => !ok).map(([, text]) => text);
      if (findings.length === 0) return { ...base, passed: true, message: 'Nothing to look for.' };
      if (failed.length === 0) return { ...base, passed: true, message: findings.map(([, t]) => t).join(' ') };
      return { ...base, passed: false, message: failed.join(' ') };
    } finally {
      requires.destroy();
      forbids.destroy();
      defines.destroy();
    }
  }

  private turtle(check: TurtleCheck, base: Base, files: PyProxy, main: string): CheckOutcome {
    const tolerance = check.tolerance ?? 2;
    // Colours resolved before the learner's code runs, as the turtle resolves them.
    const colors = (check.fills ?? []).map((fill) => {
      if (!fill.color) return undefined;
      const resolved = this.harness.color(fill.color) as unknown;
      if (typeof resolved !== 'string') {
        throw new BrokenCheck(
          `This check is broken (a problem in the lesson pack, not in your code): "${fill.color}" is not a colour the turtle knows.`,
        );
      }
      return resolved;
    });
    const batches: TurtleBatch[] = [];
    this.turtleBatches = batches;
    let run;
    try {
      run = this.program(files, main, check.stdin ?? [], false);
    } finally {
      this.turtleBatches = undefined;
    }
    run.namespace.destroy();
    if (run.result.status === 'interrupted') return tookTooLong(base, check);
    const stopped = programStopped(run.result, (check.stdin ?? []).length);
    const drawing = readDrawing(batches);
    const problems: string[] = [];
    for (const want of check.segments ?? []) {
      if (!covers(drawing.segments, want, tolerance)) {
        problems.push(`The drawing has no line from ${point(want[0], want[1])} to ${point(want[2], want[3])}.`);
      }
    }
    (check.fills ?? []).forEach((want, i) => {
      const shapes = drawing.fills.filter((fill) => sameShape(fill, want.points, tolerance));
      const corners = want.points.map(([x, y]) => point(x, y)).join(', ');
      if (shapes.length === 0) problems.push(`The drawing has no filled shape with the corners ${corners}.`);
      else if (colors[i] && !shapes.some((fill) => fill.color.toLowerCase() === colors[i])) {
        problems.push(`The shape with the corners ${corners} is filled with ${shapes[0].color}, not ${want.color}.`);
      }
    });
    if (check.exact) {
      const extra = drawing.segments.find(
        (s) =>
          Math.hypot(s.x2 - s.x1, s.y2 - s.y1) > tolerance &&
          !(check.segments ?? []).some((w) => covers([s], w, tolerance) || pieceOf(s, w, tolerance)),
      );
      if (extra) {
        problems.push(
          `The drawing has a line that is not asked for, from ${point(extra.x1, extra.y1)} to ${point(extra.x2, extra.y2)}.`,
        );
      }
    }
    if (stopped) problems.unshift(stopped);
    if (problems.length === 0) return { ...base, passed: true, message: 'The drawing has everything it should.' };
    return {
      ...base,
      passed: false,
      errorType: run.result.error?.type,
      message: problems.slice(0, 4).join(' ') + (problems.length > 4 ? ` (and ${problems.length - 4} more)` : ''),
    };
  }

  /** Something of the check's own (its pattern, expected value, arguments): if it fails, the pack is at fault. */
  private broken(make: () => PyProxy, what: string): PyProxy {
    try {
      return make();
    } catch (error) {
      const type = pythonType(error);
      if (!type || type === 'KeyboardInterrupt') throw error;
      throw new BrokenCheck(
        `This check is broken (a problem in the lesson pack, not in your code): ${what} is not valid Python (${lastLine(error)}).`,
      );
    }
  }

  /**
   * A Python value as compare-values reads it: its containers tagged by the harness (a Python copy, so a tuple
   * stays a tuple and may be a dict's key), then converted; an object the harness leaves as it is stays a proxy.
   */
  private plain(value: unknown): { value: unknown; destroy(): void } {
    if (!this.isProxy(value)) return { value, destroy() {} };
    const tagged = this.harness.plain(value) as unknown;
    if (!this.isProxy(tagged)) return { value: tagged, destroy() {} };
    const made: PyProxy[] = [];
    // No depth: the harness stops at 100 levels.
    const converted = tagged.toJs({ create_pyproxies: true, pyproxies: made });
    if (converted !== tagged) tagged.destroy();
    return {
      value: converted,
      destroy: () => {
        for (const proxy of made) proxy.destroy();
        if (this.isProxy(converted)) (converted as PyProxy).destroy();
      },
    };
  }
}

type Base = Pick<CheckOutcome, 'index' | 'kind' | 'title'>;

/** Whether a drawn piece lies on the wanted segment (both its ends within the tolerance of it). */
function pieceOf(
  s: { x1: number; y1: number; x2: number; y2: number },
  want: [number, number, number, number],
  tolerance: number,
): boolean {
  const [ax, ay, bx, by] = want;
  const near = (px: number, py: number) => {
    const dx = bx - ax;
    const dy = by - ay;
    const l2 = dx * dx + dy * dy;
    const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2));
    return Math.hypot(px - (ax + t * dx), py - (ay + t * dy)) <= tolerance;
  };
  return near(s.x1, s.y1) && near(s.x2, s.y2);
}

interface ProgramResult {
  status: 'ok' | 'error' | 'interrupted';
  error: { type: string; message: string; location?: { file: string; line: number } | null } | null;
  traceback: string;
}

class BrokenCheck extends Error {}

function tookTooLong(base: Base, check: Check): CheckOutcome {
  return {
    ...base,
    passed: false,
    timedOut: true,
    message: `Your code took longer than ${checkTimeoutMs(check) / 1000} seconds, so the check stopped it. Is there a loop that never ends?`,
  };
}

/** Why the program stopped before its end, in words; undefined when it ended normally. */
function programStopped(result: ProgramResult, answers: number): string | undefined {
  if (result.status === 'ok' || !result.error) return undefined;
  const { type, message, location } = result.error;
  const where = location ? ` (${location.file}, line ${location.line})` : '';
  if (type === 'EOFError' && message.includes('this check answers')) {
    return `Your program asked for input() more times than this check answers (${answers} answer${answers === 1 ? '' : 's'})${where}.`;
  }
  if (type === 'SystemExit') return `Your program ended early (${message})${where}.`;
  return `Your program stopped with ${type}: ${message}${where}.`;
}

/** The last line of a Python traceback: "TypeError: …". */
function lastLine(error: unknown): string {
  const text = String((error as PythonFailure)?.message ?? error).trim();
  return text.split('\n').pop() ?? text;
}

/** The exception's message without its type: "unsupported operand …". */
function pythonMessage(error: unknown): string {
  const line = lastLine(error);
  const type = pythonType(error);
  return type && line.startsWith(type + ':') ? line.slice(type.length + 1).trim() : line;
}
