// The class sync controller with the real report format and a scripted stand-in for storage's startClassSync
// (the storage side is tested against a real server in src/storage/class-sync.test.ts): what it keeps, what it
// says, what it sends and what it lets through to the dashboard.
import { describe, expect, it } from 'vitest';
import { reportChecksum } from '../../../formats/report.ts';
import { REPORT_FORMAT, REPORT_FORMAT_VERSION, type ReceivedReport, type Report } from '../../../model/classroom.ts';
import {
  createClassSync,
  syncStatusText,
  timeAgo,
  type ClassSyncHandle,
  type StartClassSync,
  type SyncSettings,
  type SyncTarget,
} from './sync.ts';

const NOW = Date.UTC(2026, 2, 10, 10);
const MINUTE = 60_000;

function report(learner: number, createdAt: number, packId = 'basics'): Report {
  return {
    format: REPORT_FORMAT,
    version: REPORT_FORMAT_VERSION,
    pack: { id: packId, revision: 1, title: 'Python basics' },
    learner: `Learner ${learner}`,
    device: `device-${learner}`,
    createdAt,
    exercises: [
      {
        id: 'hello',
        lessonId: 'start',
        title: 'Hello',
        state: 'passed',
        attempts: 2,
        hintsShown: 0,
        activeMs: 60_000,
        checks: [{ at: createdAt, passed: 1, total: 1, failed: [], errors: [] }],
        files: [{ name: 'main.py', content: 'print("hello")\n' }],
      },
    ],
  };
}

type Options = Parameters<StartClassSync>[1];

/** Storage's startClassSync as the controller sees it: records what it is asked, and can be held or refuse. */
function harness(kept?: SyncSettings) {
  const started: { target: SyncTarget; options: Options; handle: ClassSyncHandle & { stopped: boolean } }[] = [];
  const published: Report[] = [];
  const saved: (SyncSettings | undefined)[] = [];
  const received: ReceivedReport[][] = [];
  let hold: Promise<void> | undefined;
  let refuse: string | undefined;
  const start: StartClassSync = async (target, options) => {
    if (refuse) throw new Error(refuse);
    const handle = {
      stopped: false,
      async publish(r: Report) {
        published.push(r);
      },
      async reports() {
        return [];
      },
      async stop() {
        handle.stopped = true;
      },
    };
    started.push({ target, options, handle });
    await hold;
    return handle;
  };
  const sync = createClassSync({
    start,
    settings: {
      load: async () => kept,
      save: async (s) => void saved.push(s),
    },
    pageProtocol: 'https:',
    onReports: (list) => received.push(list),
    now: () => NOW,
  });
  return {
    sync,
    started,
    published,
    saved,
    received,
    holdStarts(gate: Promise<void> | undefined) {
      hold = gate;
    },
    refuseStarts(why: string | undefined) {
      refuse = why;
    },
  };
}

const learnerTarget: SyncTarget = {
  url: ' https://school.example/class-7b ',
  classCode: ' 7B ',
  role: 'learner',
  learner: ' Ada  Lovelace ',
};

describe('the status in words', () => {
  it('says how long ago, in minutes, hours and days', () => {
    expect(timeAgo(NOW - 20_000, NOW)).toBe('just now');
    expect(timeAgo(NOW - MINUTE, NOW)).toBe('1 minute ago');
    expect(timeAgo(NOW - 2 * MINUTE - 5_000, NOW)).toBe('2 minutes ago');
    expect(timeAgo(NOW - 60 * MINUTE, NOW)).toBe('1 hour ago');
    expect(timeAgo(NOW - 49 * 60 * MINUTE, NOW)).toBe('2 days ago');
    expect(timeAgo(NOW + MINUTE, NOW)).toBe('just now');
  });

  it('tells a learner and a teacher what is happening', () => {
    expect(syncStatusText(undefined, undefined, NOW)).toBe('Class sync is off.');
    expect(syncStatusText({ state: 'stopped' }, 'learner', NOW)).toBe('Class sync is off.');
    expect(syncStatusText({ state: 'connecting' }, 'learner', NOW)).toBe('Connecting to the class database…');
    expect(syncStatusText({ state: 'active' }, 'teacher', NOW)).toBe('Syncing with the class database…');
    expect(syncStatusText({ state: 'idle', lastSyncedAt: NOW - 2 * MINUTE }, 'learner', NOW)).toBe(
      'Up to date, 2 minutes ago.',
    );
    expect(syncStatusText({ state: 'offline', pending: 0 }, 'learner', NOW)).toBe(
      'Offline: your progress will be sent when the network is back.',
    );
    expect(syncStatusText({ state: 'offline', pending: 2 }, 'learner', NOW)).toBe(
      'Offline: your progress will be sent when the network is back (2 waiting).',
    );
    expect(syncStatusText({ state: 'offline' }, 'teacher', NOW)).toMatch(/^Offline: the dashboard shows what it last/);
    expect(syncStatusText({ state: 'error', error: 'there is no database at that address.' }, 'teacher', NOW)).toBe(
      'Cannot reach the class database: there is no database at that address.',
    );
  });
});

