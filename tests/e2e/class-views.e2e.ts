// The Class page's other ways in and out, as a teacher meets them: a folder of reports picked, reports dropped,
// a learner's report link opened, a QR code shown to the camera; a learner's code opened next to the solution;
// the charts read as tables; and the Teach and Class pages on a phone.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { encodePack } from '../../src/formats/pack.ts';
import { encodeReport, encodeReportLink } from '../../src/formats/report.ts';
import type { Report, ReportExercise } from '../../src/model/classroom.ts';
import type { Pack } from '../../src/model/lesson.ts';
import { expect, test } from './fixtures.ts';
import { classReports } from '../support/class-reports.ts';
import { classLearners, openAsTeacher, shoot, smallTargets, tinyText } from './helpers.ts';

const PACK: Pack = {
  format: 'pyplayground-pack',
  version: 1,
  id: 'views-pack',
  title: 'Views',
  author: 'Mr Okafor',
  language: 'en',
  revision: 1,
  lessons: [
    {
      id: 'l1',
      title: 'First steps',
      exercises: [
        {
          id: 'hello',
          title: 'Say hello',
          instructions: 'Print `Hello!`',
          files: [{ name: 'main.py', content: '# Print a greeting\n' }],
          main: 'main.py',
          hints: [],
          solution: [{ name: 'main.py', content: 'print("Hello!")  # the model answer\n' }],
          checks: [{ kind: 'output', expect: 'Hello!' }],
        },
        {
          id: 'double',
          title: 'Double it',
          instructions: 'Print 21 doubled.',
          files: [{ name: 'main.py', content: '' }],
          main: 'main.py',
          hints: [],
          solution: [{ name: 'main.py', content: 'print(21 * 2)\n' }],
          checks: [{ kind: 'output', expect: '42' }],
        },
      ],
    },
  ],
};

const DAY = 86_400_000;

function report(learner: string, passed: ('hello' | 'double')[], createdAt: number, withCode = true): Report {
  const exercises = PACK.lessons[0].exercises.map((e): ReportExercise => {
    const ok = passed.includes(e.id as 'hello' | 'double');
    return {
      id: e.id,
      lessonId: 'l1',
      title: e.title,
      state: ok ? 'passed' : 'tried',
      attempts: ok ? 1 : 3,
      hintsShown: 0,
      activeMs: 60_000,
      checks: [{ at: createdAt - DAY, passed: ok ? 1 : 0, total: 1, failed: ok ? [] : ['Output'], errors: [] }],
      ...(ok ? { firstPassedAt: createdAt - DAY, lastPassedAt: createdAt - DAY } : {}),
      ...(withCode
        ? { files: [{ name: 'main.py', content: `# ${learner}'s answer to ${e.title}\nprint("hi")\n` }] }
        : {}),
    };
  });
  return {
    format: 'pyplayground-report',
    version: 1,
    // Handing the pack out from Teach mode raised its revision: learners have that one.
    pack: { id: PACK.id, revision: 2, title: PACK.title },
    learner,
    device: `device-${learner
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase()}`,
    createdAt,
    exercises,
  };
}

/** Adds a learner's report on the Class page, through its file input. */
async function addReportFile(page: Page, learner: string, passed: ('hello' | 'double')[]): Promise<void> {
  await page.getByLabel('Report files').setInputFiles([
    {
      name: `${learner.toLowerCase()}.pyreport`,
      mimeType: 'application/zip',
      buffer: Buffer.from(await encodeReport(report(learner, passed, Date.now()))),
    },
  ]);
}

