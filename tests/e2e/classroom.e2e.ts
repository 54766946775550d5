// The classroom with no server, as a teacher and a learner meet it: the teacher writes a pack in Teach mode,
// checks it and hands it out; a learner opens it offline, solves some of it and hands in a report; the teacher's
// Class page turns that report and a class's worth of others into the Class progress table and its CSV. Damaged,
// edited and malicious reports are caught and change nothing.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { Download, Locator, Page } from '@playwright/test';
import { encodeReport, encodeReportLink } from '../../src/formats/report.ts';
import { readPack } from '../../src/formats/pack.ts';
import type { Report, ReportExercise } from '../../src/model/classroom.ts';
import type { Pack } from '../../src/model/lesson.ts';
import { expect, test } from './fixtures.ts';
import { classLearners, openApp, openAsTeacher, setCode, shoot } from './helpers.ts';

async function downloaded(download: Download): Promise<Buffer> {
  return readFileSync((await download.path())!);
}

async function check(page: Page): Promise<{ passed: boolean; total: number; failed: number; exercise: string }> {
  const before = await page.evaluate(() => performance.getEntriesByName('check-end').length);
  await page.getByRole('button', { name: 'Check', exact: true }).first().click();
  await page.waitForFunction((n) => performance.getEntriesByName('check-end').length > n, before, { timeout: 60_000 });
  return page.evaluate(() => (performance.getEntriesByName('check-end').at(-1) as PerformanceMark).detail);
}

/** The exercise being edited in Teach mode. */
const exerciseEditor = (page: Page, title: string) => page.getByRole('region', { name: `Exercise: ${title}` });

/** Fills an exercise: title, instructions, starter and solution main.py, and its first (output) check. */
async function writeExercise(
  page: Page,
  from: string,
  ex: { title: string; instructions: string; starter: string; solution: string; answers?: string; expect: string },
): Promise<void> {
  const editor = exerciseEditor(page, from);
  await editor.getByLabel('Exercise title').fill(ex.title);
  const filled = exerciseEditor(page, ex.title);
  await filled.getByRole('textbox', { name: 'Instructions' }).fill(ex.instructions);
  await filled.getByRole('group', { name: 'Starter files' }).getByLabel('Text of main.py').fill(ex.starter);
  await filled.getByRole('group', { name: 'Solution' }).getByLabel('Text of main.py').fill(ex.solution);
  if (ex.answers) await filled.getByLabel('Answers to input()').fill(ex.answers);
  await filled.getByLabel('Expected output').fill(ex.expect);
}

/** The Class progress table's row for a learner (its header cell is the name, then the device). */
function row(table: Locator, learner: string): Locator {
  return table
    .getByRole('row')
    .filter({ has: table.page().getByRole('rowheader', { name: new RegExp(`^${learner} device `) }) });
}

/** A generated learner's report: each exercise passed, tried (with attempts) or not started. */
function generatedReport(
  pack: Pack,
  learner: string,
  device: string,
  states: ('passed' | 'tried' | 'not-started')[],
  createdAt: number,
): Report {
  const exercises = pack.lessons.flatMap((lesson) =>
    lesson.exercises.map((exercise, i): ReportExercise => {
      const state = states[i] ?? 'not-started';
      const attempts = state === 'not-started' ? 0 : state === 'tried' ? 2 + (i % 3) : 1;
      return {
        id: exercise.id,
        lessonId: lesson.id,
        title: exercise.title,
        state,
        attempts,
        hintsShown: state === 'tried' ? 1 : 0,
        activeMs: attempts * 60_000,
        checks: Array.from({ length: attempts }, (_, k) => ({
          at: createdAt - (attempts - k) * 60_000,
          passed: state === 'passed' && k === attempts - 1 ? 1 : 0,
          total: 1,
          failed: state === 'passed' && k === attempts - 1 ? [] : ['Output'],
          errors: [],
        })),
        ...(state === 'passed' ? { firstPassedAt: createdAt - 60_000, lastPassedAt: createdAt - 60_000 } : {}),
        ...(state === 'not-started' ? {} : { files: [{ name: 'main.py', content: `# ${learner}\n` }] }),
      };
    }),
  );
  return {
    format: 'pyplayground-report',
    version: 1,
    pack: { id: pack.id, revision: pack.revision ?? 1, title: pack.title },
    ...(pack.class ? { class: { id: pack.class.id, name: pack.class.name } } : {}),
    learner,
    device,
    createdAt,
    exercises,
  };
}

