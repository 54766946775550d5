// Live class sync in real Chromium, against a real CouchDB-compatible server on loopback (express-pouchdb, no
// mocks): thirty simulated learners (class sync's own code in Node) and one learner in the app replicate to the
// class database; the teacher, in another browser profile, watches the Class progress table fill in live. The
// server goes away mid-lesson (stopped, not Playwright's setOffline, which a service worker's fetches ignore)
// while learners carry on, comes back, and the table ends with every learner once, in their newest state.
import type { BrowserContext, Page } from '@playwright/test';
import { encodePack } from '../../src/formats/pack.ts';
import { reportChecksum } from '../../src/formats/report.ts';
import {
  REPORT_FORMAT,
  REPORT_FORMAT_VERSION,
  type Report,
  type ReportExercise,
  type ReportExerciseState,
} from '../../src/model/classroom.ts';
import type { Pack } from '../../src/model/lesson.ts';
import { startClassSync, type ClassSyncHandle, type SyncStatus } from '../../src/storage/class-sync.ts';
import { nodePouchDB, startCouch, type CouchServer } from '../support/couch-server.ts';
import { expect, test } from './fixtures.ts';
import { openApp, setCode } from './helpers.ts';

const CLASS_CODE = '7B-sync';
const DATABASE = 'class-7b';
const BROWSER_LEARNER = 'Ada in Chromium';
const SIMULATED = 30;
/** How the simulated learners' replicas are named. */
const SIMULATED_REPLICA = 'class-sync-e2e-replica-';
/** Learners who hand in newer work while the server is down. */
const WHILE_DOWN = 10;

/** The teacher's pack, handed to a class: two quick exercises (an output check each). */
const pack: Pack = {
  format: 'pyplayground-pack',
  version: 1,
  id: 'class-7b-sync',
  title: 'Hello, class',
  author: 'Ms Rivera',
  language: 'en',
  revision: 1,
  class: { id: 'class-7b', name: '7B', secret: 'sync-test-secret-0123456789' },
  lessons: [
    {
      id: 'greetings',
      title: 'Greetings',
      exercises: [
        {
          id: 'say-hello',
          title: 'Say hello',
          instructions: 'Print `hello`.',
          files: [{ name: 'main.py', content: '# Print hello\n' }],
          main: 'main.py',
          hints: [],
          checks: [{ kind: 'output', title: 'Prints hello', expect: 'hello\n', timeout: 5 }],
        },
        {
          id: 'say-bye',
          title: 'Say goodbye',
          instructions: 'Print `bye`.',
          files: [{ name: 'main.py', content: '# Print bye\n' }],
          main: 'main.py',
          hints: [],
          checks: [{ kind: 'output', title: 'Prints bye', expect: 'bye\n', timeout: 5 }],
        },
      ],
    },
  ],
};
const exerciseIds = pack.lessons[0].exercises.map((e) => e.id);

const simulatedName = (i: number) => `Learner ${String(i + 1).padStart(2, '0')}`;

/**
 * A simulated learner's report, made as the app makes one for this pack: `passedBye` is the work done later.
 * Before it, learners differ on the second exercise (not started, or tried a few times), so a row that kept an
 * old state shows.
 */