describe('createClassSync', () => {
  it('is off until someone turns it on, and then sends nothing', async () => {
    const h = harness();
    await h.sync.load();
    expect(h.sync.settings()).toBeUndefined();
    expect(h.sync.statusText()).toBe('Class sync is off.');
    await h.sync.publish(report(1, 1000));
    expect(h.started).toHaveLength(0);
    expect(h.published).toHaveLength(0);
  });

  it('asks a learner for their name before turning on', async () => {
    const h = harness();
    expect(await h.sync.turnOn({ ...learnerTarget, learner: '   ' })).toBe(
      'Type your name, as your teacher will see it.',
    );
    expect(h.started).toHaveLength(0);
    expect(h.sync.settings()?.on).not.toBe(true);
  });

  it('turns on with a cleaned-up target, keeps it on the device, and says how it goes', async () => {
    const h = harness();
    expect(await h.sync.turnOn({ ...learnerTarget, username: 'class', password: 'secret' })).toBeUndefined();
    expect(h.started).toHaveLength(1);
    const { target, options } = h.started[0];
    expect(target).toEqual({
      url: 'https://school.example/class-7b',
      classCode: '7B',
      role: 'learner',
      username: 'class',
      password: 'secret',
      learner: 'Ada Lovelace',
    });
    expect(options.pageProtocol).toBe('https:');
    // Reports go out with the report format's checksum, so the teacher can tell an edited one.
    expect(options.checksum).toBe(reportChecksum);
    expect(options.onReports).toBeUndefined();
    expect(h.saved).toEqual([{ ...target, on: true }]);
    expect(h.sync.settings()).toEqual({ ...target, on: true });

    options.onStatus!({ state: 'active', pending: 1 });
    expect(h.sync.statusText()).toBe('Syncing with the class database…');
    options.onStatus!({ state: 'idle', lastSyncedAt: NOW - 2 * MINUTE, pending: 0 });
    expect(h.sync.statusText()).toBe('Up to date, 2 minutes ago.');
    options.onStatus!({ state: 'offline', error: 'no answer from it.', pending: 1 });
    expect(h.sync.statusText()).toBe('Offline: your progress will be sent when the network is back (1 waiting).');

    await h.sync.publish(report(1, 1000));
    expect(h.published.map((r) => r.createdAt)).toEqual([1000]);
  });

  it('keeps what a learner hands in while connecting, the newest per pack, and sends it once connected', async () => {
    const h = harness();
    let open!: () => void;
    h.holdStarts(new Promise<void>((resolve) => (open = resolve)));
    const turningOn = h.sync.turnOn(learnerTarget);
    await expect.poll(() => h.sync.statusText()).toBe('Connecting to the class database…');
    await h.sync.publish(report(1, 1000));
    await h.sync.publish(report(1, 2000));
    await h.sync.publish(report(1, 1500, 'loops'));
    expect(h.published).toHaveLength(0);
    open();
    expect(await turningOn).toBeUndefined();
    expect(h.published.map((r) => [r.pack.id, r.createdAt])).toEqual([
      ['basics', 2000],
      ['loops', 1500],
    ]);
  });

  it('says why it could not turn on, and keeps nothing', async () => {
    const h = harness();
    h.refuseStarts('The class code must be 1 to 64 letters, digits, _ or -, like 7B-python (no spaces).');
    const why = await h.sync.turnOn({ ...learnerTarget, classCode: '7B python' });
    expect(why).toMatch(/^The class code must be/);
    expect(h.sync.problem()).toBe(why);
    expect(h.saved).toEqual([]);
    expect(h.sync.settings()).toBeUndefined();
    expect(h.sync.statusText()).toBe('Class sync is off.');
    await h.sync.publish(report(1, 1000));
    expect(h.published).toHaveLength(0);

    h.refuseStarts(undefined);
    expect(await h.sync.turnOn(learnerTarget)).toBeUndefined();
    expect(h.sync.problem()).toBeUndefined();
  });

  it('turns off: stops, keeps the address for next time (or forgets it), and ignores what the old link says', async () => {
    const h = harness();
    await h.sync.turnOn(learnerTarget);
    const first = h.started[0];
    await h.sync.turnOff();
    expect(first.handle.stopped).toBe(true);
    expect(h.saved.at(-1)).toEqual({ ...first.target, on: false });
    first.options.onStatus!({ state: 'idle', lastSyncedAt: NOW });
    expect(h.sync.statusText()).toBe('Class sync is off.');
    await h.sync.publish(report(1, 1000));
    expect(h.published).toHaveLength(0);

    await h.sync.turnOff(true);
    expect(h.saved.at(-1)).toBeUndefined();
    expect(h.sync.settings()).toBeUndefined();
  });

  it('a new target replaces the old connection', async () => {
    const h = harness();
    await h.sync.turnOn(learnerTarget);
    await h.sync.turnOn({ ...learnerTarget, classCode: '8C' });
    expect(h.started.map((s) => [s.target.classCode, s.handle.stopped])).toEqual([
      ['7B', true],
      ['8C', false],
    ]);
  });

  it('reconnects on load when sync was on, and not when it was off', async () => {
    const on = harness({ url: 'https://school.example/class-7b', classCode: '7B', role: 'teacher', on: true });
    await on.sync.load();
    expect(on.started.map((s) => s.target.role)).toEqual(['teacher']);
    const off = harness({ url: 'https://school.example/class-7b', classCode: '7B', role: 'teacher', on: false });
    await off.sync.load();
    expect(off.started).toHaveLength(0);
    expect(off.sync.settings()?.url).toBe('https://school.example/class-7b');
  });

  it("reads a teacher's reports again as report files are read: marks edited ones, drops broken ones", async () => {
    const h = harness();
    await h.sync.turnOn({ ...learnerTarget, role: 'teacher' });
    const { options } = h.started[0];
    // A teacher sends nothing.
    await h.sync.publish(report(1, 1000));
    expect(h.published).toHaveLength(0);

    const honest = report(1, 1000);
    const edited = report(2, 1000);
    const editedChecksum = await reportChecksum(edited);
    edited.exercises[0].attempts = 1; // changed after the checksum was made
    const broken = { ...report(3, 1000), exercises: [{ id: 'hello' }] } as unknown as Report;
    // As JSON from the server: "__proto__" is an ordinary key there.
    const poisoned = JSON.parse(JSON.stringify({ ...report(4, 1000), ['__proto__']: { admin: true } })) as Report;
    expect(Object.keys(poisoned)).toContain('__proto__');
    options.onReports!([
      { report: honest, checksum: await reportChecksum(honest) },
      { report: edited, checksum: editedChecksum },
      { report: broken, checksum: 'sha256:' + '0'.repeat(64) },
      { report: poisoned, checksum: 'sha256:' + '0'.repeat(64) },
    ]);
    await expect.poll(() => h.received.length).toBe(1);
    const got = h.received[0];
    expect(got.map((r) => [r.report.learner, r.tampered, r.via, r.receivedAt])).toEqual([
      ['Learner 1', false, 'sync', NOW],
      ['Learner 2', true, 'sync', NOW],
    ]);
    expect(got[0].checksum).toBe(await reportChecksum(honest));
    // A fresh object, not the one the server sent.
    expect(got[0].report).not.toBe(honest);
    expect(got[0].report).toEqual(honest);
  });
});
