import { For, Match, Show, Switch } from 'solid-js';
import type { Check, CheckOutcome, CheckReport, OutputComparison } from '../../../model/lesson.ts';
import './lessons.css';

/** Lines of an output comparison shown at most; the check's message already names the first one that differs. */
export const COMPARISON_LINES = 50;

/** Spaces and tabs at the end of a line. */
const TRAILING = /[ \t]+$/;

/** "1 check", "3 checks". */
function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The lines of a program's output as the check looked at them. */
interface Lines {
  lines: string[];
  /** The text ends with a line break (only told apart when the check is exact). */
  endsWithNewline: boolean;
}

/**
 * Output split into lines. Exact: as printed, a final line break ending the last line rather than starting an
 * empty one. Otherwise as the check compared it: no spaces at line ends, no blank lines at the end.
 */
function toLines(text: string, exact: boolean): Lines {
  const unified = text.replace(/\r\n?/g, '\n');
  if (unified === '') return { lines: [], endsWithNewline: false };
  const lines = unified.split('\n');
  const endsWithNewline = unified.endsWith('\n');
  if (exact) {
    if (endsWithNewline) lines.pop();
    return { lines, endsWithNewline };
  }
  const trimmed = lines.map((line) => line.replace(/[ \t]+$/, ''));
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  return { lines: trimmed, endsWithNewline: false };
}

export interface ComparisonRow {
  /** 1-based. */
  line: number;
  /** Undefined: that side has no such line. */
  expected: string | undefined;
  actual: string | undefined;
  differs: boolean;
}

export interface ComparisonTable {
  rows: ComparisonRow[];
  /** Lines after the ones shown. */
  more: number;
  differing: number;
  /** Spaces and tabs at line ends count (the check is exact), so they are shown. */
  showTrailing: boolean;
  /** Only one side ends with a line break (exact checks). */
  newlineNote?: string;
}

/** The line-by-line view of an output comparison (not for `regex` checks: a pattern has no lines to line up). */
export function compareLines(comparison: OutputComparison, limit = COMPARISON_LINES): ComparisonTable {
  const exact = comparison.match === 'exact';
  const expected = toLines(comparison.expected, exact);
  const actual = toLines(comparison.actual, exact);
  const same = (a: string | undefined, b: string | undefined) =>
    a !== undefined &&
    b !== undefined &&
    (comparison.match === 'ignore-case' ? a.toLowerCase() === b.toLowerCase() : a === b);
  const total = Math.max(expected.lines.length, actual.lines.length);
  const rows: ComparisonRow[] = [];
  let differing = 0;
  for (let i = 0; i < total; i++) {
    const row = {
      line: i + 1,
      expected: expected.lines[i],
      actual: actual.lines[i],
      differs: !same(expected.lines[i], actual.lines[i]),
    };
    if (row.differs) differing++;
    if (i < limit) rows.push(row);
  }
  let newlineNote: string | undefined;
  if (exact && expected.endsWithNewline !== actual.endsWithNewline) {
    newlineNote = actual.endsWithNewline
      ? 'Your output ends with a line break; the expected output does not.'
      : 'The expected output ends with a line break; yours does not.';
  }
  return { rows, more: Math.max(0, total - limit), differing, showTrailing: exact, newlineNote };
}

/** One line of output in a table cell, with what cannot be seen made visible. */
function LineText(props: { text: string | undefined; showTrailing: boolean }) {
  const parts = () => {
    const text = props.text ?? '';
    const trailing = props.showTrailing ? (TRAILING.exec(text)?.[0] ?? '') : '';
    return { body: text.slice(0, text.length - trailing.length), trailing };
  };
  return (
    <Switch>
      <Match when={props.text === undefined}>
        <span class="check-no-line">(no line)</span>
      </Match>
      <Match when={props.text === ''}>
        <em class="check-empty-line">(empty line)</em>
      </Match>
      <Match when={true}>
        {parts().body}
        <Show when={parts().trailing}>
          {(trailing) => (
            <>
              <span class="check-space" aria-hidden="true">
                {trailing().replace(/ /g, '·').replace(/\t/g, '→')}
              </span>
              <span class="visually-hidden"> ({plural(trailing().length, 'space')} at the end)</span>
            </>
          )}
        </Show>
      </Match>
    </Switch>
  );
}