function simulatedReport(i: number, createdAt: number, passedBye: boolean): Report {
  const exercise = (id: string, state: ReportExerciseState, attempts: number): ReportExercise => ({
    id,
    lessonId: 'greetings',
    title: pack.lessons[0].exercises.find((e) => e.id === id)!.title,
    state,
    attempts,
    hintsShown: 0,
    activeMs: 30_000 * (attempts + 1),
    ...(state === 'not-started' ? {} : { firstOpenedAt: createdAt - 60_000, lastOpenedAt: createdAt - 1_000 }),
    ...(state === 'passed' ? { firstPassedAt: createdAt - 1_000, lastPassedAt: createdAt - 1_000 } : {}),
    checks: Array.from({ length: attempts }, (_, k) => {
      const passed = state === 'passed' && k === attempts - 1 ? 1 : 0;
      return {
        at: createdAt - 10_000 + k,
        passed,
        total: 1,
        failed: passed ? [] : [id === 'say-hello' ? 'Prints hello' : 'Prints bye'],
        errors: [],
      };
    }),
    ...(state === 'not-started'
      ? {}
      : { files: [{ name: 'main.py', content: `print(${JSON.stringify(id === 'say-hello' ? 'hello' : 'bye')})\n` }] }),
  });
  const bye: [ReportExerciseState, number] = passedBye
    ? ['passed', (i % 3) + 2]
    : i % 2
      ? ['tried', (i % 3) + 1]
      : ['not-started', 0];
  return {
    format: REPORT_FORMAT,
    version: REPORT_FORMAT_VERSION,
    pack: { id: pack.id, revision: 1, title: pack.title },
    class: { id: pack.class!.id, name: pack.class!.name },
    learner: simulatedName(i),
    device: `sim-device-${String(i + 1).padStart(2, '0')}`,
    createdAt,
    exercises: [exercise('say-hello', 'passed', 1), exercise('say-bye', ...bye)],
  };
}

interface SimulatedLearner {
  handle: ClassSyncHandle;
  statuses: SyncStatus[];
}

