// Pyodide packages beyond the standard library: loaded on demand from a
// stand-in CDN (a second loopback server serving a wheel the tests build),
// kept for offline use, managed in the Packages panel, or bundled at build time.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { variantDir } from '../support/builds.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';
import { TEST_PACKAGE, testWheelDir } from '../support/wheel.ts';
import { output, runCode, runStatus, waitForPython } from './helpers.ts';

const program = `import ${TEST_PACKAGE.importName}\nprint(${TEST_PACKAGE.importName}.greet())`;
const appBuild = variantDir('packages-test');
const bundledBuild = variantDir('bundled-test');
let app: StaticServer;
let cdn: StaticServer;

test.beforeEach(async ({ page }) => {
  app = await startStaticServer(appBuild);
  cdn = await startStaticServer(testWheelDir());
  cdn.headers['Access-Control-Allow-Origin'] = '*';
  await page.addInitScript((url) => localStorage.setItem('playground:package-source', url), cdn.url);
});

test.afterEach(async () => {
  await app?.close();
  await cdn?.close();
});

async function goOffline(context: BrowserContext): Promise<void> {
  await app.close();
  await cdn.close();
  await context.setOffline(true);
}

async function openPackages(page: Page) {
  await page.getByRole('button', { name: 'Packages' }).click();
  return page.getByRole('dialog', { name: 'Packages' });
}

test('a package imported online is downloaded, and keeps working offline', async ({ page, context }) => {
  await page.goto(app.url);
  await waitForPython(page);
  expect(await runCode(page, program)).toBe('ok');
  await expect(output(page)).toHaveText(`Loading ${TEST_PACKAGE.key}…\n${TEST_PACKAGE.greeting}`);
  expect(cdn.requests).toContain(TEST_PACKAGE.fileName);

  await goOffline(context);
  await page.reload();
  await waitForPython(page);
  expect(await runCode(page, program)).toBe('ok');
  await expect(output(page)).toContainText(TEST_PACKAGE.greeting);
});

test('offline, a package never downloaded gets a clear message, not loader errors', async ({ page, context }) => {
  await page.goto(app.url);
  await waitForPython(page);
  await goOffline(context);
  expect(await runCode(page, program)).toBe('error');
  const message = `${TEST_PACKAGE.key} is not available offline on this device.`;
  await expect(output(page)).toContainText(message);
  await expect(output(page)).toContainText('ask your teacher for a build of the app that includes it');
  await expect(output(page)).not.toContainText('Traceback');
  await expect(runStatus(page)).toContainText(message);
  // The explanation points at the import, and the editor marks that line.
  const note = output(page).getByRole('note', { name: 'Explanation' });
  await expect(note).toContainText('Line 1 of main.py');
  await expect(note).toContainText(`${TEST_PACKAGE.importName} is a package the app can get`);
  await expect(page.locator('.cm-error-line')).toHaveText(`import ${TEST_PACKAGE.importName}`);
});

test('the Packages panel makes a package available offline, and removes it', async ({ page, context }) => {
  await page.goto(app.url);
  await waitForPython(page);
  const dialog = await openPackages(page);
  await dialog.getByRole('searchbox', { name: 'Find a package' }).fill('playground');
  const row = dialog.getByRole('listitem').filter({ hasText: TEST_PACKAGE.key });
  await expect(row).toContainText('Downloads when imported');
  await row.getByRole('button', { name: `Make ${TEST_PACKAGE.key} available offline` }).click();
  await expect(dialog.getByText(`${TEST_PACKAGE.key} is now available offline.`)).toBeVisible();
  await expect(row).toContainText(/Available offline \(\d+\.\d MB\)/);
  await dialog.getByRole('button', { name: 'Close packages' }).click();

  await goOffline(context);
  expect(await runCode(page, program)).toBe('ok');
  await expect(output(page)).toContainText(TEST_PACKAGE.greeting);

  await openPackages(page);
  await dialog.getByRole('searchbox', { name: 'Find a package' }).fill('playground');
  await row.getByRole('button', { name: `Remove ${TEST_PACKAGE.key}` }).click();
  await expect(row).toContainText('Downloads when imported');
});

