import { expect, test } from '@playwright/test';
import { editorText, openApp, output, run, setCode } from './helpers.ts';

test.beforeEach(async ({ page }) => openApp(page));

test('two files importing each other', async ({ page }) => {
  await setCode(page, 'import helper\n\nprint(helper.shout("hi"))\nprint(helper.twice(4))');
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByRole('textbox', { name: 'New file name' }).fill('helper.py');
  await page.getByRole('textbox', { name: 'New file name' }).press('Enter');
  await expect(page.getByRole('tab', { name: 'helper.py' })).toHaveAttribute('aria-selected', 'true');
  await setCode(page, 'import main_tools\n\ndef shout(s):\n    return s.upper() + "!"\n\ntwice = main_tools.twice');
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByRole('textbox', { name: 'New file name' }).fill('main_tools.py');
  await page.getByRole('button', { name: 'Create' }).click();
  await setCode(page, 'import helper\n\ndef twice(n):\n    return 2 * n\n\nprint("tools sees", helper.__name__)');

  expect(await run(page)).toBe('ok');
  await expect(output(page)).toHaveText('tools sees helper\nHI!\n8');

  await page.getByRole('tab', { name: /main\.py/ }).click();
  expect(await editorText(page)).toBe('import helper\n\nprint(helper.shout("hi"))\nprint(helper.twice(4))');
});

test('an error in an imported file links to that file', async ({ page }) => {
  await setCode(page, 'import helper\nhelper.broken()');
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByRole('textbox', { name: 'New file name' }).fill('helper.py');
  await page.keyboard.press('Enter');
  await setCode(page, 'def broken():\n    return [][1]');
  await page.getByRole('tab', { name: /main\.py/ }).click();
  expect(await run(page)).toBe('error');
  await page.getByRole('link', { name: 'File "helper.py", line 2' }).click();
  await expect(page.getByRole('tab', { name: 'helper.py' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.cm-error-line')).toHaveText('    return [][1]');
});

test('a bad new file name is explained', async ({ page }) => {
  await page.getByRole('button', { name: 'New file' }).click();
  const name = page.getByRole('textbox', { name: 'New file name' });
  await name.fill('main.py');
  await name.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('There is already a file called main.py.');
  await name.fill('../x.py');
  await name.press('Enter');
  await expect(page.getByRole('alert')).toContainText('no ".."');
  await name.press('Escape');
  await expect(name).toHaveCount(0);
});

test('files are tabs that arrow keys move between', async ({ page }) => {
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByRole('textbox', { name: 'New file name' }).fill('notes.txt');
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: 'notes.txt' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: /main\.py/ })).toBeFocused();
  await expect(page.getByRole('tab', { name: /main\.py/ })).toHaveAttribute('aria-selected', 'true');
});
