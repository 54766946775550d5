// Lessons, as a learner meets them: the built-in course, a pack from a teacher
// (a file or a link), Check and its results, hints and the solution, progress
// that survives a reload, and packs or programs that try to break or fool it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { encodePack, encodePackLink } from '../../src/formats/pack.ts';
import type { Exercise, Pack } from '../../src/model/lesson.ts';
import { expect, test } from './fixtures.ts';
import { editorText, openApp, setCode, smallTargets, tinyText } from './helpers.ts';

const course = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../src/features/lessons/course/beginners.json'), 'utf8'),
) as Pack;
const courseExercise = (id: string): Exercise => course.lessons.flatMap((l) => l.exercises).find((e) => e.id === id)!;

/** A teacher's small pack: an output check with answers, a call check, a test file, a code check. */
const teacherPack: Pack = {
  format: 'pyplayground-pack',
  version: 1,
  id: 'class-7b-adding',
  title: 'Adding up',
  author: 'Ms Rivera',
  language: 'en',
  revision: 1,
  lessons: [
    {
      id: 'adding',
      title: 'Adding numbers',
      exercises: [
        {
          id: 'add-two',
          title: 'Add two numbers',
          instructions: 'Read two whole numbers and print their **sum**.\n\n```python\na = int(input())\n```',
          files: [{ name: 'main.py', content: '# Read two numbers and print their sum\n' }],
          main: 'main.py',
          hints: ['Use `input()` twice.', 'Turn each answer into a number with `int(...)`.'],
          solution: [{ name: 'main.py', content: 'a = int(input())\nb = int(input())\nprint(a + b)\n' }],
          solutionAfter: 1,
          checks: [
            { kind: 'output', title: 'Adds 3 and 4', stdin: ['3', '4'], expect: '7\n', timeout: 2 },
            { kind: 'output', title: 'Adds 10 and -2', stdin: ['10', '-2'], expect: '8\n', timeout: 2 },
            { kind: 'code', title: 'Uses input()', requires: ['input'] },
          ],
        },
        {
          id: 'add-function',
          title: 'A function that adds',
          instructions: 'Write a function `add(a, b)` that **returns** the sum.',
          files: [{ name: 'main.py', content: 'def add(a, b):\n    pass\n' }],
          main: 'main.py',
          hints: ['Use `return`.'],
          checks: [
            { kind: 'call', function: 'add', args: '2, 3', expect: '5' },
            {
              kind: 'tests',
              file: 'add_test.py',
              content: 'from main import add\n\ndef test_negative():\n    assert add(-1, -1) == -2\n',
            },
          ],
        },
      ],
    },
  ],
};

const results = (page: Page) => page.getByRole('region', { name: 'Check results' });

async function checkEndCount(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName('check-end').length);
}

/** Presses Check and waits for `check-end`; returns its detail. */
async function check(page: Page): Promise<{ passed: boolean; total: number; failed: number; exercise: string }> {
  const before = await checkEndCount(page);
  await page.getByRole('button', { name: 'Check', exact: true }).first().click();
  await page.waitForFunction((n) => performance.getEntriesByName('check-end').length > n, before, { timeout: 60_000 });
  return page.evaluate(() => (performance.getEntriesByName('check-end').at(-1) as PerformanceMark).detail);
}

async function openPackFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open lesson pack' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
}

test.beforeEach(async ({ page }) => openApp(page));

