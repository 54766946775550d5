// @vitest-environment happy-dom
// The dashboard and the lesson text as a learner meets them: what is read out, what each button is called and
// what pressing it does. Needs Solid's JSX compiled (vite-plugin-solid) and `*.test.tsx` in vitest's include.
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buttonNamed, mountPoint, patchNodeNameForDomPurify } from '../../../../tests/support/dom.ts';
import { PACK_FORMAT, PACK_FORMAT_VERSION, type Pack } from '../../../model/lesson.ts';
import type { ActivityRun, ExerciseProgress } from '../shared/progress.ts';
import { Markdown } from './Markdown.tsx';
import { summariseProgress } from './progress-summary.ts';
import { ProgressView } from './ProgressView.tsx';

/** uPlot draws on a canvas happy-dom does not have: a stand-in records what the chart asked of it. */
const plots = vi.hoisted(() => [] as { data: unknown; destroyed: boolean; target: HTMLElement }[]);
vi.mock('uplot', () => {
  class FakePlot {
    static paths = { bars: () => () => null };
    record: { data: unknown; destroyed: boolean; target: HTMLElement };
    constructor(_opts: unknown, data: unknown, target: HTMLElement) {
      this.record = { data, destroyed: false, target };
      plots.push(this.record);
      target.append(document.createElement('canvas'));
    }
    setData(data: unknown) {
      this.record.data = data;
    }
    setSize() {}
    destroy() {
      this.record.destroyed = true;
    }
  }
  return { default: FakePlot };
});

patchNodeNameForDomPurify();

const { container, setDispose, dispose } = mountPoint();
beforeEach(() => {
  plots.length = 0;
});

function pack(id: string, lessons: Record<string, string[]>): Pack {
  return {
    format: PACK_FORMAT,
    version: PACK_FORMAT_VERSION,
    id,
    title: `Pack ${id}`,
    author: 'Test',
    language: 'en',
    lessons: Object.entries(lessons).map(([lessonId, exercises]) => ({
      id: lessonId,
      title: `Title ${lessonId}`,
      exercises: exercises.map((exerciseId) => ({
        id: exerciseId,
        title: `Exercise ${exerciseId}`,
        instructions: '',
        files: [{ name: 'main.py', content: '' }],
        main: 'main.py',
        hints: [],
        checks: [],
      })),
    })),
  };
}

const now = new Date(2025, 5, 10, 15).getTime();
const hour = 3_600_000;

function record(exerciseId: string, fields: Partial<ExerciseProgress>): ExerciseProgress {
  return {
    packId: 'p',
    exerciseId,
    lessonId: 'l',
    attempts: 0,
    checks: [],
    hintsShown: 0,
    activeMs: 0,
    firstOpenedAt: now - 48 * hour,
    lastOpenedAt: now - 48 * hour,
    ...fields,
  };
}

function sampleSummary(runs: ActivityRun[] = []) {
  return summariseProgress({
    packs: [pack('p', { one: ['a', 'b', 'c'], two: ['d'] })],
    progress: [
      record('a', {
        attempts: 1,
        firstPassedAt: now - 30 * hour,
        lastOpenedAt: now - 30 * hour,
        activeMs: 50 * 60_000,
        checks: [{ at: now - 30 * hour, passed: 2, total: 2, failed: [], errors: [] }],
      }),
      record('b', {
        attempts: 2,
        lastOpenedAt: now - hour,
        activeMs: 30 * 60_000,
        checks: [{ at: now - hour, passed: 0, total: 2, failed: ['x'], errors: ['NameError'] }],
      }),
    ],
    runs,
    now,
  });
}

