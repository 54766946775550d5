// The worker's Python runner, run for real in Pyodide under Node: script
// semantics, traceback cleaning, the shell prompt and completion.
import type { PyodideAPI } from 'pyodide';
import type { PyProxy } from 'pyodide/ffi';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STDLIB_MODULES } from '../../src/workspace/stdlib-modules.ts';
import { loadAppPython, runScript, runShell } from '../support/app-python.ts';

let py: PyodideAPI;
let runner: PyProxy & Record<string, (...args: unknown[]) => PyProxy>;
let completer: PyProxy & Record<string, (...args: unknown[]) => PyProxy>;
let out = '';
let err = '';
const answers: string[] = [];
const events: [string, string][] = [];
let inputRequests = 0;
const emitted: Record<string, unknown>[] = [];

beforeAll(async () => {
  py = await loadAppPython({ stdout: (text) => (out += text), stderr: (text) => (err += text) });
  runner = py.pyimport('playground_runner') as typeof runner;
  completer = py.pyimport('playground_complete') as typeof completer;
  runner.install({
    can_read: true,
    flush: () => {},
    request_input: () => (inputRequests += 1),
    // The page's mailbox: queued events, or nothing (a timeout) once it is empty.
    wait_event: (timeout?: number) => {
      const next = events.shift();
      if (next) return next;
      if (answers.length) return ['input', answers.shift()];
      if (timeout === undefined || timeout === null) throw new Error('would wait forever');
      return undefined;
    },
    emit: (kind: string, payload: PyProxy) => {
      emitted.push({ kind, ...(payload.toJs({ dict_converter: Object.fromEntries }) as object) });
      // What was printed before the item must already be out (the worker posts in order).
      emitted.at(-1)!.outBefore = out;
    },
  });
}, 60_000);

beforeEach(() => {
  out = '';
  err = '';
  emitted.length = 0;
  events.length = 0;
  inputRequests = 0;
});

interface Result {
  status: string;
  error: { type: string; message: string; location?: { file: string; line: number; column?: number } } | null;
  written?: [string, string | Uint8Array][];
}

function run(files: Record<string, string | Uint8Array>, entry = 'main.py'): Result {
  return runScript<Result>(py, runner, files, entry);
}

function shell(code: string): Result {
  return runShell<Result>(runner, code);
}

describe('script semantics', () => {
  it('runs the entry as __main__ with argv and cwd of the project', () => {
    const { status } = run({
      'main.py':
        'import os, sys\nprint(__name__, sys.argv, os.getcwd() == os.path.dirname(__file__))\nprint(open("data.txt").read())',
      'data.txt': 'hello data',
    });
    expect(status).toBe('ok');
    expect(out).toBe("__main__ ['main.py'] True\nhello data\n");
  });

  it('is sys.modules["__main__"], so unittest.main(), pickle and import __main__ find its names', () => {
    const { status } = run({
      'main.py': [
        'import pickle, sys, unittest, __main__',
        'class Point:',
        '    def __init__(self, x): self.x = x',
        'class T(unittest.TestCase):',
        '    def test_one(self): self.assertEqual(2, 2)',
        'print(__main__.Point is Point, sys.modules["__main__"].__file__ == __file__)',
        'print(pickle.loads(pickle.dumps(Point(3))).x)',
        'result = unittest.main(argv=["main.py"], exit=False).result',
        'print(result.testsRun, result.wasSuccessful())',
      ].join('\n'),
    });
    expect(status).toBe('ok');
    expect(out).toBe('True True\n3\n1 True\n');
    expect(err).toContain('Ran 1 test');
  });

  it('imports between files and re-imports changed modules on the next run', () => {
    run({ 'main.py': 'import helper\nprint(helper.VALUE)', 'helper.py': 'VALUE = 1' });
    expect(out).toBe('1\n');
    out = '';
    run({ 'main.py': 'import helper\nprint(helper.VALUE)', 'helper.py': 'VALUE = 2' });
    expect(out).toBe('2\n');
  });

  it('reports the files the program wrote (text as text, other bytes as bytes), not the ones it left alone', () => {
    const { written } = run({
      'main.py':
        'open("out.txt", "w").write("made")\nopen("data.txt", "a").write("+more")\nopen("b.bin", "wb").write(bytes([255]))',
      'data.txt': 'start',
      'same.txt': 'unchanged',
    });
    expect(written).toEqual([
      ['b.bin', new Uint8Array([255])],
      ['data.txt', 'start+more'],
      ['out.txt', 'made'],
    ]);
  });

  it('starts each run in a fresh namespace', () => {
    run({ 'main.py': 'x = 5' });
    const { status, error } = run({ 'main.py': 'print(x)' });
    expect(status).toBe('error');
    expect(error?.type).toBe('NameError');
  });

  it('answers input() from the page and echoes the prompt to stdout', () => {
    answers.push('Ada', '42');
    const { status } = run({ 'main.py': 'n = input("Name? ")\na = int(input("Age? "))\nprint(n, a + 1)' });
    expect(status).toBe('ok');
    expect(out).toBe('Name? Age? Ada 43\n');
  });

  it('treats sys.exit(0) as success and a message as an error', () => {
    expect(run({ 'main.py': 'import sys\nsys.exit(0)' }).status).toBe('ok');
    const { status, error } = run({ 'main.py': 'import sys\nsys.exit("bye")' });
    expect(status).toBe('error');
    expect(error?.type).toBe('SystemExit');
    expect(err).toBe('bye\n');
  });
});