test('a folder picked, reports dropped and a report link opened all land in the table; a cell opens their code next to the solution; the charts read as tables', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openAsTeacher(page);

  // The teacher has the pack on this device (opened in Teach mode and handed out), so its solution can be shown.
  await page.getByRole('button', { name: 'Teach', exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open a pack file to edit' }).click();
  await (
    await chooser
  ).setFiles({ name: 'views.pypack', mimeType: 'application/zip', buffer: Buffer.from(encodePack(PACK)) });
  await page.getByRole('button', { name: 'Export and hand out' }).click();
  await expect(page.getByRole('region', { name: 'As a file' })).toBeVisible();
  await page.keyboard.press('Escape');

  // A folder of reports, with a folder inside it and a file that is not a report.
  const now = Date.now();
  const folder = mkdtempSync(join(tmpdir(), 'class-views-'));
  mkdirSync(join(folder, 'late'));
  writeFileSync(join(folder, 'Ada.pyreport'), await encodeReport(report('Ada', ['hello', 'double'], now - 2 * DAY)));
  writeFileSync(join(folder, 'late', 'Ben.pyreport'), await encodeReport(report('Ben', ['hello'], now - DAY)));
  writeFileSync(join(folder, 'notes.txt'), 'not a report');
  await page.getByRole('button', { name: 'Class', exact: true }).click();
  await page.getByLabel('A folder of reports').setInputFiles(folder);
  const summary = page.getByRole('status').filter({ hasText: 'Hide this summary' });
  await expect(summary).toContainText('2 reports added');
  await expect(summary).toContainText('notes.txt');
  await expect.poll(() => classLearners(page)).toEqual(['Ada', 'Ben']);

  // Reports dropped on the page: what a drag from the file manager gives the drop target.
  const chloe = Buffer.from(await encodeReport(report('Chloé', [], now))).toString('base64');
  const dropped = await page.evaluateHandle((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'Chloé.pyreport', { type: 'application/zip' }));
    return transfer;
  }, chloe);
  const target = page.locator('.report-drop');
  await target.dispatchEvent('dragenter', { dataTransfer: dropped });
  await target.dispatchEvent('dragover', { dataTransfer: dropped });
  await target.dispatchEvent('drop', { dataTransfer: dropped });
  await expect(summary).toContainText('1 report added');
  await expect.poll(() => classLearners(page)).toEqual(['Ada', 'Ben', 'Chloé']);

  // A learner's report link, opened in the app (as from a chat message): it goes to the Class page.
  const link = await encodeReportLink(report('Dev', ['double'], now));
  await page.goto('/' + link);
  await expect(page.getByRole('heading', { name: 'Class dashboard' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Hide this summary' })).toContainText('1 report added');
  await expect.poll(() => classLearners(page)).toEqual(['Ada', 'Ben', 'Chloé', 'Dev']);
  expect(new URL(page.url()).hash).toBe('');

  // Ben's cell for "Double it" opens his code next to the solution.
  const table = page.getByRole('table', { name: 'Class progress' });
  const ben = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Ben device / }) });
  await ben.getByRole('button', { name: 'tried, 3 tries' }).click();
  const compare = page.getByRole('dialog', { name: /Ben.*Double it/ });
  await expect(compare).toBeVisible();
  await expect(compare.getByRole('region', { name: 'Their code' })).toContainText("# Ben's answer to Double it");
  await expect(compare.getByRole('region', { name: 'Solution' })).toContainText('print(21 * 2)');
  await page.keyboard.press('Escape');
  await expect(compare).toBeHidden();
  await expect(ben.getByRole('button', { name: 'tried, 3 tries' })).toBeFocused();

  // The charts say in words what they show, and open as tables.
  const rates = page.getByRole('figure', { name: /Solve rate per exercise/ });
  await expect(rates).toContainText('The lowest solve rate is exercise 1, “Say hello”: 50% (2 of 4 learners).');
  await rates.getByText('Show the solve rates as a table').click();
  const rateRows = rates.getByRole('table').getByRole('row');
  await expect(rateRows).toHaveText([
    /Exercise\s*Solve rate\s*Passed/,
    /1\. Say hello\s*50%\s*2 of 4/,
    /2\. Double it\s*50%\s*2 of 4/,
  ]);
  const days = page.getByRole('figure', { name: /Exercises passed over time/ });
  await expect(days).toContainText(/class went from 2 to 4 exercises passed/);
  await days.getByText('Show the days as a table').click();
  await expect(days.getByRole('table').getByRole('row')).toHaveCount(1 + 3);
});

test('two windows: reports added in one show in the other, and clearing the class empties both', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await openAsTeacher(page);
  await page.getByRole('button', { name: 'Class', exact: true }).click();
  await addReportFile(page, 'Ada', ['hello']);
  await expect.poll(() => classLearners(page)).toEqual(['Ada']);

  // A second window of the app on the same device, on its Class page.
  const other = await context.newPage();
  await other.goto('/');
  await other.getByRole('button', { name: 'Class', exact: true }).click();
  await expect.poll(() => classLearners(other)).toEqual(['Ada']);

  await addReportFile(page, 'Ben', ['hello', 'double']);
  await expect.poll(() => classLearners(other)).toEqual(['Ada', 'Ben']);

  other.once('dialog', (dialog) => void dialog.accept());
  await other.getByRole('button', { name: 'Clear this class’s reports' }).click();
  await expect(other.getByText('2 reports of “Not handed to a class” removed from this device.')).toBeVisible();
  // They were the only reports: both windows are back to no class at all.
  for (const p of [other, page]) {
    await expect(p.getByRole('table', { name: 'Class progress' })).toHaveCount(0);
    await expect(p.getByText(/^No classes yet/)).toBeVisible();
  }
  await other.close();
});