function Comparison(props: { comparison: OutputComparison; check: Check | undefined }) {
  const table = () => compareLines(props.comparison);
  const answers = () => (props.check?.kind === 'output' ? (props.check.stdin ?? []) : []);
  const prompts = () => props.check?.kind === 'output' && props.check.prompts === true;
  return (
    <div class="check-comparison">
      <Show
        when={props.comparison.match !== 'regex'}
        fallback={
          <Show when={props.comparison.actual !== ''}>
            <p class="check-note">What your program printed:</p>
            <pre class="check-printed" tabindex="0">
              {props.comparison.actual.split('\n').slice(0, COMPARISON_LINES).join('\n')}
            </pre>
          </Show>
        }
      >
        <Show when={table().differing > 0 || table().newlineNote}>
          <table class="check-compare">
            <caption>Expected and your output, line by line</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Expected</th>
                <th scope="col">Your output</th>
              </tr>
            </thead>
            <tbody>
              <For each={table().rows}>
                {(row) => (
                  <tr classList={{ 'check-row-differs': row.differs }}>
                    <th scope="row">
                      {row.line}
                      <Show when={row.differs}>
                        <span class="check-row-mark" aria-hidden="true">
                          {' '}
                          ≠
                        </span>
                        <span class="visually-hidden"> different</span>
                      </Show>
                    </th>
                    <td>
                      <LineText text={row.expected} showTrailing={table().showTrailing} />
                    </td>
                    <td>
                      <LineText text={row.actual} showTrailing={table().showTrailing} />
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <Show when={table().more > 0}>
            <p class="check-note">{plural(table().more, 'more line')} not shown.</p>
          </Show>
          <Show when={table().newlineNote}>{(note) => <p class="check-note">{note()}</p>}</Show>
          <Show
            when={
              table().showTrailing &&
              table().rows.some((r) => TRAILING.test(r.expected ?? '') || TRAILING.test(r.actual ?? ''))
            }
          >
            <p class="check-note">
              <span aria-hidden="true">·</span>
              <span class="visually-hidden">A dot</span> marks a space at the end of a line: this check counts them.
            </p>
          </Show>
        </Show>
      </Show>
      <Show when={answers().length > 0}>
        <p class="check-note">
          The check typed in:{' '}
          <For each={answers()}>
            {(answer, i) => (
              <>
                {i() > 0 ? ', ' : ''}
                <code>{answer}</code>
              </>
            )}
          </For>
        </p>
      </Show>
      <Show when={prompts()}>
        <p class="check-note">This check counts the prompts of input() as part of the output.</p>
      </Show>
    </div>
  );
}

function Mark(props: { passed: boolean }) {
  return (
    <>
      <span class="check-mark" aria-hidden="true">
        {props.passed ? '✓' : '✗'}
      </span>
      <span class="visually-hidden">{props.passed ? 'Passed: ' : 'Failed: '}</span>
    </>
  );
}

function Outcome(props: { outcome: CheckOutcome; check: Check | undefined }) {
  return (
    <li class={props.outcome.passed ? 'check-outcome check-passed' : 'check-outcome check-failed'}>
      <div class="check-outcome-head">
        <Mark passed={props.outcome.passed} />
        <strong class="check-title">{props.outcome.title}</strong>
      </div>
      <Show when={props.outcome.message}>
        <p class="check-message">{props.outcome.message}</p>
      </Show>
      <Show when={!props.outcome.timedOut}>
        <Show when={!props.outcome.passed && props.outcome.comparison}>
          {(comparison) => <Comparison comparison={comparison()} check={props.check} />}
        </Show>
        <Show when={props.outcome.tests?.length}>
          <ul class="check-tests">
            <For each={props.outcome.tests}>
              {(test) => (
                <li class={test.passed ? 'check-passed' : 'check-failed'}>
                  <Mark passed={test.passed} />
                  <code class="check-test-name">{test.name}</code>
                  <Show when={test.message}>
                    <span class="check-test-message">{test.message}</span>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </li>
  );
}

/** "All 4 checks passed", "2 of 4 checks passed". */
function summary(report: CheckReport): { text: string; passed: boolean } {
  const total = report.outcomes.length;
  const passed = report.outcomes.filter((o) => o.passed).length;
  if (total === 0) return { text: 'This exercise has no checks.', passed: false };
  if (passed === total) return { text: total === 1 ? 'The check passed' : `All ${total} checks passed`, passed: true };
  if (total === 1) return { text: 'The check did not pass yet', passed: false };
  return { text: `${passed} of ${total} checks passed`, passed: false };
}

/**
 * What the last press of Check found: a summary, then each check with why it failed, an output check's lines
 * side by side and a test file's tests. The region is there from the start (and polite), so a screen reader
 * reads the results out when they arrive.
 */
export function CheckResults(props: { report: CheckReport | undefined; checking: boolean; checks: Check[] }) {
  return (
    <section role="region" aria-label="Check results" aria-live="polite" class="check-results">
      <Switch>
        <Match when={props.checking}>
          <p class="check-note">Checking…</p>
        </Match>
        <Match when={props.report}>
          {(report) => {
            const result = () => summary(report());
            return (
              <>
                <p class={result().passed ? 'check-summary check-summary-passed' : 'check-summary'}>
                  {result().text}
                  <Show when={result().passed}>
                    <span aria-hidden="true"> 🎉</span>
                  </Show>
                </p>
                <Show when={report().outcomes.length > 0}>
                  <ol class="check-list">
                    <For each={report().outcomes}>
                      {(outcome) => <Outcome outcome={outcome} check={props.checks[outcome.index]} />}
                    </For>
                  </ol>
                </Show>
              </>
            );
          }}
        </Match>
        <Match when={true}>
          <p class="check-note">
            Press Check to see how your code does.
            <Show when={props.checks.length > 0}> {plural(props.checks.length, 'check')} will look at it.</Show>
          </p>
        </Match>
      </Switch>
    </section>
  );
}
