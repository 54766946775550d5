// @vitest-environment happy-dom
// Teach mode as a teacher meets it, with the real controller (a store in memory, a runner that answers with
// events): a new pack, typing that keeps its place, the two run buttons and their verdicts side by side, and Export.
import { render } from 'solid-js/web';
import { describe, expect, it } from 'vitest';
import { buttonNamed, mountPoint, patchNodeNameForDomPurify } from '../../../../tests/support/dom.ts';
import { createAuthoring } from './authoring.ts';
import { fakeCheck, memoryStore, type CheckCall } from './testing.ts';
import { TeachView } from './TeachView.tsx';

patchNodeNameForDomPurify();
const { container, setDispose } = mountPoint();

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function field<T extends HTMLElement = HTMLInputElement>(label: string): T {
  const found = [...container().querySelectorAll('label')].find((l) => l.textContent === label);
  expect(found, `a field labelled "${label}"`).toBeDefined();
  return container().querySelector<T>(`#${CSS.escape(found!.htmlFor)}`)!;
}

async function start() {
  const memory = memoryStore();
  const calls: CheckCall[] = [];
  const authoring = createAuthoring({
    store: memory.store,
    check: fakeCheck(calls),
    zoneFor: (foreign) => (foreign ? 'sandbox' : 'own'),
    download: () => {},
    notify: () => {},
    confirm: () => true,
    origin: 'https://play.example.org/',
  });
  setDispose(render(() => <TeachView authoring={authoring} />, container()));
  await authoring.load();
  return { authoring, calls, ...memory };
}

describe('TeachView', () => {
  it('starts a new pack and edits it without losing the field being typed in', async () => {
    const { authoring } = await start();
    expect(container().textContent).toContain('No packs yet.');
    buttonNamed(container(), 'New pack').click();
    await settle();
    expect(container().querySelector('h2')?.textContent).toBe('My lesson pack');

    const title = field('Exercise title');
    title.focus();
    title.value = 'Say hello';
    title.dispatchEvent(new Event('input', { bubbles: true }));
    // The same element, still focused: the editor is not made again for each change.
    expect(field('Exercise title')).toBe(title);
    expect(document.activeElement).toBe(title);
    expect(authoring.pack()!.lessons[0].exercises[0].title).toBe('Say hello');
    expect(container().querySelector('[aria-current="true"]')?.textContent).toBe('Say hello');

    // The instructions' preview shows the Markdown as learners will see it.
    const instructions = field<HTMLTextAreaElement>('Instructions');
    instructions.value = 'Print **Hello!**';
    instructions.dispatchEvent(new Event('input', { bubbles: true }));
    const preview = container().querySelector('[aria-label="Preview of the instructions"]')!;
    expect(preview.querySelector('strong')?.textContent).toBe('Hello!');
  });

  it('runs the checks on the solution and on the starter, and shows both verdicts', async () => {
    const { calls } = await start();
    buttonNamed(container(), 'New pack').click();
    await settle();
    buttonNamed(container(), 'Run checks on the solution').click();
    await settle();
    buttonNamed(container(), 'Run checks on the starter').click();
    await settle();
    expect(calls).toHaveLength(2);
    const runs = [...container().querySelectorAll('.teach-run')];
    expect(runs.map((r) => r.getAttribute('aria-label'))).toEqual(['Checks on the solution', 'Checks on the starter']);
    expect(runs[0].querySelector('.teach-verdict')?.textContent).toBe('✓ Solution: passes the check');
    expect(runs[1].querySelector('.teach-verdict')?.textContent).toBe('✓ Starter: fails the check (as it should)');
  });

  it('shows what to fix, and opens the export dialog once the pack is ready', async () => {
    const { revisions } = await start();
    buttonNamed(container(), 'New pack').click();
    await settle();
    const expectInput = field<HTMLTextAreaElement>('Expected output');
    const title = field('Title');
    title.value = '';
    title.dispatchEvent(new Event('input', { bubbles: true }));
    expect(container().querySelector('.teach-summary [role="status"]')?.textContent).toBe(
      '1 thing to fix before you can hand it out.',
    );
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(expectInput.getAttribute('aria-invalid')).toBeNull();

    title.value = 'Loops';
    title.dispatchEvent(new Event('input', { bubbles: true }));
    buttonNamed(container(), 'Export and hand out').click();
    await settle();
    const dialog = container().querySelector('[role="dialog"]')!;
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe(
      'Hand out “Loops” (version 1)',
    );
    expect(revisions).toHaveLength(1);
  });
});
