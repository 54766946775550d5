import { expect, test } from './fixtures.ts';
import { cursorLine, editorText, openApp, output, runCode, runStatus } from './helpers.ts';

test.beforeEach(async ({ page }) => openApp(page));

test('a traceback names the learner’s file, highlights the line, and links to it', async ({ page }) => {
  const code = 'def half(n):\n    return n / 0\n\nvalues = [1, 2]\nprint(half(values[0]))\n';
  expect(await runCode(page, code)).toBe('error');
  await expect(output(page)).toContainText('Traceback (most recent call last):');
  await expect(output(page)).toContainText('ZeroDivisionError: division by zero');
  await expect(output(page)).not.toContainText('playground_runner');
  await expect(runStatus(page)).toHaveText(/^Error: ZeroDivisionError at main\.py, line 2/);
  await expect(page.locator('.cm-error-line')).toHaveText('    return n / 0');

  await page.getByRole('link', { name: 'File "main.py", line 5' }).click();
  await expect.poll(() => cursorLine(page)).toBe(5);
  await expect(page.getByRole('textbox', { name: 'Code editor' })).toBeFocused();
  await page.getByRole('link', { name: 'File "main.py", line 2' }).click();
  await expect.poll(() => cursorLine(page)).toBe(2);
  expect(await editorText(page)).toBe(code);
});

test('a traceback link is reachable by keyboard', async ({ page }) => {
  await runCode(page, 'x = 1\nprint(x.nope)');
  const link = page.getByRole('link', { name: 'File "main.py", line 2' });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => cursorLine(page)).toBe(2);
});

test('SyntaxError shows the caret line', async ({ page }) => {
  expect(await runCode(page, 'print("one")\nprint("two"\n')).toBe('error');
  await expect(output(page)).toHaveText(
    /File "main\.py", line 2\n\s+print\("two"\n\s+\^\nSyntaxError: '\(' was never closed/,
  );
  await expect(output(page)).not.toContainText('one');
  await expect(page.locator('.cm-error-line')).toHaveText('print("two"');
});

test('editing the error line clears its highlight', async ({ page }) => {
  await runCode(page, 'print(undefined_name)');
  await expect(page.locator('.cm-error-line')).toHaveCount(1);
  await page.locator('.cm-error-line').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' # fixed?');
  await expect(page.locator('.cm-error-line')).toHaveCount(0);
});
