// Errors explained in plain words: a note named "Explanation" after the
// traceback, pointing at the learner's line, kept with the run in History, and
// switched off in Settings.
import { expect, test } from './fixtures.ts';
import {
  cursorLine,
  openApp,
  output,
  run,
  runAndStop,
  runCode,
  setCode,
  waitForRunEnd,
  runEndCount,
  reloadAndOpenHistory,
} from './helpers.ts';

test.beforeEach(async ({ page }) => openApp(page));

const explanation = (page: import('@playwright/test').Page) => output(page).getByRole('note', { name: 'Explanation' });

test('a misspelt name is explained after the traceback, with the close match, and links to its line', async ({
  page,
}) => {
  expect(await runCode(page, 'name = "Ada"\n\npritn("Hello", name)\n')).toBe('error');
  const note = explanation(page);
  await expect(note).toBeVisible();
  await expect(note).toContainText('Line 3 of main.py');
  await expect(note).toContainText('pritn');
  await expect(note).toContainText('print');
  // After the traceback it explains: the note is the last thing in the Output.
  const order = await output(page).evaluate((log) => {
    const text = log.textContent ?? '';
    const note = log.querySelector('[role="note"]')!.textContent ?? '';
    return [text.indexOf('NameError'), text.indexOf(note)];
  });
  expect(order[0]).toBeGreaterThanOrEqual(0);
  expect(order[1]).toBeGreaterThan(order[0]);
  await note.getByRole('link', { name: 'Go to line 3 of main.py' }).click();
  await expect.poll(() => cursorLine(page)).toBe(3);

  // A run without an error has none.
  expect(await runCode(page, 'print("fine")')).toBe('ok');
  await expect(explanation(page)).toHaveCount(0);
});

test('int(input()) with a word: the explanation shows what was typed; History keeps it after a reload', async ({
  page,
}) => {
  await setCode(page, 'age = int(input("How old are you? "))\nprint(age + 1)\n');
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('textbox', { name: 'Input' }).fill('twelve');
  await page.keyboard.press('Enter');
  expect(await waitForRunEnd(page, before)).toBe('error');
  const note = explanation(page);
  await expect(note).toContainText('Line 1 of main.py');
  await expect(note).toContainText('twelve');
  const said = (await note.locator('summary').textContent()) ?? '';
  const hint = (await note.locator('.explain-hint').first().textContent()) ?? '';

  const dialog = await reloadAndOpenHistory(page);
  await dialog.getByRole('button', { name: /main\.py · error \(ValueError\)/ }).click();
  const kept = dialog.getByLabel('Run output').getByRole('note', { name: 'Explanation' });
  await expect(kept.locator('summary')).toHaveText(said);
  await expect(kept.locator('.explain-hint')).toHaveText(hint);
  // History has no editor to go to: no link there.
  await expect(kept.getByRole('link')).toHaveCount(0);
});

test('Stop in an endless loop names the loop and its line', async ({ page }) => {
  const code = 'count = 0\nwhile count < 10:\n    print("again")\n';
  expect(await runAndStop(page, code)).toBe('interrupted');
  const note = explanation(page);
  await expect(note).toContainText('Line 2 of main.py');
  await expect(note).toContainText('while count < 10:');
  await expect(note).toContainText('count');
});

test('Settings can switch explanations off (and on again)', async ({ page }) => {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: /Settings/ });
  const box = settings.getByRole('checkbox', { name: 'Explain errors in plain words' });
  await expect(box).toBeChecked();
  await box.uncheck();
  await page.keyboard.press('Escape');
  expect(await runCode(page, 'print(undefined_thing)')).toBe('error');
  await expect(output(page)).toContainText('NameError');
  await expect(explanation(page)).toHaveCount(0);

  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(box).not.toBeChecked();
  await box.check();
  await page.keyboard.press('Escape');
  expect(await run(page)).toBe('error');
  await expect(explanation(page)).toHaveCount(1);
});

test('the transcript download includes the explanation', async ({ page }) => {
  expect(await runCode(page, 'age = 13\nprint("Age: " + age)')).toBe('error');
  await expect(explanation(page)).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download output' }).click();
  const file = await (await downloading).path();
  const text = (await import('node:fs')).readFileSync(file, 'utf8');
  expect(text).toMatch(/TypeError: can only concatenate str \(not "int"\) to str\nExplanation \(main\.py, line 2\): /);
  expect(text).toMatch(/\nTry this: .*str\(age\)/);
});
