// @vitest-environment happy-dom
// An exercise beside the editor as a learner meets it: Check and its name in every state, hints one at a time,
// the solution locked, unlocked and shown, and the buttons around them.
import { createSignal, Show } from 'solid-js';
import { render } from 'solid-js/web';
import { describe, expect, it, vi } from 'vitest';
import {
  accessibleName,
  buttonNamed,
  buttonsIn,
  mountPoint,
  patchNodeNameForDomPurify,
} from '../../../../tests/support/dom.ts';
import type { Exercise } from '../../../model/lesson.ts';
import type { ExerciseProgress } from '../shared/progress.ts';
import { ExercisePanel } from './ExercisePanel.tsx';

patchNodeNameForDomPurify();

const { container, setDispose } = mountPoint();

const hasButton = (name: string | RegExp) =>
  buttonsIn(container()).some((b) =>
    typeof name === 'string' ? accessibleName(b) === name : name.test(accessibleName(b)),
  );

const exercise: Exercise = {
  id: 'e1',
  title: 'Add two numbers',
  instructions: 'Write `add`.\n\n```python\nprint(add(2, 3))\n```',
  files: [{ name: 'main.py', content: '' }],
  main: 'main.py',
  hints: ['Use **def**.', 'Return the sum.', 'Like this: `return a + b`'],
  solution: [
    { name: 'main.py', content: 'def add(a, b):\n    return a + b\n' },
    { name: 'notes.txt', content: 'done' },
  ],
  checks: [{ kind: 'call', function: 'add', args: '2, 3', expect: '5' }],
};

const progress: ExerciseProgress = {
  packId: 'p',
  exerciseId: 'e1',
  lessonId: 'l1',
  attempts: 3,
  checks: [],
  hintsShown: 0,
  firstPassedAt: 5,
  activeMs: 0,
  firstOpenedAt: 1,
  lastOpenedAt: 2,
};

interface State {
  checking: boolean;
  pythonReady: boolean;
  hintsShown: number;
  solutionUnlocked: boolean;
  triesUntilSolution: number | 'never';
  solutionShown: boolean;
  exercise: Exercise;
  /** The text of a completion slot to pass, or none. */
  completion?: string;
}

let slotsMade = 0;
/** What a parent puts in the completion slot: its text, or nothing at all for ''. */
function Slot(props: { text: string }) {
  slotsMade++;
  return (
    <Show when={props.text}>
      <p class="slot">{props.text}</p>
    </Show>
  );
}

function renderPanel(initial: Partial<State> = {}) {
  const [state, setState] = createSignal<State>({
    checking: false,
    pythonReady: true,
    hintsShown: 0,
    solutionUnlocked: false,
    triesUntilSolution: 2,
    solutionShown: false,
    exercise,
    ...initial,
  });
  const calls = {
    check: vi.fn(),
    hint: vi.fn(() => setState((s) => ({ ...s, hintsShown: s.hintsShown + 1 }))),
    showSolution: vi.fn(() => setState((s) => ({ ...s, solutionShown: true }))),
    useSolution: vi.fn(),
    reset: vi.fn(),
    copy: vi.fn(),
    previous: vi.fn(),
    next: vi.fn(),
    all: vi.fn(),
  };
  setDispose(
    render(
      () => (
        <ExercisePanel
          packTitle="Beginners"
          lessonTitle="Functions"
          lessonPage="Functions **name** a piece of code."
          exercise={state().exercise}
          position={{ index: 1, total: 4 }}
          progress={progress}
          report={undefined}
          checking={state().checking}
          pythonReady={state().pythonReady}
          hintsShown={state().hintsShown}
          solutionUnlocked={state().solutionUnlocked}
          triesUntilSolution={state().triesUntilSolution}
          solutionShown={state().solutionShown}
          onCheck={calls.check}
          onShowHint={calls.hint}
          onShowSolution={calls.showSolution}
          onUseSolution={calls.useSolution}
          onReset={calls.reset}
          onCopyCode={calls.copy}
          onPrevious={calls.previous}
          onNext={calls.next}
          onAllLessons={calls.all}
          completion={state().completion === undefined ? undefined : <Slot text={state().completion!} />}
        />
      ),
      container(),
    ),
  );
  return { calls, setState };
}

