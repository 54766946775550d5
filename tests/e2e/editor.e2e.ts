import { expect, test } from './fixtures.ts';
import { openApp, setCode } from './helpers.ts';

test.beforeEach(async ({ page }) => openApp(page));

test('completion offers module attributes, computed by Python', async ({ page }) => {
  await setCode(page, 'import statistics\n');
  await page.keyboard.press('End');
  await page.keyboard.type('statistics.med');
  await page.getByRole('option', { name: 'median', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Code editor' })).toContainText('statistics.median');
});

test('completion offers names defined in the file', async ({ page }) => {
  await setCode(page, 'def greet_student(name):\n    pass\n\n');
  await page.keyboard.type('greet_s');
  await expect(page.getByRole('option', { name: 'greet_student' })).toBeVisible();
});

test('the editor indents after a colon and toggles comments', async ({ page }) => {
  await setCode(page, '');
  await page.keyboard.type('for i in range(3):');
  await page.keyboard.press('Enter');
  await page.keyboard.type('print(i');
  await expect(page.locator('.cm-line').nth(1)).toHaveText('    print(i)');
  await page.keyboard.press('ControlOrMeta+/');
  await expect(page.locator('.cm-line').nth(1)).toHaveText('    # print(i)');
});

test('text size can be changed for a projector, and is remembered', async ({ page }) => {
  // The editor is rebuilt on reload: web-first assertions wait for it.
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  await expect(editor).toHaveCSS('font-size', '16px');
  await page.getByRole('button', { name: 'Larger text' }).click();
  await page.getByRole('button', { name: 'Larger text' }).click();
  await expect(editor).toHaveCSS('font-size', '20px');
  await page.reload();
  await expect(editor).toHaveCSS('font-size', '20px');
  await page.getByRole('button', { name: 'Smaller text' }).click();
  await expect(editor).toHaveCSS('font-size', '18px');
});

test('after A+ and A−, line numbers stay level with their lines (an error on line 6 is beside 6)', async ({ page }) => {
  await setCode(page, Array.from({ length: 8 }, (_, i) => `x${i + 1} = ${i + 1}`).join('\n'));
  /** For each line, how far its gutter number sits from the line's text, in pixels. */
  const drift = () =>
    page.evaluate(() => {
      const lines = [...document.querySelectorAll('.cm-content .cm-line')];
      const numbers = [...document.querySelectorAll('.cm-lineNumbers .cm-gutterElement')].filter((el) =>
        /^\d+$/.test(el.textContent ?? ''),
      );
      return lines.map((line, i) => {
        const number = numbers.find((n) => n.textContent === String(i + 1));
        if (!number) return Infinity;
        return Math.round(Math.abs(number.getBoundingClientRect().top - line.getBoundingClientRect().top));
      });
    });
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Larger text' }).click();
  await expect(page.getByRole('textbox', { name: 'Code editor' })).toHaveCSS('font-size', '28px');
  await expect.poll(drift).toEqual(Array(8).fill(0));
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Smaller text' }).click();
  await expect(page.getByRole('textbox', { name: 'Code editor' })).toHaveCSS('font-size', '14px');
  await expect.poll(drift).toEqual(Array(8).fill(0));
});

test('long lines wrap by default (the welcome comment is not cut off); Settings turns it off', async ({ page }) => {
  const comment = '# ' + 'a long comment that goes on and on '.repeat(6);
  await setCode(page, comment + '\nprint(1)');
  const firstLine = page.locator('.cm-line').first();
  const lineHeight = async () => (await firstLine.boundingBox())!.height;
  const single = (await page.locator('.cm-line').nth(1).boundingBox())!.height;
  expect(await lineHeight()).toBeGreaterThan(single * 1.5);
  const scroller = page.locator('.cm-scroller');
  expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings and about' });
  await settings.getByRole('checkbox', { name: 'Wrap long lines in the editor' }).uncheck();
  await settings.getByRole('button', { name: 'Close settings' }).click();
  await expect.poll(lineHeight).toBeLessThan(single * 1.5);
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await page.reload();
  await expect(page.locator('.cm-line').first()).toHaveText(comment);
  await expect.poll(lineHeight).toBeLessThan(single * 1.5);
});

test('while a program runs, completion still offers builtins and names from the file', async ({ page }) => {
  await setCode(page, 'counter_total = 0\nwhile True:\n    counter_total += 1\n');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await page.getByRole('textbox', { name: 'Code editor' }).click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('prin');
  await expect(page.getByRole('option', { name: 'print' })).toBeVisible();
  // With the popup open, Escape closes it and leaves the program running.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('option', { name: 'print' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await page.keyboard.press('Enter');
  await page.keyboard.type('counter_t');
  await expect(page.getByRole('option', { name: 'counter_total' })).toBeVisible();
  await page.getByRole('button', { name: 'Stop' }).click();
});
