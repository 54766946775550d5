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
