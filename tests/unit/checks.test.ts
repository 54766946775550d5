// Exercise checks (features/lessons/worker): the check engine and the app's
// Python harness for real, in Pyodide under Node, as the worker runs them. Each
// check kind passes a right answer and fails wrong ones with the words a
// learner reads; and learner code that tries to pass without solving fails.
import type { PyProxy } from 'pyodide/ffi';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Check, CheckOutcome, CheckReport } from '../../src/model/lesson.ts';
import { loadCheckEngine, type TestEngine } from '../support/check-engine.ts';

let engine: TestEngine;

beforeAll(async () => {
  engine = await loadCheckEngine();
}, 60_000);

function check(files: Record<string, string>, checks: Check[]): CheckReport {
  return engine.check(files, checks);
}

function one(files: Record<string, string> | string, c: Check): CheckOutcome {
  const report = check(typeof files === 'string' ? { 'main.py': files } : files, [c]);
  expect(report.outcomes).toHaveLength(1);
  return report.outcomes[0];
}

const ADD_PROGRAM = 'a = int(input("First: "))\nb = int(input("Second: "))\nprint(a + b)\n';

describe('output checks', () => {
  it('pass when the program prints what is expected for the answers given (prompts not compared)', () => {
    const outcome = one(ADD_PROGRAM, { kind: 'output', stdin: ['3', '4'], expect: '7\n' });
    expect(outcome).toMatchObject({ passed: true, kind: 'output', index: 0 });
    expect(outcome.comparison).toEqual({ expected: '7\n', actual: '7\n', match: 'normalised' });
    expect(engine.outside()).toBe(''); // nothing leaked to the page's output
  });

  it('fail with a line-by-line comparison and the line that differs', () => {
    const outcome = one('print("Hello")\nprint("wrold")\n', { kind: 'output', expect: 'Hello\nworld\n' });
    expect(outcome.passed).toBe(false);
    expect(outcome.comparison).toEqual({ expected: 'Hello\nworld\n', actual: 'Hello\nwrold\n', match: 'normalised' });
    expect(outcome.message).toContain('line 2');
  });

  it('compare prompts and answers as the Output shows them when asked to', () => {
    const c: Check = { kind: 'output', stdin: ['3', '4'], expect: 'First: 3\nSecond: 4\n7\n', prompts: true };
    expect(one(ADD_PROGRAM, c).passed).toBe(true);
    expect(one(ADD_PROGRAM, { ...c, expect: '7\n' }).passed).toBe(false);
  });

  it('follow each match mode', () => {
    const program = 'print("Total:  7   ")\nprint()\n';
    expect(one(program, { kind: 'output', expect: 'Total:  7\n' }).passed).toBe(true);
    expect(one(program, { kind: 'output', expect: 'Total:  7\n', match: 'exact' }).passed).toBe(false);
    expect(one(program, { kind: 'output', expect: 'Total:  7   \n\n', match: 'exact' }).passed).toBe(true);
    expect(one(program, { kind: 'output', expect: 'TOTAL:  7', match: 'ignore-case' }).passed).toBe(true);
    expect(one(program, { kind: 'output', expect: 'TOTAL:  7', match: 'normalised' }).passed).toBe(false);
    expect(one(program, { kind: 'output', expect: '^Total:\\s+\\d+', match: 'regex' }).passed).toBe(true);
    expect(one(program, { kind: 'output', expect: '^Total: 8', match: 'regex' }).passed).toBe(false);
  });

  it('say when the program asks for more answers than the check gives', () => {
    const outcome = one(ADD_PROGRAM, { kind: 'output', stdin: ['3'], expect: '7\n' });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/asked for input\(\) more times than this check answers \(1 answer\)/);
  });

  it('say where the program stopped with an error', () => {
    const outcome = one('print("a")\nprint(x)\n', { kind: 'output', expect: 'a\n' });
    expect(outcome.passed).toBe(false);
    expect(outcome.errorType).toBe('NameError');
    expect(outcome.message).toContain("NameError: name 'x' is not defined (main.py, line 2)");
  });

  it('stop an endless loop: the check fails as taking too long, and the next check still runs', () => {
    const report = check({ 'main.py': 'while True:\n    pass\n' }, [
      { kind: 'output', expect: 'x\n', timeout: 0.5 },
      { kind: 'code', requires: ['while'] },
    ]);
    expect(report.outcomes[0]).toMatchObject({ passed: false, timedOut: true });
    expect(report.outcomes[0].message).toMatch(/took longer than 0.5 seconds/);
    expect(report.outcomes[1].passed).toBe(true);
  });

  it('judge what was printed even when the program replaces print or sys.stdout', () => {
    const silenced = 'print = lambda *a, **k: None\nprint("7")\n';
    expect(one(silenced, { kind: 'output', expect: '7\n' }).passed).toBe(false);
    const redirected = 'import sys, io\nsys.stdout = io.StringIO()\nprint("7")\n';
    expect(one(redirected, { kind: 'output', expect: '7\n' }).passed).toBe(false);
  });

  it('fail a program that ends early with sys.exit(0) before printing the answer', () => {
    const outcome = one('import sys\nprint("OK")\nsys.exit(0)\nprint(7)\n', { kind: 'output', expect: '7\n' });
    expect(outcome.passed).toBe(false);
  });
});

