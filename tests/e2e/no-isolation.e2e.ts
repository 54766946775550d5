// The same build served without cross-origin isolation headers: no
// SharedArrayBuffer, so input() must say so clearly and Stop must restart Python.
import { expect, test } from '@playwright/test';
import { plainPort } from '../../playwright.config.ts';
import { openApp, output, runCode, runEndCount, runStatus, setCode, waitForRunEnd } from './helpers.ts';

test.use({ baseURL: `http://127.0.0.1:${plainPort}/` });
test.beforeEach(async ({ page }) => openApp(page));

test('the page is really not isolated, and print works', async ({ page }) => {
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  expect(await runCode(page, 'print("still runs")')).toBe('ok');
  await expect(output(page)).toHaveText('still runs');
});

test('input() explains why it cannot wait, instead of hanging', async ({ page }) => {
  expect(await runCode(page, 'name = input("Name? ")')).toBe('error');
  await expect(output(page)).toContainText('input() cannot wait for your answer here');
  await expect(runStatus(page)).toHaveText(/^Error: RuntimeError at main\.py, line 1/);
});

test('Stop restarts Python, and the next run works', async ({ page }) => {
  await setCode(page, 'print("spinning")\nwhile True:\n    pass');
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(output(page)).toContainText('spinning');
  await page.getByRole('button', { name: 'Stop' }).click();
  expect(await waitForRunEnd(page, before, 10_000)).toBe('restarted');
  await expect(output(page)).toContainText('Python was restarted to stop your program.');
  expect(await runCode(page, 'print("fresh")')).toBe('ok');
});
