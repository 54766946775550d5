// A thousand files and ten thousand runs: the lists stay small in the DOM
// (virtualised), and switching files and opening the history still work.
// How fast is measured by `npm run bench`, not asserted here.
import { expect, test } from './fixtures.ts';
import { seedWorkspace } from '../support/seed.ts';
import { editorText, openApp, waitForPython } from './helpers.ts';

test('1,000 files and 10,000 runs: virtualised lists, file switching and history', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await page.evaluate(seedWorkspace, { files: 1000, runs: 10_000 });
  await page.reload();
  await waitForPython(page);
  await expect(page.getByRole('combobox', { name: 'Project' }).locator('option:checked')).toHaveText('Big project');
  await expect(page.getByText('1000 files')).toBeVisible();
  const fileList = page.getByRole('listbox', { name: 'Files' });
  expect(await fileList.getByRole('option').count()).toBeLessThan(80);

  // Scroll to the end of the list and open the last file.
  await fileList.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await fileList.getByRole('option', { name: 'module_0999.py' }).click();
  await expect.poll(() => editorText(page)).toContain('file number 999');

  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('dialog', { name: 'History of Big project' });
  await expect(history.getByRole('status')).toContainText('10000 runs');
  const runs = history.getByRole('list', { name: 'Runs' });
  expect(await runs.getByRole('button').count()).toBeLessThan(80);
  await runs.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(runs.getByRole('button').last()).toContainText(/main\.py|module_0001\.py/);
  await history.getByRole('searchbox', { name: 'Search code and output' }).fill('marker 4242');
  await expect(history.getByRole('status')).toContainText('1 run found');
  // The run found opens with its output (the seeded records are the schema's own).
  await runs.getByRole('button').first().click();
  await expect(history.getByLabel('Run output')).toHaveText('run 0\nrun 1\nrun 2\nmarker 4242\n');
});