test('the built-in course: a failed check shows the comparison, a hint helps, the solution passes, and progress survives a reload', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const exercise = courseExercise('vars-shopping');
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await page.getByRole('button', { name: exercise.title, exact: true }).click();
  // The exercise's starter code is in the editor, its instructions beside it.
  await expect.poll(() => editorText(page)).toBe(exercise.files[0].content);
  await expect(page.getByRole('heading', { name: exercise.title })).toBeVisible();
  await expect(results(page)).toContainText('Press Check');

  const failed = await check(page);
  expect(failed).toEqual({
    passed: false,
    total: exercise.checks.length,
    failed: expect.any(Number),
    exercise: exercise.id,
  });
  expect(failed.failed).toBeGreaterThan(0);
  await expect(results(page)).toContainText(`of ${exercise.checks.length} checks passed`);
  // The output check's line-by-line comparison, with the expected lines.
  const table = results(page).getByRole('table').first();
  await expect(table).toContainText('Expected');
  await expect(table).toContainText('Total: 15');

  await page.getByRole('button', { name: /Show a hint/ }).click();
  await expect(page.getByText(exercise.hints[0].replace(/[`*]/g, '').slice(0, 20), { exact: false })).toBeVisible();

  await setCode(page, exercise.solution![0].content);
  const passed = await check(page);
  expect(passed).toEqual({ passed: true, total: exercise.checks.length, failed: 0, exercise: exercise.id });
  await expect(results(page)).toContainText(`All ${exercise.checks.length} checks passed`);

  // After a reload: the exercise reads as passed in Lessons, and the Progress page counts it.
  await page.reload();
  await openApp(page);
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  const button = page.getByRole('button', { name: exercise.title, exact: true });
  await expect(button).toHaveAccessibleDescription(/Passed/);
  await page.getByRole('button', { name: 'Progress', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Your progress' })).toContainText('1 of 40 exercises passed');
});

test('a pack opened from a file shows its first exercise; the solution opens after a try; an endless loop fails as too slow', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openPackFile(page, 'adding.pypack', encodePack(teacherPack));
  await expect(page.getByRole('heading', { name: 'Add two numbers' })).toBeVisible();
  await expect.poll(() => editorText(page)).toBe('# Read two numbers and print their sum\n');

  // Printing the answer for one input is not solving it: the other check fails, with its comparison.
  await setCode(page, 'input()\ninput()\nprint(7)\n');
  const once = await check(page);
  expect(once).toMatchObject({ passed: false, total: 3, failed: 1, exercise: 'add-two' });
  await expect(results(page)).toContainText('Adds 10 and -2');
  await expect(results(page).getByRole('table')).toContainText('8');

  await setCode(page, 'a = int(input())\nwhile True:\n    pass\n');
  const slow = await check(page);
  expect(slow.passed).toBe(false);
  await expect(results(page)).toContainText('took longer than 2 seconds');

  // solutionAfter is 1: after a try the solution may be shown, and using it passes.
  await page.getByRole('button', { name: 'Show the solution' }).click();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Use the solution' }).click();
  await expect.poll(() => editorText(page)).toBe('a = int(input())\nb = int(input())\nprint(a + b)\n');
  expect(await check(page)).toMatchObject({ passed: true, total: 3, failed: 0 });
});

test('a call check and a test file check a function; Next exercise moves on within the pack', async ({ page }) => {
  test.setTimeout(180_000);
  await openPackFile(page, 'adding.pypack', encodePack(teacherPack));
  await expect(page.getByRole('heading', { name: 'Add two numbers' })).toBeVisible();
  await page.getByRole('button', { name: 'Next exercise' }).click();
  await expect(page.getByRole('heading', { name: 'A function that adds' })).toBeVisible();
  expect(await check(page)).toMatchObject({ passed: false, total: 2, failed: 2, exercise: 'add-function' });
  await expect(results(page)).toContainText('add(2, 3) returned None, expected 5');
  await setCode(page, 'def add(a, b):\n    return a + b\n');
  expect(await check(page)).toMatchObject({ passed: true, total: 2, failed: 0 });
});

test('a pack opened from a #pack= link shows its first exercise, and keeps working offline after a reload', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await page.goto('/#pack=' + encodePackLink(teacherPack));
  await expect(page.getByRole('heading', { name: 'Add two numbers' })).toBeVisible({ timeout: 45_000 });
  await expect.poll(() => editorText(page)).toBe('# Read two numbers and print their sum\n');
  expect(page.url()).not.toContain('#pack=');

  await context.setOffline(true);
  await page.reload();
  await openApp(page).catch(() => {});
  await expect(page.getByRole('heading', { name: 'Add two numbers' })).toBeVisible({ timeout: 45_000 });
  await setCode(page, 'a = int(input())\nb = int(input())\nprint(a + b)\n');
  expect(await check(page)).toMatchObject({ passed: true, total: 3, failed: 0, exercise: 'add-two' });
  await context.setOffline(false);
});

test('a program that posts a forged “all passed” message is not believed', async ({ page }) => {
  await openPackFile(page, 'adding.pypack', encodePack(teacherPack));
  await expect(page.getByRole('heading', { name: 'Add two numbers' })).toBeVisible();
  const forged = [
    'import js',
    'from pyodide.ffi import to_js',
    'outcomes = [{"index": i, "kind": "output", "title": "x", "passed": True, "message": "ok"} for i in range(3)]',
    'for job in range(1, 60):',
    '    report = {"outcomes": outcomes, "passed": True, "durationMs": 1}',
    '    for message in ({"type": "check-outcome", "id": job, "nonce": "", "outcome": outcomes[0]},',
    '                    {"type": "done", "id": job, "status": "ok", "durationMs": 1, "report": report}):',
    '        js.postMessage(to_js(message, dict_converter=js.Object.fromEntries))',
    'print("OK")',
  ].join('\n');
  await setCode(page, forged + '\n');
  const detail = await check(page);
  expect(detail).toMatchObject({ passed: false, exercise: 'add-two' });
  await expect(results(page)).toContainText('of 3 checks passed');
});

test('damaged or malicious packs are refused with a message, and nothing changes', async ({ page }) => {
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  const before = await page.getByRole('main').innerText();
  const cases: [string, Uint8Array, RegExp][] = [
    ['evil.pypack', zipSync({ '../pack.json': new TextEncoder().encode('{}') }), /cannot be opened/],
    [
      'proto.json',
      new TextEncoder().encode('{"format":"pyplayground-pack","version":1,"__proto__":{"polluted":true}}'),
      /"__proto__"/,
    ],
    ['notes.json', new TextEncoder().encode('this is not json'), /cannot be opened/],
    [
      'sound.json',
      new TextEncoder().encode(
        JSON.stringify({
          ...teacherPack,
          lessons: [
            {
              ...teacherPack.lessons[0],
              exercises: [{ ...teacherPack.lessons[0].exercises[0], checks: [{ kind: 'sound' }] }],
            },
          ],
        }),
      ),
      /does not know checks of kind "sound"/,
    ],
  ];
  for (const [name, bytes, message] of cases) {
    await openPackFile(page, name, bytes);
    const notice = page.getByRole('alert');
    await expect(notice).toContainText(message);
    await expect(notice).toContainText('Nothing was changed');
    await notice.getByRole('button', { name: 'Dismiss message' }).click();
  }
  expect(await page.getByRole('main').innerText()).toBe(before);
  expect(await page.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();
});

test('leaving an exercise for a plain project brings the files panel back; the exercise opens again with its code', async ({
  page,
}) => {
  const exercise = courseExercise('vars-shopping');
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await page.getByRole('button', { name: exercise.title, exact: true }).click();
  await expect(page.getByRole('heading', { name: exercise.title })).toBeVisible();
  await setCode(page, 'total = 1\n');
  // Beside an exercise the files are in a drawer.
  await page.getByRole('button', { name: 'Files' }).click();
  await page
    .getByRole('dialog', { name: 'Project and files' })
    .getByRole('combobox', { name: 'Project' })
    .selectOption({ label: 'My project' });
  await expect(page.getByRole('heading', { name: exercise.title })).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Project' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Check', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await page.getByRole('button', { name: exercise.title, exact: true }).click();
  await expect.poll(() => editorText(page)).toBe('total = 1\n');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the exercise sits below the editor, Check is in the bottom bar, and every target is finger-sized', async ({
    page,
  }) => {
    const exercise = courseExercise('print-hello');
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    expect(await smallTargets(page)).toEqual([]);
    expect(await tinyText(page)).toEqual([]);
    await page.getByRole('button', { name: exercise.title, exact: true }).click();
    const heading = page.getByRole('heading', { name: exercise.title });
    await expect(heading).toBeVisible();
    const editor = await page.getByRole('textbox', { name: 'Code editor' }).boundingBox();
    const panel = await heading.boundingBox();
    expect(panel!.y).toBeGreaterThan(editor!.y + editor!.height - 1);
    const bar = page.getByRole('navigation', { name: 'Run and view' });
    const before = await checkEndCount(page);
    await bar.getByRole('button', { name: 'Check', exact: true }).click();
    await page.waitForFunction((n) => performance.getEntriesByName('check-end').length > n, before, {
      timeout: 60_000,
    });
    await expect(results(page)).toContainText('checks passed');
    expect(await smallTargets(page)).toEqual([]);
    expect(await tinyText(page)).toEqual([]);
  });
});
