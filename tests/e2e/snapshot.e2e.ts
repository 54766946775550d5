// The memory snapshot: after a normal start the app makes one in the background,
// and later starts restore it. Everything must work exactly as after a normal
// start (Stop, input(), sleep, restarts, imports, tracebacks), and a damaged
// snapshot must fall back to a normal start and be made again.
import { expect, test, type Page } from '@playwright/test';
import { openApp, output, run, runCode, runEndCount, setCode, waitForPython, waitForRunEnd } from './helpers.ts';

/** The detail of this page's python-ready mark. */
function readyDetail(page: Page): Promise<{ fromSnapshot: boolean; isolated: boolean }> {
  return page.evaluate(() => (performance.getEntriesByName('python-ready')[0] as PerformanceMark).detail);
}

/** Waits until this page has saved a snapshot (made in the background after a normal start). */
async function waitForSnapshotSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('python-snapshot-saved').length > 0, null, {
    timeout: 45_000,
  });
}

/** Opens the app, lets it make its snapshot, and reloads so that Python starts from it. */
async function openFromSnapshot(page: Page): Promise<void> {
  await openApp(page);
  await waitForSnapshotSaved(page);
  await page.reload();
  await waitForPython(page);
  expect(await readyDetail(page)).toMatchObject({ fromSnapshot: true, isolated: true });
}

test('a start restored from the snapshot runs, reads input(), points errors at the line, stops, and restarts from it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openFromSnapshot(page);
  // Nothing made before the snapshot leaks into the learner's namespace.
  expect(await runCode(page, 'print(sorted(k for k in globals() if not k.startswith("__")))')).toBe('ok');
  await expect(output(page)).toHaveText('[]');

  await setCode(page, 'name = input("Name? ")\nprint("Hello,", name)');
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  const input = page.getByRole('textbox', { name: 'Input' });
  await input.fill('Ada');
  await input.press('Enter');
  expect(await waitForRunEnd(page, before)).toBe('ok');
  await expect(output(page)).toContainText('Hello, Ada');

  expect(
    await runCode(page, 'import json, fractions\nx = 1\n\nprint(json.dumps([x]), fractions.Fraction(1, 3))\n1 / 0'),
  ).toBe('error');
  await expect(output(page)).toContainText('[1] 1/3');
  await expect(output(page)).toContainText(/File "main\.py", line 5/);
  await expect(output(page)).toContainText('ZeroDivisionError');

  // Stop ends a loop and a sleep, and a forced restart starts again from the snapshot. (One test with the above:
  // a fresh profile's first visit and snapshot take most of a minute, made once here.)
  const stop = page.getByRole('button', { name: 'Stop' });

  for (const [code, started] of [
    ['print("looping")\nwhile True:\n    pass', 'looping'],
    ['import time\nprint("sleeping")\ntime.sleep(30)', 'sleeping'],
  ]) {
    await setCode(page, code);
    const before = await runEndCount(page);
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(output(page)).toContainText(started);
    await stop.click();
    expect(await waitForRunEnd(page, before, 10_000)).toBe('interrupted');
    await expect(output(page)).toContainText('KeyboardInterrupt');
  }

  // A program that swallows KeyboardInterrupt: Stop restarts Python, which restores the snapshot again.
  await setCode(
    page,
    'print("stubborn")\nwhile True:\n    try:\n        while True: pass\n    except KeyboardInterrupt:\n        pass',
  );
  const beforeStubborn = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(output(page)).toContainText('stubborn');
  await stop.click();
  expect(await waitForRunEnd(page, beforeStubborn, 15_000)).toBe('restarted');
  expect(await runCode(page, 'print("after restart", 6 * 7)')).toBe('ok');
  await expect(output(page)).toHaveText('after restart 42');

  // The restarted interpreter (restored from the snapshot too) still stops at once.
  await setCode(page, 'print("again")\nwhile True:\n    pass');
  const again = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(output(page)).toContainText('again');
  await stop.click();
  expect(await waitForRunEnd(page, again, 10_000)).toBe('interrupted');
});

test('a damaged snapshot falls back to a normal start and is made again', async ({ page }) => {
  test.setTimeout(120_000); // two normal starts, each followed by making a snapshot once Python is quiet
  await openApp(page);
  await waitForSnapshotSaved(page);
  const damage = () =>
    page.evaluate(async () => {
      const cache = await caches.open('python-snapshot');
      const [key] = await cache.keys();
      const bytes = new Uint8Array(1 << 20).fill(7);
      await cache.put(key, new Response(bytes));
      return key.url;
    });
  const key = await damage();
  await page.reload();
  await waitForPython(page);
  expect((await readyDetail(page)).fromSnapshot).toBe(false);
  expect(await runCode(page, 'print("still runs")')).toBe('ok');
  await expect(output(page)).toHaveText('still runs');

  // The bad snapshot was replaced by a good one, which the next start uses.
  await waitForSnapshotSaved(page);
  const stored = await page.evaluate(async (url) => {
    const response = await (await caches.open('python-snapshot')).match(url);
    return response ? (await response.arrayBuffer()).byteLength : 0;
  }, key);
  expect(stored).toBeGreaterThan(1 << 20);
  await page.reload();
  await waitForPython(page);
  expect((await readyDetail(page)).fromSnapshot).toBe(true);
  expect(await run(page)).toBe('ok');
  await expect(output(page)).toHaveText('still runs');
});