describe('call checks', () => {
  const ADD = 'def add(a, b):\n    return a + b\n';

  it('pass when the function returns the expected value', () => {
    const outcome = one(ADD, { kind: 'call', function: 'add', args: '2, 3', expect: '5' });
    expect(outcome).toMatchObject({ passed: true, message: 'add(2, 3) returned 5.' });
  });

  it('fail with what it returned and what was expected', () => {
    const outcome = one('def add(a, b):\n    return a * b + 0\n', {
      kind: 'call',
      function: 'add',
      args: '2, 3',
      expect: '5',
    });
    expect(outcome).toMatchObject({ passed: false, message: 'add(2, 3) returned 6, expected 5.' });
  });

  it('compare lists, dicts, sets, strings, None and keyword arguments', () => {
    const program =
      'def stats(xs, *, key="n"):\n    return {key: len(xs), "items": sorted(xs), "set": set(xs), "none": None}\n';
    const c: Check = {
      kind: 'call',
      function: 'stats',
      args: '[3, 1, 2], key="count"',
      expect: '{"count": 3, "items": [1, 2, 3], "set": {1, 2, 3}, "none": None}',
    };
    expect(one(program, c).passed).toBe(true);
    expect(one(program, { ...c, expect: '{"count": 3, "items": [1, 2, 3], "set": {1, 2}, "none": None}' }).passed).toBe(
      false,
    );
    expect(one('def f():\n    return "5"\n', { kind: 'call', function: 'f', expect: '5' }).passed).toBe(false);
    expect(one('def f():\n    return True\n', { kind: 'call', function: 'f', expect: '1' }).passed).toBe(false);
    expect(one('def f():\n    pass\n', { kind: 'call', function: 'f', expect: 'None' }).passed).toBe(true);
    expect(one('def f():\n    return 2**70\n', { kind: 'call', function: 'f', expect: '2**70' }).passed).toBe(true);
    expect(one('def f():\n    return 2**70 + 1\n', { kind: 'call', function: 'f', expect: '2**70' }).passed).toBe(
      false,
    );
  });

  it('tell a tuple from a list, as Python does, at any depth, and say which', () => {
    const pair = (body: string, expect: string) =>
      one(`def f():\n    return ${body}\n`, { kind: 'call', function: 'f', expect });
    expect(pair('(1, 2)', '(1, 2)').passed).toBe(true);
    expect(pair('[1, 2]', '[1, 2]').passed).toBe(true);
    expect(pair('(1, 2)', '[1, 2]')).toMatchObject({
      passed: false,
      message: 'f() returned (1, 2), expected [1, 2]: a tuple where a list was expected.',
    });
    expect(pair('[1, 2]', '(1, 2)')).toMatchObject({
      passed: false,
      message: 'f() returned [1, 2], expected (1, 2): a list where a tuple was expected.',
    });
    expect(pair('{"a": [(1, 2)]}', '{"a": [[1, 2]]}').message).toBe(
      "f() returned {'a': [(1, 2)]}, expected {'a': [[1, 2]]}: a tuple where a list was expected.",
    );
    expect(pair('[{"k": (0, [1])}]', '[{"k": (0, (1,))}]').passed).toBe(false);
    // Different values are not called a difference of kinds.
    expect(pair('(1, 3)', '[1, 2]').message).toBe('f() returned (1, 3), expected [1, 2].');
    // A named tuple is a tuple; a set equals a frozenset in Python.
    expect(
      one('from collections import namedtuple\nP = namedtuple("P", "x y")\ndef f():\n    return P(1, 2)\n', {
        kind: 'call',
        function: 'f',
        expect: '(1, 2)',
      }).passed,
    ).toBe(true);
    expect(pair('frozenset({1})', '{1}').passed).toBe(true);
  });

  it('compare dicts with tuples as keys (a grid of coordinates)', () => {
    const grid = 'def grid():\n    return {(x, y): x * y for x in range(2) for y in range(2)}\n';
    expect(
      one(grid, { kind: 'call', function: 'grid', expect: '{(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 1}' }),
    ).toMatchObject({ passed: true });
    expect(
      one(grid, { kind: 'call', function: 'grid', expect: '{(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 2}' }).passed,
    ).toBe(false);
    expect(
      one(grid, { kind: 'call', function: 'grid', expect: '{(0, 0): 0, (0, 1): 0, (1, 0): 0, (2, 2): 1}' }).passed,
    ).toBe(false);
    expect(
      one('def f():\n    return {(1, 2), (3, 4)}\n', { kind: 'call', function: 'f', expect: '{(3, 4), (1, 2)}' })
        .passed,
    ).toBe(true);
  });

  it('read a list subclass by what it holds, not by what its methods say', () => {
    const liar =
      'class L(list):\n    def __getitem__(self, i):\n        return [1, 2][i]\n    def __iter__(self):\n        return iter([1, 2])\n' +
      '    def __len__(self):\n        return 2\n    def copy(self):\n        return [1, 2]\n';
    expect(
      one(`${liar}def f():\n    return L([9, 9])\n`, { kind: 'call', function: 'f', expect: '[1, 2]' }).passed,
    ).toBe(false);
    expect(
      one(`${liar}def f():\n    return L([1, 2])\n`, { kind: 'call', function: 'f', expect: '[1, 2]' }).passed,
    ).toBe(true);
  });

  it('compare a value that contains itself without hanging (it equals nothing)', () => {
    const outcome = one('def f():\n    a = [1]\n    a.append(a)\n    return a\n', {
      kind: 'call',
      function: 'f',
      expect: '[1, [1]]',
    });
    expect(outcome).toMatchObject({ passed: false, message: 'f() returned [1, [...]], expected [1, [1]].' });
  });

  it('tell a tuple from a list even when the learner rebinds isinstance, tuple and list', () => {
    const program =
      'import builtins\nbuiltins.isinstance = lambda *a: True\nbuiltins.tuple = list\nbuiltins.list = tuple\n' +
      'def f():\n    return (1, 2)\n';
    expect(one(program, { kind: 'call', function: 'f', expect: '[1, 2]' }).passed).toBe(false);
  });

  it('accept numbers within the tolerance only', () => {
    const program = 'def third():\n    return 1 / 3\n';
    expect(one(program, { kind: 'call', function: 'third', expect: '0.333', tolerance: 0.001 }).passed).toBe(true);
    expect(one(program, { kind: 'call', function: 'third', expect: '0.333' }).passed).toBe(false);
  });

  it('say when the function is missing, is not a function, or raises', () => {
    expect(one('x = 1\n', { kind: 'call', function: 'add', args: '1, 2', expect: '3' }).message).toMatch(
      /main.py has no function called add/,
    );
    expect(one('add = 3\n', { kind: 'call', function: 'add', args: '1, 2', expect: '3' }).message).toMatch(
      /add in main.py is not a function/,
    );
    const raised = one('def add(a, b):\n    return a + "b"\n', {
      kind: 'call',
      function: 'add',
      args: '1, 2',
      expect: '3',
    });
    expect(raised).toMatchObject({ passed: false, errorType: 'TypeError' });
    expect(raised.message).toMatch(/^add\(1, 2\) stopped with TypeError: unsupported operand/);
  });

  it('cannot be fooled by an object that says it equals anything', () => {
    const program =
      'class Anything:\n    def __eq__(self, other):\n        return True\n    def __repr__(self):\n        return "5"\n' +
      'def add(a, b):\n    return Anything()\n';
    const outcome = one(program, { kind: 'call', function: 'add', args: '2, 3', expect: '5' });
    expect(outcome.passed).toBe(false);
  });

  it('cannot be fooled by a subclass of int with a lying __eq__ (its value is compared)', () => {
    const program =
      'class Liar(int):\n    def __eq__(self, other):\n        return True\ndef add(a, b):\n    return Liar(6)\n';
    expect(one(program, { kind: 'call', function: 'add', args: '2, 3', expect: '5' }).passed).toBe(false);
  });

  it('tell a broken check (the pack is at fault) from a wrong answer', () => {
    const outcome = one(ADD, { kind: 'call', function: 'add', args: '2, 3', expect: '5 +' });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/This check is broken \(a problem in the lesson pack, not in your code\)/);
  });

  it('time out a function that never returns', () => {
    const outcome = one('def add(a, b):\n    while True:\n        pass\n', {
      kind: 'call',
      function: 'add',
      args: '1, 2',
      expect: '3',
      timeout: 0.5,
    });
    expect(outcome).toMatchObject({ passed: false, timedOut: true });
  });
});

