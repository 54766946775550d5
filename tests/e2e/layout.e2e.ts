// The app at the sizes learners have: a phone, a tablet either way round, a
// window half a Chromebook wide, a laptop. At each: the editor is there and
// takes typing, Run and Stop are on screen, nothing scrolls sideways, Files
// opens and lists the files. Screenshots of each, light and dark, go to
// test-results/layout/ to be looked at.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import {
  editorText,
  openApp,
  openAsTeacher,
  output,
  runEndCount,
  shoot,
  smallTargets,
  tinyText,
  waitForRunEnd,
} from './helpers.ts';

interface Size {
  name: string;
  width: number;
  height: number;
  touch?: boolean;
  layout: 'wide' | 'columns' | 'stacked' | 'phone';
}

const TOUCH_SIZES: Size[] = [
  { name: 'phone', width: 390, height: 844, layout: 'phone', touch: true },
  { name: 'tablet-portrait', width: 768, height: 1024, layout: 'stacked', touch: true },
];
const DESKTOP_SIZES: Size[] = [
  { name: 'tablet-landscape', width: 1024, height: 768, layout: 'columns' },
  { name: 'narrow-window', width: 800, height: 900, layout: 'stacked' },
  { name: 'laptop', width: 1366, height: 768, layout: 'wide' },
];

/** Is the whole box inside the viewport? */
async function onScreen(page: Page, name: string): Promise<void> {
  const box = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
  const { width, height } = page.viewportSize()!;
  expect(box, `${name} has a box`).toBeTruthy();
  expect(box.x, `${name} left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${name} top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${name} right edge`).toBeLessThanOrEqual(width);
  expect(box.y + box.height, `${name} bottom edge`).toBeLessThanOrEqual(height);
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    view: window.innerWidth,
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.view);
  expect(widths.body).toBeLessThanOrEqual(widths.view);
}

/** Everything a learner does first, at the page's current size. */
async function checkUsable(page: Page, size: Size): Promise<void> {
  await expect(page.locator('.app')).toHaveAttribute('data-layout', size.layout);
  await noSidewaysScroll(page);
  await onScreen(page, 'Run');
  await onScreen(page, 'Stop');
  expect(await tinyText(page)).toEqual([]);
  if (size.touch) expect(await smallTargets(page)).toEqual([]);

  // The editor is visible, big enough to work in, and takes typing.
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  await expect(editor).toBeVisible();
  const box = (await page.locator('.cm-editor').boundingBox())!;
  expect(box.height).toBeGreaterThan(size.layout === 'phone' ? 400 : 250);
  expect(box.width).toBeGreaterThan(size.width * (size.layout === 'wide' ? 0.3 : 0.45));
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  const line = `print("hello at ${size.width} by ${size.height}")`;
  await page.keyboard.type(line);
  await expect.poll(() => editorText(page)).toBe(line);

  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  expect(await waitForRunEnd(page, before)).toBe('ok');
  // On a phone the output comes to the front by itself.
  await expect(output(page)).toBeVisible();
  await expect(output(page)).toHaveText(`hello at ${size.width} by ${size.height}`);
  if (size.layout === 'phone') await page.getByRole('tab', { name: 'Code' }).click();

  // Files: a panel on wide screens, a drawer elsewhere; either way it lists the files.
  if (size.layout !== 'wide') {
    await page.getByRole('button', { name: 'Files' }).click();
    const drawer = page.getByRole('dialog', { name: 'Project and files' });
    await expect(drawer).toBeVisible();
    const drawerBox = (await drawer.boundingBox())!;
    expect(drawerBox.width).toBeGreaterThan(250);
    expect(drawerBox.height).toBeGreaterThan(size.height * 0.9);
  }
  const files = page.getByRole('listbox', { name: 'Files' });
  await expect(files).toBeVisible();
  await expect(files.getByRole('option', { name: 'main.py (main)' })).toBeVisible();
  expect((await files.boundingBox())!.height).toBeGreaterThan(100);
  await noSidewaysScroll(page);
  expect(await tinyText(page)).toEqual([]);
  if (size.touch) expect(await smallTargets(page)).toEqual([]);
  await shoot(page, `layout/${size.name}-files`);
  if (size.layout !== 'wide') {
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Project and files' })).toBeHidden();
  }
  await shoot(page, `layout/${size.name}`);
}

test.describe('touch screens', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('phone and portrait tablet: editor, Run and Stop, output and files all usable', async ({ page }) => {
    await openApp(page);
    for (const size of TOUCH_SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await checkUsable(page, size);
    }
  });
});

test('tablet landscape, a narrow window and a laptop: editor, Run and Stop, output and files all usable', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await openApp(page);
  for (const size of DESKTOP_SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await checkUsable(page, size);
  }
});

test('on a 1280 px laptop, even in Teach mode, the top bar is one row and still names the app and Python', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAsTeacher(page);
  await expect(page.getByText('Ready offline')).toBeVisible({ timeout: 60_000 });
  for (const width of [1280, 1366, 1600]) {
    await page.setViewportSize({ width, height: 800 });
    await expect(page.getByRole('button', { name: 'Class', exact: true })).toBeVisible();
    // One row: every part of the bar starts within a few pixels of the same line.
    const tops = await page
      .locator('header.toolbar > *')
      .evaluateAll((parts) => parts.map((p) => Math.round(p.getBoundingClientRect().top)));
    expect(Math.max(...tops) - Math.min(...tops), `at ${width} px: ${tops.join(', ')}`).toBeLessThan(12);
    await expect(page.getByRole('heading', { level: 1, name: 'Python Playground' })).toBeAttached();
    await expect(page.getByRole('status', { name: 'Python status' })).toHaveText(/^Python [\d.]+ ready$/);
  }
  await shoot(page, 'layout/laptop-1280-teach');
});