test('a teacher writes a pack, a learner hands in a report offline, and the Class page shows the class exactly', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  await openAsTeacher(page);

  // --- The teacher writes a pack of three exercises in Teach mode. ----------------------------------------------
  await page.getByRole('button', { name: 'Teach', exact: true }).click();
  await page.getByRole('button', { name: 'New pack' }).click();
  await page.getByRole('group', { name: 'Pack' }).getByLabel('Title').fill('Loops for 7B');
  await page.getByRole('group', { name: 'Pack' }).getByLabel('Author').fill('Ms Rivera');
  await writeExercise(page, 'Exercise 1', {
    title: 'Say hello',
    instructions: 'Print `Hello!`',
    starter: '# Print a greeting\n',
    solution: 'print("Hello!")\n',
    expect: 'Hello!',
  });
  await page.getByRole('button', { name: 'Add an exercise to lesson 1' }).click();
  await writeExercise(page, 'Exercise 2', {
    title: 'Double it',
    instructions: 'Read a whole number and print it doubled.',
    starter: 'n = int(input())\n',
    solution: 'n = int(input())\nprint(n * 2)\n',
    answers: '21',
    expect: '42',
  });
  await page.getByRole('button', { name: 'Add an exercise to lesson 1' }).click();
  await writeExercise(page, 'Exercise 3', {
    title: 'Count to three',
    instructions: 'Print 1, 2 and 3, each on its own line, with a loop.',
    starter: '',
    solution: 'for i in range(1, 4):\n    print(i)\n',
    expect: '1\n2\n3',
  });

  // The solution passes its checks and the starter fails them: both are shown.
  const counting = exerciseEditor(page, 'Count to three');
  await counting.getByRole('button', { name: 'Run checks on the solution' }).click();
  await expect(counting.getByRole('region', { name: 'Checks on the solution' })).toContainText(/passes/i, {
    timeout: 60_000,
  });
  await counting.getByRole('button', { name: 'Run checks on the starter' }).click();
  await expect(counting.getByRole('region', { name: 'Checks on the starter' })).toContainText(/fails/i, {
    timeout: 60_000,
  });

  // The class: a name, its learners, and learners pick their name from the list.
  await page.getByLabel('Hand this pack to').selectOption({ label: 'A new class…' });
  const classGroup = page.getByRole('group', { name: 'Class' });
  await classGroup.getByLabel('Class name').fill('7B');
  await classGroup.getByRole('textbox', { name: /^Learners/ }).fill(['Ada', 'Ben', 'Chloé'].join('\n'));
  await classGroup.getByLabel('Learners pick their name from the list').check();
  await classGroup.getByRole('button', { name: 'Make the class' }).click();
  await expect(page.getByLabel('Hand this pack to')).toHaveValue(/.+/);

  // Export: a .pypack file, a #pack= link and a QR code of it.
  await page.getByRole('button', { name: 'Export and hand out' }).click();
  const asFile = page.getByRole('region', { name: 'As a file' });
  const fileDownload = page.waitForEvent('download');
  await asFile.getByRole('button').first().click();
  const packBytes = await downloaded(await fileDownload);
  const read = readPack(new Uint8Array(packBytes));
  expect(read.ok).toBe(true);
  const pack = (read as { ok: true; pack: Pack }).pack;
  expect(pack.title).toBe('Loops for 7B');
  expect(pack.revision).toBe(1);
  expect(pack.lessons[0].exercises.map((e) => e.title)).toEqual(['Say hello', 'Double it', 'Count to three']);
  expect(pack.class).toMatchObject({ name: '7B', learners: ['Ada', 'Ben', 'Chloé'], pickName: true });
  expect(pack.class!.secret).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  await expect(page.getByRole('region', { name: 'As a link' }).getByRole('textbox')).toHaveValue(/#pack=/);
  await expect(page.getByRole('region', { name: 'As a QR code' }).getByRole('img')).toBeVisible();
  await shoot(page, 'classroom/laptop-hand-out');
  await page.keyboard.press('Escape');

  // --- A learner opens it with no network, solves two exercises, tries the third, and hands in. --------------------
  const learnerContext = await browser.newContext({ baseURL });
  const learner = await learnerContext.newPage();
  await openApp(learner);
  await expect(learner.getByRole('status', { name: 'Offline status' })).toContainText('Ready offline', {
    timeout: 120_000,
  });
  await learnerContext.setOffline(true);
  await learner.getByRole('button', { name: 'Lessons', exact: true }).click();
  const chooser = learner.waitForEvent('filechooser');
  await learner.getByRole('button', { name: 'Open lesson pack' }).click();
  await (await chooser).setFiles({ name: 'loops.pypack', mimeType: 'application/octet-stream', buffer: packBytes });
  await expect(learner.getByRole('heading', { name: 'Say hello' })).toBeVisible({ timeout: 45_000 });
  await setCode(learner, 'print("Hello!")\n');
  expect(await check(learner)).toMatchObject({ passed: true, exercise: pack.lessons[0].exercises[0].id });

  // The completion code for a passed exercise, once the learner has picked their name.
  const completion = learner.getByRole('region', { name: 'Completion code' });
  await completion.getByLabel('Your name').selectOption('Ada');
  await completion.getByRole('button', { name: /Show/ }).click();
  await expect(completion).toContainText(/[a-z]+-[a-z]+-\d{2}/);
  const code = (await completion.textContent())!.match(/[a-z]+-[a-z]+-\d{2}/)![0];

  await learner.getByRole('button', { name: 'Next exercise' }).click();
  await expect(learner.getByRole('heading', { name: 'Double it' })).toBeVisible();
  await setCode(learner, 'n = int(input())\nprint(n * 2)\n');
  expect(await check(learner)).toMatchObject({ passed: true });
  await learner.getByRole('button', { name: 'Next exercise' }).click();
  await expect(learner.getByRole('heading', { name: 'Count to three' })).toBeVisible();
  await setCode(learner, 'print(1)\n');
  expect(await check(learner)).toMatchObject({ passed: false });
  await setCode(learner, 'print(1)\nprint(2)\n');
  expect(await check(learner)).toMatchObject({ passed: false });

  await learner.getByRole('button', { name: 'Progress', exact: true }).click();
  await learner.getByRole('button', { name: 'Hand in Loops for 7B' }).click();
  const handIn = learner.getByRole('dialog', { name: /Hand in/ });
  await expect(handIn).toContainText('2 of 3 exercises passed');
  await handIn.getByLabel('Your name').selectOption('Ada');
  await handIn.getByRole('button', { name: 'Show QR code' }).click();
  await expect(handIn.getByRole('img', { name: /QR code of Ada's report/ })).toBeVisible();
  await shoot(learner, 'classroom/laptop-hand-in');
  const reportDownload = learner.waitForEvent('download');
  await handIn.getByRole('button', { name: 'Save report file' }).click();
  const learnerReport = await reportDownload;
  expect(learnerReport.suggestedFilename()).toMatch(/\.pyreport$/);
  const learnerReportBytes = await downloaded(learnerReport);
  await learnerContext.close();

  // --- The teacher imports that report and thirty more. ---------------------------------------------------------
  const now = Date.now();
  const others = Array.from({ length: 30 }, (_, i) => {
    const states = (['passed', 'tried', 'not-started'] as const).map(
      (_, e) => (['passed', 'tried', 'not-started'] as const)[(i + e) % 3],
    );
    return generatedReport(pack, `Learner ${String(i + 1).padStart(2, '0')}`, `device-${i + 1}`, states, now - i);
  });
  const files = [
    { name: learnerReport.suggestedFilename(), mimeType: 'application/octet-stream', buffer: learnerReportBytes },
    ...(await Promise.all(
      others.map(async (r) => ({
        name: `${r.learner}.pyreport`,
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(await encodeReport(r)),
      })),
    )),
  ];
  await page.getByRole('button', { name: 'Class', exact: true }).click();
  await page.getByLabel('Report files').setInputFiles(files);
  await expect(page.getByRole('status').filter({ hasText: /31 reports added/ })).toBeVisible({ timeout: 30_000 });

  const table = page.getByRole('table', { name: 'Class progress' });
  await expect(table).toBeVisible();
  await table.scrollIntoViewIfNeeded();
  await shoot(page, 'classroom/laptop-class');
  // Ada's row: two passed, the third tried twice.
  const ada = row(table, 'Ada');
  await expect(ada).toContainText('✓');
  await expect(ada).toContainText(/tried.*2|2.*tr/i);

  // The CSV is the table, exactly.
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = (await downloaded(await csvDownload)).toString('utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe(
    'Learner,Device,Revision,Edited or damaged,Say hello,Double it,Count to three,Passed,Tried (not passed)',
  );
  const word = (state: string, attempts: number) =>
    state === 'passed' ? 'passed' : state === 'tried' ? `tried (${attempts})` : 'not started';
  const expectedRows = [
    { learner: 'Ada', device: undefined as string | undefined, cells: ['passed', 'passed', 'tried (2)'] },
    ...others.map((r) => ({
      learner: r.learner,
      device: r.device.slice(0, 6),
      cells: r.exercises.map((e) => word(e.state, e.attempts)),
    })),
  ].sort((a, b) => a.learner.localeCompare(b.learner));
  const body = lines.slice(1, -1);
  expect(body).toHaveLength(31);
  for (const [i, expected] of expectedRows.entries()) {
    const fields = body[i].split(',');
    expect(fields[0]).toBe(expected.learner);
    if (expected.device) expect(fields[1]).toBe(expected.device);
    expect(fields.slice(2, 4)).toEqual(['1', 'no']);
    expect(fields.slice(4, 7)).toEqual(expected.cells);
    const passed = expected.cells.filter((c) => c === 'passed').length;
    const tried = expected.cells.filter((c) => c.startsWith('tried')).length;
    expect(fields.slice(7)).toEqual([String(passed), String(tried)]);
  }
  const solved = (e: number) => expectedRows.filter((r) => r.cells[e] === 'passed').length;
  expect(lines.at(-1)).toBe(
    `All learners (31),,,0,${solved(0)} of 31 passed,${solved(1)} of 31 passed,${solved(2)} of 31 passed,` +
      `${expectedRows.reduce((n, r) => n + r.cells.filter((c) => c === 'passed').length, 0)},` +
      `${expectedRows.reduce((n, r) => n + r.cells.filter((c) => c.startsWith('tried')).length, 0)}`,
  );

  // The completion code Ada was shown checks out for her, and not for Ben.
  const verifier = page.getByRole('form', { name: /completion code/i });
  await verifier.getByLabel(/name/i).fill('Ada');
  await verifier.getByLabel('Code').fill(code.replaceAll('-', ' ').toUpperCase());
  await verifier.getByRole('button', { name: 'Check the code' }).click();
  await expect(verifier.getByRole('status')).toContainText('Say hello');
  await verifier.getByLabel(/name/i).fill('Ben');
  await verifier.getByRole('button', { name: 'Check the code' }).click();
  await expect(verifier.getByRole('status')).not.toContainText('Say hello');

  // --- An edited report is flagged; a report for a newer revision is shown against that revision. ----------------
  const edited = unzipSync(new Uint8Array(learnerReportBytes));
  const json = JSON.parse(new TextDecoder().decode(edited['report.json']));
  json.learner = 'Ben';
  json.exercises[2].state = 'passed';
  json.exercises[2].firstPassedAt = json.exercises[2].lastPassedAt = now;
  const editedBytes = zipSync({ 'report.json': strToU8(JSON.stringify(json)) });

  // The teacher adds a fourth exercise and hands the pack out again: revision 2, same id.
  await page.getByRole('button', { name: 'Teach', exact: true }).click();
  await page.getByRole('button', { name: 'Add an exercise to lesson 1' }).click();
  await writeExercise(page, 'Exercise 4', {
    title: 'Four',
    instructions: 'Print 4.',
    starter: '',
    solution: 'print(4)\n',
    expect: '4',
  });
  await page.getByRole('button', { name: 'Export and hand out' }).click();
  const second = page.waitForEvent('download');
  await page.getByRole('region', { name: 'As a file' }).getByRole('button').first().click();
  const pack2 = (readPack(new Uint8Array(await downloaded(await second))) as { ok: true; pack: Pack }).pack;
  expect(pack2.id).toBe(pack.id);
  expect(pack2.revision).toBe(2);
  await page.keyboard.press('Escape');
  const chloe = generatedReport(pack2, 'Chloé', 'device-chloe', ['passed', 'passed', 'passed', 'passed'], now);

  await page.getByRole('button', { name: 'Class', exact: true }).click();
  await page.getByLabel('Report files').setInputFiles([
    { name: 'ben.pyreport', mimeType: 'application/octet-stream', buffer: Buffer.from(editedBytes) },
    { name: 'chloe.pyreport', mimeType: 'application/octet-stream', buffer: Buffer.from(await encodeReport(chloe)) },
  ]);
  await expect(page.getByRole('status').filter({ hasText: /2 reports added/ })).toBeVisible();
  await expect(page.getByText(/ben\.pyreport/)).toBeVisible();
  await expect(row(table, 'Ben')).toContainText(/edited or damaged/i);
  await expect(row(table, 'Chloé')).toContainText('✓');
  // Ada had revision 1, which has no fourth exercise.
  await expect(row(table, 'Ada').getByRole('img', { name: 'not in their version' })).toHaveCount(1);
});

test('malicious or broken report files are refused, say why, and change nothing', async ({ page }) => {
  test.setTimeout(120_000);
  await openAsTeacher(page);
  await page.getByRole('button', { name: 'Class', exact: true }).click();

  const base: Report = {
    format: 'pyplayground-report',
    version: 1,
    pack: { id: 'safe-pack', revision: 1, title: 'Safe' },
    learner: 'Kim',
    device: 'device-kim',
    createdAt: Date.now(),
    exercises: [
      { id: 'one', lessonId: 'l', title: 'One', state: 'passed', attempts: 1, hintsShown: 0, activeMs: 1, checks: [] },
    ],
  };
  await page
    .getByLabel('Report files')
    .setInputFiles([
      { name: 'kim.pyreport', mimeType: 'application/octet-stream', buffer: Buffer.from(await encodeReport(base)) },
    ]);
  await expect(page.getByRole('status').filter({ hasText: /1 report added/ })).toBeVisible();
  await expect.poll(() => classLearners(page)).toEqual(['Kim']);

  const bomb = zipSync({ 'report.json': new Uint8Array(60_000_000).fill(32) }, { level: 9 });
  const proto = `{"__proto__":{"polluted":true},${JSON.stringify(base).slice(1)}`;
  const wrong = JSON.stringify({ ...base, format: 'pyplayground-report', version: 1, exercises: 'none' });
  // Large files go by path: a buffer that size is slow to hand to the browser.
  const folder = mkdtempSync(join(tmpdir(), 'reports-'));
  const put = (name: string, data: Uint8Array | string) => (
    writeFileSync(join(folder, name), data),
    join(folder, name)
  );
  await page
    .getByLabel('Report files')
    .setInputFiles([
      put('bomb.pyreport', bomb),
      put('proto.pyreport', proto),
      put('wrong.pyreport', wrong),
      put('huge.pyreport', Buffer.alloc(50_000_000, 32)),
    ]);
  const refused = page.getByRole('status').filter({ hasText: /4 files could not be read/ });
  await expect(refused).toBeVisible();
  // Each file is named with the reason it was refused.
  await expect(refused).toContainText(/bomb\.pyreport.*(too|larger|MB)/);
  await expect(refused).toContainText(/proto\.pyreport.*__proto__/);
  await expect(refused).toContainText(/wrong\.pyreport.*exercises/);
  await expect(refused).toContainText(/huge\.pyreport.*(larger|MB)/);
  expect(await page.evaluate(() => ({}) as Record<string, unknown>)).not.toHaveProperty('polluted');
  // Nothing changed: the class still has Kim only, and a report link works as a file does.
  expect(await classLearners(page)).toEqual(['Kim']);
  const link = await encodeReportLink({ ...base, learner: 'Lee', device: 'device-lee' });
  await page.getByLabel('Report link').fill(`http://example.test/${link}`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(() => classLearners(page)).toEqual(['Kim', 'Lee']);
});