test('a class of 150 learners and 40 exercises: only the cells near the view are drawn, yet Tab reaches every one in order and never behind the learner column', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openAsTeacher(page);
  await page.getByRole('button', { name: 'Class', exact: true }).click();
  const files = await classReports({
    classId: 'big-class',
    className: 'Year 9 all',
    packId: 'big-pack',
    learners: 150,
    exercises: 40,
    seed: 9,
  });
  await page.getByLabel('Report files', { exact: true }).setInputFiles(files);
  await expect(page.getByText('150 reports added.')).toBeVisible();
  const table = page.getByRole('table', { name: 'Class progress' });
  await expect(table).toHaveAttribute('aria-rowcount', '152');
  await expect(table).toHaveAttribute('aria-colcount', '42');
  const rows = table.locator('tbody tr.class-row');
  // Drawn: the rows and exercise columns near the view, not 150 × 40 cells.
  expect(await rows.count()).toBeLessThan(60);
  expect(await rows.first().locator('td.class-cell').count()).toBeLessThan(20);

  // Every cell that takes the focus, as it takes it: its row and column, and whether it is in sight (right of the
  // sticky learner column, not under it, and inside the region). Read once at the end: a round trip a key press
  // would double the test's time.
  await page.evaluate(() => {
    const seen: { row: number; column: number; inSight: boolean }[] = [];
    (window as unknown as { focusLog: typeof seen }).focusLog = seen;
    document.addEventListener('focusin', (event) => {
      const target = event.target as HTMLElement;
      // Passed on at once (Tab across a row's end lands on the next row's first drawn cell, which hands the focus
      // to its first cell): only where the focus stays counts.
      if (document.activeElement !== target) return;
      const cell = target.closest('td');
      const row = cell?.closest('tr');
      const region = document.querySelector<HTMLElement>('[role="region"][aria-label^="Class progress"]')!;
      const learner = row?.querySelector('th')?.getBoundingClientRect();
      // The focused button, which is what a teacher sees of a cell.
      const box = target.getBoundingClientRect();
      const view = region.getBoundingClientRect();
      seen.push({
        row: Number(row?.getAttribute('aria-rowindex')),
        column: Number(cell?.getAttribute('aria-colindex')),
        inSight: !!learner && box.left >= learner.right - 1 && box.right <= view.right + 1,
      });
    });
  });
  const focusLog = () =>
    page.evaluate(() => (window as unknown as { focusLog: { row: number; column: number }[] }).focusLog.splice(0));

  // From the first exercise of a row, Tab goes through all 40, then on to the next row's first; Shift+Tab goes
  // back the same way. (Columns are 2 to 41: the learner's is 1.)
  await rows.nth(1).locator('td[aria-colindex="2"] button').focus();
  const [start] = await focusLog();
  for (let i = 0; i < 40; i++) await page.keyboard.press('Tab');
  for (let i = 0; i < 40; i++) await page.keyboard.press('Shift+Tab');
  const at = (row: number, column: number) => ({ row, column, inSight: true });
  expect(await focusLog()).toEqual([
    ...Array.from({ length: 39 }, (_, i) => at(start.row, i + 3)),
    at(start.row + 1, 2),
    ...Array.from({ length: 40 }, (_, i) => at(start.row, 41 - i)),
  ]);
  // The cell opens that learner's code, as in a small class, and the focus comes back to it.
  await page.keyboard.press('Enter');
  const compare = page.getByRole('dialog');
  await expect(compare.getByRole('region', { name: 'Their code' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(compare).toBeHidden();
  await expect(rows.nth(1).locator('td[aria-colindex="2"] button')).toBeFocused();
});

// --- on a phone -------------------------------------------------------------------------------------------------

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('Teach and Class work with a thumb: finger-sized controls, readable text, nothing wider than the screen', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await openAsTeacher(page);
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);

    await page.getByRole('button', { name: 'Teach', exact: true }).click();
    await page.getByRole('button', { name: 'New pack' }).click();
    const exercise = page.getByRole('region', { name: 'Exercise: Exercise 1' });
    await exercise.getByRole('textbox', { name: 'Instructions' }).fill('Print **hello** with `print`.');
    // One column: the preview is a toggle, not a second pane.
    await exercise.getByRole('button', { name: 'Preview' }).click();
    await expect(exercise.getByRole('button', { name: 'Preview' })).toHaveAttribute('aria-pressed', 'true');
    await expect(exercise.getByLabel('Preview of the instructions').locator('strong')).toHaveText('hello');
    expect(await smallTargets(page)).toEqual([]);
    expect(await tinyText(page)).toEqual([]);
    expect(await fits()).toBe(true);
    await exercise.getByLabel('Count the prompts of input() as output').scrollIntoViewIfNeeded();
    await shoot(page, 'classroom/phone-teach');

    await page.getByRole('button', { name: 'Class', exact: true }).click();
    await addReportFile(page, 'Ada', ['hello']);
    await expect.poll(() => classLearners(page)).toEqual(['Ada']);
    expect(await smallTargets(page)).toEqual([]);
    expect(await tinyText(page)).toEqual([]);
    // The table scrolls inside its own region; the page itself does not scroll sideways.
    expect(await fits()).toBe(true);
    await page.getByRole('table', { name: 'Class progress' }).scrollIntoViewIfNeeded();
    await shoot(page, 'classroom/phone-class');
  });
});
