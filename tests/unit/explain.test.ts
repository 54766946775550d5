// Plain-language explanations of errors (features/explain): the runner's real
// Python in Pyodide under Node. Each case of shared/explanations.json has a
// program that produces it, checked for the line it points at and the names
// and values its text must name; the texts are data, so every case and every
// placeholder is checked to be used.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PyodideAPI } from 'pyodide';
import type { PyProxy } from 'pyodide/ffi';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadAppPython, runScript, runShell } from '../support/app-python.ts';

const root = join(import.meta.dirname, '../..');
const texts = JSON.parse(readFileSync(join(root, 'src/features/explain/shared/explanations.json'), 'utf8')) as Record<
  string,
  { match: string; explanation: string; hint: string }
>;
/** Case ids: every key but the shared phrases. */
const caseIds = Object.keys(texts).filter((key) => !key.startsWith('_'));

interface Explanation {
  case: string;
  file: string;
  line: number;
  text: string;
  hint: string;
}

let py: PyodideAPI;
let runner: PyProxy & Record<string, (...args: unknown[]) => PyProxy>;
let out = '';
let err = '';
const answers: string[] = [];
const explanations: Explanation[] = [];
const interrupt = new Int32Array(new SharedArrayBuffer(4));
/** Press Stop once the program has printed this much (0: never), as a learner watching a loop would. */
let stopAfterChars = 0;

beforeAll(async () => {
  py = await loadAppPython({
    stdout: (text) => {
      out += text;
      if (stopAfterChars && out.length >= stopAfterChars) interrupt[0] = 2; // SIGINT, as the worker's Stop does
    },
    stderr: (text) => (err += text),
  });
  py.setInterruptBuffer(interrupt);
  runner = py.pyimport('playground_runner') as typeof runner;
  runner.install({
    can_read: true,
    flush: () => {},
    request_input: () => {},
    wait_event: (timeout?: number) => {
      if (answers.length) return ['input', answers.shift()];
      if (timeout === undefined || timeout === null) throw new Error('would wait forever');
      if (stopAfterChars) {
        interrupt[0] = 2;
        py.checkInterrupt();
      }
      return undefined;
    },
    emit: (kind: string, payload: PyProxy) => {
      expect(kind).toBe('explanation');
      explanations.push(payload.toJs({ dict_converter: Object.fromEntries }) as Explanation);
    },
  });
  // The packages the app could install (the worker sets these from Pyodide's lock).
  const names = py.toPy(['numpy', 'matplotlib']);
  runner.set_known_packages(names);
  names.destroy();
}, 60_000);

beforeEach(() => {
  out = '';
  err = '';
  answers.length = 0;
  explanations.length = 0;
  interrupt[0] = 0;
  stopAfterChars = 0;
});

interface Result {
  status: string;
  error: { type: string; message: string } | null;
}

function run(files: Record<string, string>, explain = true): Result {
  return runScript<Result>(py, runner, files, 'main.py', explain);
}

function shell(code: string): Result {
  return runShell<Result>(runner, code);
}

interface Case {
  /** The case id expected. */
  id: string;
  /** main.py's source, or the project's files. */
  program: string | Record<string, string>;
  line: number;
  file?: string;
  /** What the explanation's text must name (names, values, lines), and its hint. */
  text: string[];
  hint?: string[];
  /** Answers typed at input(). */
  typed?: string[];
  /** Stop the program once it printed this many characters. */
  stopAfter?: number;
}

const lines = (...source: string[]) => source.join('\n') + '\n';

