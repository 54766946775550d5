import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.ts';
import { openApp, output, runCode, runEndCount, setCode, waitForRunEnd } from './helpers.ts';

test.beforeEach(async ({ page }) => openApp(page));

test('100,000 printed lines all arrive, in order; the screen keeps the first and last', async ({ page }) => {
  expect(await runCode(page, 'for i in range(100000):\n    print(i)')).toBe('ok');
  const lines = output(page).locator('.out-line');
  await expect(lines.first()).toHaveText('0');
  await expect(lines.last()).toHaveText('99999');
  await expect(output(page)).toContainText('98,000 more lines not shown here');
  await expect(lines).toHaveCount(2000);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download output' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('output.txt');
  const text = await readFile(await download.path(), 'utf8');
  const got = text.split('\n');
  expect(got.length).toBe(100_001);
  const firstWrong = got.slice(0, -1).findIndex((line, i) => line !== String(i));
  expect(firstWrong).toBe(-1);
});

test('Copy puts the whole output on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await runCode(page, 'for i in range(3):\n    print("line", i)');
  await page.getByRole('button', { name: 'Copy output' }).click();
  await expect(page.getByText('Output copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('line 0\nline 1\nline 2\n');
});

test('a very long line is cut on screen with a count', async ({ page }) => {
  await runCode(page, 'print("x" * 50000)');
  await expect(output(page)).toContainText('[48,000 more characters on this line]');
});

test('Clear empties the output', async ({ page }) => {
  await runCode(page, 'print("something")');
  await page.getByRole('button', { name: 'Clear output' }).click();
  await expect(output(page)).toHaveText('');
});

test('a program printing huge lines as fast as it can is held back, shown, and stopped', async ({ page }) => {
  await setCode(page, 'line = "x" * 100_000\nn = 0\nwhile True:\n    print(n, line)\n    n += 1');
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(output(page)).toContainText(/\n300 x{100}/);
  // The page stays responsive while the flood goes on.
  const started = Date.now();
  await page.getByRole('button', { name: 'Larger text' }).click();
  expect(Date.now() - started).toBeLessThan(5_000);
  await page.getByRole('button', { name: 'Stop' }).click();
  expect(await waitForRunEnd(page, before, 10_000)).toBe('interrupted');
  await expect(output(page)).toContainText('KeyboardInterrupt');
});

test('run-end is marked only once the run’s whole output is in the Output region, also on a slow CPU', async ({
  page,
}) => {
  // What the Output region holds at the very moment run-end is marked (an observer would see it later).
  await page.evaluate(() => {
    const w = window as unknown as { runEndTexts: string[] };
    w.runEndTexts = [];
    const mark = performance.mark.bind(performance);
    performance.mark = (name: string, options?: PerformanceMarkOptions) => {
      if (name === 'run-end') w.runEndTexts.push(document.querySelector('[role="log"]')!.textContent ?? '');
      return mark(name, options);
    };
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  // A unittest run (about 110 characters on stderr) after a few lines on stdout.
  await setCode(
    page,
    [
      'import unittest',
      'for i in range(5):',
      '    print("line", i)',
      'class T(unittest.TestCase):',
      '    def test_sum(self):',
      '        self.assertEqual(1 + 1, 2)',
      'unittest.main(argv=["x"], exit=False)',
    ].join('\n'),
  );
  try {
    for (let i = 0; i < 10; i++) {
      const before = await runEndCount(page);
      await page.getByRole('button', { name: 'Run' }).click();
      expect(await waitForRunEnd(page, before)).toBe('ok');
      const atMark = await page.evaluate(() => (window as unknown as { runEndTexts: string[] }).runEndTexts.at(-1));
      expect(atMark).toMatch(/^line 0\nline 1\nline 2\nline 3\nline 4\n.*Ran 1 test in \d+\.\d+s\n\nOK\n$/s);
      await expect(output(page)).toHaveText(atMark!.trimEnd());
    }
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  }
});
