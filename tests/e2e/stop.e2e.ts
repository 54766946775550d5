import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openApp, output, runCode, runEndCount, runStatus, setCode, waitForRunEnd } from './helpers.ts';

test.beforeEach(async ({ page }) => openApp(page));

/** Starts `code`, waits for `ready` to show, stops it with `how`, and returns the status. */
async function startAndStop(page: Page, code: string, ready: () => Promise<void>, how: () => Promise<void>) {
  await setCode(page, code);
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  await ready();
  await how();
  return waitForRunEnd(page, before, 10_000);
}

const clickStop = (page: Page) => () => page.getByRole('button', { name: 'Stop' }).click();

test('Stop ends an infinite loop with KeyboardInterrupt', async ({ page }) => {
  const status = await startAndStop(
    page,
    'print("looping")\nwhile True:\n    pass',
    () => expect(output(page)).toContainText('looping'),
    clickStop(page),
  );
  expect(status).toBe('interrupted');
  await expect(output(page)).toContainText('KeyboardInterrupt');
  await expect(output(page)).toContainText(/File "main\.py", line [23]/);
  await expect(runStatus(page)).toHaveText(/^Stopped after/);
  expect(await runCode(page, 'print("next run works")')).toBe('ok');
  await expect(output(page)).toHaveText('next run works');
});

test('Stop works while the program waits for input()', async ({ page }) => {
  const status = await startAndStop(
    page,
    'answer = input("Say something: ")',
    () => expect(page.getByRole('textbox', { name: 'Input' })).toBeVisible(),
    clickStop(page),
  );
  expect(status).toBe('interrupted');
  await expect(output(page)).toContainText('KeyboardInterrupt');
  await expect(page.getByRole('textbox', { name: 'Input' })).toHaveCount(0);
});

test('Stop works during time.sleep(30)', async ({ page }) => {
  const status = await startAndStop(
    page,
    'import time\nprint("sleeping")\ntime.sleep(30)\nprint("woke")',
    () => expect(output(page)).toContainText('sleeping'),
    clickStop(page),
  );
  expect(status).toBe('interrupted');
  await expect(output(page)).not.toContainText('woke');
});

test('Escape and Ctrl+. in the editor stop the program', async ({ page }) => {
  for (const key of ['Escape', 'ControlOrMeta+.']) {
    const status = await startAndStop(
      page,
      // Ends with a line break: a program ending in a word can leave a completion popup open, and Escape
      // closes that first (on purpose).
      'while True:\n    pass\n',
      () => expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled(),
      async () => {
        await page.getByRole('textbox', { name: 'Code editor' }).focus();
        await page.keyboard.press(key);
      },
    );
    expect(status, key).toBe('interrupted');
  }
});

test('a program that ignores KeyboardInterrupt is stopped by restarting Python', async ({ page }) => {
  const code = [
    'while True:',
    '    try:',
    '        print("busy")',
    '        while True:',
    '            pass',
    '    except KeyboardInterrupt:',
    '        print("not stopping")',
  ].join('\n');
  const status = await startAndStop(page, code, () => expect(output(page)).toContainText('busy'), clickStop(page));
  expect(status).toBe('restarted');
  await expect(output(page)).toContainText('not stopping');
  await expect(output(page)).toContainText('Python was restarted because your program did not stop within a second.');
  await expect(runStatus(page)).toHaveText(/Python was restarted/);
  expect(await runCode(page, 'print("fresh")')).toBe('ok');
  // The replaced worker may still be spinning for a while: it must not swallow the next Stops.
  for (let round = 0; round < 3; round++) {
    const next = await startAndStop(
      page,
      `print("loop ${round}")\nwhile True:\n    pass`,
      () => expect(output(page)).toContainText(`loop ${round}`),
      clickStop(page),
    );
    expect(next, `round ${round}`).toBe('interrupted');
  }
});

test('deep recursion that crashes the interpreter restarts it with a message', async ({ page }) => {
  const code = 'import sys\nsys.setrecursionlimit(100000)\ndef down(n):\n    return down(n + 1)\ndown(0)';
  expect(await runCode(page, code)).toBe('restarted');
  await expect(output(page)).toContainText('RecursionError');
  await expect(output(page)).toContainText('Python was restarted because your program went too deep');
  await expect(output(page)).not.toContainText('Stack (most recent call first)');
  expect(await page.evaluate(() => performance.getEntriesByName('python-ready').length)).toBe(1);
  expect(await runCode(page, 'print("alive")')).toBe('ok');
  await expect(output(page)).toHaveText('alive');
});

test('running out of memory restarts Python with a message, and the code is untouched', async ({ page }) => {
  // Filling 4 GB of wasm memory takes about 25 s on a 2-core machine, and twice that when another test runs beside it.
  test.setTimeout(180_000);
  const code = 'hoard = []\nwhile True:\n    hoard.append(bytearray(50_000_000))';
  await setCode(page, code);
  const start = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await waitForRunEnd(page, start, 100_000)).toBe('restarted');
  await expect(output(page)).toContainText('MemoryError');
  await expect(output(page)).toContainText('Python was restarted because your program ran out of memory.');
  await expect(page.getByRole('textbox', { name: 'Code editor' })).toContainText('hoard.append');
  await setCode(page, 'print(sum(range(10)))');
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  expect(await waitForRunEnd(page, before, 60_000)).toBe('ok');
  await expect(output(page)).toHaveText('45');
});
