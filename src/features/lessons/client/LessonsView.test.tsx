// @vitest-environment happy-dom
// The course list as a learner meets it: what each button is called, what state each exercise is in, and how a
// pack file is opened and removed.
import { render } from 'solid-js/web';
import { describe, expect, it, vi } from 'vitest';
import {
  accessibleName,
  buttonNamed,
  buttonsIn,
  mountPoint,
  patchNodeNameForDomPurify,
} from '../../../../tests/support/dom.ts';
import { LessonsView, type PackOutline } from './LessonsView.tsx';

patchNodeNameForDomPurify();

const { container, setDispose, dispose } = mountPoint();

const packs: PackOutline[] = [
  {
    id: 'builtin',
    title: 'Python for beginners',
    author: 'The playground',
    builtIn: true,
    description: 'Start **here**.',
    lessons: [
      {
        id: 'l1',
        title: 'Printing',
        exercises: [
          { id: 'e1', title: 'Say hello', state: 'passed', attempts: 2 },
          { id: 'e2', title: 'Two lines', state: 'tried', attempts: 3 },
          { id: 'e3', title: 'A box', state: 'not-started', attempts: 0 },
        ],
      },
      { id: 'l2', title: 'Input', exercises: [{ id: 'e4', title: 'Your name', state: 'tried', attempts: 1 }] },
    ],
  },
  {
    id: 'class',
    title: 'Loops',
    author: 'Ms Rivera',
    builtIn: false,
    lessons: [{ id: 'k1', title: 'For', exercises: [{ id: 'f1', title: 'Count', state: 'not-started', attempts: 0 }] }],
  },
];

function renderView(more: { onOpenExercise?: () => void; onOpenPackFile?: () => void; onRemovePack?: () => void }) {
  setDispose(
    render(
      () => (
        <LessonsView
          packs={packs}
          currentExercise={{ packId: 'builtin', exerciseId: 'e2' }}
          onOpenExercise={more.onOpenExercise ?? (() => {})}
          onOpenPackFile={more.onOpenPackFile ?? (() => {})}
          onRemovePack={more.onRemovePack ?? (() => {})}
        />
      ),
      container(),
    ),
  );
}

describe('LessonsView', () => {
  it('names each exercise button by its title alone, with its state beside it', () => {
    const open = vi.fn();
    renderView({ onOpenExercise: open });
    const section = container().querySelector('section')!;
    const heading = container().querySelector('h2')!;
    expect(heading.textContent).toBe('Lessons');
    expect(section.getAttribute('aria-labelledby')).toBe(heading.id);
    expect([...container().querySelectorAll('h3')].map((h) => h.textContent)).toEqual([
      'Python for beginners',
      'Loops',
    ]);
    expect([...container().querySelectorAll('h4')].map((h) => h.textContent)).toEqual([
      'Lesson 1: Printing',
      'Lesson 2: Input',
      'Lesson 1: For',
    ]);
    expect(container().textContent).toContain('by Ms Rivera');
    expect(container().querySelector('.markdown strong')?.textContent).toBe('here');

    const rows = [...container().querySelectorAll('ol > li')].map((li) => {
      const button = li.querySelector('button')!;
      const state = li.querySelector('.lessons-state')!;
      const described = document.getElementById(button.getAttribute('aria-describedby') ?? '');
      return [accessibleName(button), state.textContent, described?.textContent];
    });
    expect(rows).toEqual([
      ['Say hello', '✓ Passed', 'Passed'],
      ['Two lines', '• Tried (3 tries)', 'Tried (3 tries)'],
      ['A box', '○ Not started', 'Not started'],
      ['Your name', '• Tried (1 try)', 'Tried (1 try)'],
      ['Count', '○ Not started', 'Not started'],
    ]);
    // The symbols are for the eye only.
    for (const li of container().querySelectorAll('ol > li')) {
      expect(li.querySelector('.lessons-state > [aria-hidden="true"]')?.textContent).toMatch(/^[✓•○]$/);
    }

    expect(buttonNamed(container(), 'Two lines').getAttribute('aria-current')).toBe('true');
    expect(buttonsIn(container()).filter((b) => b.hasAttribute('aria-current'))).toHaveLength(1);

    buttonNamed(container(), 'Your name').click();
    expect(open).toHaveBeenCalledWith('builtin', 'e4');
    buttonNamed(container(), 'Count').click();
    expect(open).toHaveBeenLastCalledWith('class', 'f1');
  });

  it('opens pack files through a file chooser and hands over the files chosen', () => {
    const opened = vi.fn();
    renderView({ onOpenPackFile: opened });
    const input = container().querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(input.getAttribute('accept')).toBe('.pypack,.zip,.json');
    const picked = vi.spyOn(input, 'click').mockImplementation(() => {});
    buttonNamed(container(), 'Open lesson pack').click();
    expect(picked).toHaveBeenCalledTimes(1);
    expect(container().textContent).toContain('as a file or as a link');

    const file = new File(['{}'], 'loops.pypack');
    Object.defineProperty(input, 'files', { configurable: true, value: [file] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    expect(opened).toHaveBeenCalledTimes(1);
    expect(opened).toHaveBeenCalledWith([file]);

    // Cancelling the chooser hands over nothing.
    Object.defineProperty(input, 'files', { configurable: true, value: [] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('offers Remove for packs the learner added, not for the built-in course', () => {
    const remove = vi.fn();
    renderView({ onRemovePack: remove });
    const removes = buttonsIn(container()).filter((b) => b.textContent === 'Remove');
    expect(removes.map(accessibleName)).toEqual(['Remove pack Loops']);
    removes[0].click();
    expect(remove).toHaveBeenCalledWith('class');
  });

  it('says when it is loading and when there is nothing', () => {
    setDispose(
      render(
        () => (
          <LessonsView packs={[]} loading onOpenExercise={() => {}} onOpenPackFile={() => {}} onRemovePack={() => {}} />
        ),
        container(),
      ),
    );
    expect(container().querySelector('section')?.getAttribute('aria-busy')).toBe('true');
    expect(container().textContent).toContain('Loading lessons');
    expect(buttonNamed(container(), 'Open lesson pack')).toBeDefined();
    dispose();
    setDispose(
      render(
        () => <LessonsView packs={[]} onOpenExercise={() => {}} onOpenPackFile={() => {}} onRemovePack={() => {}} />,
        container(),
      ),
    );
    expect(container().textContent).toContain('No lessons here yet.');
  });
});
