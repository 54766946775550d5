import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { openApp, output, runCode } from './helpers.ts';

test.beforeEach(async ({ page }) => openApp(page));

test('the shell prompt sees the finished program’s variables, with history', async ({ page }) => {
  expect(await runCode(page, 'scores = [3, 5, 8]\ndef total():\n    return sum(scores)')).toBe('ok');
  const shell = page.getByRole('textbox', { name: 'Python shell' });
  await shell.fill('total() * 2');
  await shell.press('Enter');
  await expect(output(page)).toHaveText('>>> total() * 2\n32');
  await shell.fill('scores.append(4)');
  await shell.press('Enter');
  await shell.fill('scores');
  await shell.press('Enter');
  await expect(output(page)).toContainText('>>> scores\n[3, 5, 8, 4]');
  await shell.press('ArrowUp');
  await expect(shell).toHaveValue('scores');
  await shell.press('ArrowUp');
  await expect(shell).toHaveValue('scores.append(4)');
  await shell.press('ArrowDown');
  await shell.press('ArrowDown');
  await expect(shell).toHaveValue('');
});

test('shell errors are shown as tracebacks and the next Run starts fresh', async ({ page }) => {
  await runCode(page, 'x = 10');
  const shell = page.getByRole('textbox', { name: 'Python shell' });
  await shell.fill('x / 0');
  await shell.press('Enter');
  await expect(output(page)).toContainText('File "<shell>", line 1');
  await expect(output(page)).toContainText('ZeroDivisionError');
  await runCode(page, 'y = 1');
  await shell.fill('x');
  await shell.press('Enter');
  await expect(output(page)).toContainText("NameError: name 'x' is not defined");
});

test('an object that can draw itself shows as a picture, with its description, between the lines around it', async ({
  page,
}) => {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="15" fill="red"/>' +
    '<script>parent.document.title = "scripted"</script></svg>';
  expect(
    await runCode(
      page,
      ['class Dot:', `    def _repr_svg_(self): return ${JSON.stringify(svg)}`, '    alt = "A red dot"'].join('\n'),
    ),
  ).toBe('ok');
  const shell = page.getByRole('textbox', { name: 'Python shell' });
  await shell.fill('print("above"); Dot()');
  await shell.press('Enter');
  const picture = output(page).getByRole('img', { name: 'A red dot' });
  await expect(picture).toBeVisible();
  // Drawn from its bytes, at its own size; a script inside it never runs.
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(40);
  expect(await page.title()).not.toBe('scripted');
  await shell.fill('print("below")');
  await shell.press('Enter');
  await expect(output(page)).toHaveText('>>> print("above"); Dot()\nabove\n\n>>> print("below")\nbelow');
  // Copy and download give its description in the text.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download output' }).click();
  const file = await (await downloading).path();
  expect(readFileSync(file, 'utf8')).toBe(
    '>>> print("above"); Dot()\nabove\n[picture: A red dot]\n>>> print("below")\nbelow\n',
  );
});