describe('tests checks', () => {
  const TESTS =
    'from main import add\n\ndef test_small():\n    assert add(2, 3) == 5\n\ndef test_negative():\n    assert add(-1, -1) == -2\n';
  const UNITTESTS =
    'import unittest\nfrom main import add\n\nclass TestAdd(unittest.TestCase):\n' +
    '    def test_small(self):\n        self.assertEqual(add(2, 3), 5)\n' +
    '    def test_zero(self):\n        self.assertEqual(add(0, 0), 0)\n';
  const tests = (content: string): Check => ({ kind: 'tests', file: 'add_test.py', content });

  it('pass plain test functions and unittest cases against a right answer', () => {
    const right = { 'main.py': 'def add(a, b):\n    return a + b\n' };
    const plain = one(right, tests(TESTS));
    expect(plain).toMatchObject({ passed: true, message: 'All 2 tests passed.' });
    expect(plain.tests?.map((t) => t.name)).toEqual(['test_small', 'test_negative']);
    const cases = one(right, tests(UNITTESTS));
    expect(cases.passed).toBe(true);
    expect(cases.tests?.map((t) => t.name)).toEqual(['TestAdd.test_small', 'TestAdd.test_zero']);
  });

  it('show each failing test with its name and message', () => {
    const wrong = { 'main.py': 'def add(a, b):\n    return a * b\n' };
    const plain = one(wrong, tests(TESTS));
    expect(plain.passed).toBe(false);
    expect(plain.message).toBe('0 of 2 tests passed.');
    expect(plain.tests?.[0]).toEqual({ name: 'test_small', passed: false, message: 'This was false: add(2, 3) == 5' });
    const cases = one(wrong, tests(UNITTESTS));
    expect(cases.tests).toEqual([
      { name: 'TestAdd.test_small', passed: false, message: '6 != 5' },
      { name: 'TestAdd.test_zero', passed: true, message: 'Passed.' },
    ]);
  });

  it('run setUpModule and setUpClass before the tests, and their tear-downs after the last', () => {
    const right = { 'main.py': 'def add(a, b):\n    return a + b\n' };
    const suite =
      'import unittest\nfrom main import add\nlog = []\n\ndef setUpModule():\n    log.append("module")\n\n' +
      'def tearDownModule():\n    assert log == ["module", "class", "down"], log\n\n' +
      'class TestAdd(unittest.TestCase):\n    @classmethod\n    def setUpClass(cls):\n' +
      '        log.append("class")\n        cls.pairs = [(add(1, 2), 3), (add(2, 2), 4)]\n' +
      '    @classmethod\n    def tearDownClass(cls):\n        log.append("down")\n        cls.pairs = None\n' +
      '    def test_pairs(self):\n        for got, want in self.pairs:\n            self.assertEqual(got, want)\n' +
      '    def test_module(self):\n        self.assertEqual(log, ["module", "class"])\n';
    const outcome = one(right, tests(suite));
    expect(outcome.tests).toEqual([
      { name: 'TestAdd.test_module', passed: true, message: 'Passed.' },
      { name: 'TestAdd.test_pairs', passed: true, message: 'Passed.' },
    ]);
    expect(outcome).toMatchObject({ passed: true, message: 'All 2 tests passed.' });
    const wrong = one({ 'main.py': 'def add(a, b):\n    return a * b\n' }, tests(suite));
    expect(wrong.tests?.[1]).toEqual({ name: 'TestAdd.test_pairs', passed: false, message: '2 != 3' });
  });

  it('fail each test of a class whose setUpClass fails, and a check whose tearDownClass fails', () => {
    const right = { 'main.py': 'def add(a, b):\n    return a + b\n' };
    const broken =
      'import unittest\nfrom main import add\n\nclass TestAdd(unittest.TestCase):\n    @classmethod\n' +
      '    def setUpClass(cls):\n        cls.total = add(1, "2")\n' +
      '    def test_one(self):\n        pass\n    def test_two(self):\n        pass\n';
    const failed = one(right, tests(broken));
    expect(failed).toMatchObject({ passed: false, errorType: 'TypeError', message: '0 of 2 tests passed.' });
    expect(failed.tests?.[0].message).toMatch(
      /^setUpClass stopped with TypeError: unsupported operand .*\(main\.py, line 2\)$/,
    );
    const down =
      'import unittest\nfrom main import add\n\nclass TestAdd(unittest.TestCase):\n    @classmethod\n' +
      '    def tearDownClass(cls):\n        raise ValueError("still open")\n    def test_one(self):\n        self.assertEqual(add(1, 1), 2)\n';
    const after = one(right, tests(down));
    expect(after.passed).toBe(false);
    expect(after.tests).toEqual([
      { name: 'TestAdd.test_one', passed: true, message: 'Passed.' },
      {
        name: 'TestAdd.tearDownClass',
        passed: false,
        message: expect.stringMatching(/^It stopped with ValueError: still open/),
      },
    ]);
    const moduleDown = one(
      right,
      tests('from main import add\ndef setUpModule():\n    add(None, 1)\ndef test_a():\n    pass\n'),
    );
    expect(moduleDown).toMatchObject({ passed: false, errorType: 'TypeError' });
    expect(moduleDown.message).toMatch(
      /^The tests could not start: setUpModule in add_test\.py stopped with TypeError/,
    );
  });

  it('fail when the learner patches unittest as the module loads', () => {
    const cheat = {
      'main.py':
        'import unittest\nunittest.TestCase.assertEqual = lambda self, a, b, msg=None: None\n' +
        'def add(a, b):\n    return 0\n',
    };
    const outcome = one(cheat, tests(UNITTESTS));
    expect(outcome.passed).toBe(false);
    expect(outcome.tests?.[0]).toMatchObject({ passed: false, message: '0 != 5' });
  });

  it('fail when the learner patches unittest or builtins while a test runs', () => {
    const cheat = {
      'main.py':
        'import unittest, builtins\n' +
        'def add(a, b):\n    unittest.TestCase.assertEqual = lambda *args: None\n    builtins.len = lambda x: 5\n    return 0\n',
    };
    const outcome = one(cheat, tests(UNITTESTS));
    expect(outcome.passed).toBe(false);
    for (const test of outcome.tests ?? []) {
      expect(test.passed).toBe(false);
      expect(test.message).toMatch(/Your code changed .*unittest\.TestCase\.assertEqual|0 != 5/);
    }
    const lenCheat = {
      'main.py': 'import builtins\ndef three():\n    builtins.len = lambda x: 3\n    return []\n',
    };
    const lenTests = 'from main import three\n\ndef test_three():\n    items = three()\n    assert len(items) == 3\n';
    const lenOutcome = one(lenCheat, { kind: 'tests', file: 'three_test.py', content: lenTests });
    expect(lenOutcome.passed).toBe(false);
    expect(lenOutcome.tests?.[0].message).toMatch(/Your code changed builtins.len/);
    // And a later check sees the real len again.
    expect(one({ 'main.py': 'print(len([1, 2]))\n' }, { kind: 'output', expect: '2\n' }).passed).toBe(true);
  });

  it('use the real unittest even when the project has a unittest.py of its own', () => {
    const cheat = {
      'main.py': 'def add(a, b):\n    return 0\n',
      'unittest.py': 'class TestCase:\n    def assertEqual(self, *a):\n        pass\n',
    };
    expect(one(cheat, tests(UNITTESTS)).passed).toBe(false);
    const removed = {
      'main.py':
        'import sys\nsys.modules.pop("unittest", None)\nsys.modules.pop("unittest.case", None)\ndef add(a, b):\n    return 0\n',
      'unittest.py': 'class TestCase:\n    def assertEqual(self, *a):\n        pass\n',
    };
    expect(one(removed, tests(UNITTESTS)).passed).toBe(false);
  });

  it('fail when the module exits or raises SystemExit instead of answering', () => {
    const exits = one({ 'main.py': 'import sys\nsys.exit(0)\ndef add(a, b):\n    return a + b\n' }, tests(TESTS));
    expect(exits.passed).toBe(false);
    expect(exits.message).toMatch(/main.py ended the program \(exit\) as the tests loaded it/);
    const raises = one({ 'main.py': 'def add(a, b):\n    raise SystemExit(0)\n' }, tests(TESTS));
    expect(raises.passed).toBe(false);
    expect(raises.tests?.every((t) => !t.passed)).toBe(true);
  });

  it('are not fooled by printing what a test runner prints on success', () => {
    const printsOk = {
      'main.py':
        'print("..\\n----------------------------------------------------------------------\\nRan 2 tests in 0.001s\\n\\nOK")\ndef add(a, b):\n    return 0\n',
    };
    expect(one(printsOk, tests(TESTS)).passed).toBe(false);
  });

  it('explain a module that asks for input() as the tests load it', () => {
    const outcome = one({ 'main.py': 'n = input()\ndef add(a, b):\n    return a + b\n' }, tests(TESTS));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/main.py stopped with EOFError: input\(\) was called while the tests ran/);
  });

  it('call a broken test file the pack’s fault', () => {
    const outcome = one({ 'main.py': 'def add(a, b):\n    return a + b\n' }, tests('def test_x(:\n    pass\n'));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/This check is broken/);
  });

  it('run twenty tests quickly enough to answer at once', () => {
    const many = [
      'from main import add',
      ...Array.from({ length: 20 }, (_, i) => `def test_${i}():\n    assert add(${i}, 1) == ${i + 1}`),
    ].join('\n\n');
    const started = performance.now();
    const outcome = one({ 'main.py': 'def add(a, b):\n    return a + b\n' }, tests(many));
    expect(outcome.tests).toHaveLength(20);
    expect(outcome.passed).toBe(true);
    // Not a benchmark (that is bench/): a guard against a check that restarts Python per test.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('code checks', () => {
  it('find required and forbidden constructs and names', () => {
    const program = 'best = 0\nfor n in [3, 9, 2]:\n    if n > best:\n        best = n\nprint(best)\n';
    expect(one(program, { kind: 'code', requires: ['for', 'if', 'print'], forbids: ['max', 'while'] }).passed).toBe(
      true,
    );
    const usesMax = one('print(max([3, 9, 2]))\n', { kind: 'code', requires: ['for'], forbids: ['max'] });
    expect(usesMax.passed).toBe(false);
    expect(usesMax.message).toContain('Your code needs to use a for loop.');
    expect(usesMax.message).toContain('must not use max()');
    expect(one('m = max\nprint(m([1]))\n', { kind: 'code', forbids: ['max'] }).passed).toBe(false);
  });

  it('check functions defined with their parameters, and recursion', () => {
    const program = 'def area(width, height):\n    return width * height\n';
    expect(one(program, { kind: 'code', defines: [{ name: 'area', params: ['width', 'height'] }] }).passed).toBe(true);
    const swapped = one('def area(height, width):\n    return 1\n', {
      kind: 'code',
      defines: [{ name: 'area', params: ['width', 'height'] }],
    });
    expect(swapped).toMatchObject({ passed: false });
    expect(swapped.message).toContain('Your function is area(height, width), but it should be area(width, height)');
    const recursive = 'def fact(n):\n    return 1 if n < 2 else n * fact(n - 1)\n';
    expect(one(recursive, { kind: 'code', requires: ['recursion'] }).passed).toBe(true);
    expect(one(program, { kind: 'code', requires: ['recursion'] }).passed).toBe(false);
  });

  it('say that code with a syntax error cannot be read', () => {
    const outcome = one('for x in range(3)\n    print(x)\n', { kind: 'code', requires: ['for'] });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/main.py has a syntax error .*line 1/);
  });

  it('read the code before any learner code runs, and report outcomes in the exercise’s order', () => {
    // The program breaks the ast module for whatever runs after it; the code check ran first.
    const program = 'import ast\nast.walk = lambda tree: iter(())\nfor i in range(2):\n    print(i)\n';
    const report = check({ 'main.py': program }, [
      { kind: 'output', expect: '0\n1\n' },
      { kind: 'code', requires: ['for'], forbids: ['while'] },
    ]);
    expect(report.outcomes.map((o) => [o.index, o.kind, o.passed])).toEqual([
      [0, 'output', true],
      [1, 'code', true],
    ]);
    expect(report.passed).toBe(true);
  });
});