describe('ProgressView', () => {
  it('says it is loading while there is no summary yet', () => {
    setDispose(render(() => <ProgressView summary={undefined} onOpenExercise={() => {}} />, container()));
    const section = container().querySelector('section')!;
    const heading = container().querySelector('h2')!;
    expect(heading.textContent).toBe('Your progress');
    expect(section.getAttribute('aria-labelledby')).toBe(heading.id);
    expect(heading.id).not.toBe('');
    expect(section.getAttribute('aria-busy')).toBe('true');
    expect(section.textContent).toContain('Loading');
  });

  it('continues where the learner left off, and opens exercises from the lesson lists', () => {
    const open = vi.fn();
    const onContinue = vi.fn();
    const summary = sampleSummary();
    setDispose(
      render(() => <ProgressView summary={summary} onOpenExercise={open} onContinue={onContinue} />, container()),
    );

    buttonNamed(container(), 'Continue: Exercise b').click();
    expect(open).toHaveBeenCalledWith('p', 'b');
    expect(onContinue).toHaveBeenCalledTimes(1);

    expect(container().querySelector('.progress-totals')?.textContent).toBe(
      '1 of 4 exercises passed, 1 tried · 1 h 20 min of coding',
    );

    const bars = [...container().querySelectorAll('progress')];
    expect(bars.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Lesson 1: Title one, 1 of 3 passed',
      'Lesson 2: Title two, 0 of 1 passed',
    ]);
    expect([bars[0].value, bars[0].max]).toEqual([1, 3]);

    const rows = [...container().querySelectorAll('.progress-exercise')].map((li) => li.textContent);
    expect(rows).toEqual([
      'Exercise a✓ Passed',
      'Exercise b• 2 tries',
      'Exercise c○ Not started',
      'Exercise d○ Not started',
    ]);
    open.mockClear();
    buttonNamed(container(), 'Exercise c').click();
    expect(open).toHaveBeenCalledWith('p', 'c');
    // The exercises sit in a disclosure per lesson, so a long course stays a short page.
    expect(buttonNamed(container(), 'Exercise d').closest('details')?.querySelector('summary')?.textContent).toContain(
      'Title two',
    );
  });

  it('lists the errors met most with their titles and types', () => {
    const summary = sampleSummary([
      { startedAt: now - 2 * hour, status: 'error', errorType: 'NameError' },
      { startedAt: now - 3 * hour, status: 'error', errorType: 'OddError' },
    ]);
    setDispose(render(() => <ProgressView summary={summary} onOpenExercise={() => {}} />, container()));
    const items = [...container().querySelectorAll('.progress-errors li')];
    expect(items).toHaveLength(summary.errors.length);
    expect(items[0].querySelector('code')?.textContent).toBe('NameError');
    expect(items[0].textContent).toContain(summary.errors[0].title);
    expect(items[0].textContent).toContain('2 times');
    // A type with no title of its own is shown once, not twice.
    expect(items[1].textContent).toBe('OddError 1 time');
  });

  it('shows the activity as a chart hidden from screen readers, with a sentence and a table of the days', () => {
    const summary = sampleSummary([
      { startedAt: now - 2 * hour, status: 'ok' },
      { startedAt: now - 3 * hour, status: 'error', errorType: 'NameError' },
      { startedAt: now - 50 * hour, status: 'ok' },
    ]);
    setDispose(render(() => <ProgressView summary={summary} onOpenExercise={() => {}} />, container()));
    const figure = container().querySelector('figure')!;
    expect(figure.querySelector('figcaption')?.textContent).not.toBe('');
    expect(figure.textContent).toContain('Last 8 weeks: 3 runs and 2 checks on 3 days.');
    expect(plots).toHaveLength(1);
    expect(plots[0].target.closest('[aria-hidden="true"]')).not.toBeNull();
    expect(figure.querySelector('canvas')?.closest('[aria-hidden="true"]')).not.toBeNull();
    const rows = [...figure.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => Number(td.textContent)),
    );
    expect(rows).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [2, 1, 0],
    ]);
    dispose();
    expect(plots[0].destroyed).toBe(true);
  });

  it('has a Hand in button for each pack with work in it, named by the pack, only when it can hand in', () => {
    const handIn = vi.fn();
    const summary = summariseProgress({
      packs: [pack('p', { one: ['a', 'b'] }), pack('q', { one: ['x'] })],
      progress: [record('b', { attempts: 1 })],
      runs: [],
      now,
    });
    setDispose(
      render(() => <ProgressView summary={summary} onOpenExercise={() => {}} onHandIn={handIn} />, container()),
    );
    const button = buttonNamed(container(), 'Hand in Pack p');
    expect(button.textContent).toBe('Hand in');
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
    // Pack q has nothing tried or passed: nothing to hand in.
    expect(container().textContent?.match(/Hand in/g)).toHaveLength(1);
    button.click();
    expect(handIn).toHaveBeenCalledWith('p');

    dispose();
    setDispose(render(() => <ProgressView summary={summary} onOpenExercise={() => {}} />, container()));
    expect(container().textContent).not.toContain('Hand in');
  });

  it('says what will show instead of an empty chart', () => {
    const summary = summariseProgress({ packs: [pack('p', { one: ['a'] })], progress: [], runs: [], now });
    setDispose(render(() => <ProgressView summary={summary} onOpenExercise={() => {}} />, container()));
    expect(container().querySelector('figure')).toBeNull();
    expect(plots).toHaveLength(0);
    expect(container().textContent).toContain('Nothing yet');
    expect(container().querySelector('.progress-continue')).toBeNull();
  });
});

describe('Markdown', () => {
  it('puts a Copy button after each Python block (not after output) that hands over the code exactly', () => {
    const copied = vi.fn();
    const longLine = `print("${'x'.repeat(60)}")`;
    setDispose(
      render(
        () => (
          <Markdown
            source={
              '# Hi\n\n```python\n\nname = input()\nprint(name)\n```\n\n```py\n' +
              longLine +
              '\n```\n\n```\nHello, Sam\n```'
            }
            onCopyCode={copied}
            label="Instructions"
          />
        ),
        container(),
      ),
    );
    const region = container().querySelector('[role="region"]')!;
    expect(region.getAttribute('aria-label')).toBe('Instructions');
    expect(region.querySelector('h3')?.textContent).toBe('Hi');
    const buttons = [...region.querySelectorAll('button')];
    expect(region.querySelectorAll('pre')).toHaveLength(3);
    expect(buttons).toHaveLength(2);
    for (const button of buttons) {
      expect(button.previousElementSibling?.tagName).toBe('PRE');
      expect(button.textContent).toBe('Copy to editor');
    }
    expect(buttons[0].getAttribute('aria-label')).toBe('Copy to editor: name = input()');
    const second = buttons[1].getAttribute('aria-label')!;
    expect(second.startsWith('Copy to editor: print("xxx')).toBe(true);
    expect(second.length - 'Copy to editor: '.length).toBeLessThanOrEqual(40);

    buttons[0].click();
    expect(copied).toHaveBeenLastCalledWith('\nname = input()\nprint(name)');
    buttons[1].click();
    expect(copied).toHaveBeenLastCalledWith(longLine);
  });

  it('renders again when the source changes, and has no buttons without onCopyCode', () => {
    const [source, setSource] = createSignal('First');
    setDispose(render(() => <Markdown source={source()} />, container()));
    expect(container().textContent?.trim()).toBe('First');
    setSource('Second\n\n```\ncode\n```');
    expect(container().textContent).toContain('Second');
    expect(container().textContent).not.toContain('First');
    expect(container().querySelector('pre')).not.toBeNull();
    expect(container().querySelector('button')).toBeNull();
    expect(container().querySelector('[role="region"]')).toBeNull();
  });
});
