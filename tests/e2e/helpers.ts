// Shared steps for the end-to-end tests: they drive the app as a learner does,
// through roles and labels, and read the User Timing marks the app documents.
import { expect, type Page } from '@playwright/test';

export type RunStatus = 'ok' | 'error' | 'interrupted' | 'restarted';

/** Opens the app (optionally with a query or hash) and waits until Python can run code and the project is loaded. */
export async function openApp(page: Page, suffix = ''): Promise<void> {
  await page.goto('/' + suffix);
  await waitForPython(page);
}

/**
 * Waits until Python can run code. On a first visit the page reloads itself
 * once (to be served by its service worker), so this polls across navigations.
 */
export async function waitForPython(page: Page): Promise<void> {
  const marks = () =>
    page
      .evaluate(() => ['python-ready', 'workspace-ready'].map((m) => performance.getEntriesByName(m).length).join())
      .catch(() => '');
  await expect.poll(marks, { timeout: 45_000, intervals: [100, 250] }).toBe('1,1');
}

/** Replaces the content of the file shown in the editor, as a paste would. */
export async function setCode(page: Page, code: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
  await expect.poll(() => editorText(page)).toBe(code);
}

/** The editor's text as shown (tests use short files, which CodeMirror renders whole). */
export async function editorText(page: Page): Promise<string> {
  return page.locator('.cm-content .cm-line').evaluateAll((lines) => lines.map((l) => l.textContent).join('\n'));
}

/** The 1-based line the cursor is on, as the highlighted line number shows it. */
export async function cursorLine(page: Page): Promise<number> {
  return Number(await page.locator('.cm-lineNumbers .cm-activeLineGutter').innerText());
}

export function runEndCount(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName('run-end').length);
}

/** Waits for the run-end mark after `before` of them, and returns its status. */
export async function waitForRunEnd(page: Page, before: number, timeout = 45_000): Promise<RunStatus> {
  await page.waitForFunction((n) => performance.getEntriesByName('run-end').length > n, before, { timeout });
  return page.evaluate(
    () => (performance.getEntriesByName('run-end').at(-1) as PerformanceMark).detail.status as RunStatus,
  );
}

/** Clicks Run and waits for the run to end. */
export async function run(page: Page): Promise<RunStatus> {
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  return waitForRunEnd(page, before);
}

/** Sets the code, runs it, and returns the status. */
export async function runCode(page: Page, code: string): Promise<RunStatus> {
  await setCode(page, code);
  return run(page);
}

/** Runs `code`, presses Stop once it has run for a moment, and returns how the run ended. */
export async function runAndStop(page: Page, code: string): Promise<RunStatus> {
  await setCode(page, code);
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await page.waitForTimeout(300);
  await page.getByRole('button', { name: 'Stop' }).click();
  return waitForRunEnd(page, before, 10_000);
}

export function output(page: Page) {
  return page.getByRole('log', { name: 'Output' });
}

export function runStatus(page: Page) {
  return page.getByRole('status', { name: 'Run status' });
}

/** A share-link fragment for files, built the documented way in the page itself. */
export async function shareHash(
  page: Page,
  files: { name: string; content: string }[],
  main = files[0].name,
): Promise<string> {
  return page.evaluate(
    async ({ files, main }) => {
      const json = new TextEncoder().encode(JSON.stringify({ v: 1, files, main }));
      const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
      const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return '#share=' + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    },
    { files, main },
  );
}

/** Every visible control on the page that is smaller than a fingertip (44 × 44 px), by name. */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>(
      'button, select, input:not([type="hidden"]), [role="tab"], [role="menuitem"], [role="option"], a[href]',
    );
    const small: string[] = [];
    for (const el of controls) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      // Links inside running text (a traceback's "File ..., line N") are exempt, as WCAG 2.5.8 allows.
      if (el.closest('[role="log"]')) continue;
      // A checkbox or radio is 24 px, its label the larger target beside it.
      const box = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');
      const tooSmall = box ? r.width < 24 : r.width < 44;
      const tooShort = box ? r.height < 24 : r.height < 44;
      if (tooSmall || tooShort) {
        const name = el.getAttribute('aria-label') || el.textContent?.trim() || el.outerHTML.slice(0, 60);
        small.push(`${name} (${Math.round(r.width)}×${Math.round(r.height)})`);
      }
    }
    return small;
  });
}

/** Visible text smaller than 12 px. */
export async function tinyText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const tiny: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim()) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || el.closest('.visually-hidden')) continue;
      const size = parseFloat(style.fontSize);
      if (size < 12) tiny.push(`${node.textContent.trim().slice(0, 30)} (${size}px)`);
    }
    return tiny;
  });
}

/**
 * Reloads once the last run is recorded (just after run-end: hashing its pictures, one transaction), then opens
 * History; returns the dialog.
 */
export async function reloadAndOpenHistory(page: Page, runs = 1) {
  const dialog = page.getByRole('dialog', { name: 'History of My project' });
  await page.getByRole('button', { name: 'History' }).click();
  await expect(dialog.getByRole('status')).toContainText(`${runs} run`);
  await page.keyboard.press('Escape');
  await page.reload();
  await page.getByRole('button', { name: 'History' }).click();
  return dialog;
}

/** Opens the app in Teach mode, as the Settings checkbox leaves it. */
export async function openAsTeacher(page: Page): Promise<void> {
  // Settled first: a first visit reloads itself once, which would cut short a navigation made meanwhile.
  await openApp(page);
  await page.evaluate(() => localStorage.setItem('playground:teach-mode', 'on'));
  await page.reload();
  await waitForPython(page);
}

/** The learners the Class progress table lists, in order (each row header is the name, then the device). */
export async function classLearners(page: Page): Promise<string[]> {
  const headers = await page.getByRole('table', { name: 'Class progress' }).getByRole('rowheader').allTextContents();
  return headers.flatMap((h) => h.match(/^(.*?) device /)?.[1] ?? []);
}

/** A screenshot in light and in dark, to look at: `test-results/<name>-light.png` and `-dark.png`. */
export async function shoot(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `test-results/${name}-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: null });
}
