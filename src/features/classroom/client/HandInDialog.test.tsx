// @vitest-environment happy-dom
// The hand-in dialog as a learner meets it: it opens and closes with the controller's state, the name is picked from
// the class list (or typed, with the list as suggestions), and each button asks the controller for its way to hand in.
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { describe, expect, it, vi } from 'vitest';
import { buttonNamed, mountPoint } from '../../../../tests/support/dom.ts';
import type { ClassInfo } from '../../../model/classroom.ts';
import { PACK_FORMAT, PACK_FORMAT_VERSION, type Pack } from '../../../model/lesson.ts';
import { createHandIn, type HandInQr, type HandInState } from './hand-in.ts';
import { HandInDialog, handInSummary, type HandInDialogControls } from './HandInDialog.tsx';

const { container, setDispose } = mountPoint();

const classInfo: ClassInfo = {
  id: '7b',
  name: '7B',
  learners: ['Ada Lovelace', 'Alan Turing'],
  pickName: true,
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

/** A stand-in controller: real signals, and methods that record what was asked (and change what they would). */
function controls(initialName = '') {
  const [state, setState] = createSignal<HandInState | undefined>();
  const [name, setName] = createSignal(initialName);
  const [nameError, setNameError] = createSignal<string | undefined>();
  const [qrCode, setQr] = createSignal<HandInQr | undefined>();
  const [linkText, setLinkText] = createSignal<string | undefined>();
  const [busy] = createSignal(false);
  async function saveFile(): Promise<boolean> {
    if (!name()) setNameError('Write your name first.');
    return name() !== '';
  }
  const handIn = {
    state,
    name,
    nameError,
    qrCode,
    linkText,
    busy,
    close: vi.fn(() => setState(undefined)),
    setName: vi.fn(async (_pack: Pack, value: string) => {
      setName(value);
      setNameError(value ? undefined : 'Write your name first.');
      return value !== '';
    }),
    // eslint-disable-next-line solid/reactivity -- a test's stand-in, called by the button's handler
    saveFile: vi.fn(saveFile),
    link: vi.fn(async () => {
      setLinkText('https://x.example/#report=abc');
      return 'https://x.example/#report=abc';
    }),
    qr: vi.fn(async () => {
      setQr({ text: 'https://x.example/#report=abc', note: 'Your code is left out so that it fits.' });
      return 'https://x.example/#report=abc';
    }),
  } satisfies HandInDialogControls;
  return { handIn, setState };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('HandInDialog', () => {
  it('opens named for the pack, with the class list to pick from, and closes with the controller', async () => {
    const { handIn, setState } = controls();
    const opener = document.createElement('button');
    container().append(opener);
    opener.focus();
    setDispose(render(() => <HandInDialog handIn={handIn} />, container()));
    const dialog = container().querySelector('dialog')!;
    expect(dialog.open).toBe(false);

    setState({ pack: makePack(classInfo), passed: 3, total: 5 });
    expect(dialog.open).toBe(true);
    const title = dialog.querySelector('h2')!;
    expect(title.textContent).toBe('Hand in Loops');
    expect(dialog.getAttribute('aria-labelledby')).toBe(title.id);
    expect(dialog.textContent).toContain('3 of 5 exercises passed; your code for each is included.');

    const select = dialog.querySelector('select')!;
    expect(dialog.querySelector(`label[for="${select.id}"]`)?.textContent).toBe('Your name');
    expect([...select.options].map((o) => o.value)).toEqual(['', 'Ada Lovelace', 'Alan Turing']);
    expect(dialog.querySelector('input[type="text"]')).toBeNull();
    // No name yet: the focus starts on the name.
    expect(document.activeElement).toBe(select);

    select.value = 'Alan Turing';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(handIn.setName).toHaveBeenCalledWith(handIn.state()!.pack, 'Alan Turing');

    buttonNamed(dialog, 'Close').click();
    expect(handIn.close).toHaveBeenCalledTimes(1);
    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it('has a text field with the class list as suggestions when names need not be picked', () => {
    const { handIn, setState } = controls('Sam');
    setDispose(render(() => <HandInDialog handIn={handIn} />, container()));
    setState({ pack: makePack({ ...classInfo, pickName: false }), passed: 1, total: 1 });
    const dialog = container().querySelector('dialog')!;
    const input = dialog.querySelector<HTMLInputElement>('input[type="text"]')!;
    expect(input.value).toBe('Sam');
    expect(dialog.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Your name');
    const list = dialog.querySelector(`datalist[id="${input.getAttribute('list')}"]`)!;
    expect([...list.querySelectorAll('option')].map((o) => o.value)).toEqual(['Ada Lovelace', 'Alan Turing']);
    expect(dialog.textContent).toContain('1 of 1 exercise passed');
    // A name is there: the focus starts on the first way to hand in.
    expect(document.activeElement).toBe(buttonNamed(dialog, 'Save report file'));

    input.value = 'Samuel';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    expect(handIn.setName).toHaveBeenLastCalledWith(handIn.state()!.pack, 'Samuel');
  });

  it('asks the controller for each way to hand in, shows the link and the QR code with its words', async () => {
    const { handIn, setState } = controls('Ada Lovelace');
    setDispose(render(() => <HandInDialog handIn={handIn} />, container()));
    setState({ pack: makePack(classInfo), passed: 2, total: 4 });
    const dialog = container().querySelector('dialog')!;

    buttonNamed(dialog, 'Save report file').click();
    expect(handIn.saveFile).toHaveBeenCalledTimes(1);

    buttonNamed(dialog, 'Copy link').click();
    await flush();
    expect(handIn.link).toHaveBeenCalledTimes(1);
    const link = [...dialog.querySelectorAll('input')].find((i) => i.readOnly)!;
    expect(link.value).toBe('https://x.example/#report=abc');
    expect(dialog.querySelector(`label[for="${link.id}"]`)?.textContent).toBe("Your report's link");

    buttonNamed(dialog, 'Show QR code').click();
    await flush();
    await flush();
    expect(handIn.qr).toHaveBeenCalledTimes(1);
    const figure = dialog.querySelector('figure')!;
    const img = figure.querySelector('img')!;
    expect(img.getAttribute('alt')).toBe("QR code of Ada Lovelace's report");
    expect(img.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(figure.querySelector('figcaption')?.textContent).toContain('Ada Lovelace · Loops · 2 of 4 passed');
    expect(figure.querySelector('figcaption')?.textContent).toContain('Your code is left out so that it fits.');
    expect(document.activeElement).toBe(figure);
  });

  it('says why and goes back to the name when there is none yet', async () => {
    const { handIn, setState } = controls('');
    setDispose(render(() => <HandInDialog handIn={handIn} />, container()));
    setState({ pack: makePack(), passed: 0, total: 2 });
    const dialog = container().querySelector('dialog')!;
    const input = dialog.querySelector<HTMLInputElement>('input[type="text"]')!;
    expect(input.hasAttribute('list')).toBe(false);
    buttonNamed(dialog, 'Save report file').focus();
    buttonNamed(dialog, 'Save report file').click();
    await flush();
    const alert = dialog.querySelector('[role="alert"]')!;
    expect(alert.textContent).toBe('Write your name first.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(alert.id);
    expect(document.activeElement).toBe(input);
  });

  it('closes on Escape and on its ✕', () => {
    const { handIn, setState } = controls('Sam');
    setDispose(render(() => <HandInDialog handIn={handIn} />, container()));
    const dialog = container().querySelector('dialog')!;
    setState({ pack: makePack(), passed: 0, total: 1 });
    buttonNamed(dialog, 'Save report file').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }),
    );
    expect(dialog.open).toBe(false);
    expect(handIn.close).toHaveBeenCalledTimes(1);

    setState({ pack: makePack(), passed: 0, total: 1 });
    expect(dialog.open).toBe(true);
    buttonNamed(dialog, 'Close hand-in').click();
    expect(dialog.open).toBe(false);
    expect(handIn.close).toHaveBeenCalledTimes(2);
  });
});

describe('HandInDialog with the real controller', () => {
  it('hands in by QR code once a name is picked, and by file', async () => {
    const pack: Pack = {
      ...makePack(classInfo),
      lessons: [
        {
          id: 'l1',
          title: 'One',
          exercises: [
            {
              id: 'e1',
              title: 'Say hi',
              instructions: '',
              files: [{ name: 'main.py', content: '' }],
              main: 'main.py',
              hints: [],
              checks: [{ kind: 'output', expect: 'hi' }],
            },
          ],
        },
      ],
    };
    const done = { at: 1_750_000_000_000, passed: 1, total: 1, failed: [], errors: [] };
    const download = vi.fn<(name: string, data: Uint8Array, type?: string) => void>();
    const handIn = createHandIn({
      store: {
        deviceId: async () => 'device-1',
        getMeta: async () => undefined,
        setMeta: async () => {},
        listProgress: async () => [
          {
            packId: 'loops',
            exerciseId: 'e1',
            lessonId: 'l1',
            attempts: 1,
            checks: [done],
            hintsShown: 0,
            firstPassedAt: done.at,
            lastPassedAt: done.at,
            activeMs: 1000,
            firstOpenedAt: done.at - 5000,
            lastOpenedAt: done.at,
          },
        ],
        exerciseFiles: async () => [{ name: 'main.py', content: 'print("hi")\n' }],
      },
      getPack: async (id) => (id === 'loops' ? pack : undefined),
      flush: async () => {},
      download,
      copy: async () => true,
      notify: () => {},
      origin: 'https://school.example/',
    });
    setDispose(render(() => <HandInDialog handIn={handIn} />, container()));
    await handIn.open('loops');
    const dialog = container().querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain('1 of 1 exercise passed');

    const select = dialog.querySelector('select')!;
    select.value = 'Ada Lovelace';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    buttonNamed(dialog, 'Show QR code').click();
    for (let i = 0; i < 20 && !dialog.querySelector('figure img'); i++) await flush();
    const img = dialog.querySelector<HTMLImageElement>('figure img')!;
    expect(img.alt).toBe("QR code of Ada Lovelace's report");
    const svg = decodeURIComponent(img.getAttribute('src')!.split(',')[1]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(dialog.querySelector('figcaption')?.textContent).toContain('Ada Lovelace · Loops · 1 of 1 passed');

    buttonNamed(dialog, 'Save report file').click();
    for (let i = 0; i < 20 && download.mock.calls.length === 0; i++) await flush();
    expect(download.mock.calls[0][0]).toBe('Ada Lovelace - Loops.pyreport');
  });
});

describe('handInSummary', () => {
  it('says how many passed and that the code goes with it', () => {
    expect(handInSummary(3, 5)).toBe('3 of 5 exercises passed; your code for each is included.');
    expect(handInSummary(0, 1)).toBe('0 of 1 exercise passed; your code for each is included.');
  });
});
