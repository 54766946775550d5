// The local workspace: projects and files kept on the device, never lost to a
// reload, a closed browser, a second tab or a full disk; trash, import/export,
// backup, and the history of runs.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { expect, test } from './fixtures.ts';
import { editorText, openApp, output, run, runCode, setCode, waitForPython } from './helpers.ts';

const saveStatus = (page: Page) => page.getByRole('status', { name: 'Save status' });
const projectSelect = (page: Page) => page.getByRole('combobox', { name: 'Project' });

async function saved(page: Page): Promise<void> {
  await expect(saveStatus(page)).toHaveText('Saved on this device');
}

async function newFile(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByRole('textbox', { name: 'New file name' }).fill(name);
  await page.getByRole('textbox', { name: 'New file name' }).press('Enter');
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

/** Chooses an action in the project menu. */
async function projectAction(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Project menu' }).click();
  await page.getByRole('menu', { name: 'Project menu' }).getByRole('menuitem', { name }).click();
}

/** Chooses an action for a file in its menu (the file shown in the editor). */
async function fileAction(page: Page, file: string, action: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${file}` }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

async function importFiles(page: Page, files: { name: string; buffer: Buffer }[]): Promise<void> {
  await page
    .getByLabel('Choose files to import')
    .setInputFiles(files.map((f) => ({ ...f, mimeType: 'application/octet-stream' })));
}

/**
 * A browser whose profile lives on a 256 MB tmpfs, mounted in a new folder outside the test results (a mount
 * left there would block their clean-up). Mounting needs root: without it the test is skipped, saying why.
 * As a fixture, it is closed and unmounted even when the test times out.
 */
const smallDiskTest = test.extend<{ smallDiskContext: BrowserContext }>({
  smallDiskContext: async ({ playwright }, use, testInfo) => {
    const dir = await mkdtemp(join(tmpdir(), 'playground-small-disk-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256m', 'tmpfs', dir], { stdio: 'pipe' });
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      const why = ((e as { stderr?: Buffer }).stderr?.toString() || (e as Error).message).trim();
      testInfo.skip(
        true,
        `needs a small disk to fill, and mounting a tmpfs failed (${why}); ` +
          'src/workspace/workspace.test.ts covers the reaction to a full disk with a storage that refuses to write',
      );
      return;
    }
    try {
      const context = await playwright.chromium.launchPersistentContext(
        join(dir, 'profile'),
        testInfo.project.use.launchOptions,
      );
      await use(context);
      await context.close().catch(() => {});
    } finally {
      execFileSync('umount', ['-l', dir]);
      await rm(dir, { recursive: true, force: true });
    }
  },
});

/**
 * In the page: fills the origin's quota with IndexedDB records, big ones first, until not even 1 KB fits.
 * Returns the bytes written and why 1 KB more was refused. IndexedDB rather than Cache Storage, because
 * Chromium's IndexedDB keeps its own running count of the space left, which only its own writes update at once;
 * navigator.storage.estimate() cannot tell either, as Chromium reports a padded quota.
 */
async function fillQuota(): Promise<{ written: number; refusal: string }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('test-filler', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('fill');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  (globalThis as { testFiller?: IDBDatabase }).testFiller = db;
  // Random bytes: Chromium compresses IndexedDB values, and zeros would take no room at all.
  const noise = new Uint8Array(16 * 1024 * 1024);
  for (let at = 0; at < noise.length; at += 65536) crypto.getRandomValues(noise.subarray(at, at + 65536));
  const put = (key: number, bytes: number) =>
    new Promise<void>((resolve, reject) => {
      const tx = db.transaction('fill', 'readwrite');
      tx.objectStore('fill').put(noise.slice(0, bytes), key);
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error);
    });
  let n = 0;
  let written = 0;
  let refusal = '';
  for (let size = 16 * 1024 * 1024; size >= 1024; size /= 4) {
    for (;;) {
      try {
        await put(n++, size);
        written += size;
      } catch (e) {
        refusal = (e as Error).name;
        break;
      }
    }
  }
  return { written, refusal };
}

/** In the page: frees what fillQuota took. */
async function freeQuota(): Promise<void> {
  (globalThis as { testFiller?: IDBDatabase }).testFiller?.close();
  await new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase('test-filler');
    request.onsuccess = resolve;
    request.onerror = () => reject(request.error);
  });
}

test.describe('never lost', () => {
  test('text typed just before a reload is still there', async ({ page }) => {
    await openApp(page);
    await setCode(page, 'print("typed, then reloaded at once")');
    await page.reload();
    await waitForPython(page);
    expect(await editorText(page)).toBe('print("typed, then reloaded at once")');
  });

  test('closing the whole browser mid-typing loses nothing saved; the text is back on relaunch', async ({
    playwright,
  }, testInfo) => {
    // Two starts in a fresh profile (the first visit, then the relaunch): 45–60 s in CI beside another test.
    test.setTimeout(150_000);
    const { launchOptions, baseURL } = testInfo.project.use;
    const profile = testInfo.outputPath('profile');
    let context = await playwright.chromium.launchPersistentContext(profile, launchOptions);
    let page = await context.newPage();
    await page.goto(baseURL!);
    await waitForPython(page);
    await setCode(page, 'first = "saved"');
    await saved(page);
    await page.keyboard.press('End');
    await page.keyboard.type('\nsecond = "typed as the browser closed"');
    await context.close();

    context = await playwright.chromium.launchPersistentContext(profile, launchOptions);
    page = await context.newPage();
    await page.goto(baseURL!);
    await waitForPython(page);
    expect(await editorText(page)).toContain('first = "saved"');
    await context.close();
  });

  test('the last project, file and cursor position come back after a reload', async ({ page }) => {
    await openApp(page);
    await newFile(page, 'second.py');
    await setCode(page, 'a = 1\nb = 2\nc = 3');
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('.cm-lineNumbers .cm-activeLineGutter')).toHaveText('2');
    await saved(page);
    await page.reload();
    await waitForPython(page);
    await expect(page.getByRole('tab', { name: 'second.py' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('.cm-lineNumbers .cm-activeLineGutter')).toHaveText('2');
  });

  test('two tabs on one project see each other’s edits, and a clash is never silent', async ({ page, context }) => {
    await openApp(page);
    const other = await context.newPage();
    await openApp(other);
    await setCode(page, 'print("from the first tab")');
    await expect.poll(() => editorText(other)).toBe('print("from the first tab")');
    await setCode(other, 'print("from the second tab")');
    await expect.poll(() => editorText(page)).toBe('print("from the second tab")');

    // Both tabs change the file before either has saved (a save waits 300 ms after the last key): the second
    // save meets a newer version. The two edits go in at the same time, each as one keystroke-sized step; on a
    // loaded machine one tab may see the other's save before its own edit lands, and then there is rightly no
    // clash: both tabs must then agree on the later text, and the test tries again.
    const replaceAll = async (tab: Page, code: string) => {
      await tab.getByRole('textbox', { name: 'Code editor' }).focus();
      await tab.keyboard.press('ControlOrMeta+a');
      await tab.keyboard.insertText(code);
    };
    const clashIn = (tab: Page) => tab.getByRole('alert').filter({ hasText: 'was also changed in another tab' });
    const clashed = async () => (await clashIn(page).isVisible()) || (await clashIn(other).isVisible());
    for (let attempt = 1; ; attempt++) {
      const [mine, theirs] = [`print("first, try ${attempt}")`, `print("second, try ${attempt}")`];
      await Promise.all([replaceAll(page, mine), replaceAll(other, theirs)]);
      // Whichever tab saved second is asked (and only that one).
      const asked = await expect
        .poll(clashed, { timeout: 3_000 })
        .toBe(true)
        .then(() => true)
        .catch(() => false);
      if (asked) break;
      await saved(page);
      await saved(other);
      const texts = [await editorText(page), await editorText(other)];
      expect(texts[0]).toBe(texts[1]);
      expect([mine, theirs]).toContain(texts[0]);
      expect(attempt, 'edits at the same moment never clashed').toBeLessThan(4);
    }
    const [asked, told] = (await clashIn(other).isVisible()) ? [other, page] : [page, other];
    await expect(clashIn(told)).toHaveCount(0);
    const kept = await editorText(asked);
    await clashIn(asked).getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => editorText(told)).toBe(kept);
    await saved(asked);
  });

  smallDiskTest(
    'a full disk: a clear message, the text stays, export is offered, nothing saved is damaged',
    async ({ smallDiskContext: context }, testInfo) => {
      // A real full disk: the browser's profile lives on a small tmpfs, so the origin's quota (a share of that
      // disk) is small enough to fill. DevTools' Storage.overrideQuotaForOrigin, the obvious tool, is accepted by
      // Debian's Chromium (150, 156) but changes nothing.
      test.setTimeout(120_000); // three app starts, and about 150 MB written
      const { baseURL } = testInfo.project.use;
      const page = await context.newPage();
      await page.goto(baseURL!);
      await waitForPython(page);
      await setCode(page, 'print("safely saved")');
      await saved(page);

      const filled = await page.evaluate(fillQuota);
      expect(filled.refusal).toBe('QuotaExceededError');
      expect(filled.written).toBeGreaterThan(10 * 1024 * 1024);
      // More than the 1 KB that no longer fits, in lines short enough for the editor to show whole.
      // (Short enough not to wrap, either: a wrapped line takes more of the screen.)
      const typed = ['print("typed while the disk is full")', ...Array(30).fill('# ' + 'more text '.repeat(4))].join(
        '\n',
      );
      await setCode(page, typed);
      const full = page.getByRole('alert').filter({ hasText: 'Storage is full' });
      await expect(full).toBeVisible();
      await expect(full.getByRole('button', { name: 'Export project' })).toBeVisible();
      expect(await editorText(page)).toBe(typed);

      // What was saved before is intact: a second tab reads it.
      const other = await context.newPage();
      await other.goto(baseURL!);
      await waitForPython(other);
      expect(await editorText(other)).toBe('print("safely saved")');
      await other.close();

      // Space comes back: the text is saved, and is there after a reload.
      await page.evaluate(freeQuota);
      await full.getByRole('button', { name: 'Try saving again' }).click();
      await saved(page);
      await page.reload();
      await waitForPython(page);
      expect(await editorText(page)).toBe(typed);
    },
  );

  test('with storage blocked the app still runs, and says clearly that nothing is saved', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(globalThis, 'indexedDB', { value: undefined }));
    await openApp(page);
    await expect(page.getByRole('alert').filter({ hasText: 'Not saving' })).toBeVisible();
    expect(await runCode(page, 'print("runs anyway")')).toBe('ok');
    await expect(output(page)).toHaveText('runs anyway');
  });

  test('when a newer version of the app takes the database, this tab stops writing and asks to reload', async ({
    page,
  }) => {
    await openApp(page);
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const request = indexedDB.open('python-playground', 1000);
          request.onsuccess = () => {
            request.result.close();
            resolve();
          };
        }),
    );
    const alert = page.getByRole('alert').filter({ hasText: 'A newer version of the app is open in another tab' });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole('button', { name: 'Reload' })).toBeVisible();
  });

  test('saved work that the browser cleared is noticed and explained', async ({ page, baseURL }) => {
    await openApp(page);
    await setCode(page, 'print("will vanish")');
    await saved(page);
    await page.goto(baseURL + 'favicon.svg');
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.deleteDatabase('python-playground');
          request.onsuccess = () => resolve();
          request.onerror = () => reject(request.error);
        }),
    );
    await openApp(page);
    await expect(page.getByRole('alert').filter({ hasText: 'no longer on this device' })).toContainText(
      'restore it in Settings',
    );
  });
});

test.describe('projects and files', () => {
  test.beforeEach(async ({ page }) => openApp(page));

  test('files can be renamed, duplicated, made main and deleted (with undo and the trash)', async ({ page }) => {
    await newFile(page, 'helper.py');
    await setCode(page, 'def helper():\n    return 42');
    await fileAction(page, 'helper.py', 'Rename helper.py');
    await page.getByRole('textbox', { name: 'New name for helper.py' }).fill('tools.py');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('option', { name: 'tools.py' })).toBeVisible();
    await fileAction(page, 'tools.py', 'Duplicate tools.py');
    await expect(page.getByRole('option', { name: 'tools copy.py' })).toBeVisible();

    await page.getByRole('option', { name: 'tools.py' }).click();
    await fileAction(page, 'tools.py', 'Set tools.py as main');
    await expect(page.getByRole('option', { name: 'tools.py (main)' })).toBeVisible();

    await page.getByRole('option', { name: 'tools copy.py' }).click();
    await fileAction(page, 'tools copy.py', 'Delete tools copy.py');
    const undo = page.getByRole('status').filter({ hasText: 'tools copy.py was moved to the trash' });
    await undo.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('option', { name: 'tools copy.py' })).toBeVisible();

    await page.getByRole('option', { name: 'tools copy.py' }).click();
    await fileAction(page, 'tools copy.py', 'Delete tools copy.py');
    await expect(page.getByRole('option', { name: 'tools copy.py' })).toHaveCount(0);
    await projectAction(page, 'Trash');
    const trash = page.getByRole('dialog', { name: 'Trash' });
    await trash.getByRole('button', { name: 'Restore tools copy.py' }).click();
    await trash.getByRole('button', { name: 'Close trash' }).click();
    await expect(page.getByRole('option', { name: 'tools copy.py' })).toBeVisible();
  });

  test('projects: new, rename, switch, duplicate, delete and restore from the trash', async ({ page }) => {
    await setCode(page, 'print("first project")');
    await projectAction(page, 'Rename project');
    await page.getByRole('textbox', { name: 'New project name' }).fill('Homework 1');
    await page.keyboard.press('Enter');
    await projectAction(page, 'New project');
    // A new project asks for its name first.
    const name = page.getByRole('textbox', { name: 'Name of the new project' });
    await expect(name).toBeFocused();
    await expect(name).toHaveValue('Untitled project');
    await name.fill('Homework 2');
    await name.press('Enter');
    await expect(projectSelect(page).locator('option:checked')).toHaveText('Homework 2');
    await expect(page.getByRole('textbox', { name: 'Code editor' })).toBeFocused();
    await expect.poll(() => editorText(page)).toBe('');
    await setCode(page, 'print("second project")');
    await projectSelect(page).selectOption({ label: 'Homework 1' });
    await expect.poll(() => editorText(page)).toBe('print("first project")');

    await projectAction(page, 'Duplicate project');
    await expect(projectSelect(page).locator('option:checked')).toHaveText('Homework 1 copy');
    await projectAction(page, 'Delete project');
    await expect(projectSelect(page).locator('option')).not.toContainText(['Homework 1 copy']);
    await projectAction(page, 'Trash');
    const trash = page.getByRole('dialog', { name: 'Trash' });
    await trash.getByRole('button', { name: 'Restore project Homework 1 copy' }).click();
    await expect(projectSelect(page).locator('option:checked')).toHaveText('Homework 1 copy');
    expect(await editorText(page)).toBe('print("first project")');
  });

  test('a share link opens as a new project and overwrites nothing', async ({ page }) => {
    await setCode(page, 'print("my own work")');
    await saved(page);
    const hash = await page.evaluate(async () => {
      const json = new TextEncoder().encode(
        JSON.stringify({ v: 1, files: [{ name: 'main.py', content: 'print("shared")' }], main: 'main.py' }),
      );
      const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
      const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      return (
        '#share=' +
        btoa(String.fromCharCode(...bytes))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, '')
      );
    });
    await page.evaluate((h) => (location.hash = h), hash);
    await expect.poll(() => editorText(page)).toBe('print("shared")');
    await expect(projectSelect(page).locator('option:checked')).toHaveText('Shared code');
    await projectSelect(page).selectOption({ label: 'My project' });
    await expect.poll(() => editorText(page)).toBe('print("my own work")');
  });

  test('files the program writes appear in the project, and data files can be read', async ({ page }) => {
    await newFile(page, 'scores.csv');
    await setCode(page, 'ada,3\ngrace,5');
    await page.getByRole('tab', { name: /main\.py/ }).click();
    const code =
      'total = sum(int(l.split(",")[1]) for l in open("scores.csv"))\nopen("total.txt", "w").write(str(total))';
    expect(await runCode(page, code)).toBe('ok');
    await page.getByRole('option', { name: 'total.txt' }).click();
    await expect.poll(() => editorText(page)).toBe('8');
  });
});

test.describe('import and export', () => {
  test.beforeEach(async ({ page }) => openApp(page));

  test('Python and data files join the project; a project .zip becomes a new project', async ({ page }) => {
    await importFiles(page, [
      { name: 'helper.py', buffer: Buffer.from('def double(x):\n    return 2 * x\n') },
      { name: 'data.json', buffer: Buffer.from('{"n": 21}') },
    ]);
    await expect(page.getByRole('status').filter({ hasText: 'Added helper.py, data.json' })).toBeVisible();
    await page.getByRole('tab', { name: /main\.py/ }).click();
    expect(await runCode(page, 'import json, helper\nprint(helper.double(json.load(open("data.json"))["n"]))')).toBe(
      'ok',
    );
    await expect(output(page)).toHaveText('42');

    const zip = zipSync({ 'Quiz/main.py': strToU8('print("from the zip")'), 'Quiz/notes.txt': strToU8('hi') });
    await importFiles(page, [{ name: 'quiz.zip', buffer: Buffer.from(zip) }]);
    await expect(projectSelect(page).locator('option:checked')).toHaveText('Quiz');
    expect(await run(page)).toBe('ok');
    await expect(output(page)).toHaveText('from the zip');
    await expect(page.getByRole('option', { name: 'notes.txt' })).toBeVisible();
  });

  test('a picture and a sound join the project as bytes: previewed, read by the program, kept after a reload', async ({
    page,
  }) => {
    // A 2 × 1 PNG (one red, one blue pixel), and bytes that are not text (a NUL, invalid UTF-8).
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGP4zwAE/wEHAAH/4iOeWQAAAABJRU5ErkJggg==',
      'base64',
    );
    const sound = Buffer.from([0x52, 0x49, 0x46, 0x46, 0x00, 0xff, 0xfe, 0x00]);
    await importFiles(page, [
      { name: 'dot.png', buffer: png },
      { name: 'beep.wav', buffer: sound },
    ]);
    await page.getByRole('option', { name: 'dot.png' }).click();
    const preview = page.getByRole('region', { name: 'Preview of dot.png' });
    await expect(preview.getByRole('img', { name: 'dot.png' })).toBeVisible();
    await expect(preview).toContainText('2 × 1 pixels');
    await expect(page.getByRole('textbox', { name: 'Code editor' })).toBeHidden();
    await page.getByRole('option', { name: 'beep.wav' }).click();
    await expect(page.getByRole('region', { name: 'Preview of beep.wav' })).toContainText(
      'beep.wav — binary file, 8 bytes, cannot be edited here',
    );
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download beep.wav' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('beep.wav');
    expect([...(await readFile(await download.path()))]).toEqual([...sound]);

    await page.getByRole('option', { name: 'main.py' }).click();
    const code = 'print(list(open("beep.wav", "rb").read()), open("dot.png", "rb").read()[1:4])';
    expect(await runCode(page, code)).toBe('ok');
    await expect(output(page)).toHaveText("[82, 73, 70, 70, 0, 255, 254, 0] b'PNG'");
    await page.reload();
    await page.getByRole('option', { name: 'dot.png' }).click();
    await expect(page.getByRole('region', { name: 'Preview of dot.png' }).getByRole('img')).toBeVisible();
  });

  test('a malicious zip is refused with a clear message, and nothing is imported', async ({ page }) => {
    const projects = await projectSelect(page).locator('option').count();
    const traversal = zipSync({ 'main.py': strToU8('ok'), '../../escape.py': strToU8('bad') });
    await importFiles(page, [{ name: 'traversal.zip', buffer: Buffer.from(traversal) }]);
    await expect(page.getByRole('alert')).toContainText(
      'traversal.zip: This archive cannot be imported: it contains a file with an unsafe path',
    );
    const bomb = zipSync({ 'main.py': strToU8('x'), 'zeros.txt': new Uint8Array(60_000_000) });
    await importFiles(page, [{ name: 'bomb.zip', buffer: Buffer.from(bomb) }]);
    await expect(page.getByRole('alert')).toContainText(
      'bomb.zip: This archive cannot be imported: "zeros.txt" is larger than 10 MB',
    );
    await expect(projectSelect(page).locator('option')).toHaveCount(projects);
  });

  test('the project exports as a .zip that imports back', async ({ page }) => {
    await setCode(page, 'print("round trip")');
    await newFile(page, 'lib/util.py');
    const downloading = page.waitForEvent('download');
    await projectAction(page, 'Export .zip');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('My project.zip');
    const files = unzipSync(new Uint8Array(await readFile(await download.path())));
    expect(Object.keys(files).sort()).toEqual(['My project/lib/util.py', 'My project/main.py']);
    expect(new TextDecoder().decode(files['My project/main.py'])).toBe('print("round trip")');
  });

  test('back up everything, and restore it on a fresh device', async ({ page, browser }) => {
    await setCode(page, 'print("worth keeping")');
    expect(await runCode(page, 'print("worth keeping")')).toBe('ok');
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings and about' });
    const downloading = page.waitForEvent('download');
    await settings.getByRole('button', { name: 'Back up everything' }).click();
    const backup = await (await downloading).path();

    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await openApp(other);
    await other.getByRole('button', { name: 'Settings' }).click();
    await other.getByLabel('Choose a backup to restore').setInputFiles(backup);
    await expect(other.getByRole('dialog', { name: 'Settings and about' })).toContainText(
      'Restored 1 project and 1 runs from the backup.',
    );
    await other.getByRole('button', { name: 'Close settings' }).click();
    await projectSelect(other).selectOption({ label: 'My project (2)' });
    await expect.poll(() => editorText(other)).toBe('print("worth keeping")');
    await fresh.close();
  });
});

test.describe('history', () => {
  test.beforeEach(async ({ page }) => openApp(page));

  const history = (page: Page) => page.getByRole('dialog', { name: 'History of My project' });

  test('every run is recorded; filters and search find a past run, whose code can be restored (with undo)', async ({
    page,
  }) => {
    expect(await runCode(page, 'print("alpha")')).toBe('ok');
    expect(await runCode(page, 'print(1/0)')).toBe('error');
    await setCode(page, 'print("beta")');
    // Another file is open when the run is restored: the editor must show what was restored.
    await newFile(page, 'other.py');
    await page.getByRole('button', { name: 'History' }).click();
    const dialog = history(page);
    await expect(dialog.getByRole('status')).toContainText('2 runs');
    await dialog.getByRole('combobox', { name: 'Result' }).selectOption('error');
    await expect(dialog.getByRole('status')).toContainText('1 run');
    await expect(dialog.getByRole('button', { name: /main\.py · error \(ZeroDivisionError\)/ })).toBeVisible();
    await dialog.getByRole('combobox', { name: 'Result' }).selectOption('');
    await dialog.getByRole('searchbox', { name: 'Search code and output' }).fill('ALPHA');
    await expect(dialog.getByRole('status')).toContainText('1 run found');
    await dialog.getByRole('button', { name: /main\.py · finished/ }).click();
    await expect(dialog.getByLabel('Run output')).toHaveText('alpha\n');
    await expect(dialog.getByLabel('Code of main.py')).toHaveText('print("alpha")');

    await dialog.getByRole('button', { name: 'Restore code, replacing' }).click();
    await expect(page.getByRole('tab', { name: /main\.py/ })).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => editorText(page)).toBe('print("alpha")');
    const notice = page.getByRole('status').filter({ hasText: 'Replaced main.py with the code of that run' });
    await notice.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => editorText(page)).toBe('print("beta")');
  });

  test('the transcript keeps what was typed at input(); runs can be deleted, or the history cleared', async ({
    page,
  }) => {
    await setCode(page, 'print("Hi", input("Name? "))');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByRole('textbox', { name: 'Input' }).fill('Ada');
    await page.keyboard.press('Enter');
    await expect(output(page)).toContainText('Hi Ada');
    expect(await runCode(page, 'print("second")')).toBe('ok');
    await page.getByRole('button', { name: 'History' }).click();
    const dialog = history(page);
    await dialog
      .getByRole('button', { name: /main\.py · finished/ })
      .last()
      .click();
    await expect(dialog.getByLabel('Run output')).toHaveText('Name? Ada\nHi Ada\n');
    await dialog.getByRole('button', { name: 'Delete run' }).click();
    await expect(dialog.getByRole('status')).toContainText('1 run');
    page.once('dialog', (d) => void d.accept());
    await dialog.getByRole('button', { name: 'Clear history' }).click();
    await expect(dialog.getByRole('status')).toContainText('0 runs');
    await expect(page.getByRole('option', { name: 'main.py' })).toBeVisible();
  });
});
