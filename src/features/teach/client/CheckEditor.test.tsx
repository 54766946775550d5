// @vitest-environment happy-dom
// The check forms as a teacher fills them in: each kind's fields make the Check the pack carries (empty fields
// left out), lists typed one a line are read as they are typed, and what cannot be read is said, not saved.
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { describe, expect, it } from 'vitest';
import { mountPoint } from '../../../../tests/support/dom.ts';
import type { Check, TurtleCheck } from '../../../model/lesson.ts';
import { CheckEditor } from './CheckEditor.tsx';
import { blankCheck, type Problem } from './pack-edit.ts';

const { container, setDispose } = mountPoint();

/** The form of `start`, with what it last handed up. */
function editor(start: Check, problems: Problem[] = []) {
  const [check, setCheck] = createSignal(start);
  const changes: Check[] = [];
  setDispose(
    render(
      () => (
        <CheckEditor
          check={check()}
          problems={problems}
          onChange={(c) => {
            changes.push(c);
            setCheck(c);
          }}
        />
      ),
      container(),
    ),
  );
  return { check, changes };
}

/** The control labelled `label` (exactly). */
function field<T extends HTMLElement = HTMLInputElement>(label: string): T {
  const labels = [...container().querySelectorAll('label')].filter((l) => l.textContent === label);
  expect(labels, `one field labelled "${label}"`).toHaveLength(1);
  const control = container().querySelector<T>(`#${CSS.escape(labels[0].htmlFor)}`);
  expect(control, `the control of "${label}"`).not.toBeNull();
  return control!;
}

function type(label: string, text: string): void {
  const control = field<HTMLInputElement | HTMLTextAreaElement>(label);
  control.value = text;
  control.dispatchEvent(new Event('input', { bubbles: true }));
}