const CASES: Case[] = [
  // NameError
  {
    id: 'name-misspelt',
    program: lines('name = "Ada"', '', 'pritn("Hello", name)'),
    line: 3,
    text: ['`pritn`', '`print`'],
    hint: ['`pritn` to `print`'],
  },
  {
    id: 'name-misspelt',
    program: lines('score = 3', 'print(scroe + 1)'),
    line: 2,
    text: ['`scroe`', '`score`'],
  },
  {
    id: 'name-misspelt-in-other-file',
    program: { 'main.py': lines('gret("Ada")'), 'helpers.py': lines('def greet(name):', '    print(name)') },
    line: 1,
    text: ['`gret`', '`greet`', 'helpers.py'],
    hint: ['from helpers import greet'],
  },
  {
    id: 'name-in-other-file',
    program: { 'main.py': lines('greet("Ada")'), 'helpers.py': lines('def greet(name):', '    print(name)') },
    line: 1,
    text: ['`greet`', 'helpers.py', 'main.py'],
    hint: ['`from helpers import greet`'],
  },
  {
    id: 'name-in-imported-module',
    program: lines('import random', 'print(randint(1, 6))'),
    line: 2,
    text: ['`randint`', '`random`'],
    hint: ['`random.randint`'],
  },
  {
    id: 'module-not-imported',
    program: lines('x = 16', 'print(math.sqrt(x))'),
    line: 2,
    text: ['`math`'],
    hint: ['`import math`'],
  },
  {
    id: 'name-used-before-assigned',
    program: lines('print(total)', 'total = 5'),
    line: 1,
    text: ['`total`', 'line 2'],
  },
  {
    id: 'name-needs-quotes',
    program: lines('print(hello)'),
    line: 1,
    text: ['`hello`', '`"hello"`'],
  },
  {
    id: 'global-changed-in-function',
    program: lines('count = 0', 'def add_point():', '    count = count + 1', 'add_point()'),
    line: 3,
    text: ['`add_point`', '`count`', 'line 3'],
    hint: ['`global count`'],
  },
  // SyntaxError
  {
    id: 'missing-colon',
    program: lines('x = 1', 'if x == 1', '    print(x)'),
    line: 2,
    text: ['`if`'],
    hint: ['`if x == 1:`'],
  },
  {
    id: 'missing-colon',
    program: lines('def greet(name)', '    print(name)'),
    line: 1,
    text: ['`def`'],
    hint: ['`def greet(name):`'],
  },
  {
    id: 'bracket-never-closed',
    program: lines('x = 1', 'print((x + 2)', 'y = 3'),
    line: 2,
    text: ['`(`', 'character 6', 'line 2', '`print(`', '`)`'],
  },
  {
    id: 'bracket-mismatched',
    program: lines('scores = [1,', '  (2, 3]'),
    line: 2,
    text: ['`]`', '`(`', 'line 2', 'character 3', '`)`'],
  },
  {
    id: 'string-never-closed',
    program: lines('name = "Ada', 'print(name)'),
    line: 1,
    text: ['`"`', '`"Ada`'],
  },
  {
    id: 'print-without-brackets',
    program: lines('print "hello"'),
    line: 1,
    text: ['`print "hello"`'],
    hint: ['`print("hello")`'],
  },
  {
    id: 'equals-in-condition',
    program: lines('age = 12', 'if age = 12:', '    print("twelve")'),
    line: 2,
    text: ['`age`', '`12`', '`==`'],
    hint: ['`if age == 12:`'],
  },
  {
    id: 'keyword-as-name',
    program: lines('class = 5'),
    line: 1,
    text: ['`class`'],
    hint: ['`my_class`'],
  },
  {
    id: 'keyword-as-name',
    program: lines('def if():', '    pass'),
    line: 1,
    text: ['`if`'],
  },
  {
    id: 'indent-unexpected',
    program: lines('x = 1', '    y = 2'),
    line: 2,
    text: ['4 spaces', 'line 1', 'no spaces'],
  },
  {
    id: 'indent-unexpected-first',
    program: lines('  print("hi")'),
    line: 1,
    text: ['2 spaces'],
  },
  {
    id: 'indent-expected',
    program: lines('for i in range(3):', 'print(i)'),
    line: 2,
    text: ['`for i in range(3):`', 'line 1', '`for`'],
  },
  {
    id: 'indent-mismatch',
    program: lines('if True:', '    x = 1', '    y = 2', '   z = 3'),
    line: 4,
    text: ['Line 4 starts with 3 spaces', '4 spaces', 'line 3'],
  },
  {
    id: 'indent-tabs-and-spaces',
    program: lines('if True:', '\tx = 1', '        y = 2'),
    line: 3,
    text: ['8 spaces', 'line 2', 'a tab'],
    hint: ['line 2'],
  },
  // TypeError
  {
    id: 'str-plus-number',
    program: lines('age = 12', 'print("Age: " + age)'),
    line: 2,
    text: ['`"Age: " + age`', '`age` is the number 12'],
    hint: ['`str(age)`', '`f"Age: {age}"`'],
  },
  {
    id: 'str-plus-number',
    program: lines('print("Lives: " + 3)'),
    line: 1,
    text: ['`3` is the number 3'],
    hint: ['`"3"`', '`f"Lives: 3"`'],
  },
  {
    id: 'input-used-as-number',
    program: lines('age = input("How old are you? ")', 'print(age + 1)'),
    typed: ['12'],
    line: 2,
    text: ['`age`', "'12'", 'line 1', '`age + 1`'],
    hint: ['`age = int(input("How old are you? "))`'],
  },
  {
    id: 'input-answer-used-as-number',
    program: lines('for i in range(input("How many? ")):', '    print(i)'),
    typed: ['3'],
    line: 1,
    text: ['`input("How many? ")`', '`range(input("How many? "))`'],
    hint: ['`int(input("How many? "))`'],
  },
  {
    id: 'not-callable',
    program: lines('x = 5', 'print(x(2 + 3))'),
    line: 2,
    text: ['`x`', '5'],
  },
  {
    id: 'builtin-replaced',
    program: lines('print = 3', 'print("hi")'),
    line: 2,
    text: ['`print`', 'line 1', '`print = 3`', '3'],
    hint: ['line 1'],
  },
  {
    id: 'args-missing',
    program: lines('def greet(name, times):', '    print(name * times)', '', 'greet("Ada")'),
    line: 4,
    text: ['`greet`', '2 values', 'name, times', '1', '`times`'],
  },
  {
    id: 'args-missing',
    program: lines('def area(width, height=1):', '    return width * height', 'print(area())'),
    line: 3,
    text: ['`area`', '1 to 2 values', 'width, height', 'gives it no values', '`width`'],
  },
  {
    id: 'args-none-expected',
    program: lines('def greet():', '    print("Hello")', 'greet("Ada")'),
    line: 3,
    text: ['`greet`', '`greet("Ada")` gives it 1 value'],
    hint: ['`greet()`'],
  },
  {
    id: 'args-too-many',
    program: lines(
      'class Dog:',
      '    def bark(self, times):',
      '        print("Woof" * times)',
      'rex = Dog()',
      'rex.bark(2, 3)',
    ),
    line: 5,
    text: ['`rex.bark`', '1 value', '(times)', '`rex.bark(2, 3)` gives it 2'],
  },
  // ValueError
  {
    id: 'typed-not-a-number',
    program: lines('age = int(input("How old are you? "))', 'print(age + 1)'),
    typed: ['twelve'],
    line: 1,
    text: ['twelve', '`int()`'],
  },
  {
    id: 'typed-decimal-for-int',
    program: lines('answer = input("Number? ")', 'n = int(answer)'),
    typed: ['12.5'],
    line: 2,
    text: ['12.5'],
    hint: ['`float()`'],
  },
  {
    id: 'typed-nothing',
    program: lines('size = float(input("Size? "))'),
    typed: [''],
    line: 1,
    text: ['`float()`'],
  },
  {
    id: 'text-not-a-number',
    program: lines('words = ["one", "two"]', 'n = int(words[0])'),
    line: 2,
    text: ["'one'", '`int()`'],
  },
  // IndexError, KeyError, ZeroDivisionError
  {
    id: 'index-out-of-range',
    program: lines('scores = [10, 20, 30]', 'print(scores[3])'),
    line: 2,
    text: ['`scores`', '3 items', '0 to 2', '`scores[3]`'],
  },
  {
    id: 'index-out-of-range-variable',
    program: lines('word = "cat"', 'i = 0', 'while True:', '    print(word[i])', '    i = i + 1'),
    line: 4,
    text: ['`word[i]`', 'position 3', '`i`', '3 characters', '0 to 2'],
  },
  {
    id: 'index-empty',
    program: lines('names = []', 'print(names[0])'),
    line: 2,
    text: ['`names`', '`names[0]`'],
  },
  {
    id: 'key-missing',
    program: lines('ages = {"ann": 12, "bob": 13}', 'print(ages["zed"])'),
    line: 2,
    text: ['`ages`', "'zed'", "'ann', 'bob'"],
  },
  {
    id: 'key-misspelt',
    program: lines('ages = {"ann": 12, "bob": 13}', 'print(ages["Ann"])'),
    line: 2,
    text: ['`ages`', "'Ann'", "'ann'"],
  },
  {
    id: 'key-missing-empty',
    program: lines('stock = {}', 'stock["apples"] += 1'),
    line: 2,
    text: ['`stock`', "'apples'"],
  },
  {
    id: 'divide-by-zero',
    program: lines('total = 10', 'count = 0', 'print(total / count)'),
    line: 3,
    text: ['`total / count`', '`count`'],
    hint: ['`if count != 0:`'],
  },
  {
    id: 'divide-by-zero-number',
    program: lines('print(7 // 0)'),
    line: 1,
    text: ['`7 // 0`'],
  },
  // AttributeError and imports
  {
    id: 'attribute-misspelt',
    program: lines('word = "hi"', 'print(word.uper())'),
    line: 2,
    text: ['`word`', '`.uper`', '`.upper`'],
  },
  {
    id: 'none-from-function',
    program: lines('def make_list():', '    numbers = [1, 2]', '', 'numbers = make_list()', 'numbers.append(3)'),
    line: 5,
    text: ['`numbers`', '`.append`', 'line 4', '`make_list`'],
    hint: ['`make_list`'],
  },
  {
    id: 'none-from-method',
    program: lines('names = ["bo", "al"]', 'names = names.sort()', 'print(names.count("al"))'),
    line: 3,
    text: ['`names`', '`.count`', 'line 2', '`.sort()`'],
    hint: ['`names.sort()`'],
  },
  {
    id: 'none-has-no-attribute',
    program: lines('found = None', 'print(found.upper())'),
    line: 2,
    text: ['`found`', '`.upper`'],
  },
  {
    id: 'module-shadowed',
    program: { 'main.py': lines('import statistics', 'print(statistics.mean([1, 2]))'), 'statistics.py': 'x = 1\n' },
    line: 2,
    text: ['`statistics.py`', '`statistics`', '`mean`'],
    hint: ['`statistics.py`'],
  },
  {
    id: 'module-shadowed',
    program: { 'main.py': lines('from turtle import Turtle'), 'turtle.py': 'x = 1\n' },
    line: 1,
    text: ['`turtle.py`', '`Turtle`'],
  },
  {
    id: 'import-name-misspelt',
    program: lines('from math import sqroot'),
    line: 1,
    text: ['`math`', '`sqroot`', '`sqrt`'],
  },
  {
    id: 'module-misspelt',
    program: lines('import maths', 'print(maths.pi)'),
    line: 1,
    text: ['`maths`', '`math`'],
    hint: ['`import maths`'],
  },
  {
    id: 'package-not-downloaded',
    program: lines('import importlib', 'np = importlib.import_module("numpy")'),
    line: 2,
    text: ['`numpy`'],
  },
  // RecursionError
  {
    id: 'recursion-no-base-case',
    program: lines('def countdown(n):', '    print(n)', '    countdown(n - 1)', '', 'countdown(3)'),
    line: 3,
    text: ['`countdown`'],
  },
  {
    id: 'recursion-never-stops',
    program: lines('def total(n):', '    if n == 0:', '        return 0', '    return n + total(n + 1)', 'total(3)'),
    line: 4,
    text: ['`total`'],
  },
  // Stop
  {
    id: 'stopped-in-while-loop',
    program: lines('count = 0', 'while count < 10:', '    print("again")'),
    stopAfter: 2000,
    line: 2,
    text: ['`while count < 10:`', '`count < 10`'],
    hint: ['`count`'],
  },
  {
    id: 'stopped-in-while-true',
    program: lines('import time', 'while True:', '    time.sleep(1)'),
    stopAfter: 1,
    line: 2,
    text: ['`while True:`'],
  },
  {
    id: 'stopped-in-for-loop',
    program: lines('for i in range(10 ** 9):', '    print(i)'),
    stopAfter: 2000,
    line: 1,
    text: ['`for i in range(10 ** 9):`'],
  },
];