describe('after the checks', () => {
  it('leave input() and the builtins as the runner had them', () => {
    check({ 'main.py': 'import builtins\nbuiltins.print = None\n' }, [{ kind: 'output', expect: '' }]);
    const runner = engine.py.pyimport('playground_runner') as PyProxy & { _input: unknown };
    const same = engine.py.runPython(
      'import builtins, playground_runner\nbuiltins.input is playground_runner._input and callable(builtins.print)',
    );
    expect(same).toBe(true);
    runner.destroy();
  });
});

describe('turtle checks', () => {
  const SQUARE =
    'import turtle\nt = turtle.Turtle()\nfor _ in range(4):\n    t.forward(100)\n    t.left(90)\nturtle.done()\n';
  const square: Check = {
    kind: 'turtle',
    segments: [
      [0, 0, 100, 0],
      [100, 0, 100, 100],
      [100, 100, 0, 100],
      [0, 100, 0, 0],
    ],
  };

  it('pass a drawing with every line asked for (either direction, turtle.done() does not wait)', () => {
    expect(one(SQUARE, square)).toMatchObject({ passed: true });
    const reversed: Check = { kind: 'turtle', segments: [[100, 0, 0, 0]] };
    expect(one(SQUARE, reversed).passed).toBe(true);
  });

  it('accept a line drawn in pieces, and fail one that is missing or too short', () => {
    const pieces = 'import turtle\nfor _ in range(4):\n    turtle.forward(25)\n';
    expect(one(pieces, { kind: 'turtle', segments: [[0, 0, 100, 0]] }).passed).toBe(true);
    const short = one('import turtle\nturtle.forward(90)\n', { kind: 'turtle', segments: [[0, 0, 100, 0]] });
    expect(short).toMatchObject({ passed: false, message: 'The drawing has no line from (0, 0) to (100, 0).' });
    const three = 'import turtle\nfor _ in range(3):\n    turtle.forward(100)\n    turtle.left(90)\n';
    expect(one(three, square).message).toBe('The drawing has no line from (0, 100) to (0, 0).');
  });

  it('check filled shapes and their colour', () => {
    const filled =
      'import turtle\nturtle.fillcolor("red")\nturtle.begin_fill()\nfor _ in range(4):\n    turtle.forward(50)\n    turtle.left(90)\nturtle.end_fill()\n';
    const shape = {
      points: [
        [0, 0],
        [50, 0],
        [50, 50],
        [0, 50],
      ] as [number, number][],
    };
    expect(one(filled, { kind: 'turtle', fills: [{ ...shape, color: 'red' }] }).passed).toBe(true);
    const blue = one(filled, { kind: 'turtle', fills: [{ ...shape, color: 'blue' }] });
    expect(blue).toMatchObject({ passed: false });
    expect(blue.message).toContain('is filled with #ff0000, not blue');
    const unfilled = SQUARE.replace('100', '50');
    expect(one(unfilled, { kind: 'turtle', fills: [shape] }).message).toContain('no filled shape');
  });

  it('with exact, fail a drawing with lines not asked for; cleared lines do not count', () => {
    const extra = SQUARE.replace('turtle.done()', 't.goto(50, 50)\nturtle.done()');
    expect(one(extra, { ...square, exact: true }).message).toContain('a line that is not asked for');
    expect(one(extra, square).passed).toBe(true);
    const cleared = 'import turtle\nturtle.forward(100)\nturtle.clear()\n';
    expect(one(cleared, { kind: 'turtle', segments: [[0, 0, 100, 0]] }).passed).toBe(false);
  });

  it('answer turtle.textinput() and input() from the check’s answers', () => {
    const asks = 'import turtle\nn = int(turtle.numinput("Size", "How big?"))\nturtle.forward(n)\n';
    expect(one(asks, { kind: 'turtle', stdin: ['80'], segments: [[0, 0, 80, 0]] }).passed).toBe(true);
    expect(one(asks, { kind: 'turtle', stdin: ['40'], segments: [[0, 0, 80, 0]] }).passed).toBe(false);
  });

  it('print nothing outside the check', () => {
    const before = engine.outside();
    one(SQUARE, square);
    expect(engine.outside()).toBe(before);
  });
});