describe('ExercisePanel', () => {
  it('is a region named by the exercise, with where it is, the lesson page, the instructions and the way around', () => {
    const { calls } = renderPanel();
    const aside = container().querySelector('aside')!;
    const heading = aside.querySelector('h2')!;
    expect(heading.textContent).toBe('Add two numbers');
    expect(aside.getAttribute('aria-labelledby')).toBe(heading.id);
    expect(aside.textContent).toContain('Exercise 2 of 4');
    expect(aside.textContent).toContain('Tried 3 times · passed ✓');
    expect(aside.querySelector('.exercise-crumb-path')?.textContent).toContain('Beginners');
    expect(aside.querySelector('.exercise-crumb-path')?.textContent).toContain('Functions');
    const page = aside.querySelector('details')!;
    expect(page.querySelector('summary')?.textContent).toBe('About this lesson');
    expect(page.querySelector('strong')?.textContent).toBe('name');
    expect(aside.querySelector('[role="region"][aria-label="Instructions"] code')?.textContent).toBe('add');

    buttonNamed(container(), 'Copy to editor: print(add(2, 3))').click();
    expect(calls.copy).toHaveBeenCalledWith('print(add(2, 3))');
    buttonNamed(container(), 'All lessons').click();
    expect(calls.all).toHaveBeenCalledTimes(1);
    buttonNamed(container(), 'Reset to starter').click();
    expect(calls.reset).toHaveBeenCalledTimes(1);
    buttonNamed(container(), 'Next exercise').click();
    expect(calls.next).toHaveBeenCalledTimes(1);
    buttonNamed(container(), 'Previous exercise').click();
    expect(calls.previous).toHaveBeenCalledTimes(1);
    expect(aside.querySelector('[role="region"][aria-label="Check results"]')).not.toBeNull();
  });

  it('keeps Check named Check, disabled while checking and while Python starts', () => {
    const { calls, setState } = renderPanel({ pythonReady: false });
    const check = buttonNamed(container(), 'Check') as HTMLButtonElement;
    expect(check.classList.contains('primary')).toBe(true);
    expect(check.disabled).toBe(true);
    setState((s) => ({ ...s, pythonReady: true }));
    expect(check.disabled).toBe(false);
    check.click();
    expect(calls.check).toHaveBeenCalledTimes(1);

    setState((s) => ({ ...s, checking: true }));
    expect(check.disabled).toBe(true);
    expect(check.textContent).toBe('Checking…');
    expect(accessibleName(check)).toBe('Check');
    expect(buttonNamed(container(), 'Check')).toBe(check);
    setState((s) => ({ ...s, checking: false }));
    expect(check.textContent).toBe('Check');
    expect(check.disabled).toBe(false);
  });

  it('reveals hints one at a time through the parent, counting those left, and focuses the new one', () => {
    const { calls } = renderPanel();
    expect(container().querySelector('.exercise-hints')).toBeNull();
    buttonNamed(container(), 'Show a hint (3 of 3 left)').click();
    expect(calls.hint).toHaveBeenCalledTimes(1);
    let hints = [...container().querySelectorAll('.exercise-hints > li')];
    expect(hints).toHaveLength(1);
    expect(hints[0].querySelector('strong')?.textContent).toBe('def');
    expect(document.activeElement).toBe(hints[0]);

    buttonNamed(container(), 'Show a hint (2 of 3 left)').click();
    buttonNamed(container(), 'Show a hint (1 of 3 left)').click();
    hints = [...container().querySelectorAll('.exercise-hints > li')];
    expect(hints.map((li) => li.textContent?.trim())).toEqual([
      'Use def.',
      'Return the sum.',
      'Like this: return a + b',
    ]);
    expect(hasButton(/^Show a hint/)).toBe(false);
    expect(document.activeElement).toBe(hints[2]);
  });

  it('shows no hints part when the exercise has none', () => {
    renderPanel({ exercise: { ...exercise, hints: [] } });
    expect(container().textContent).not.toContain('Hint');
    expect(hasButton(/hint/i)).toBe(false);
  });

  it('keeps the solution locked, then offers it, then shows each file and offers to use it', () => {
    const { calls, setState } = renderPanel({ triesUntilSolution: 2 });
    expect(container().textContent).toContain('The solution opens after 2 more tries.');
    expect(hasButton('Show the solution')).toBe(false);
    expect(container().textContent).not.toContain('return a + b\n');
    setState((s) => ({ ...s, triesUntilSolution: 1 }));
    expect(container().textContent).toContain('The solution opens after 1 more try.');

    setState((s) => ({ ...s, triesUntilSolution: 0, solutionUnlocked: true }));
    expect(container().textContent).not.toContain('The solution opens after');
    expect(container().querySelector('.exercise-solution-file')).toBeNull();
    buttonNamed(container(), 'Show the solution').click();
    expect(calls.showSolution).toHaveBeenCalledTimes(1);

    const files = [...container().querySelectorAll('.exercise-solution-file')];
    expect(files.map((f) => f.querySelector('figcaption')?.textContent)).toEqual(['main.py', 'notes.txt']);
    expect(files[0].querySelector('pre > code')?.textContent).toBe('def add(a, b):\n    return a + b\n');
    expect(hasButton('Show the solution')).toBe(false);
    buttonNamed(container(), 'Use the solution').click();
    expect(calls.useSolution).toHaveBeenCalledTimes(1);
  });

  it('shows what it is given for completion under the check results, and nothing when given nothing', () => {
    const { setState } = renderPanel();
    expect(container().querySelector('.exercise-completion')).toBeNull();
    slotsMade = 0;
    setState((s) => ({ ...s, completion: 'Completion code: maple-river-42' }));
    // Made once, however often the panel looks at it.
    expect(slotsMade).toBe(1);
    const slot = container().querySelector('.exercise-completion')!;
    expect(slot.textContent).toBe('Completion code: maple-river-42');
    // Right after the results, before the hints: it is what the learner looks at once the checks pass.
    expect(slot.previousElementSibling?.getAttribute('aria-label')).toBe('Check results');
    setState((s) => ({ ...s, completion: undefined }));
    expect(container().querySelector('.exercise-completion')).toBeNull();
    expect(container().querySelector('.slot')).toBeNull();
    // A slot whose content renders nothing leaves no empty box either.
    setState((s) => ({ ...s, completion: '' }));
    expect(container().querySelector('.exercise-completion')).toBeNull();
  });

  it('shows nothing of a solution that never opens or does not exist', () => {
    const { setState } = renderPanel({ triesUntilSolution: 'never' });
    expect(container().textContent).not.toContain('solution');
    setState((s) => ({ ...s, triesUntilSolution: 3, exercise: { ...exercise, solution: undefined } }));
    expect(container().textContent).not.toContain('solution');
    expect(hasButton(/solution/)).toBe(false);
  });
});