async function startSimulatedLearner(couch: CouchServer, i: number): Promise<SimulatedLearner> {
  const statuses: SyncStatus[] = [];
  const handle = await startClassSync(
    { url: `${couch.url}/${DATABASE}`, classCode: CLASS_CODE, role: 'learner' },
    {
      PouchDB: nodePouchDB(),
      // The memory adapter's databases are global to this process: a replica of its own per device and run.
      localName: `${SIMULATED_REPLICA}${i}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      pageProtocol: 'http:',
      checksum: reportChecksum,
      // Simulated devices retry quickly, so the test does not wait on their back-off after the restart.
      maxRetryDelayMs: 1_000,
      onStatus: (s) => statuses.push(s),
    },
  );
  return { handle, statuses };
}

/**
 * The databases the class server lists, but for the simulated devices' replicas: the test server shares this
 * process's PouchDB, so its list also names the replicas the simulated learners keep in memory here.
 */
async function serverDatabases(couch: CouchServer): Promise<string[]> {
  const names = (await (await fetch(`${couch.url}/_all_dbs`)).json()) as string[];
  return names.filter((name) => !name.startsWith(SIMULATED_REPLICA));
}

/** Presses Check and waits for the app's `check-end` mark; returns its detail. */
async function check(page: Page): Promise<{ passed: boolean; exercise: string }> {
  const before = await page.evaluate(() => performance.getEntriesByName('check-end').length);
  await page.getByRole('button', { name: 'Check', exact: true }).first().click();
  await page.waitForFunction((n) => performance.getEntriesByName('check-end').length > n, before, { timeout: 60_000 });
  return page.evaluate(() => (performance.getEntriesByName('check-end').at(-1) as PerformanceMark).detail);
}

function settingsDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Settings and about' });
}

function classSyncSection(page: Page) {
  return settingsDialog(page).getByRole('region', { name: 'Class sync' });
}

/** The switch; the line under it that says how sync is going is its description. */
function syncSwitch(page: Page) {
  return classSyncSection(page).getByRole('switch', { name: 'Sync with the class database' });
}

/** Settings → Class sync: fills the form and turns the switch on (it moves once connecting has started). */
async function turnOnClassSync(
  page: Page,
  target: { url: string; role: 'learner' | 'teacher'; name?: string },
): Promise<void> {
  const section = classSyncSection(page);
  await section.getByLabel('Database address').fill(target.url);
  await section.getByLabel('Class code').fill(CLASS_CODE);
  await section.getByRole('radio', { name: target.role === 'learner' ? 'a learner' : 'the teacher' }).check();
  if (target.name) await section.getByLabel('Your name').fill(target.name);
  await syncSwitch(page).click();
  await expect(syncSwitch(page)).toBeChecked();
  await expect(section.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0);
}

interface ShownRow {
  name: string;
  /** What the row's total says to a screen reader: "1 of 2 passed, 1 tried". */
  total: string;
}

/** The rows of the Class progress table as shown: each learner's name and total. */
async function classRows(page: Page): Promise<ShownRow[]> {
  const table = page.getByRole('table', { name: 'Class progress' });
  if ((await table.count()) === 0) return [];
  return table
    .locator('tbody')
    .getByRole('row')
    .evaluateAll((rows) =>
      rows.map((row) => ({
        name: row.querySelector('.class-learner-name')?.textContent?.trim() ?? '',
        total: row.querySelector('td.class-total .visually-hidden')?.textContent?.trim() ?? '',
      })),
    );
}

const totalText = (passed: number, tried: number) => `${passed} of ${exerciseIds.length} passed, ${tried} tried`;

/** What each row must say: the simulated learners and the one in the browser, sorted by name as the table is. */
function expectedRows(phase: 'before' | 'after'): ShownRow[] {
  const rows: ShownRow[] = [];
  for (let i = 0; i < SIMULATED; i++) {
    const newer = phase === 'after' && i < WHILE_DOWN;
    rows.push({ name: simulatedName(i), total: newer ? totalText(2, 0) : i % 2 ? totalText(1, 1) : totalText(1, 0) });
  }
  rows.push({ name: BROWSER_LEARNER, total: phase === 'after' ? totalText(2, 0) : totalText(1, 0) });
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

test('thirty simulated learners and one in the app reach the teacher live, through the class database going away and coming back', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const couch = await startCouch();
  const dbUrl = `${couch.url}/${DATABASE}`;
  const simulated: SimulatedLearner[] = [];
  let teacherContext: BrowserContext | undefined;
  try {
    // Making the class database is its owner's job (the app's users may not), as in the README.
    expect((await fetch(dbUrl, { method: 'PUT' })).status).toBe(201);

    // The teacher, on a device of their own: Teach mode on, Class sync as the teacher, the Class page open.
    teacherContext = await browser.newContext({ baseURL });
    const teacher = await teacherContext.newPage();
    await openApp(teacher);
    await teacher.getByRole('button', { name: 'Settings' }).click();
    await settingsDialog(teacher).getByRole('checkbox', { name: 'Teach mode' }).check();
    await turnOnClassSync(teacher, { url: dbUrl, role: 'teacher' });
    await expect(syncSwitch(teacher)).toHaveAccessibleDescription(/^Up to date/);
    await settingsDialog(teacher).getByRole('button', { name: 'Close settings' }).click();
    await teacher.getByRole('button', { name: 'Class', exact: true }).click();
    await expect(teacher.getByRole('heading', { name: 'Class dashboard' })).toBeVisible();
    await expect(teacher.getByRole('table', { name: 'Class progress' })).toHaveCount(0);

    // The learner in the app: Class sync first (progress goes out only while it is on), then the teacher's pack.
    await openApp(page);
    await page.getByRole('button', { name: 'Settings' }).click();
    await turnOnClassSync(page, { url: dbUrl, role: 'learner', name: BROWSER_LEARNER });
    await expect(syncSwitch(page)).toHaveAccessibleDescription(/^Up to date/);
    await settingsDialog(page).getByRole('button', { name: 'Close settings' }).click();
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open lesson pack' }).click();
    await (
      await chooser
    ).setFiles({
      name: 'hello-class.pypack',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(encodePack(pack)),
    });
    await expect(page.getByRole('heading', { name: 'Say hello' })).toBeVisible();
    await setCode(page, 'print("hello")\n');
    expect(await check(page)).toMatchObject({ passed: true, exercise: 'say-hello' });

    // Thirty simulated learners, each its own device and replica, hand in at once.
    const started = Date.now();
    for (let i = 0; i < SIMULATED; i++) simulated.push(await startSimulatedLearner(couch, i));
    await Promise.all(simulated.map((s, i) => s.handle.publish(simulatedReport(i, started + i, false))));

    // The teacher's table fills in without a reload: all 31, each once, in the state they handed in.
    await expect.poll(() => classRows(teacher), { timeout: 60_000 }).toEqual(expectedRows('before'));
    await expect(teacher.getByText(`${SIMULATED + 1} learners, ${SIMULATED + 1} reports`)).toBeVisible();
    await expect(teacher.getByText('edited or damaged')).toHaveCount(0);
    // Each device's replica is on the device: the server holds the class database and nothing else.
    expect(await serverDatabases(couch), 'databases on the class server').toEqual([DATABASE]);

    // The class database goes away mid-lesson.
    await couch.stop();
    const seen = simulated.map((s) => s.statuses.length);
    await Promise.all(
      simulated.slice(0, WHILE_DOWN).map((s, i) => s.handle.publish(simulatedReport(i, started + 60_000 + i, true))),
    );
    // The learner in the app carries on: the next exercise, passed, and the app says it will send it later.
    await page.getByRole('button', { name: 'Next exercise' }).click();
    await expect(page.getByRole('heading', { name: 'Say goodbye' })).toBeVisible();
    await setCode(page, 'print("bye")\n');
    expect(await check(page)).toMatchObject({ passed: true, exercise: 'say-bye' });
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(syncSwitch(page)).toHaveAccessibleDescription(
      'Offline: your progress will be sent when the network is back (1 waiting).',
      { timeout: 30_000 },
    );
    await settingsDialog(page).getByRole('button', { name: 'Close settings' }).click();
    await expect
      .poll(
        () =>
          simulated
            .slice(0, WHILE_DOWN)
            .every((s, i) => s.statuses.slice(seen[i]).some((x) => x.state === 'offline' && x.pending === 1)),
        { timeout: 30_000 },
      )
      .toBe(true);
    // The teacher's dashboard keeps what it had, and says it is offline.
    await teacher.getByRole('button', { name: 'Settings' }).click();
    const offlineTeacher = /^Offline: the dashboard shows what it last received/;
    await expect(syncSwitch(teacher)).toHaveAccessibleDescription(offlineTeacher, { timeout: 30_000 });
    await settingsDialog(teacher).getByRole('button', { name: 'Close settings' }).click();
    expect(await classRows(teacher)).toEqual(expectedRows('before'));

    // Back: what was written while it was down arrives, and replaces the older state row by row.
    await couch.restart();
    await expect.poll(() => classRows(teacher), { timeout: 90_000 }).toEqual(expectedRows('after'));
    await expect(teacher.getByText(`${SIMULATED + 1} learners, ${SIMULATED + 1} reports`)).toBeVisible();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(syncSwitch(page)).toHaveAccessibleDescription(/^Up to date/, { timeout: 60_000 });
    await settingsDialog(page).getByRole('button', { name: 'Close settings' }).click();
    await teacher.getByRole('button', { name: 'Settings' }).click();
    await expect(syncSwitch(teacher)).toHaveAccessibleDescription(/^Up to date/, { timeout: 60_000 });
    await settingsDialog(teacher).getByRole('button', { name: 'Close settings' }).click();
    expect(await classRows(teacher)).toEqual(expectedRows('after'));

    // The database itself: one document per learner, device and pack, each the newest.
    const all = (await (await fetch(`${dbUrl}/_all_docs?include_docs=true&conflicts=true`)).json()) as {
      rows: { doc: { report: Report; _conflicts?: string[] } }[];
    };
    expect(all.rows).toHaveLength(SIMULATED + 1);
    expect(all.rows.filter((r) => r.doc._conflicts?.length)).toEqual([]);
    const byName = new Map(all.rows.map((r) => [r.doc.report.learner, r.doc.report]));
    expect([...byName.keys()].sort()).toEqual(
      expectedRows('after')
        .map((r) => r.name)
        .sort(),
    );
    for (let i = 0; i < SIMULATED; i++)
      expect(byName.get(simulatedName(i))!.createdAt).toBe(started + (i < WHILE_DOWN ? 60_000 : 0) + i);
    expect(byName.get(BROWSER_LEARNER)!.exercises.map((e) => e.state)).toEqual(['passed', 'passed']);
    expect(await serverDatabases(couch)).toEqual([DATABASE]);
  } finally {
    await Promise.allSettled(simulated.map((s) => s.handle.stop()));
    await teacherContext?.close();
    await couch.stop();
  }
});
