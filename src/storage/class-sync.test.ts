// Class sync against a real CouchDB-compatible server on loopback (express-pouchdb), with PouchDB's memory
// adapter for the devices' replicas: a class of thirty learners, a teacher, and the server going away mid-lesson.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodePouchDB, startCouch, type CouchServer } from '../../tests/support/couch-server.ts';
import { REPORT_FORMAT, REPORT_FORMAT_VERSION, type Report } from '../model/classroom.ts';
import {
  checkSyncTarget,
  readReportDoc,
  replicaName as deviceReplicaName,
  reportDocId,
  startClassSync,
  type ClassSyncHandle,
  type SyncStatus,
  type SyncTarget,
  type SyncedReport,
} from './class-sync.ts';

const PouchDB = nodePouchDB();
const CLASS = '7B';
let couch: CouchServer;
let dbUrl: string;
/** Replica names are global to the memory adapter: each handle gets its own. */
let replicaCount = 0;
const replicaName = (who: string) => `test-replica-${who}-${++replicaCount}-${Math.random().toString(36).slice(2)}`;

function report(learner: number, createdAt: number, packId = 'basics'): Report {
  return {
    format: REPORT_FORMAT,
    version: REPORT_FORMAT_VERSION,
    pack: { id: packId, revision: 1, title: 'Python basics' },
    class: { id: 'class-7b', name: '7B' },
    learner: `Learner ${learner}`,
    device: `device-${learner}`,
    createdAt,
    exercises: [
      {
        id: 'hello',
        lessonId: 'start',
        title: 'Hello',
        state: 'passed',
        attempts: learner % 4,
        hintsShown: 0,
        activeMs: 60_000,
        checks: [{ at: createdAt, passed: 1, total: 1, failed: [], errors: [] }],
        files: [{ name: 'main.py', content: `print("hello from ${learner} at ${createdAt}")\n` }],
      },
    ],
  };
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Device {
  handle: ClassSyncHandle;
  statuses: SyncStatus[];
  localName: string;
  latest?: SyncedReport[];
}

async function device(role: SyncTarget['role'], url = dbUrl, classCode = CLASS): Promise<Device> {
  const d = { statuses: [] as SyncStatus[], localName: replicaName(role) } as Device;
  d.handle = await startClassSync(
    { url, classCode, role },
    {
      PouchDB,
      localName: d.localName,
      maxRetryDelayMs: 300,
      onStatus: (s) => d.statuses.push(s),
      onReports: (found) => (d.latest = found),
    },
  );
  return d;
}

const last = (d: Device) => d.statuses.at(-1);
const byDevice = (found: SyncedReport[] | undefined) =>
  new Map((found ?? []).map((r) => [r.report.device, r.report.createdAt]));

beforeAll(async () => {
  couch = await startCouch();
  dbUrl = `${couch.url}/class-7b`;
  const made = await fetch(dbUrl, { method: 'PUT' });
  expect(made.status).toBe(201);
});

afterAll(async () => {
  await couch.stop();
});

describe('checkSyncTarget', () => {
  const ok: SyncTarget = { url: 'https://school.example:6984/class-7b', classCode: '7B-python', role: 'learner' };

  it('accepts an http(s) address of one database and a class code', () => {
    expect(checkSyncTarget(ok, 'https:')).toBeUndefined();
    expect(checkSyncTarget({ ...ok, url: 'http://192.168.1.20:5984/class-7b/' }, 'http:')).toBeUndefined();
    expect(checkSyncTarget({ ...ok, username: 'class', password: 'pw' }, 'https:')).toBeUndefined();
    // Browsers let an https page reach the device itself over http.
    expect(checkSyncTarget({ ...ok, url: 'http://localhost:5984/class-7b' }, 'https:')).toBeUndefined();
    expect(checkSyncTarget({ ...ok, url: 'http://127.0.0.1:5984/class-7b' }, 'https:')).toBeUndefined();
  });

  it('says what is wrong with an address, a class code or a login', () => {
    const problem = (t: Partial<SyncTarget>, page = 'http:') => checkSyncTarget({ ...ok, ...t }, page) ?? '';
    expect(problem({ url: 'school.example/class' })).toMatch(/must be a web address starting with http/);
    expect(problem({ url: 'ftp://school.example/class' })).toMatch(/must start with http:\/\/ or https:\/\//);
    expect(problem({ url: 'https://school.example:6984' })).toMatch(/name of one database/);
    expect(problem({ url: 'https://school.example/a/b' })).toMatch(/name of one database/);
    expect(problem({ url: 'https://school.example/Class' })).toMatch(/name of one database/);
    expect(problem({ url: 'https://school.example/_users' })).toMatch(/name of one database/);
    expect(problem({ url: 'https://school.example/class?x=1' })).toMatch(/cannot have \? or #/);
    expect(problem({ url: 'https://ada:pw@school.example/class' })).toMatch(/in their own boxes/);
    expect(problem({ classCode: '' })).toMatch(/class code must be 1 to 64/);
    expect(problem({ classCode: '7B python' })).toMatch(/class code must be 1 to 64/);
    expect(problem({ classCode: 'x'.repeat(65) })).toMatch(/class code must be 1 to 64/);
    expect(problem({ username: 'class' })).toMatch(/both a user name and a password/);
    expect(problem({ url: 'http://school.example:5984/class-7b' }, 'https:')).toMatch(
      /open over https.*Serve the class database over https, or use the app from http:\/\/localhost/,
    );
  });

  it('startClassSync refuses a target that cannot be used', async () => {
    await expect(startClassSync({ ...ok, classCode: 'no spaces' }, { PouchDB })).rejects.toThrow(/class code/);
  });
});

describe('readReportDoc', () => {
  const doc = (r: Report, fields: Record<string, unknown> = {}) => ({
    _id: reportDocId(CLASS, r.pack.id, r.device),
    type: REPORT_FORMAT,
    classCode: CLASS,
    report: r,
    checksum: 'a'.repeat(64),
    updatedAt: 1,
    ...fields,
  });

  it('takes a report document of this class and nothing else', () => {
    const r = report(1, 1000);
    expect(readReportDoc(doc(r), CLASS)?.report.learner).toBe('Learner 1');
    expect(readReportDoc(doc(r), '8C')).toBeUndefined();
    expect(readReportDoc(doc(r, { classCode: '8C' }), CLASS)).toBeUndefined();
    expect(readReportDoc(doc(r, { _id: 'report:7B:basics:someone-else' }), CLASS)).toBeUndefined();
    expect(readReportDoc(doc(r, { type: 'project' }), CLASS)).toBeUndefined();
    expect(readReportDoc(doc(r, { checksum: 'not hex' }), CLASS)).toBeUndefined();
    expect(readReportDoc(doc(r, { _deleted: true }), CLASS)).toBeUndefined();
    expect(readReportDoc(doc({ ...r, version: 99 as 1 }), CLASS)).toBeUndefined();
    expect(readReportDoc(doc({ ...r, exercises: 'many' as never }), CLASS)).toBeUndefined();
    expect(readReportDoc(doc({ ...r, learner: '  ' }), CLASS)).toBeUndefined();
    expect(readReportDoc(null, CLASS)).toBeUndefined();
    const huge = report(1, 1000);
    huge.exercises[0].files = [{ name: 'main.py', content: 'x'.repeat(5_000_001) }];
    expect(readReportDoc(doc(huge), CLASS)).toBeUndefined();
  });
});

describe('a class of thirty on a live class database', () => {
  it('gets every learner to the teacher, through the server going away and coming back', async () => {
    const teacher = await device('teacher');
    const learners: Device[] = [];
    for (let i = 0; i < 30; i++) learners.push(await device('learner'));
    await Promise.all(learners.map((l, i) => l.handle.publish(report(i, 1000 + i))));

    await waitFor(() => teacher.latest?.length === 30, 'the teacher to have 30 reports');
    expect([...byDevice(teacher.latest).entries()].sort()).toEqual(
      learners.map((_, i) => [`device-${i}`, 1000 + i]).sort(),
    );
    await waitFor(() => learners.every((l) => last(l)?.state === 'idle' && last(l)?.pending === 0), 'all sent');

    // The same report again changes nothing: no new revision goes out.
    const replica0 = new PouchDB(learners[0].localName);
    const rev = (await replica0.get(reportDocId(CLASS, 'basics', 'device-0')))._rev;
    await learners[0].handle.publish(report(0, 1000));
    expect((await replica0.get(reportDocId(CLASS, 'basics', 'device-0')))._rev).toBe(rev);

    // The server goes away; ten learners carry on and hand in newer work.
    await couch.stop();
    const seen = learners.map((l) => l.statuses.length);
    await Promise.all(learners.slice(0, 10).map((l, i) => l.handle.publish(report(i, 2000 + i))));
    await waitFor(
      () =>
        learners
          .slice(0, 10)
          .every((l, i) => l.statuses.slice(seen[i]).some((s) => s.state === 'offline' || s.state === 'error')),
      'the ten learners to see they are offline',
    );
    expect(last(learners[0])).toMatchObject({ state: 'offline', pending: 1, error: 'no answer from it.' });
    await waitFor(() => last(teacher)?.state === 'offline', 'the teacher to see it is offline');
    // The teacher still has what it had.
    expect((await teacher.handle.reports()).length).toBe(30);

    await couch.restart();
    await waitFor(
      () => teacher.latest?.filter((r) => r.report.createdAt >= 2000).length === 10,
      'the newer reports to reach the teacher',
    );
    await waitFor(
      () => learners.every((l) => last(l)?.state === 'idle' && last(l)?.pending === 0),
      'the learners to be up to date',
    );
    expect(last(learners[0])?.lastSyncedAt).toBeGreaterThan(0);

    // Exactly thirty, each the newest: nothing lost, nothing twice.
    const final = await teacher.handle.reports();
    expect(final).toHaveLength(30);
    expect([...byDevice(final).entries()].sort()).toEqual(
      learners.map((_, i) => [`device-${i}`, i < 10 ? 2000 + i : 1000 + i]).sort(),
    );
    expect(final.find((r) => r.report.device === 'device-3')?.report.exercises[0].files?.[0].content).toBe(
      'print("hello from 3 at 2003")\n',
    );
    const onServer = await new PouchDB(dbUrl, { skip_setup: true }).allDocs();
    expect(onServer.rows).toHaveLength(30);

    // A learner's replica holds its own report, never a classmate's.
    for (const [i, l] of learners.entries()) {
      const ids = (await new PouchDB(l.localName).allDocs()).rows.map((row) => row.id);
      expect(ids).toEqual([reportDocId(CLASS, 'basics', `device-${i}`)]);
    }

    // What the server holds is not trusted: another class's report, and documents of the wrong shape, stay out.
    const server = new PouchDB(dbUrl, { skip_setup: true });
    const other = report(99, 5000);
    await server.bulkDocs([
      {
        _id: reportDocId('8C', 'basics', 'device-99'),
        type: REPORT_FORMAT,
        classCode: '8C',
        report: other,
        checksum: 'b'.repeat(64),
        updatedAt: 5000,
      },
      { _id: reportDocId(CLASS, 'basics', 'device-98'), type: REPORT_FORMAT, classCode: CLASS, report: 'oops' },
      {
        _id: reportDocId(CLASS, 'basics', 'someone-else'),
        type: REPORT_FORMAT,
        classCode: CLASS,
        report: report(97, 5000),
        checksum: 'c'.repeat(64),
        updatedAt: 5000,
      },
      { _id: 'project:1', files: [{ name: 'secret.py', content: 'x' }] },
    ] as never[]);
    // A learner whose device lost its replica hands in again: the server keeps both as a conflict, and its
    // winner is the older (it has more revisions), but the newest report counts.
    const reinstalled = await device('learner');
    await reinstalled.handle.publish(report(0, 3000));
    await waitFor(
      () => teacher.latest?.find((r) => r.report.device === 'device-0')?.report.createdAt === 3000,
      'the reinstalled learner to reach the teacher',
    );
    const onServer0 = (await server.get(reportDocId(CLASS, 'basics', 'device-0'), { conflicts: true })) as {
      report?: Report;
      _conflicts?: string[];
    };
    expect(onServer0.report?.createdAt).toBe(2000);
    expect(onServer0._conflicts).toHaveLength(1);
    expect(teacher.latest).toHaveLength(30);
    expect(teacher.latest!.map((r) => r.report.device)).not.toContain('device-99');
    const teacherIds = (await new PouchDB(teacher.localName).allDocs()).rows.map((row) => row.id);
    expect(teacherIds).toHaveLength(30);
    expect(teacherIds.every((id) => id.startsWith(`report:${CLASS}:basics:device-`))).toBe(true);

    // A teacher cannot send, and a stopped handle says so.
    await expect(teacher.handle.publish(report(1, 1))).rejects.toThrow(/Only a learner/);
    await Promise.all([teacher, reinstalled, ...learners].map((d) => d.handle.stop()));
    expect(last(teacher)?.state).toBe('stopped');
    await expect(learners[0].handle.publish(report(0, 9999))).rejects.toThrow(/stopped/);
  });

  it('says so when there is no database at the address', async () => {
    const learner = await device('learner', `${couch.url}/no-such-class`);
    await learner.handle.publish(report(1, 1000));
    await waitFor(() => last(learner)?.state === 'error', 'an error');
    expect(last(learner)).toMatchObject({ error: 'there is no database at that address.', pending: 1 });
    await learner.handle.stop();
  });
});

describe('the replica on the device', () => {
  it('has a name PouchDB never takes for a remote database, whatever the address', () => {
    for (const url of ['http://127.0.0.1:5984/class-7b', 'https://school.example:6984/db', 'HTTP://X/y']) {
      const name = deviceReplicaName('learner', url, '7B');
      expect(name).not.toMatch(/([a-z-]*):\/\//i);
      expect(name).toContain('7B');
    }
  });
});