describe('tracebacks', () => {
  it('reports an exception whose str() fails, instead of failing itself', () => {
    const code = 'class Odd(Exception):\n    def __str__(self):\n        raise ValueError("no")\n\nraise Odd()';
    const { status, error } = run({ 'main.py': code });
    expect(status).toBe('error');
    expect(error).toMatchObject({ type: 'Odd', message: '<exception str() failed>', location: { line: 5 } });
    expect(err).toContain('File "main.py", line 5');
  });

  it('shows only the learner frames, with project-relative names', () => {
    const { status, error } = run({
      'main.py': 'import helper\n\nhelper.divide(1, 0)\n',
      'helper.py': 'def divide(a, b):\n    return a / b\n',
    });
    expect(status).toBe('error');
    expect(err).toContain(
      'Traceback (most recent call last):\n  File "main.py", line 3, in <module>\n    helper.divide(1, 0)',
    );
    expect(err).toContain('File "helper.py", line 2, in divide\n    return a / b');
    expect(err).toContain('ZeroDivisionError: division by zero');
    expect(err).not.toContain('playground_runner');
    expect(err).not.toContain('/home/pyodide');
    expect(error).toEqual({
      type: 'ZeroDivisionError',
      message: 'division by zero',
      location: { file: 'helper.py', line: 2 },
    });
  });

  it('hides standard library frames but keeps the learner call that led there', () => {
    run({ 'main.py': 'import random\nrandom.choice([])\n' });
    expect(err).toContain('File "main.py", line 2, in <module>');
    expect(err).not.toContain('random.py');
    expect(err).toMatch(/IndexError/);
  });

  it('shows SyntaxError with its caret line and location', () => {
    const { status, error } = run({ 'main.py': 'print("ok")\nprint("hi"\n' });
    expect(status).toBe('error');
    expect(err).toMatch(/^ {2}File "main\.py", line 2\n {4}print\("hi"\n {9}\^\nSyntaxError: '\(' was never closed\n$/);
    expect(error?.location).toEqual({ file: 'main.py', line: 2, column: 6 });
    expect(out).toBe('');
  });

  it('keeps chained exceptions, each cleaned', () => {
    run({ 'main.py': 'try:\n    {}["k"]\nexcept KeyError as e:\n    raise ValueError("bad") from e\n' });
    expect(err).toContain('File "main.py", line 2, in <module>');
    expect(err).toContain('The above exception was the direct cause of the following exception:');
    expect(err).toContain('File "main.py", line 4, in <module>');
    expect(err).not.toContain('playground_runner');
  });

  it('collapses deep recursion quickly, counting the repeats', () => {
    const started = performance.now();
    const { status, error } = run({
      'main.py': 'import sys\nsys.setrecursionlimit(5000)\ndef f(n):\n    return f(n + 1)\nf(0)\n',
    });
    expect(status).toBe('error');
    expect(error?.type).toBe('RecursionError');
    expect(err).toMatch(/\[Previous line repeated \d{4,} more times\]/);
    expect(err.split('\n').length).toBeLessThan(20);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('reports KeyboardInterrupt as interrupted', () => {
    const { status, error } = run({ 'main.py': 'raise KeyboardInterrupt' });
    expect(status).toBe('interrupted');
    expect(error?.type).toBe('KeyboardInterrupt');
    expect(err).toContain('KeyboardInterrupt');
  });
});

describe('waiting for the page', () => {
  it('keeps events that come during a sleep or an input() for whoever asks next, in order', () => {
    events.push(['key', '{"key":"a"}'], ['input', 'Ada'], ['pointer', '{"x":1}']);
    const { status } = run({
      'main.py': [
        'import time, playground_runner as pr',
        'time.sleep(0.01)',
        'name = input("Name? ")',
        'print(name, pr.wait_event(0), pr.wait_event(0), pr.wait_event(0))',
      ].join('\n'),
    });
    expect(status).toBe('ok');
    expect(inputRequests).toBe(1);
    expect(out).toBe("Name? Ada ('key', '{\"key\":\"a\"}') ('pointer', '{\"x\":1}') None\n");
  });

  it('forgets events left over from the program before', () => {
    events.push(['key', 'left over']);
    run({ 'main.py': 'import time\ntime.sleep(0.01)' }); // the sleep keeps the event for later
    events.length = 0;
    run({ 'main.py': 'import playground_runner as pr\nprint(pr.wait_event(0))' });
    expect(out).toBe('None\n');
  });
});

describe('shell prompt', () => {
  it('sees the finished program’s variables and echoes results like the REPL', () => {
    run({ 'main.py': 'total = 6 * 7' });
    expect(shell('total').status).toBe('ok');
    expect(out).toBe('42\n');
    out = '';
    shell('total = total + 1');
    shell('total');
    expect(out).toBe('43\n');
  });

  it('names its own lines <shell> in tracebacks', () => {
    const { status, error } = shell('1/0');
    expect(status).toBe('error');
    expect(err).toContain('File "<shell>", line 1, in <module>\n    1/0');
    expect(error?.type).toBe('ZeroDivisionError');
  });

  it('shows an object that can draw itself as a picture, in order with the text around it', () => {
    run({
      'main.py': [
        'class Dot:',
        '    def _repr_svg_(self):',
        '        return \'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="5"/></svg>\'',
        '    def __repr__(self):',
        '        return "Dot()"',
      ].join('\n'),
    });
    expect(shell('print("before"); Dot()').status).toBe('ok');
    expect(emitted).toEqual([
      {
        kind: 'display',
        mime: 'image/svg+xml',
        data: expect.any(Uint8Array),
        alt: 'Image from the shell',
        outBefore: 'before\n',
      },
    ]);
    expect(new TextDecoder().decode(emitted[0].data as Uint8Array)).toContain('<circle r="5"/>');
    expect(shell('_').status).toBe('ok'); // `_` is the last result, as in the REPL
    expect(emitted.length).toBe(2);
    expect(out).toBe('before\n');
    // Objects without a picture are echoed as text; None is not echoed at all.
    shell('[1, 2]');
    shell('None');
    expect(out).toBe('before\n[1, 2]\n');
  });

  it('reports incomplete input as a SyntaxError', () => {
    const { status, error } = shell('for i in range(3):');
    expect(status).toBe('error');
    expect(error?.type).toBe('SyntaxError');
  });
});

describe('completion', () => {
  type Item = { label: string; type: string };
  function complete(source: string, files: Record<string, string> = {}, offset = source.length): Item[] {
    const pairs = py.toPy(Object.entries({ 'main.py': source, ...files }));
    const proxy = completer.complete(pairs, 'main.py', source, offset);
    const items = proxy.toJs({ dict_converter: Object.fromEntries }) as Item[];
    proxy.destroy();
    pairs.destroy();
    return items;
  }
  const labels = (items: Item[]) => items.map((i) => i.label);

  it('completes keywords, builtins and names defined in the file', () => {
    expect(labels(complete('wh'))).toContain('while');
    expect(labels(complete('pr'))).toContain('print');
    expect(complete('def greet(name):\n    pass\ngr')).toContainEqual({ label: 'greet', type: 'function' });
    expect(labels(complete('counter = 1\nfor i in range(3):\n    co'))).toContain('counter');
  });

  it('completes module attributes after import, for the standard library and project files', () => {
    expect(labels(complete('import math\nmath.sq'))).toEqual(['sqrt']);
    expect(labels(complete('import random as r\nr.randi'))).toContain('randint');
    expect(labels(complete('import helper\nhelper.', { 'helper.py': 'def greet():\n    pass\nLIMIT = 3\n' }))).toEqual([
      'greet',
      'LIMIT',
    ]);
  });

  it('still completes while the rest of the file does not parse', () => {
    expect(labels(complete('total = 1\nif total >\nto'))).toContain('total');
  });

  it('never runs learner modules to complete them', () => {
    complete('import helper\nhelper.', { 'helper.py': 'print("side effect")\n' });
    expect(out).toBe('');
  });
});

describe('data the page keeps about this Python', () => {
  it('the list of standard modules (for file name warnings) is the shipped Python’s own', () => {
    const names = JSON.parse(
      py.runPython(
        "import json, sys; json.dumps(sorted(n for n in sys.stdlib_module_names if not n.startswith('_')))",
      ) as string,
    ) as string[];
    expect([...STDLIB_MODULES].sort()).toEqual(names);
  });
});

describe('binary files', () => {
  const every = Uint8Array.from({ length: 256 }, (_, i) => i);

  /** A run with files given as the worker gives them: text as str, bytes as a Uint8Array. */
  function runFiles(files: [string, string | Uint8Array][]): Result {
    const pairs = py.toPy(files);
    const proxy = runner.run_script(pairs, 'main.py');
    const result = proxy.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false }) as Result;
    proxy.destroy();
    pairs.destroy();
    return result;
  }

  it('writes bytes into the project byte for byte, and reports them only once changed', () => {
    const { status, written } = runFiles([
      ['main.py', 'data = open("every.bin", "rb").read()\nprint(len(data), data == bytes(range(256)))'],
      ['every.bin', every],
      ['same.png', new Uint8Array([0x89, 0x50, 0, 1])],
    ]);
    expect(status).toBe('ok');
    expect(out).toBe('256 True\n');
    expect(written).toEqual([]);
  });

  it('brings back what the program made or changed: bytes as a Uint8Array, NUL-bearing text as bytes too', () => {
    const { written } = runFiles([
      [
        'main.py',
        [
          'open("plot.png", "wb").write(b"\\x89PNG\\r\\n\\x1a\\n" + bytes([0, 255]))',
          'open("every.bin", "ab").write(b"!")',
          'open("nul.txt", "w").write("a\\0b")',
          'open("latin.txt", "wb").write("café".encode("latin-1"))',
          'open("notes.txt", "w").write("café")',
        ].join('\n'),
      ],
      ['every.bin', every],
    ]);
    expect(written).toEqual([
      ['every.bin', Uint8Array.from([...every, 33])],
      ['latin.txt', new Uint8Array([99, 97, 102, 233])],
      ['notes.txt', 'café'],
      ['nul.txt', new Uint8Array([97, 0, 98])],
      ['plot.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255])],
    ]);
    expect(written![0][1]).toBeInstanceOf(Uint8Array);
  });

  it('leaves out, with a line on stderr, a file over its cap: 1 MB of text, 5 MB of bytes', () => {
    const big = 'x'.repeat(2_000_000);
    const { status, written } = runFiles([
      [
        'main.py',
        [
          'open("big.txt", "w").write("y" * 1_000_001)',
          'open("big.bin", "wb").write(bytes(5_000_001))',
          'open("huge.bin", "wb").write(bytes(6_000_000))',
          'open("small.bin", "wb").write(bytes(5_000_000))',
        ].join('\n'),
      ],
      // A large file the run started with and left alone is not mentioned.
      ['given.txt', big],
    ]);
    expect(status).toBe('ok');
    expect(written!.map(([name, content]) => [name, content.length])).toEqual([['small.bin', 5_000_000]]);
    expect(err).toBe(
      'big.bin was not added to the project: it is larger than 5 MB (the most for a file a program writes).\n' +
        'big.txt was not added to the project: it is larger than 1 MB (the most for a text file a program writes).\n' +
        'huge.bin was not added to the project: it is larger than 5 MB (the most for a file a program writes).\n',
    );
  });
});