/** Runs a case's program and returns its one explanation. */
function explainCase(c: Case): Explanation | undefined {
  explanations.length = 0;
  answers.push(...(c.typed ?? []));
  stopAfterChars = c.stopAfter ?? 0;
  interrupt[0] = 0;
  run(typeof c.program === 'string' ? { 'main.py': c.program } : c.program);
  stopAfterChars = 0;
  interrupt[0] = 0;
  expect(explanations.length).toBeLessThanOrEqual(1);
  return explanations[0];
}

describe('each case', () => {
  it.each(CASES.map((c) => [`${c.id}: ${JSON.stringify(c.program).slice(0, 60)}`, c] as const))('%s', (_, c) => {
    const found = explainCase(c);
    expect(found, err).toBeDefined();
    expect(found!.case).toBe(c.id);
    expect(found!.file).toBe(c.file ?? 'main.py');
    expect(found!.line).toBe(c.line);
    for (const part of c.text) expect(found!.text).toContain(part);
    for (const part of c.hint ?? []) expect(found!.hint).toContain(part);
  });
});

describe('explanations', () => {
  it('does not explain a program without an error, nor an error no case fits', () => {
    expect(run({ 'main.py': 'print("fine")' }).status).toBe('ok');
    expect(explanations).toEqual([]);
    expect(run({ 'main.py': 'raise RuntimeError("my own")' }).status).toBe('error');
    expect(run({ 'main.py': 'assert 1 == 2' }).status).toBe('error');
    expect(explanations).toEqual([]);
  });

  it('explains an error raised inside the standard library at the learner’s line that called it', () => {
    // random.choice and random.randint are Python code of the standard library: the errors come from inside them.
    const empty = run({ 'main.py': lines('import random', 'names = []', '', 'print(random.choice(names))') });
    expect(empty.error?.type).toBe('IndexError');
    expect(explanations).toHaveLength(1);
    expect(explanations[0]).toMatchObject({ case: 'index-empty', file: 'main.py', line: 4 });
    expect(explanations[0].text).toContain('`names`');
    expect(explanations[0].text).toContain('`random.choice(names)`');

    explanations.length = 0;
    answers.push('6');
    const typed = run({
      'main.py': lines('import random', '', 'top = input("Highest number? ")', 'print(random.randint(1, top))'),
    });
    expect(typed.error?.type).toBe('TypeError');
    expect(explanations).toHaveLength(1);
    expect(explanations[0]).toMatchObject({ case: 'input-used-as-number', file: 'main.py', line: 4 });
    expect(explanations[0].text).toContain('`top`');
    expect(explanations[0].text).toContain('`random.randint(1, top)`');
  });

  it('points at the project file where the error is', () => {
    run({
      'main.py': lines('import shapes', 'shapes.area(0)'),
      'shapes.py': lines('def area(width):', '    side = 10', '    return side / width'),
    });
    expect(explanations).toHaveLength(1);
    expect(explanations[0]).toMatchObject({ case: 'divide-by-zero', file: 'shapes.py', line: 3 });
    expect(explanations[0].text).toContain('`width`');
  });

  it('explains a shell line as <shell>, with the program’s names', () => {
    run({ 'main.py': 'colour = "red"' });
    expect(shell('print(colur)').status).toBe('error');
    expect(explanations).toHaveLength(1);
    expect(explanations[0]).toMatchObject({ case: 'name-misspelt', file: '<shell>', line: 1 });
    expect(explanations[0].text).toContain('`colour`');
  });

  it('gives none when the run asks for none (the learner switched explanations off)', () => {
    const { status } = run({ 'main.py': 'pritn("hi")' }, false);
    expect(status).toBe('error');
    expect(err).toContain('NameError');
    expect(explanations).toEqual([]);
  });

  it('gives none for Stop outside any loop', () => {
    stopAfterChars = 1;
    const { status } = run({ 'main.py': lines('import time', 'print("wait")', 'time.sleep(5)') });
    expect(status).toBe('interrupted');
    expect(explanations).toEqual([]);
  });

  it('never fails the run, even for an exception that breaks the usual rules', () => {
    const badName = run({ 'main.py': lines('e = NameError("x")', 'e.name = 5', 'raise e') });
    expect(badName.status).toBe('error');
    expect(explanations).toEqual([]);
  });

  it('still explains an error in a huge file, from its failing line alone', () => {
    const filler = Array.from({ length: 6000 }, (_, i) => `value_${i} = ${i} * 2`);
    run({ 'main.py': lines(...filler, 'print(value_1 / 0)') });
    expect(explanations).toHaveLength(1);
    expect(explanations[0]).toMatchObject({ case: 'divide-by-zero-number', line: 6001 });
  });
});

