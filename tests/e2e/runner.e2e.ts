import { expect, test } from './fixtures.ts';
import { openApp, output, run, runCode, runEndCount, runStatus, setCode, waitForRunEnd } from './helpers.ts';

test.beforeEach(async ({ page }) => openApp(page));

test('print shows output and a status line', async ({ page }) => {
  expect(await runCode(page, 'print("Hello, world!")\nprint(6 * 7)')).toBe('ok');
  await expect(output(page)).toHaveText('Hello, world!\n42');
  await expect(runStatus(page)).toHaveText(/^Finished in \d+\.\d\d s$/);
});

test('output streams while the program runs', async ({ page }) => {
  await setCode(page, 'import time\nprint("first")\nprint("second")\ntime.sleep(2)\nprint("done")');
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(output(page)).toContainText('first\nsecond', { timeout: 1500 });
  await expect(output(page)).not.toContainText('done');
  expect(await waitForRunEnd(page, before)).toBe('ok');
  await expect(output(page)).toHaveText('first\nsecond\ndone');
});

test('stdout and stderr are told apart', async ({ page }) => {
  await runCode(page, 'import sys\nprint("to stdout")\nprint("to stderr", file=sys.stderr)');
  await expect(output(page).locator('.out-stderr')).toHaveText('to stderr');
  await expect(output(page).locator('.out-stdout')).toHaveText('to stdout');
});

test('input() twice: the prompt, an Input box, and the answers kept in the transcript', async ({ page }) => {
  await setCode(page, 'name = input("Name? ")\nage = int(input("Age? "))\nprint(f"{name} is {age + 1} next year")');
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  const input = page.getByRole('textbox', { name: 'Input' });
  await expect(input).toBeFocused();
  await expect(output(page)).toContainText('Name?');
  await input.fill('Ada');
  await input.press('Enter');
  await expect(output(page)).toContainText('Age?');
  await expect(input).toBeFocused();
  await page.keyboard.type('36');
  await page.keyboard.press('Enter');
  expect(await waitForRunEnd(page, before)).toBe('ok');
  await expect(output(page)).toHaveText('Name? Ada\nAge? 36\nAda is 37 next year');
  await expect(input).toHaveCount(0);
});

test('Run before Python is ready waits, then runs', async ({ page }) => {
  await page.reload();
  await setCode(page, 'print("ran after start")');
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await waitForRunEnd(page, before)).toBe('ok');
  await expect(output(page)).toHaveText('ran after start');
});

test('a Run pressed while Python starts says what is happening: waiting, running, waiting for input, finished', async ({
  page,
}) => {
  // Every text the Run status shows, and whether Python was ready when Run was pressed.
  await page.addInitScript(() => {
    const w = window as unknown as { statuses: string[]; readyAtClick?: boolean };
    w.statuses = [];
    new MutationObserver(() => {
      const text = document.querySelector('[aria-label="Run status"]')?.textContent ?? '';
      if (text && text !== w.statuses.at(-1)) w.statuses.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
    addEventListener(
      'click',
      (event) => {
        if ((event.target as Element).closest?.('button')?.textContent?.includes('Run'))
          w.readyAtClick ??= performance.getEntriesByName('python-ready').length > 0;
      },
      true,
    );
  });
  // Python's worker is held before its first message until Run has been pressed: a slow CPU alone was not
  // enough, as a start from the snapshot sometimes beat the click in CI.
  await page.addInitScript(() => {
    const w = window as unknown as { releasePython: () => void };
    const held: (() => void)[] = [];
    let holding = true;
    w.releasePython = () => {
      holding = false;
      for (const send of held.splice(0)) send();
    };
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        if (options?.name !== 'python') return;
        const post = this.postMessage.bind(this) as (...args: unknown[]) => void;
        this.postMessage = (...args: unknown[]) => (holding ? held.push(() => post(...args)) : post(...args));
      }
    };
  });
  test.setTimeout(90_000);
  await page.reload();
  // The welcome program asks for a name.
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(runStatus(page)).toHaveText('Waiting for Python to start…');
  await page.evaluate(() => (window as unknown as { releasePython: () => void }).releasePython());
  await expect(runStatus(page)).toHaveText('Waiting for your answer: type it in the Input box and press Enter.', {
    timeout: 45_000,
  });
  await page.getByRole('textbox', { name: 'Input' }).fill('Ada');
  await page.getByRole('textbox', { name: 'Input' }).press('Enter');
  await expect(runStatus(page)).toHaveText(/^Finished in/);
  await expect(output(page)).toHaveText('What is your name? Ada\nHello, Ada!');
  const seen = await page.evaluate(() => {
    const w = window as unknown as { statuses: string[]; readyAtClick: boolean };
    return { statuses: w.statuses, readyAtClick: w.readyAtClick };
  });
  expect(seen.readyAtClick).toBe(false);
  expect(seen.statuses[0]).toBe('Waiting for Python to start…');
  expect(seen.statuses.slice(-2)).toEqual(['Running…', expect.stringMatching(/^Finished in/) as unknown as string]);
  expect(seen.statuses).toContain('Waiting for your answer: type it in the Input box and press Enter.');
});

test('each run starts in a fresh namespace; files the program writes join the project', async ({ page }) => {
  expect(await runCode(page, 'x = 1\nwith open("out.txt", "w") as f:\n    f.write("saved")')).toBe('ok');
  await expect(page.getByRole('option', { name: 'out.txt' })).toBeVisible();
  expect(await runCode(page, 'print("x" in globals(), open("out.txt").read())')).toBe('ok');
  await expect(output(page)).toHaveText('False saved');
});

test('Ctrl+Enter in the editor runs the program', async ({ page }) => {
  await setCode(page, 'print("keyboard run")');
  const before = await runEndCount(page);
  await page.keyboard.press('ControlOrMeta+Enter');
  expect(await waitForRunEnd(page, before)).toBe('ok');
  await expect(output(page)).toHaveText('keyboard run');
  expect(await run(page)).toBe('ok');
});
