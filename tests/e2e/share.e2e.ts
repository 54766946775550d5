import { expect, test } from './fixtures.ts';
import { editorText, openApp, output, run, runEndCount, shareHash, waitForPython } from './helpers.ts';

const files = [
  { name: 'main.py', content: 'from greet import hello\nprint(hello("class"))\n' },
  { name: 'greet.py', content: 'def hello(who):\n    return f"Hello, {who}!"\n' },
];

test('a share link loads its files but runs nothing', async ({ page }) => {
  await page.goto('/');
  const hash = await shareHash(page, files);
  await page.goto('about:blank');
  await page.goto('/' + hash);
  await waitForPython(page);
  await expect(page.getByRole('status').filter({ hasText: 'Opened shared code (2 files)' })).toBeVisible();
  expect(await editorText(page)).toBe(files[0].content.trimEnd() + '\n');
  await expect(page.getByRole('option', { name: 'greet.py' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Project' })).toContainText('Shared code');
  await expect(output(page)).toHaveText('');
  expect(await runEndCount(page)).toBe(0);
  expect(await run(page)).toBe('ok');
  await expect(output(page)).toHaveText('Hello, class!');
});

test('a share link opened in an open tab replaces the code, without running', async ({ page }) => {
  await openApp(page);
  const hash = await shareHash(page, [{ name: 'main.py', content: 'print("shared")' }]);
  await page.evaluate((h) => (location.hash = h), hash);
  await expect.poll(() => editorText(page)).toBe('print("shared")');
  expect(await runEndCount(page)).toBe(0);
});

test('a malformed share link shows a clear message and changes nothing', async ({ page }) => {
  await openApp(page, '#share=this-is-not-a-valid-link');
  await expect(page.getByRole('alert')).toContainText('This share link cannot be opened');
  await expect(page.getByRole('alert')).toContainText('Nothing was changed.');
  expect(await editorText(page)).toContain('What is your name?');
  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('an oversized share link is refused', async ({ page }) => {
  await openApp(page); // the first visit reloads once: make the link on the page that stays
  const hash = await shareHash(page, [{ name: 'main.py', content: '#'.repeat(2_000_000) }]);
  await openApp(page, hash);
  await expect(page.getByRole('alert')).toContainText('larger than 1 MB');
});

test('Share copies a link that opens the same code', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'A link to this code was copied' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#share=[A-Za-z0-9_-]+$/);
  const other = await context.newPage();
  await other.goto(link);
  await expect.poll(() => editorText(other)).toContain('What is your name?');
});