describe('the texts', () => {
  it('has a test program for every case, so no text is dead', () => {
    const tested = new Set(CASES.map((c) => c.id));
    expect(caseIds.filter((id) => !tested.has(id))).toEqual([]);
    expect([...tested].filter((id) => !caseIds.includes(id))).toEqual([]);
  });

  it('fills every placeholder of every case', () => {
    for (const c of CASES) {
      const found = explainCase(c);
      expect(found?.case).toBe(c.id);
      for (const field of `${texts[c.id].explanation} ${texts[c.id].hint}`.match(/\{[a-z_]+\}/g) ?? []) {
        expect(found!.text + found!.hint, `${c.id} ${field}`).not.toContain(field);
      }
    }
  });

  it('says what each case is for, and has an explanation and a hint', () => {
    for (const id of caseIds) {
      expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(texts[id].match.length, id).toBeGreaterThan(10);
      expect(texts[id].explanation.length, id).toBeGreaterThan(10);
      expect(texts[id].hint.length, id).toBeGreaterThan(10);
    }
  });

  it('logs how long an explanation takes (no limit asserted: machines differ)', () => {
    py.runPython(`
import time, playground_explain
_timed_original = playground_explain.explain
explain_ms = []
def _timed(exc, stopped=False):
    started = time.perf_counter()
    try:
        return _timed_original(exc, stopped=stopped)
    finally:
        explain_ms.append((time.perf_counter() - started) * 1000)
playground_explain.explain = _timed
`);
    const perCase: [string, number][] = [];
    try {
      for (const c of CASES) {
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          py.runPython('explain_ms.clear()');
          explainCase(c);
          times.push(...(py.runPython('list(explain_ms)').toJs() as number[]));
        }
        perCase.push([c.id, times.sort((a, b) => a - b)[2]]);
      }
    } finally {
      py.runPython('playground_explain.explain = _timed_original');
    }
    perCase.sort((a, b) => b[1] - a[1]);
    const all = perCase.map(([, ms]) => ms).sort((a, b) => a - b);
    console.log(
      `explanation time, median of 5 runs: typical ${all[Math.floor(all.length / 2)].toFixed(2)} ms, ` +
        `slowest ${perCase
          .slice(0, 5)
          .map(([id, ms]) => `${id} ${ms.toFixed(2)} ms`)
          .join(', ')}`,
    );
    expect(perCase).toHaveLength(CASES.length);
  });
});
