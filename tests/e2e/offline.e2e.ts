// Offline use, installation and updates, against builds served by a plain
// static server (no special headers) that the tests stop, switch and break.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { MAIN_BUILD, mainScript, readBuildId, variantDir } from '../support/builds.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';
import { output, runCode, waitForPython } from './helpers.ts';

let server: StaticServer;

test.beforeEach(async () => {
  server = await startStaticServer(MAIN_BUILD);
});
test.afterEach(async () => {
  await server?.close();
});

/** Opens the app on the test server and waits for Python (across the first-visit reload). */
async function visit(page: Page): Promise<void> {
  await page.goto(server.url);
  await waitForPython(page);
  await expect(page.getByRole('status', { name: 'Offline status' })).toContainText('Ready offline');
}

/** Stops the server and takes the browser offline: nothing can come from the network now. */
async function goOffline(context: BrowserContext): Promise<void> {
  await server.close();
  await context.setOffline(true);
}

async function shownBuildId(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings and about' });
  const id = await dialog.locator('code').first().innerText();
  await dialog.getByRole('button', { name: 'Close settings' }).click();
  return id;
}

async function precachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const name = (await caches.keys()).find((n) => n.includes('precache'))!;
    return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
  });
}

test('a first visit says what is happening until Python is ready; then the app runs with no network, isolated', async ({
  page,
  context,
}) => {
  server.setRate(6_000_000);
  // Every change of the toolbar's status, on both pages of a first visit (it reloads itself once): something
  // must always say what is happening, and nothing may look finished before it is.
  await page.addInitScript(() => {
    const problems = (): string[] => JSON.parse(sessionStorage.getItem('status-problems') ?? '[]') as string[];
    const check = () => {
      if (performance.getEntriesByName('python-ready').length > 0) return;
      const status = document.querySelector('[aria-label="Python status"]');
      if (!status) return; // the UI is not up yet: the splash says what is happening
      const badge = document.querySelector('[aria-label="Offline status"]')?.textContent ?? '';
      const found: string[] = [];
      if (!status.textContent?.trim()) found.push(`Python status blank; offline status: ${badge}`);
      if (/: (\d+\.\d) of \1 MB/.test(badge)) found.push(`looks finished while it is not: ${badge}`);
      if (found.length) sessionStorage.setItem('status-problems', JSON.stringify([...problems(), ...found]));
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(server.url);
  const badge = page.getByRole('status', { name: 'Offline status' });
  await expect(badge).toContainText(/Preparing offline use: \d+\.\d of \d+\.\d MB/);
  await waitForPython(page);
  expect(await page.evaluate(() => sessionStorage.getItem('status-problems'))).toBeNull();
  await expect(page.getByRole('status', { name: 'Python status' })).toHaveText(/^Python [\d.]+ ready$/);
  await expect(badge).toHaveText('✓ Ready offline');
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  // The server goes away (a school server that is down, or Wi-Fi with no way out) while the device still
  // believes it is online: the app finds out, and says everything still works.
  const port = server.port;
  await server.close();
  await page.evaluate(() => dispatchEvent(new Event('online')));
  await expect(badge).toHaveText('✓ Offline: everything works');
  expect(await page.evaluate(() => navigator.onLine)).toBe(true);
  await context.setOffline(true);
  await expect(badge).toHaveText('✓ Offline: everything works');

  await page.reload();
  await waitForPython(page);
  const ready = await page.evaluate(() => {
    const mark = performance.getEntriesByName('python-ready')[0] as PerformanceMark;
    return { page: crossOriginIsolated, worker: (mark.detail as { isolated: boolean }).isolated };
  });
  expect(ready).toEqual({ page: true, worker: true });
  expect(await runCode(page, 'import statistics\nprint(statistics.mean([1, 2, 3, 4]))')).toBe('ok');
  await expect(output(page)).toHaveText('2.5');
  // Turtle graphics are the app's own Python: they draw with no network too.
  expect(await runCode(page, 'import turtle\nturtle.hideturtle()\nturtle.dot(30, "blue")\nprint("drawn")')).toBe('ok');
  await expect(output(page)).toHaveText('drawn');
  await expect(page.getByRole('img', { name: 'Turtle drawing' })).toHaveAccessibleDescription(/A drawing with 1 dot/);
  await expect(badge).toHaveText('✓ Offline: everything works');

  // Back online: the badge says so.
  server = await startStaticServer(MAIN_BUILD, port);
  await context.setOffline(false);
  await expect(badge).toHaveText('✓ Ready offline');
});

test('a first visit whose Python download fails says so; Try again finishes it, and it works offline', async ({
  page,
  context,
}) => {
  // The first install takes only the app: the runtime comes after the quick reload, with Python's start.
  const wasm = `pyodide/${readdirSync(join(MAIN_BUILD, 'pyodide'))[0]}/pyodide.asm.wasm`;
  server.failPath(wasm, 503);
  await page.goto(server.url);
  await expect(page.getByRole('status', { name: 'Python status' })).toContainText('Python could not start', {
    timeout: 30_000,
  });
  await expect(page.getByRole('status', { name: 'Offline status' })).toContainText('Not available offline yet');
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  server.failPath(wasm, 0);
  await page.getByRole('button', { name: 'Try again' }).click();
  await waitForPython(page);
  expect(await runCode(page, 'print("now it runs")')).toBe('ok');
  await goOffline(context);
  await page.reload();
  await waitForPython(page);
  expect(await runCode(page, 'print("and offline")')).toBe('ok');
});

test('the app is installable: no installability errors, a valid manifest', async ({ playwright }, testInfo) => {
  // Installability needs a normal profile: Playwright's default contexts count as incognito.
  const { launchOptions } = testInfo.project.use;
  const context = await playwright.chromium.launchPersistentContext(testInfo.outputPath('profile'), launchOptions);
  const page = await context.newPage();
  await visit(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);
  const data = JSON.parse(manifest.data!);
  expect(data).toMatchObject({ name: 'Python Playground', display: 'standalone' });
  expect(data.shortcuts[0].name).toBe('New scratch file');
  expect(data.file_handlers[0].accept['text/x-python']).toEqual(['.py']);
  await context.close();
});

test('an update waits for the learner, keeps their code, and removes the old files', async ({ page }) => {
  const oldId = readBuildId(MAIN_BUILD)!;
  const nextDir = variantDir('update-test');
  await visit(page);
  expect(await shownBuildId(page)).toBe(oldId);
  const oldFiles = await precachedUrls(page);
  await page.getByRole('textbox', { name: 'Code editor' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText('print("my unsaved work")');

  server.setRoot(nextDir);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  const notice = page.getByRole('status').filter({ hasText: 'A new version of Python Playground is ready' });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  // Nothing changes until the learner says so.
  expect(await shownBuildId(page)).toBe(oldId);
  expect(await runCode(page, 'print("still the old version")')).toBe('ok');

  await page.getByRole('textbox', { name: 'Code editor' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText('print("my unsaved work")');
  await notice.getByRole('button', { name: 'Update now' }).click();
  await page.waitForEvent('load');
  await waitForPython(page);
  expect(await shownBuildId(page)).toBe('update-test');
  await expect(page.getByRole('textbox', { name: 'Code editor' })).toHaveText('print("my unsaved work")');
  expect(await runCode(page, 'print(1 + 1)')).toBe('ok');
  const newFiles = await precachedUrls(page);
  const gone = oldFiles.filter((f) => !newFiles.includes(f));
  expect(gone).toContain('/' + mainScript(MAIN_BUILD));
  expect(newFiles).not.toContain('/' + mainScript(MAIN_BUILD));
  expect(newFiles).toContain('/' + mainScript(nextDir));
});

test('a broken deployment does not replace the working version', async ({ page, context }) => {
  const oldId = readBuildId(MAIN_BUILD)!;
  const brokenDir = variantDir('broken-test');
  await visit(page);
  server.setRoot(brokenDir);
  server.failPath(mainScript(brokenDir), 500);
  await page.evaluate(async () => {
    const registration = (await navigator.serviceWorker.getRegistration())!;
    await registration.update().catch(() => {});
    // Wait for the new worker's install to end, one way or the other.
    const worker = registration.installing;
    if (worker)
      await new Promise((done) =>
        worker.addEventListener('statechange', () => worker.state === 'redundant' && done(null)),
      );
  });
  await expect(page.getByText('A new version of Python Playground is ready')).toHaveCount(0);
  await goOffline(context);
  await page.reload();
  await waitForPython(page);
  expect(await shownBuildId(page)).toBe(oldId);
  expect(await runCode(page, 'print("still working")')).toBe('ok');
});

test('a file deleted from the offline copy leads to a repair, not a blank page', async ({ page, context }) => {
  await visit(page);
  await page.evaluate(async () => {
    const name = (await caches.keys()).find((n) => n.includes('precache'))!;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) if (request.url.includes('pyodide.asm.wasm')) await cache.delete(request);
  });
  const port = server.port;
  await goOffline(context);
  await page.reload();
  const notice = page.getByRole('alert').filter({ hasText: 'Part of the offline copy is missing' });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status', { name: 'Python status' })).toContainText('Python could not start');

  server = await startStaticServer(MAIN_BUILD, port);
  await context.setOffline(false);
  await notice.getByRole('button', { name: 'Repair now' }).click();
  await page.waitForEvent('load');
  await waitForPython(page);
  expect(await runCode(page, 'print("repaired")')).toBe('ok');
});

test('a missing app page offline shows how to repair, never a blank page', async ({ page, context }) => {
  await visit(page);
  await page.evaluate(async () => {
    const name = (await caches.keys()).find((n) => n.includes('precache'))!;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) if (request.url.includes('index.html')) await cache.delete(request);
  });
  await goOffline(context);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'The offline copy needs repair' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();
});

test('a damaged file in the offline copy is found and downloaded again', async ({ page, context }) => {
  await visit(page);
  // A half-written entry: the right key, the wrong bytes.
  await page.evaluate(async () => {
    const name = (await caches.keys()).find((n) => n.includes('precache'))!;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (request.url.includes('pyodide.asm.wasm')) {
        await cache.put(
          request,
          new Response(new Uint8Array([0, 97, 115, 109]), { headers: { 'Content-Type': 'application/wasm' } }),
        );
      }
    }
  });
  await page.reload();
  await expect(page.getByRole('status', { name: 'Python status' })).toContainText('Python could not start', {
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings and about' });
  await dialog.getByRole('button', { name: 'Check offline files' }).click();
  await expect(dialog.getByText(/0 missing and 1 damaged of \d+ offline files/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Repair offline files' }).click();
  await expect(dialog.getByText('Repaired 1 files.')).toBeVisible();
  await expect(dialog.getByText(/All \d+ offline files are present and intact/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close settings' }).click();

  await page.reload();
  await waitForPython(page);
  await goOffline(context);
  expect(await runCode(page, 'print("intact again")')).toBe('ok');
});
