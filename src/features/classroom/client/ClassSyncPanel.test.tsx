// @vitest-environment happy-dom
// Settings → Class sync as a learner or teacher meets it, on the real controller (createClassSync) with a scripted
// stand-in for storage's startClassSync: off by default, every control labelled, the switch moving only when
// sync really started, the status read out as it changes, and the reason shown when it cannot start.
import { render } from 'solid-js/web';
import { describe, expect, it } from 'vitest';
import { accessibleName, buttonNamed, mountPoint } from '../../../../tests/support/dom.ts';
import { ClassSyncPanel, SHARED_BY_LEARNER, SHARED_BY_TEACHER } from './ClassSyncPanel.tsx';
import { createClassSync, type StartClassSync, type SyncSettings, type SyncTarget } from './sync.ts';

const { container, setDispose } = mountPoint();
const NOW = Date.UTC(2026, 2, 10, 10);

type Options = Parameters<StartClassSync>[1];

function setUp(kept?: SyncSettings, refuse?: string) {
  const started: { target: SyncTarget; options: Options; stopped: boolean }[] = [];
  const saved: (SyncSettings | undefined)[] = [];
  const start: StartClassSync = async (target, options) => {
    if (refuse) throw new Error(refuse);
    const entry = { target, options, stopped: false };
    started.push(entry);
    return {
      publish: async () => {},
      reports: async () => [],
      stop: async () => void (entry.stopped = true),
    };
  };
  const sync = createClassSync({
    start,
    settings: { load: async () => kept, save: async (s) => void saved.push(s) },
    pageProtocol: 'http:',
    onReports: () => {},
    now: () => NOW,
  });
  setDispose(render(() => <ClassSyncPanel sync={sync} />, container()));
  return { sync, started, saved };
}

const root = () => container().querySelector('section.class-sync')!;
const switchEl = () => root().querySelector<HTMLInputElement>('input[role="switch"]')!;
const status = () => root().querySelector('[role="status"]')!;
const alert = () => root().querySelector('[role="alert"]')!;

/** The input whose label (its `for`, or the label around it) reads this. */
function field(name: string): HTMLInputElement {
  const label = [...root().querySelectorAll('label')].find((l) => accessibleName(l) === name);
  expect(label, `a label "${name}"`).toBeDefined();
  const forId = label!.getAttribute('for');
  return (forId ? root().querySelector(`#${CSS.escape(forId)}`) : label!.querySelector('input')) as HTMLInputElement;
}

function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function click(input: HTMLInputElement): void {
  input.click();
}

describe('ClassSyncPanel', () => {
  it('is off by default, labels every control and says what is shared', () => {
    setUp();
    expect(root().querySelector('h3')?.textContent).toBe('Class sync');
    expect(switchEl().checked).toBe(false);
    expect(accessibleName(switchEl().closest('label')!)).toBe('Sync with the class database');
    expect(status().getAttribute('aria-live')).toBe('polite');
    expect(status().textContent).toBe('Class sync is off.');
    for (const input of root().querySelectorAll('input')) {
      const labelled = input.closest('label') ?? root().querySelector(`label[for="${input.id}"]`);
      expect(labelled, `a label for ${input.outerHTML}`).not.toBeNull();
    }
    expect(field('Database address').type).toBe('url');
    expect(field('Password (optional)').type).toBe('password');
    expect(root().querySelector('legend')?.textContent).toBe('I am');
    expect(field('a learner').checked).toBe(true);
    expect(root().textContent).toContain(SHARED_BY_LEARNER);
    expect(root().textContent).toContain('kept on this device only');
    click(field('the teacher'));
    expect(root().textContent).toContain(SHARED_BY_TEACHER);
    expect(root().textContent).not.toContain(SHARED_BY_LEARNER);
  });

  it('turns on with what was typed, and reads out the status as it changes', async () => {
    const { started, saved } = setUp();
    type(field('Database address'), 'http://192.168.1.20:5984/class-7b');
    type(field('Class code'), '7B');
    click(field('the teacher'));
    type(field('User name (optional)'), 'teacher');
    type(field('Password (optional)'), 'pw');
    click(switchEl());
    // Not checked until sync has really started.
    expect(switchEl().checked).toBe(false);
    await expect.poll(() => switchEl().checked).toBe(true);
    expect(started[0].target).toEqual({
      url: 'http://192.168.1.20:5984/class-7b',
      classCode: '7B',
      role: 'teacher',
      username: 'teacher',
      password: 'pw',
    });
    expect(saved.at(-1)).toMatchObject({ on: true, role: 'teacher' });
    expect(status().textContent).toBe('Connecting to the class database…');
    started[0].options.onStatus!({ state: 'idle', lastSyncedAt: NOW - 2 * 60_000 });
    expect(status().textContent).toBe('Up to date, 2 minutes ago.');
    started[0].options.onStatus!({ state: 'error', error: 'the user name or password was not accepted.' });
    expect(status().textContent).toBe('Cannot reach the class database: the user name or password was not accepted.');
    buttonNamed(root(), 'Reconnect with these settings');

    click(switchEl());
    await expect.poll(() => switchEl().checked).toBe(false);
    expect(started[0].stopped).toBe(true);
    expect(status().textContent).toBe('Class sync is off.');
    // The address stays for next time.
    expect(field('Database address').value).toBe('http://192.168.1.20:5984/class-7b');
    expect(saved.at(-1)).toMatchObject({ on: false });
  });

  it('stays off and says why when sync cannot start', async () => {
    const why = 'The database address must be a web address starting with http:// or https://.';
    const { started } = setUp(undefined, why);
    type(field('Database address'), 'school');
    type(field('Class code'), '7B');
    type(field('Your name'), 'Ada');
    click(switchEl());
    await expect.poll(() => alert().textContent).toBe(why);
    expect(switchEl().checked).toBe(false);
    expect(started).toHaveLength(0);
    expect(status().textContent).toBe('Class sync is off.');
  });

  it('shows the settings the device kept, reconnects, and forgets them when asked', async () => {
    const kept: SyncSettings = {
      url: 'https://school.example/class-7b',
      classCode: '7B',
      role: 'learner',
      username: 'class',
      password: 'pw',
      on: true,
    };
    const { sync, started, saved } = setUp(kept);
    await sync.load();
    expect(field('Database address').value).toBe(kept.url);
    expect(field('Class code').value).toBe('7B');
    expect(field('User name (optional)').value).toBe('class');
    expect(field('a learner').checked).toBe(true);
    expect(switchEl().checked).toBe(true);
    expect(started).toHaveLength(1);

    buttonNamed(root(), 'Forget these settings').click();
    await expect.poll(() => field('Database address').value).toBe('');
    expect(saved.at(-1)).toBeUndefined();
    expect(switchEl().checked).toBe(false);
    expect(started[0].stopped).toBe(true);
    expect(root().querySelectorAll('button')).toHaveLength(1);
  });

  it('connects from the form too (Enter in a field)', async () => {
    const { started } = setUp();
    type(field('Database address'), 'https://school.example/class-7b');
    type(field('Class code'), '7B');
    type(field('Your name'), 'Ada');
    root()
      .querySelector('form')!
      .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await expect.poll(() => started.length).toBe(1);
    await expect.poll(() => switchEl().checked).toBe(true);
  });
});
