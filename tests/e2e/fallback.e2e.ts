// Without SharedArrayBuffer: with isolation switched off (?isolation=off) the
// service worker answers input() and sleep; with no service worker at all,
// input() says clearly why it cannot wait. Stop restarts Python either way.
import { expect, test } from '@playwright/test';
import {
  openApp,
  output,
  run,
  runAndStop,
  runCode,
  runEndCount,
  runStatus,
  setCode,
  shareHash,
  waitForRunEnd,
} from './helpers.ts';

test.describe('isolation switched off', () => {
  test.beforeEach(async ({ page }) => openApp(page, '?isolation=off'));

  test('the page is not isolated, yet print, input() and sleep work through the service worker', async ({ page }) => {
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await setCode(page, 'import time\na = input("First? ")\nb = input("Second? ")\ntime.sleep(0.3)\nprint(a + b)');
    const before = await runEndCount(page);
    await page.getByRole('button', { name: 'Run' }).click();
    const input = page.getByRole('textbox', { name: 'Input' });
    await expect(output(page)).toContainText('First?');
    await input.fill('fall');
    await input.press('Enter');
    await expect(output(page)).toContainText('Second?');
    await input.fill('back');
    await input.press('Enter');
    expect(await waitForRunEnd(page, before)).toBe('ok');
    await expect(output(page)).toHaveText('First? fall\nSecond? back\nfallback');
  });

  test('Stop restarts Python, also during input(), and the next run works', async ({ page }) => {
    await setCode(page, 'name = input("Name? ")');
    const before = await runEndCount(page);
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByRole('textbox', { name: 'Input' })).toBeVisible();
    await page.getByRole('button', { name: 'Stop' }).click();
    expect(await waitForRunEnd(page, before, 10_000)).toBe('restarted');
    await expect(output(page)).toContainText('Python was restarted to stop your program.');
    expect(await runCode(page, 'print("fresh")')).toBe('ok');
    await expect(output(page)).toHaveText('fresh');
  });
});

test.describe('no service worker at all', () => {
  test.use({ serviceWorkers: 'block' });
  test.beforeEach(async ({ page }) => openApp(page));

  test('Python runs, and input() explains why it cannot wait instead of hanging', async ({ page }) => {
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    expect(await runCode(page, 'print("still runs")')).toBe('ok');
    expect(await runCode(page, 'name = input("Name? ")')).toBe('error');
    await expect(output(page)).toContainText('input() cannot wait for your answer here');
    await expect(runStatus(page)).toHaveText(/^Error: RuntimeError at main\.py, line 1/);
  });
});

test.describe('isolation switched off, a shared program', () => {
  test('runs sandboxed; input() says why it cannot wait there, and Stop restarts Python', async ({ page }) => {
    // A fresh profile: the sandbox's first start has no snapshot yet and boots Python from files the page hands
    // over, while the first visit's snapshot is made in the background (47 s in one CI run, 60+ s in another).
    test.setTimeout(150_000);
    await openApp(page, '?isolation=off');
    const hash = await shareHash(page, [{ name: 'main.py', content: 'print("from a friend")' }]);
    await page.goto('/?isolation=off' + hash);
    await expect(page.getByRole('combobox', { name: 'Project' })).toContainText('Shared code');
    expect(await run(page)).toBe('ok');
    await expect(output(page)).toHaveText('from a friend');
    expect(await runCode(page, 'import js\njs.eval("1")')).toBe('error');
    await expect(output(page)).toContainText('EvalError');
    expect(await runCode(page, 'name = input("Name? ")')).toBe('error');
    await expect(output(page)).toContainText('this program came from someone else, so it runs in a sandbox');

    expect(await runAndStop(page, 'while True:\n    pass')).toBe('restarted');
    expect(await runCode(page, 'print("fresh")')).toBe('ok');
    await expect(output(page)).toHaveText('fresh');
  });
});