test('the package source can be changed in the Packages panel', async ({ page }) => {
  await page.goto(app.url);
  await waitForPython(page);
  const dialog = await openPackages(page);
  const source = dialog.getByRole('textbox', { name: 'Package source' });
  await expect(source).toHaveValue(cdn.url);
  await source.fill('https://mirror.example.org/pyodide/');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Packages now come from https://mirror.example.org/pyodide/.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Use default' }).click();
  await expect(source).toHaveValue(/^https:\/\/cdn\.jsdelivr\.net\/pyodide\/v[\d.]+\/full\/$/);
});

test('a package bundled at build time works offline from the first visit, with no CDN', async ({ page, context }) => {
  // Two starts of Python (a first visit, then offline) and three programs: more than the default minute when CI runs
  // the snapshot tests beside it (it took 24 s alone, and ran out of its minute once in a full run).
  test.setTimeout(120_000);
  await cdn.close();
  app.setRoot(bundledBuild);
  await page.goto(app.url);
  await waitForPython(page);
  await app.close();
  await context.setOffline(true);
  await page.reload();
  await waitForPython(page);
  expect(await runCode(page, program)).toBe('ok');
  await expect(output(page)).toContainText(TEST_PACKAGE.greeting);
  const dialog = await openPackages(page);
  await expect(dialog.getByRole('listitem').filter({ hasText: TEST_PACKAGE.key })).toContainText(
    'Included with the app',
  );
  await page.keyboard.press('Escape');

  // matplotlib (here the tests' stand-in, bundled the same way): figures show in the output where plt.show() is
  // called and in order, a figure left open shows at the end, and savefig() writes into the project.
  const plot = [
    'import matplotlib.pyplot as plt',
    'print("before")',
    'plt.plot([1, 4, 9])',
    'plt.title("Squares")',
    'plt.savefig("plot.png")',
    'plt.figure()',
    'plt.bar([1, 2, 3], [3, 1, 2])',
    'plt.show()',
    'print("between")',
    'plt.plot([3, 2, 1])',
    'plt.title("Left open")',
  ].join('\n');
  expect(await runCode(page, plot)).toBe('ok');
  const order = await output(page).evaluate((el) =>
    [...el.querySelectorAll('.out-line')].map((line) => line.querySelector('img')?.alt ?? line.textContent!.trim()),
  );
  expect(order.filter((line) => !line.startsWith('Loading'))).toEqual([
    'before',
    'Plot: Squares',
    'Figure 2, plotted from line 8',
    'between',
    'Plot: Left open',
  ]);
  const files = page.getByRole('listbox', { name: 'Files' });
  await expect(files.getByRole('option', { name: /plot\.png/ })).toBeVisible();
});

test('the Packages panel says when none are kept yet, explains a failed download, and Escape closes it', async ({
  page,
}) => {
  await page.goto(app.url);
  await waitForPython(page);
  const dialog = await openPackages(page);
  await expect(dialog.getByRole('list', { name: 'Packages' })).toHaveText(
    'None yet. Search for a package above to make it available offline.',
  );
  const search = dialog.getByRole('searchbox', { name: 'Find a package' });
  await search.fill('playground');
  const row = dialog.getByRole('listitem').filter({ hasText: TEST_PACKAGE.key });
  const download = row.getByRole('button', { name: `Make ${TEST_PACKAGE.key} available offline` });

  cdn.failPath(TEST_PACKAGE.fileName, 503);
  await download.click();
  await expect(dialog.getByRole('status').filter({ hasText: 'could not be downloaded' })).toHaveText(
    `${TEST_PACKAGE.key} could not be downloaded: ${new URL(cdn.url).host} answered with an error (HTTP 503). Try again later, or use another package source.`,
  );

  await cdn.close(); // the package source cannot be reached at all
  await download.click();
  const problem = dialog.getByRole('status').filter({ hasText: 'could not be downloaded' });
  await expect(problem).toContainText(`${new URL(cdn.url).host} could not be reached`);
  await expect(problem).toContainText('Check that this device is connected to the internet');
  await expect(dialog).not.toContainText('Failed to fetch');
  await expect(row).toContainText('Downloads when imported');

  await search.fill('no such package here');
  await expect(dialog.getByRole('list', { name: 'Packages' })).toHaveText(
    'No package is called anything like “no such package here”.',
  );
  await search.press('Escape');
  await expect(dialog).toBeHidden();
});
