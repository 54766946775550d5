// @vitest-environment happy-dom
// Check results as a learner meets them: the region before any check, the summary, the line-by-line comparison
// of a failed output check (with what cannot be seen made visible) and a test file's tests.
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { describe, expect, it } from 'vitest';
import { mountPoint } from '../../../../tests/support/dom.ts';
import type { Check, CheckOutcome, CheckReport } from '../../../model/lesson.ts';
import { CheckResults, compareLines } from './CheckResults.tsx';

const { container, setDispose } = mountPoint();

const checks: Check[] = [
  { kind: 'output', expect: 'a', stdin: ['3', '4'] },
  { kind: 'call', function: 'add', args: '2, 3', expect: '5' },
  { kind: 'tests', file: 'add_test.py', content: '' },
  { kind: 'code', requires: ['for'] },
];

function outcome(index: number, passed: boolean, more: Partial<CheckOutcome> = {}): CheckOutcome {
  return {
    index,
    kind: checks[index].kind,
    title: `Check ${index + 1}`,
    passed,
    message: `Message ${index + 1}`,
    ...more,
  };
}

function report(outcomes: CheckOutcome[]): CheckReport {
  return { outcomes, passed: outcomes.every((o) => o.passed), durationMs: 10 };
}

const region = () => container().querySelector('[role="region"]')!;

describe('CheckResults', () => {
  it('is a polite region named Check results from the start, with a placeholder, then Checking…', () => {
    const [checking, setChecking] = createSignal(false);
    setDispose(render(() => <CheckResults report={undefined} checking={checking()} checks={checks} />, container()));
    expect(region().tagName).toBe('SECTION');
    expect(region().getAttribute('aria-label')).toBe('Check results');
    expect(region().getAttribute('aria-live')).toBe('polite');
    expect(region().textContent).toContain('Press Check to see how your code does.');
    expect(region().textContent).toContain('4 checks');
    setChecking(true);
    expect(region().textContent).toBe('Checking…');
  });

  it('sums up how many checks passed, and marks each one for eye and ear', () => {
    const [result, setResult] = createSignal<CheckReport>(
      report([outcome(0, true), outcome(1, false), outcome(2, true), outcome(3, false)]),
    );
    setDispose(render(() => <CheckResults report={result()} checking={false} checks={checks} />, container()));
    expect(region().querySelector('.check-summary')?.textContent).toBe('2 of 4 checks passed');
    const items = [...region().querySelectorAll('.check-list > li')];
    expect(items).toHaveLength(4);
    expect(items[0].querySelector('[aria-hidden="true"]')?.textContent).toBe('✓');
    expect(items[0].querySelector('.visually-hidden')?.textContent).toContain('Passed');
    expect(items[1].querySelector('[aria-hidden="true"]')?.textContent).toBe('✗');
    expect(items[1].querySelector('.visually-hidden')?.textContent).toContain('Failed');
    expect(items[1].querySelector('strong')?.textContent).toBe('Check 2');
    expect(items[1].textContent).toContain('Message 2');

    setResult(report([outcome(0, true), outcome(1, true), outcome(2, true), outcome(3, true)]));
    expect(region().querySelector('.check-summary')?.textContent).toBe('All 4 checks passed 🎉');
    expect(region().querySelector('.check-summary [aria-hidden="true"]')?.textContent).toContain('🎉');
  });

  it('lines up a failed output check line by line, marking the differing rows and showing trailing spaces', () => {
    const failed = outcome(0, false, {
      comparison: { expected: 'Hello\nBye\n\nEnd', actual: 'Hello\nBye  \nEnd\n', match: 'exact' },
    });
    setDispose(
      render(
        () => <CheckResults report={report([failed, outcome(1, true)])} checking={false} checks={checks} />,
        container(),
      ),
    );
    const table = region().querySelector('table')!;
    expect(table.querySelector('caption')?.textContent).toBe('Expected and your output, line by line');
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'Line',
      'Expected',
      'Your output',
    ]);
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.classList.contains('check-row-differs'))).toEqual([false, true, true, true]);
    expect(rows[0].querySelector('.visually-hidden')).toBeNull();
    expect(rows[1].querySelector('th .visually-hidden')?.textContent?.trim()).toBe('different');
    // Line 2: the same words, two spaces after them in the learner's output.
    const [expected2, actual2] = rows[1].querySelectorAll('td');
    expect(expected2.textContent).toBe('Bye');
    expect(actual2.querySelector('.check-space')?.textContent).toBe('··');
    expect(actual2.textContent).toContain('2 spaces at the end');
    expect(region().textContent).toContain('marks a space at the end of a line');
    // Line 3: an empty line expected, End printed instead; line 4: nothing printed.
    expect(rows[2].querySelector('td em')?.textContent).toBe('(empty line)');
    expect(rows[3].querySelectorAll('td')[1].textContent).toBe('(no line)');
    expect(region().textContent).toContain('Your output ends with a line break');
    // The checks's own answers are shown, so the learner can try them.
    expect([...region().querySelectorAll('.check-comparison code')].map((c) => c.textContent)).toEqual(['3', '4']);
    // A passed check shows no comparison.
    expect(region().querySelectorAll('table')).toHaveLength(1);
  });

  it('compares lines as the check did, and shows at most 50 of them', () => {
    const normalised = compareLines({ expected: 'a\nB\n\n', actual: 'a  \nb\n', match: 'normalised' });
    expect(normalised.rows.map((r) => r.differs)).toEqual([false, true]);
    expect(normalised.showTrailing).toBe(false);
    expect(normalised.rows[0].actual).toBe('a');
    const ignoringCase = compareLines({ expected: 'a\nB', actual: 'a\nb', match: 'ignore-case' });
    expect(ignoringCase.differing).toBe(0);

    const many = Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n');
    const failed = outcome(0, false, {
      comparison: { expected: many, actual: many.replace('line 3', 'line three'), match: 'normalised' },
    });
    setDispose(render(() => <CheckResults report={report([failed])} checking={false} checks={checks} />, container()));
    expect(region().querySelectorAll('tbody tr')).toHaveLength(50);
    expect(region().textContent).toContain('10 more lines not shown.');
    expect(region().querySelector('.check-summary')?.textContent).toBe('The check did not pass yet');
  });

  it('lists each test of a tests check by name, and adds nothing to a timed-out check', () => {
    const tests = outcome(2, false, {
      tests: [
        { name: 'test_small', passed: true, message: '' },
        { name: 'test_negative', passed: false, message: 'add(-1, -2) returned 3, expected -3' },
      ],
    });
    const timedOut = outcome(0, false, {
      timedOut: true,
      message: 'Your code took too long.',
      comparison: { expected: 'a', actual: 'b', match: 'exact' },
    });
    setDispose(
      render(() => <CheckResults report={report([tests, timedOut])} checking={false} checks={checks} />, container()),
    );
    const items = [...region().querySelectorAll('.check-tests li')];
    expect(items.map((li) => li.querySelector('code')?.textContent)).toEqual(['test_small', 'test_negative']);
    expect(items.map((li) => li.querySelector('[aria-hidden="true"]')?.textContent)).toEqual(['✓', '✗']);
    expect(items[1].querySelector('.visually-hidden')?.textContent).toContain('Failed');
    expect(items[1].textContent).toContain('returned 3, expected -3');
    const timedOutItem = region().querySelectorAll('.check-list > li')[1];
    expect(timedOutItem.textContent).toBe('✗Failed: Check 1Your code took too long.');
    expect(region().querySelector('table')).toBeNull();
  });
});
