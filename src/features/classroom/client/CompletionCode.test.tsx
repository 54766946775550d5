// @vitest-environment happy-dom
// The completion code under a passed exercise: nothing before a pass or outside a class, the name asked for first,
// then the code with what it proves and what it does not.
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { describe, expect, it, vi } from 'vitest';
import { buttonNamed, mountPoint } from '../../../../tests/support/dom.ts';
import type { ClassInfo } from '../../../model/classroom.ts';
import { PACK_FORMAT, PACK_FORMAT_VERSION, type Pack } from '../../../model/lesson.ts';
import { CompletionCode, type CompletionSource } from './CompletionCode.tsx';

const { container, setDispose } = mountPoint();

const classInfo: ClassInfo = {
  id: '7b',
  name: '7B',
  learners: ['Ada Lovelace', 'Alan Turing'],
  pickName: false,
  secret: 'abcdefghijklmnop',
};

function makePack(cls?: ClassInfo): Pack {
  return {
    format: PACK_FORMAT,
    version: PACK_FORMAT_VERSION,
    id: 'loops',
    title: 'Loops',
    author: 'T',
    language: 'en',
    lessons: [],
    ...(cls ? { class: cls } : {}),
  };
}

/** A stand-in for the hand-in controller: names kept in a signal, codes made from what they are made of. */
function source(initialName = '') {
  const [names, setNames] = createSignal(new Map<string, string>());
  let saved = initialName;
  const src = {
    loadName: vi.fn(async (pack: Pack) => {
      setNames((m) => new Map(m).set(pack.id, saved));
      return saved;
    }),
    nameFor: (pack: Pack) => names().get(pack.id),
    setName: vi.fn(async (pack: Pack, name: string) => {
      saved = name;
      setNames((m) => new Map(m).set(pack.id, name));
      return true;
    }),
    completionCode: vi.fn(async (_pack: Pack, exerciseId: string) =>
      saved ? `${saved.split(' ')[0].toLowerCase()}-${exerciseId}-42` : undefined,
    ),
  } satisfies CompletionSource;
  return src;
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('CompletionCode', () => {
  it('shows nothing before a pass, nor in a pack handed to no class', async () => {
    const src = source('Ada Lovelace');
    const [passedAt, setPassedAt] = createSignal<number | undefined>(undefined);
    setDispose(
      render(
        () => <CompletionCode source={src} pack={makePack(classInfo)} exerciseId="e1" passedAt={passedAt()} />,
        container(),
      ),
    );
    await settle();
    expect(container().textContent).toBe('');
    expect(src.completionCode).not.toHaveBeenCalled();

    setPassedAt(new Date(2025, 8, 1, 10).getTime());
    await settle();
    expect(container().textContent).toContain('Completion code: ada-e1-42');
  });

  it('shows nothing in a pack handed to no class', async () => {
    const src = source('Ada Lovelace');
    setDispose(
      render(() => <CompletionCode source={src} pack={makePack()} exerciseId="e1" passedAt={1} />, container()),
    );
    await settle();
    expect(container().textContent).toBe('');
  });

  it('shows the code, what to do with it and, on asking, what it proves', async () => {
    const src = source('Ada Lovelace');
    const passedAt = new Date(2025, 8, 1, 10).getTime();
    setDispose(
      render(
        () => <CompletionCode source={src} pack={makePack(classInfo)} exerciseId="e1" passedAt={passedAt} />,
        container(),
      ),
    );
    await settle();
    const section = container().querySelector('section')!;
    expect(section.getAttribute('aria-label')).toBe('Completion code');
    expect(section.querySelector('.completion-line')?.textContent).toBe('Completion code: ada-e1-42');
    expect(section.querySelector('strong')?.textContent).toBe('ada-e1-42');
    expect(section.textContent).toContain('Show or read this to your teacher.');
    expect(section.querySelector('.completion-line')?.closest('[aria-live="polite"]')).not.toBeNull();
    const about = section.querySelector('details')!;
    expect(about.querySelector('summary')?.textContent).toBe('What does this code prove?');
    const said = about.querySelector('p')!.textContent!.replace(/\s+/g, ' ');
    expect(said).toContain('ran the checks for this exercise and they passed on');
    expect(said).toContain(new Date(passedAt).toLocaleDateString(undefined, { dateStyle: 'long' }));
    expect(said).toContain('does not prove who wrote the code');
    // No field: the name is known.
    expect(section.querySelector('input, select')).toBeNull();
  });

  it('asks for the name first, then shows the code made with it', async () => {
    const src = source('');
    setDispose(
      render(
        () => <CompletionCode source={src} pack={makePack(classInfo)} exerciseId="e2" passedAt={5} />,
        container(),
      ),
    );
    await settle();
    expect(container().textContent).not.toContain('Completion code:');
    const input = container().querySelector<HTMLInputElement>('input[type="text"]')!;
    expect(container().querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Your name');
    const suggestions = container().querySelector(`datalist[id="${input.getAttribute('list')}"]`)!;
    expect([...suggestions.querySelectorAll('option')].map((o) => o.value)).toEqual(['Ada Lovelace', 'Alan Turing']);

    // An empty name is refused, with the reason read out.
    buttonNamed(container(), 'Show my code').click();
    await settle();
    expect(container().querySelector('[role="alert"]')?.textContent).toBe('Write your name first.');
    expect(src.setName).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(input);

    input.value = '  Alan   Turing ';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    buttonNamed(container(), 'Show my code').click();
    await settle();
    expect(src.setName).toHaveBeenCalledWith(expect.objectContaining({ id: 'loops' }), 'Alan Turing');
    expect(container().querySelector('input')).toBeNull();
    expect(container().querySelector('.completion-line')?.textContent).toBe('Completion code: alan-e2-42');
  });

  it('offers only the class list when the class asks learners to pick their name', async () => {
    const src = source('');
    setDispose(
      render(
        () => (
          <CompletionCode source={src} pack={makePack({ ...classInfo, pickName: true })} exerciseId="e1" passedAt={5} />
        ),
        container(),
      ),
    );
    await settle();
    const select = container().querySelector('select')!;
    expect(container().querySelector('input')).toBeNull();
    expect([...select.options].map((o) => o.textContent)).toEqual(['Choose your name…', 'Ada Lovelace', 'Alan Turing']);
    buttonNamed(container(), 'Show my code').click();
    await settle();
    expect(container().querySelector('[role="alert"]')?.textContent).toBe('Pick your name from the class list.');

    select.value = 'Ada Lovelace';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    buttonNamed(container(), 'Show my code').click();
    await settle();
    expect(src.setName).toHaveBeenCalledWith(expect.anything(), 'Ada Lovelace');
    expect(container().querySelector('.completion-line')?.textContent).toBe('Completion code: ada-e1-42');
  });
});
