import { expect, test } from '@playwright/test';
import { openApp, setCode } from './helpers.ts';

test.beforeEach(async ({ page }) => openApp(page));

test('completion offers module attributes, computed by Python', async ({ page }) => {
  await setCode(page, 'import statistics\n');
  await page.keyboard.press('End');
  await page.keyboard.type('statistics.med');
  await page.getByRole('option', { name: 'median', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Code editor' })).toContainText('statistics.median');
});

test('completion offers names defined in the file', async ({ page }) => {
  await setCode(page, 'def greet_student(name):\n    pass\n\n');
  await page.keyboard.type('greet_s');
  await expect(page.getByRole('option', { name: 'greet_student' })).toBeVisible();
});

test('the editor indents after a colon and toggles comments', async ({ page }) => {
  await setCode(page, '');
  await page.keyboard.type('for i in range(3):');
  await page.keyboard.press('Enter');
  await page.keyboard.type('print(i');
  await expect(page.locator('.cm-line').nth(1)).toHaveText('    print(i)');
  await page.keyboard.press('ControlOrMeta+/');
  await expect(page.locator('.cm-line').nth(1)).toHaveText('    # print(i)');
});

test('text size can be changed for a projector, and is remembered', async ({ page }) => {
  // The editor is rebuilt on reload: web-first assertions wait for it.
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  await expect(editor).toHaveCSS('font-size', '16px');
  await page.getByRole('button', { name: 'Larger text' }).click();
  await page.getByRole('button', { name: 'Larger text' }).click();
  await expect(editor).toHaveCSS('font-size', '20px');
  await page.reload();
  await expect(editor).toHaveCSS('font-size', '20px');
  await page.getByRole('button', { name: 'Smaller text' }).click();
  await expect(editor).toHaveCSS('font-size', '18px');
});

test('on a phone the editor and output are stacked', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const editor = await page.getByRole('region', { name: 'Editor' }).boundingBox();
  const out = await page.getByRole('region', { name: 'Output' }).boundingBox();
  expect(out!.y).toBeGreaterThanOrEqual(editor!.y + editor!.height - 1);
  await page.screenshot({ path: 'test-results/phone.png' });
});

test('on a laptop the editor and output are side by side', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const editor = await page.getByRole('region', { name: 'Editor' }).boundingBox();
  const out = await page.getByRole('region', { name: 'Output' }).boundingBox();
  expect(out!.x).toBeGreaterThanOrEqual(editor!.x + editor!.width - 1);
  expect(Math.abs(out!.y - editor!.y)).toBeLessThan(2);
});

test('while a program runs, completion still offers builtins and names from the file', async ({ page }) => {
  await setCode(page, 'counter_total = 0\nwhile True:\n    counter_total += 1\n');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await page.getByRole('textbox', { name: 'Code editor' }).click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('prin');
  await expect(page.getByRole('option', { name: 'print' })).toBeVisible();
  // With the popup open, Escape closes it and leaves the program running.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('option', { name: 'print' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await page.keyboard.press('Enter');
  await page.keyboard.type('counter_t');
  await expect(page.getByRole('option', { name: 'counter_total' })).toBeVisible();
  await page.getByRole('button', { name: 'Stop' }).click();
});