function choose(label: string, value: string): void {
  const select = field<HTMLSelectElement>(label);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

function tick(label: string): void {
  field(label).click();
}

describe('CheckEditor', () => {
  it('makes an output check: answers, expected output, how to compare, prompts, title, message, time limit', () => {
    const { check } = editor(blankCheck('output'));
    type('Answers to input()', '3\n4');
    type('Expected output', 'Total: 7\n');
    choose('Compare', 'exact');
    tick('Count the prompts of input() as output');
    type('Title', 'Adds two numbers');
    type('Message when it fails', 'Did you use int()?');
    type('Time limit in seconds', '10');
    expect(check()).toEqual({
      kind: 'output',
      stdin: ['3', '4'],
      expect: 'Total: 7\n',
      match: 'exact',
      prompts: true,
      title: 'Adds two numbers',
      message: 'Did you use int()?',
      timeout: 10,
    });
    // Back to the defaults: the fields are left out, not kept empty.
    type('Answers to input()', '');
    choose('Compare', 'normalised');
    tick('Count the prompts of input() as output');
    type('Title', '');
    type('Time limit in seconds', '');
    expect(check()).toStrictEqual({ kind: 'output', expect: 'Total: 7\n', message: 'Did you use int()?' });
  });

  it('makes a call check, and says so when a number cannot be read (keeping the last good one)', () => {
    const { check, changes } = editor(blankCheck('call'));
    type('Function', 'add');
    type('Arguments', '2, 3');
    type('Expected result', '5');
    type('Tolerance for numbers', '0,5');
    type('Answers to input() while the file loads', 'Ada');
    expect(check()).toStrictEqual({
      kind: 'call',
      function: 'add',
      args: '2, 3',
      expect: '5',
      tolerance: 0.5,
      stdin: ['Ada'],
    });
    const before = changes.length;
    type('Tolerance for numbers', 'a bit');
    expect(changes).toHaveLength(before);
    const input = field('Tolerance for numbers');
    expect(input.value).toBe('a bit');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const errorId = input.getAttribute('aria-describedby')!.split(' ').at(-1)!;
    expect(document.getElementById(errorId)?.textContent).toBe('Type a number, or leave it empty.');
    type('Tolerance for numbers', '-1');
    expect(document.getElementById(errorId)?.textContent).toBe('Type 0 or more.');
    type('Tolerance for numbers', '');
    expect(check()).toStrictEqual({ kind: 'call', function: 'add', args: '2, 3', expect: '5', stdin: ['Ada'] });
  });

  it('makes a tests check from a file name and its code', () => {
    const { check } = editor(blankCheck('tests'));
    type('Test file name', 'add_test.py');
    type('Test code', 'from main import add\n\ndef test_add():\n    assert add(2, 3) == 5\n');
    expect(check()).toStrictEqual({
      kind: 'tests',
      file: 'add_test.py',
      content: 'from main import add\n\ndef test_add():\n    assert add(2, 3) == 5\n',
    });
    const code = field<HTMLTextAreaElement>('Test code');
    expect(code.getAttribute('spellcheck')).toBe('false');
    expect(code.classList.contains('teach-code')).toBe(true);
  });

  it('makes a code check: words it must and must not use, and functions with their parameters', () => {
    const { check } = editor(blankCheck('code'));
    type('Must use', 'for, ');
    // The teacher is still typing: the text stays as typed.
    expect(field('Must use').value).toBe('for, ');
    type('Must use', 'for, while len');
    type('Must not use', 'sum');
    type('Must define', 'add(a, b)\nmain()\n\nhelper');
    expect(check()).toStrictEqual({
      kind: 'code',
      requires: ['for', 'while', 'len'],
      forbids: ['sum'],
      defines: [{ name: 'add', params: ['a', 'b'] }, { name: 'main', params: [] }, { name: 'helper' }],
    });
    type('Must define', 'add(a, b');
    expect(container().textContent).toContain('Line 1: write a function as add(a, b), or just its name.');
    expect(check().kind === 'code' && check()).toMatchObject({
      defines: [{ name: 'add' }, { name: 'main' }, { name: 'helper' }],
    });
  });

  it('makes a turtle check: lines, filled shapes with a colour, tolerance and "nothing else"', () => {
    const { check } = editor(blankCheck('turtle'));
    type('Lines the drawing must have', '0, 0, 100, 0\n100 0 100 -50.5');
    type('Filled shapes', '(0, 0) (50, 0) (0, 50) red\n(0,0) (10,0) (10,10)');
    type('Tolerance', '3');
    tick('Nothing else may be drawn');
    expect(check()).toStrictEqual({
      kind: 'turtle',
      segments: [
        [0, 0, 100, 0],
        [100, 0, 100, -50.5],
      ],
      fills: [
        {
          points: [
            [0, 0],
            [50, 0],
            [0, 50],
          ],
          color: 'red',
        },
        {
          points: [
            [0, 0],
            [10, 0],
            [10, 10],
          ],
        },
      ],
      tolerance: 3,
      exact: true,
    });
    type('Lines the drawing must have', '0, 0, 100');
    expect(container().textContent).toContain('Line 1: give four numbers: x1, y1, x2, y2.');
    expect((check() as TurtleCheck).segments).toHaveLength(2);
  });

  it('shows the pack’s problems at the field they name', () => {
    editor({ kind: 'call', function: 'class', expect: '' }, [
      {
        message: 'Lesson 1, exercise 1, check 1: "function" (class) is a Python keyword, not a name',
        place: { lessonId: 'l', exerciseId: 'e', part: { list: 'checks', index: 0 }, field: 'function' },
      },
    ]);
    const input = field('Function');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = input
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent)
      .join(' ');
    expect(described).toContain('is a Python keyword, not a name');
    expect(field('Expected result').getAttribute('aria-invalid')).toBeNull();
  });

  it('follows a check put in its place from elsewhere (another check moved up)', () => {
    const [check, setCheck] = createSignal<Check>({ kind: 'code', requires: ['for'] });
    setDispose(render(() => <CheckEditor check={check()} onChange={setCheck} />, container()));
    expect(field('Must use').value).toBe('for');
    setCheck({ kind: 'code', requires: ['while', 'if'] });
    expect(field('Must use').value).toBe('while, if');
  });
});
