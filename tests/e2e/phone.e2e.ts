// A learner on a phone: thumbs, an on-screen keyboard, one panel at a time.
import { expect, test } from './fixtures.ts';
import { openApp, output, runEndCount, setCode, smallTargets, tinyText, waitForRunEnd } from './helpers.ts';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test.beforeEach(async ({ page }) => openApp(page));

test('every control is a finger-sized target and no text is under 12 px, in menus and the drawer too', async ({
  page,
}) => {
  expect(await smallTargets(page)).toEqual([]);
  expect(await tinyText(page)).toEqual([]);

  await page.getByRole('button', { name: 'More' }).click();
  await expect(page.getByRole('menu', { name: 'More' })).toBeVisible();
  expect(await smallTargets(page)).toEqual([]);
  expect(await tinyText(page)).toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Files' }).click();
  const drawer = page.getByRole('dialog', { name: 'Project and files' });
  await expect(drawer).toBeVisible();
  expect(await smallTargets(page)).toEqual([]);
  expect(await tinyText(page)).toEqual([]);
  await drawer.getByRole('button', { name: 'Project menu' }).click();
  await expect(page.getByRole('menu', { name: 'Project menu' })).toBeVisible();
  expect(await smallTargets(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await drawer.getByRole('button', { name: 'Close files' }).click();

  await page.getByRole('tab', { name: 'Output' }).click();
  expect(await smallTargets(page)).toEqual([]);
  expect(await tinyText(page)).toEqual([]);
});

test('Run brings the output to the front, input() is answered there, and an error link goes back to the code', async ({
  page,
}) => {
  await setCode(page, 'name = input("Name? ")\nprint("Hi", name)\nprint(1 / 0)');
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Output' })).toHaveAttribute('aria-selected', 'true');
  const input = page.getByRole('textbox', { name: 'Input' });
  await expect(input).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Code editor' })).toBeHidden();
  await input.fill('Ada');
  await input.press('Enter');
  expect(await waitForRunEnd(page, before)).toBe('error');
  await expect(output(page)).toContainText('Hi Ada');
  // The explanation starts folded to one line on a phone; a tap unfolds it, hint and all.
  const note = output(page).getByRole('note', { name: 'Explanation' });
  await expect(note.locator('details')).not.toHaveAttribute('open');
  await expect(note.getByText('Try this:')).toBeHidden();
  await note.locator('summary').tap();
  await expect(note.getByText('Try this:')).toBeVisible();
  await page.getByRole('link', { name: 'File "main.py", line 3' }).click();
  await expect(page.getByRole('tab', { name: 'Code' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.cm-error-line')).toHaveText('print(1 / 0)');
  await expect(output(page)).toBeHidden();
});

test('output that arrives while the code is in front is flagged on the Output tab', async ({ page }) => {
  await setCode(page, 'import time\nfor i in range(3):\n    time.sleep(0.4)\n    print(i)');
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('tab', { name: 'Code' }).click();
  await expect(page.getByRole('img', { name: '(new output)' })).toBeVisible();
  await waitForRunEnd(page, before);
  await page.getByRole('tab', { name: 'Output' }).click();
  await expect(page.getByRole('img', { name: '(new output)' })).toHaveCount(0);
  await expect(output(page)).toHaveText('0\n1\n2');
});

test('the on-screen keyboard does not cover the line being typed', async ({ page }) => {
  const lines = Array.from({ length: 60 }, (_, i) => `x${i} = ${i}`).join('\n');
  await setCode(page, lines);
  // setCode leaves the cursor at the end: the last line is the one being typed.
  await page.keyboard.type('\nlast = 1');
  const cursorVisible = () =>
    page.evaluate(() => {
      const cursor = document.querySelector('.cm-cursor')!.getBoundingClientRect();
      const scroller = document.querySelector('.cm-scroller')!.getBoundingClientRect();
      return cursor.height > 0 && cursor.top >= scroller.top - 1 && cursor.bottom <= scroller.bottom + 1;
    });
  await expect.poll(cursorVisible).toBe(true);
  // The keyboard takes the lower half: the browser shrinks the page (interactive-widget=resizes-content).
  await page.setViewportSize({ width: 390, height: 420 });
  await expect.poll(cursorVisible).toBe(true);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeInViewport();
  await page.keyboard.type('\nafter = 2');
  await expect.poll(cursorVisible).toBe(true);
});

test('Settings, Packages, Share and text size are in the More menu, and work', async ({ page }) => {
  await page.getByRole('button', { name: 'More' }).click();
  const menu = page.getByRole('menu', { name: 'More' });
  await menu.getByRole('menuitem', { name: 'Larger text' }).click();
  // Text size steps keep the menu open, so a few taps in a row are easy.
  await menu.getByRole('menuitem', { name: 'Larger text' }).click();
  await expect(page.getByRole('textbox', { name: 'Code editor' })).toHaveCSS('font-size', '20px');
  await expect(menu.getByRole('menuitem', { name: 'Larger text' })).toContainText('20 px');
  await menu.getByRole('menuitem', { name: 'Settings' }).click();
  await expect(menu).toBeHidden();
  const settings = page.getByRole('dialog', { name: 'Settings and about' });
  await expect(settings).toBeVisible();
  const box = (await settings.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await settings.getByRole('button', { name: 'Close settings' }).click();
  await page.getByRole('button', { name: 'More' }).click();
  await menu.getByRole('menuitem', { name: 'Packages' }).click();
  await expect(page.getByRole('dialog', { name: 'Packages' })).toBeVisible();
});

test('choosing a file in the drawer closes it and puts the cursor in that file', async ({ page }) => {
  await page.getByRole('button', { name: 'Files' }).click();
  const drawer = page.getByRole('dialog', { name: 'Project and files' });
  await drawer.getByRole('button', { name: 'New file' }).click();
  await drawer.getByRole('textbox', { name: 'New file name' }).fill('helper.py');
  await drawer.getByRole('button', { name: 'Create' }).click();
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Code editor' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'helper.py' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.type('x = 1');

  // Deleting from the drawer: the drawer makes way, so the Undo offer can be reached.
  await page.getByRole('button', { name: 'Files' }).click();
  await drawer.getByRole('button', { name: 'Actions for helper.py' }).click();
  await page.getByRole('menuitem', { name: 'Delete helper.py' }).click();
  await expect(drawer).toBeHidden();
  await page
    .getByRole('status')
    .filter({ hasText: 'helper.py was moved to the trash' })
    .getByRole('button', { name: 'Undo' })
    .click();
  await expect(page.getByRole('tab', { name: 'helper.py' })).toBeVisible();

  await page.getByRole('button', { name: 'Files' }).click();
  await drawer.getByRole('option', { name: 'main.py (main)' }).click();
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('tab', { name: /main\.py/ })).toHaveAttribute('aria-selected', 'true');
});
