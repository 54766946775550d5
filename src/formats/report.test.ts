import { deflateSync, strToU8, unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_FILE, reportSchemaText } from '../../scripts/report-schema.ts';
import type { Report, ReportExercise } from '../model/classroom.ts';
import {
  REPORT_JSON,
  REPORT_LIMITS,
  REPORT_LINK_PREFIX,
  decodeReportLink,
  encodeReport,
  encodeReportLink,
  readReport,
  reportChecksum,
  reportFileName,
  reportFragment,
  reportFromJson,
  reportJsonSchema,
  type ReportRead,
} from './report.ts';

const exercise = (id: string, state: ReportExercise['state'], extra: Partial<ReportExercise> = {}): ReportExercise => ({
  id,
  lessonId: 'basics',
  title: `Exercise ${id}`,
  state,
  attempts: 0,
  hintsShown: 0,
  activeMs: 0,
  checks: [],
  ...extra,
});

/** A report with every optional field somewhere, and text that is not ASCII. */
const report: Report = {
  format: 'pyplayground-report',
  version: 1,
  pack: { id: 'python-basics', revision: 3, title: 'Python basics 🐍' },
  class: { id: '7b-2026', name: '7B' },
  learner: 'Zoë Lovelace',
  device: '0f8c2b4e-7a1d-4c3e-9b2a-5d6e7f809a1b',
  createdAt: 1_773_500_000_000,
  exercises: [
    exercise('hello', 'passed', {
      attempts: 3,
      hintsShown: 1,
      solutionViewedAt: 1_773_499_000_000,
      firstPassedAt: 1_773_499_500_000,
      lastPassedAt: 1_773_499_600_000,
      firstOpenedAt: 1_773_498_000_000,
      lastOpenedAt: 1_773_499_600_000,
      activeMs: 95_000,
      checks: [
        { at: 1_773_499_100_000, passed: 0, total: 2, failed: ['Greets', 'Asks a name'], errors: ['NameError'] },
        { at: 1_773_499_200_000, passed: 1, total: 2, failed: ['Greets'], errors: [] },
        { at: 1_773_499_500_000, passed: 2, total: 2, failed: [], errors: [] },
      ],
      files: [
        { name: 'main.py', content: 'name = input("Name? ")\nprint("Hi", name)\n' },
        { name: 'data/names.txt', content: 'Ada\nGrace\n' },
      ],
    }),
    exercise('count', 'tried', {
      attempts: 1,
      firstOpenedAt: 1_773_499_700_000,
      lastOpenedAt: 1_773_499_700_000,
      activeMs: 20_000,
      checks: [{ at: 1_773_499_800_000, passed: 0, total: 1, failed: ['Counts to ten'], errors: ['TypeError'] }],
      files: [{ name: 'main.py', content: 'for i in range(10):\n    print(i)\n' }],
    }),
    exercise('add', 'not-started', { files: [{ name: 'main.py', content: '' }] }),
  ],
};

// The tests break report.json in ways no precise type allows, so it is untyped here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const clone = (): Report => structuredClone(report);
const text = (json: unknown) => strToU8(typeof json === 'string' ? json : JSON.stringify(json));
const errorOf = (read: ReportRead) => (read.ok ? 'opened' : read.error);
/** report.json as the app writes it (with its checksum). */
const writtenJson = async (r: Report = report): Promise<Loose> =>
  JSON.parse(new TextDecoder().decode(unzipSync(await encodeReport(r))[REPORT_JSON]));
const sha256 = (s: string) => 'sha256:' + createHash('sha256').update(s, 'utf8').digest('hex');
/** The same data with every object's keys in reverse order. */
const reversed = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversed);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversed(v)]),
    );
  }
  return value;
};

describe('reports: reading what was written', () => {
  it('round-trips through a .pyreport, untampered, with the checksum of its content', async () => {
    const zip = await encodeReport(report);
    expect(Object.keys(unzipSync(zip))).toEqual([REPORT_JSON]);
    const checksum = await reportChecksum(report);
    expect(checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await readReport(zip)).toEqual({ ok: true, report, checksum, tampered: false });
    expect((await writtenJson()).checksum).toBe(checksum);
    expect(await encodeReport(clone())).toEqual(zip); // the same report makes the same bytes
  });

  it('reads a bare report.json, and parsed JSON', async () => {
    const json = await writtenJson();
    const checksum = await reportChecksum(report);
    expect(await readReport(text(json))).toEqual({ ok: true, report, checksum, tampered: false });
    expect(await readReport(text(JSON.stringify(json, null, 2)))).toEqual({
      ok: true,
      report,
      checksum,
      tampered: false,
    });
    expect(await reportFromJson(json)).toEqual({ ok: true, report, checksum, tampered: false });
  });

  it('round-trips through a #report= link', async () => {
    const link = await encodeReportLink(report);
    expect(link.startsWith(REPORT_LINK_PREFIX)).toBe(true);
    const encoded = reportFragment(link);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(reportFragment('#pack=abc')).toBeUndefined();
    const expected = { ok: true, report, checksum: await reportChecksum(report), tampered: false };
    expect(await decodeReportLink(encoded!)).toEqual(expected);
    expect(await decodeReportLink(link)).toEqual(expected);
  });

  it('uses the documented link encoding: base64url of deflate-raw report.json', async () => {
    const encoded = Buffer.from(deflateSync(text(await writtenJson()))).toString('base64url');
    expect(await decodeReportLink(encoded)).toMatchObject({ ok: true, report, tampered: false });
  });

  it('keeps a report without its code, or without a class', async () => {
    const small = clone();
    delete small.class;
    small.codeOmitted = true;
    for (const e of small.exercises) delete e.files;
    expect(await readReport(await encodeReport(small))).toMatchObject({ ok: true, report: small, tampered: false });
    expect(await decodeReportLink(await encodeReportLink(small))).toMatchObject({ ok: true, report: small });
  });

  it('reads a report.json among other files of the archive (a later version may add some)', async () => {
    const zip = zipSync({ [REPORT_JSON]: text(await writtenJson()), 'notes/readme.txt': strToU8('hello') });
    expect(await readReport(zip)).toMatchObject({ ok: true, report, tampered: false });
  });

  it('drops fields it does not know, at every level, and returns fresh plain objects', async () => {
    const json = await writtenJson();
    json.mood = 'happy';
    json.pack.colour = 'blue';
    json.exercises[0].difficulty = 3;
    json.exercises[0].checks[0].ms = 12;
    json.exercises[0].files[0].readonly = true;
    json.future = { deep: [[{ x: 1 }]] };
    const read = await reportFromJson(json);
    // Unknown fields are not part of the content either: the checksum still matches.
    expect(read).toEqual({ ok: true, report, checksum: await reportChecksum(report), tampered: false });
    expect(JSON.stringify(read)).not.toMatch(/mood|colour|difficulty|"ms"|readonly|future/);
    if (!read.ok) throw new Error(read.error);
    expect(Object.getPrototypeOf(read.report.exercises[0].checks[0])).toBe(Object.prototype);
    json.exercises[0].checks[0].failed.push('changed');
    json.exercises[0].files[0].content = 'changed';
    expect(read.report.exercises[0].checks[0].failed).toEqual(['Greets', 'Asks a name']);
    expect(read.report.exercises[0].files?.[0].content).toBe(report.exercises[0].files?.[0].content);
  });

  it('writes only what the format knows, and refuses to write a report it could not read back', async () => {
    const extra = { ...clone(), secretNote: 'x', checksum: 'sha256:0' } as Report;
    const json = await writtenJson(extra);
    expect(json.secretNote).toBeUndefined();
    expect(json.checksum).toBe(await reportChecksum(report));
    await expect(encodeReport({ ...clone(), learner: '  ' })).rejects.toThrow(
      'This report cannot be written: learner: must not be only spaces.',
    );
    const huge = clone();
    huge.exercises[1].files = [{ name: 'main.py', content: 'x'.repeat(1_000_001) }];
    await expect(encodeReportLink(huge)).rejects.toThrow(
      'This report cannot be written: exercises[1].files[0].content: must be at most 1,000,000 characters long.',
    );
  });
});

describe('reports: the checksum', () => {
  it('is SHA-256 of the canonical JSON: keys sorted at every level, no whitespace, absent fields left out', async () => {
    const tiny: Report = {
      format: 'pyplayground-report',
      version: 1,
      pack: { title: 'T', id: 'p', revision: 1 },
      learner: 'Ada',
      device: 'd',
      createdAt: 5,
      exercises: [
        {
          id: 'e',
          lessonId: 'l',
          title: 'É "1"',
          state: 'tried',
          attempts: 1,
          hintsShown: 0,
          activeMs: 7,
          checks: [{ at: 6, passed: 0, total: 1, failed: ['x'], errors: [] }],
          solutionViewedAt: undefined,
        },
      ],
    };
    const canonical =
      '{"createdAt":5,"device":"d","exercises":[{"activeMs":7,"attempts":1,"checks":[{"at":6,"errors":[],' +
      '"failed":["x"],"passed":0,"total":1}],"hintsShown":0,"id":"e","lessonId":"l","state":"tried",' +
      '"title":"É \\"1\\""}],"format":"pyplayground-report","learner":"Ada","pack":{"id":"p","revision":1,' +
      '"title":"T"},"version":1}';
    expect(await reportChecksum(tiny)).toBe(sha256(canonical));
  });

  it('does not depend on the order of keys, nor on a checksum the report carries', async () => {
    const checksum = await reportChecksum(report);
    expect(await reportChecksum(reversed(report) as Report)).toBe(checksum);
    expect(await reportChecksum({ ...report, checksum: 'sha256:abc' } as Report)).toBe(checksum);
    const json = reversed(await writtenJson());
    expect(await reportFromJson(json)).toEqual({ ok: true, report, checksum, tampered: false });
  });

  it('changes with any change of content, and with the order of exercises', async () => {
    const checksum = await reportChecksum(report);
    const changes: ((r: Report) => void)[] = [
      (r) => void (r.learner = 'Zoë Lovelacе'), // a Cyrillic е
      (r) => void (r.exercises[0].attempts = 4),
      (r) => void (r.exercises[0].checks[2].failed = ['Greets']),
      (r) => void (r.exercises[1].files![0].content += ' '),
      (r) => void r.exercises.reverse(),
      (r) => void delete r.class,
    ];
    for (const change of changes) {
      const changed = clone();
      change(changed);
      expect(await reportChecksum(changed)).not.toBe(checksum);
    }
  });

  it('marks an edited report as tampered, and still reads it, with the checksum of what it holds', async () => {
    const json = await writtenJson();
    json.exercises[1].state = 'passed';
    const read = await reportFromJson(json);
    const edited = clone();
    edited.exercises[1].state = 'passed';
    expect(read).toEqual({ ok: true, report: edited, checksum: await reportChecksum(edited), tampered: true });
    expect(await readReport(zipSync({ [REPORT_JSON]: text(json) }))).toMatchObject({ ok: true, tampered: true });
  });

  it('marks a report without a checksum, or with one of another shape, as tampered', async () => {
    const json = await writtenJson();
    const checksum = await reportChecksum(report);
    delete json.checksum;
    expect(await reportFromJson(json)).toEqual({ ok: true, report, checksum, tampered: true });
    for (const other of ['', 'md5:abc', checksum.toUpperCase(), checksum.slice(0, -1)]) {
      expect(await reportFromJson({ ...json, checksum: other })).toEqual({
        ok: true,
        report,
        checksum,
        tampered: true,
      });
    }
  });
});

describe('reports: refusals, each saying why', () => {
  const opening = 'This report cannot be opened: ';

  it.each<[string, () => Promise<Uint8Array> | Uint8Array, string]>([
    ['not JSON', () => strToU8('print("hello")'), 'it is neither a .pyreport file nor a report.json'],
    ['damaged JSON', () => strToU8('{"format": "pyplayground-report",'), 'it is damaged (its data is not valid JSON)'],
    ['not UTF-8', () => new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'it is neither a .pyreport file nor a report.json'],
    ['empty', () => new Uint8Array(0), 'it is neither a .pyreport file nor a report.json'],
    [
      'a damaged zip',
      async () => (await encodeReport(report)).subarray(0, 60),
      'it is not a valid .zip file, or it is damaged',
    ],
    ['a zip without report.json', () => zipSync({ 'main.py': strToU8('x') }), 'it has no report.json'],
    [
      'a zip with report.json in a folder',
      async () => zipSync({ 'Ada/report.json': text(await writtenJson()) }),
      'its report.json must be at the top of the archive, not in a folder (Ada/report.json)',
    ],
    [
      'a zip with a ".." entry',
      async () => zipSync({ [REPORT_JSON]: text(await writtenJson()), '../evil.py': strToU8('x') }),
      'it contains a file with an unsafe path ("../evil.py")',
    ],
    [
      'a zip with too many files',
      async () =>
        zipSync({
          [REPORT_JSON]: text(await writtenJson()),
          ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.txt`, strToU8('x')])),
        }),
      'it has more than 20 files',
    ],
    [
      'a report.json that is not text',
      () => zipSync({ [REPORT_JSON]: new Uint8Array([0x7b, 0xff, 0x7d]) }),
      'its report.json is not UTF-8 text',
    ],
    [
      'a lesson pack',
      () => text({ format: 'pyplayground-pack', version: 1 }),
      'it is a lesson pack, not a report (open it in Lessons)',
    ],
    [
      'the wrong format',
      () => text({ ...report, format: 'python-playground-backup' }),
      'it is not a report ("format" is not "pyplayground-report")',
    ],
    ['no format', () => text({ learner: 'Ada' }), 'it is not a report (it has no "format": "pyplayground-report")'],
    [
      'a newer version',
      () => text({ ...report, version: 2, exercises: 'changed' }),
      'this report was made by a newer version of the app (format version 2); update the app to open it',
    ],
    ['no version', () => text({ ...report, version: undefined }), '"version" is missing'],
    [
      'a version that is not a number',
      () => text({ ...report, version: '1' }),
      'version: must be a whole number from 1 up',
    ],
    ['a version of 0', () => text({ ...report, version: 0 }), 'version: must be a whole number from 1 up'],
    [
      'a "__proto__" key',
      () => strToU8('{"format":"pyplayground-report","version":1,"__proto__":{"tampered":false}}'),
      'its data has a field called "__proto__", which is not allowed',
    ],
    [
      'a "constructor" key deep down',
      async () => {
        const json = await writtenJson();
        json.exercises[2].checks = [{ constructor: 1 }];
        return text(json);
      },
      'its data has a field called "constructor", which is not allowed',
    ],
    [
      'a "prototype" key in an archive',
      () => zipSync({ [REPORT_JSON]: strToU8('{"format":"pyplayground-report","pack":{"prototype":{}}}') }),
      'its data has a field called "prototype", which is not allowed',
    ],
  ])('refuses %s', async (_, bytes, why) => {
    expect(await readReport(await bytes())).toEqual({ ok: false, error: `${opening}${why}.` });
  });

  it.each<[string, (json: Loose) => unknown, string]>([
    [
      'negative attempts',
      (j) => void (j.exercises[2].attempts = -1),
      'exercises[2].attempts: must be a whole number from 0 up',
    ],
    [
      'fractional attempts',
      (j) => void (j.exercises[2].attempts = 1.5),
      'exercises[2].attempts: must be a whole number from 0 up',
    ],
    [
      'attempts as text',
      (j) => void (j.exercises[0].attempts = '3'),
      'exercises[0].attempts: must be a whole number from 0 up',
    ],
    ['no learner', (j) => void delete j.learner, '"learner" is missing'],
    ['no pack', (j) => void delete j.pack, '"pack" is missing'],
    ['no pack revision', (j) => void delete j.pack.revision, 'pack: "revision" is missing'],
    ['a pack revision of 0', (j) => void (j.pack.revision = 0), 'pack.revision: must be a whole number from 1 up'],
    [
      'a pack id with a space',
      (j) => void (j.pack.id = 'python basics'),
      'pack.id: must be 1 to 100 characters, each a letter, a digit, ".", "_" or "-"',
    ],
    ['an empty pack title', (j) => void (j.pack.title = ''), 'pack.title: must not be empty'],
    ['a missing exercise field', (j) => void delete j.exercises[1].activeMs, 'exercises[1]: "activeMs" is missing'],
    [
      'an unknown state',
      (j) => void (j.exercises[0].state = 'done'),
      'exercises[0].state: must be "not-started", "tried" or "passed"',
    ],
    ['an empty learner', (j) => void (j.learner = ''), 'learner: must not be empty'],
    ['a learner of spaces', (j) => void (j.learner = ' \t '), 'learner: must not be only spaces'],
    ['a learner that is not text', (j) => void (j.learner = 42), 'learner: must be text'],
    [
      'a device id with a slash',
      (j) => void (j.device = 'a/b'),
      'device: must be 1 to 100 characters, each a letter, a digit, ".", "_" or "-"',
    ],
    ['a negative time', (j) => void (j.createdAt = -1), 'createdAt: must be a time (whole milliseconds since 1970)'],
    [
      'a time as text',
      (j) => void (j.createdAt = '2026-03-14'),
      'createdAt: must be a time (whole milliseconds since 1970)',
    ],
    [
      'a time past what a date can hold',
      (j) => void (j.exercises[0].firstPassedAt = 8.64e15 + 1),
      'exercises[0].firstPassedAt: must be a time (whole milliseconds since 1970)',
    ],
    ['an empty class name', (j) => void (j.class.name = ''), 'class.name: must not be empty'],
    ['a class that is a list', (j) => void (j.class = []), 'class: must be an object, not a list'],
    ['exercises that are not a list', (j) => void (j.exercises = {}), 'exercises: must be a list'],
    ['an exercise that is a list', (j) => void (j.exercises[1] = []), 'exercises[1]: must be an object, not a list'],
    ['an exercise that is text', (j) => void (j.exercises[1] = 'hello'), 'exercises[1]: must be an object'],
    [
      'more passed than run',
      (j) => void (j.exercises[0].checks[1].passed = 3),
      'exercises[0].checks[1]: "passed" (3) is more than "total" (2)',
    ],
    [
      'an empty failed title',
      (j) => void (j.exercises[0].checks[0].failed[1] = ''),
      'exercises[0].checks[0].failed[1]: must not be empty',
    ],
    [
      'errors that are not a list',
      (j) => void (j.exercises[0].checks[0].errors = 'NameError'),
      'exercises[0].checks[0].errors: must be a list',
    ],
    [
      'two exercises with the same id',
      (j) => void (j.exercises[2].id = 'hello'),
      'exercises[2]: "id" (hello) is also the id of exercises[0]',
    ],
    [
      'two files with the same name',
      (j) => void j.exercises[0].files.push({ name: 'main.py', content: '' }),
      'exercises[0].files[2]: "name" (main.py) is the name of an earlier file too',
    ],
    [
      'a file name with ..',
      (j) => void (j.exercises[1].files[0].name = '../../etc/passwd'),
      'exercises[1].files[0].name: (../../etc/passwd) is not a safe file name: it must be a relative path such as main.py or data/words.txt, with no empty, "." or ".." parts',
    ],
    [
      'file content that is not text',
      (j) => void (j.exercises[1].files[0].content = [1, 2]),
      'exercises[1].files[0].content: must be text',
    ],
    ['a checksum that is not text', (j) => void (j.checksum = 12), 'checksum: must be text'],
    [
      'codeOmitted that is not true or false',
      (j) => void (j.codeOmitted = 'yes'),
      'codeOmitted: must be true or false',
    ],
  ])('refuses %s', async (_, change, why) => {
    const json = await writtenJson();
    const value = change(json) ?? json;
    expect(await reportFromJson(value)).toEqual({ ok: false, error: `${opening}${why}.` });
    expect(await readReport(text(value))).toEqual({ ok: false, error: `${opening}${why}.` });
  });

  it('refuses data that is not an object', async () => {
    for (const value of [[report], null, 'report', 42]) {
      expect(await reportFromJson(value)).toEqual({
        ok: false,
        error: `${opening}it does not hold a report (its data must be a JSON object).`,
      });
    }
    expect(errorOf(await readReport(text([report])))).toBe(
      `${opening}it is neither a .pyreport file nor a report.json.`,
    );
  });

  it('never throws, whatever the bytes, and never opens part of a report', async () => {
    const zip = await encodeReport(report);
    const json = text(await writtenJson());
    // A cut zip may still hold all of report.json (only its directory at the end is gone): then it is whole.
    for (let n = 0; n < zip.length; n += 5) {
      const read = await readReport(zip.subarray(0, n));
      if (read.ok) expect(read).toMatchObject({ report, tampered: false });
      else expect(read.error).toMatch(/^This report cannot be opened: .+\.$/);
    }
    for (let n = 0; n < json.length; n += 13) expect((await readReport(json.subarray(0, n))).ok).toBe(false);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    for (let i = 0; i < 200; i++) {
      const bytes = Uint8Array.from({ length: 64 }, random);
      if (i % 2) bytes.set([0x50, 0x4b, 3, 4]);
      await expect(readReport(bytes)).resolves.toMatchObject({ ok: false });
      await expect(decodeReportLink(Buffer.from(bytes).toString('base64url'))).resolves.toMatchObject({ ok: false });
    }
    for (const value of [undefined, 1, 'x', {}, { format: 'pyplayground-report', version: 1, exercises: [null] }]) {
      expect((await reportFromJson(value)).ok).toBe(false);
    }
  });
});

describe('report links: refusals', () => {
  const link = (json: unknown) => Buffer.from(deflateSync(text(json))).toString('base64url');
  const opening = 'This report link cannot be opened: ';

  it.each<[string, () => Promise<string> | string, string]>([
    ['empty', () => '', 'it is empty'],
    ['only the prefix', () => REPORT_LINK_PREFIX, 'it is empty'],
    ['not base64url', () => 'abc$def', 'it contains characters a report link never has (was it cut or changed?)'],
    [
      'cut off',
      async () => (await encodeReportLink(report)).slice(0, 60),
      'it is damaged or incomplete (was it cut off?)',
    ],
    ['not JSON', () => link('hello'), 'it is damaged (its data is not valid JSON)'],
    ['too long', () => 'A'.repeat(2_000_000), 'it is too long'],
    [
      'larger than 1 MB once inflated',
      () => link({ ...report, learner: 'x', pad: ' '.repeat(1_000_000) }),
      'its report is larger than 1 MB',
    ],
    [
      'a newer version',
      () => link({ ...report, version: 3 }),
      'this report was made by a newer version of the app (format version 3); update the app to open it',
    ],
    [
      'a "__proto__" key',
      () => link('{"format":"pyplayground-report","__proto__":1}'),
      'its data has a field called "__proto__", which is not allowed',
    ],
    [
      'nested 100,000 deep',
      () => link(`{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
      'its data nests more than 12 levels deep',
    ],
    ['a wrong schema', () => link({ ...report, exercises: [1] }), 'exercises[0]: must be an object'],
  ])('refuses a link that is %s', async (_, encoded, why) => {
    expect(await decodeReportLink(await encoded())).toEqual({ ok: false, error: `${opening}${why}.` });
  });
});

describe('reports: limits', () => {
  it('has the documented limits', () => {
    expect(REPORT_LIMITS).toMatchObject({
      maxFileBytes: 5_000_000,
      maxJsonBytes: 5_000_000,
      maxLinkJsonBytes: 1_000_000,
      maxDepth: 12,
      maxExercises: 2000,
      maxChecksPerExercise: 100,
      maxFilesPerExercise: 50,
      maxContentChars: 1_000_000,
      maxNameChars: 100,
    });
  });

  it('refuses a 50 MB file at once, without decoding it', async () => {
    const huge = strToU8('{"format":"pyplayground-report","a":"' + 'x'.repeat(50_000_000) + '"}');
    const started = performance.now();
    expect(errorOf(await readReport(huge))).toBe('This report cannot be opened: it is larger than 5 MB.');
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('refuses a zip bomb while unpacking it', async () => {
    const zeros = (n: number) => new Uint8Array(n);
    const bomb = zipSync({ [REPORT_JSON]: text(await writtenJson()), 'bomb.txt': zeros(20_000_000) }, { level: 1 });
    const jsonBomb = zipSync({ [REPORT_JSON]: text({ ...report, pad: ' '.repeat(20_000_000) }) }, { level: 1 });
    const parts = zipSync(Object.fromEntries([0, 1, 2].map((i) => [`part${i}.bin`, zeros(4_000_000)])), { level: 1 });
    for (const zip of [bomb, jsonBomb, parts]) expect(zip.length).toBeLessThan(REPORT_LIMITS.maxFileBytes);
    expect(errorOf(await readReport(bomb))).toBe(
      'This report cannot be opened: "bomb.txt" is larger than 5 MB when unpacked.',
    );
    expect(errorOf(await readReport(jsonBomb))).toBe(
      'This report cannot be opened: "report.json" is larger than 5 MB when unpacked.',
    );
    expect(errorOf(await readReport(parts))).toBe(
      'This report cannot be opened: it is larger than 10 MB when unpacked.',
    );
  });

  it('refuses data nested 100,000 deep with a message, not a stack overflow', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const message = 'This report cannot be opened: its data nests more than 12 levels deep.';
    expect(errorOf(await readReport(strToU8(`{"format":"pyplayground-report","x":${deep}}`)))).toBe(message);
    expect(errorOf(await readReport(zipSync({ [REPORT_JSON]: strToU8(`{"x":${deep}}`) })))).toBe(message);
    // Already parsed: only the fields it knows are visited, so depth elsewhere does not matter.
    let nested: unknown = [];
    for (let i = 0; i < 100_000; i++) nested = [nested];
    const json = await writtenJson();
    expect(errorOf(await reportFromJson({ ...json, exercises: nested }))).toBe(
      'This report cannot be opened: exercises[0]: must be an object, not a list.',
    );
    expect(await reportFromJson({ ...json, extra: nested })).toMatchObject({ ok: true, report, tampered: false });
  });

  it('allows nesting up to 12 levels (brackets inside strings do not count)', async () => {
    const nest = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    const json = JSON.stringify({ ...(await writtenJson()), learner: '[[[[[[[[[[[[[[[[[[' });
    expect((await readReport(strToU8(json.replace(/^\{/, `{"x":${nest(11)},`)))).ok).toBe(true);
    expect(errorOf(await readReport(strToU8(json.replace(/^\{/, `{"x":${nest(12)},`))))).toContain(
      'nests more than 12',
    );
  });

  it('allows a report.json of 5 MB, and refuses one byte more', async () => {
    const json = JSON.stringify(await writtenJson());
    const bytes = strToU8(json).length;
    const exactly = (size: number) => strToU8(json.replace(/^\{/, `{"pad":"${'x'.repeat(size - bytes - 9)}",`));
    expect(exactly(5_000_000)).toHaveLength(5_000_000);
    expect(await readReport(exactly(5_000_000))).toMatchObject({ ok: true, tampered: false });
    expect(errorOf(await readReport(exactly(5_000_001)))).toBe('This report cannot be opened: it is larger than 5 MB.');
  });

  const many = <T>(n: number, item: (i: number) => T) => Array.from({ length: n }, (_, i) => item(i));
  it.each<[string, (r: Loose, n: number) => void, number, string]>([
    [
      'exercises',
      (r, n) => void (r.exercises = many(n, (i) => exercise(`e${i}`, 'not-started'))),
      2000,
      'exercises: must list at most 2,000 exercises',
    ],
    [
      'checks of one exercise',
      (r, n) => void (r.exercises[1].checks = many(n, (i) => ({ at: i, passed: 0, total: 1, failed: [], errors: [] }))),
      100,
      'exercises[1].checks: must list at most 100 checks',
    ],
    [
      'failed titles of one check',
      (r, n) => void (r.exercises[1].checks[0].failed = many(n, (i) => `check ${i}`)),
      100,
      'exercises[1].checks[0].failed: must list at most 100 titles',
    ],
    [
      'files of one exercise',
      (r, n) => void (r.exercises[1].files = many(n, (i) => ({ name: `f${i}.py`, content: '' }))),
      50,
      'exercises[1].files: must list at most 50 files',
    ],
    [
      'characters of a file',
      (r, n) => void (r.exercises[1].files[0].content = 'x'.repeat(n)),
      1_000_000,
      'exercises[1].files[0].content: must be at most 1,000,000 characters long',
    ],
    [
      "characters of the learner's name",
      (r, n) => void (r.learner = 'x'.repeat(n)),
      100,
      'learner: must be at most 100 characters long',
    ],
    [
      'characters of the class name',
      (r, n) => void (r.class.name = 'x'.repeat(n)),
      100,
      'class.name: must be at most 100 characters long',
    ],
    [
      'characters of a title',
      (r, n) => void (r.exercises[0].title = 'x'.repeat(n)),
      200,
      'exercises[0].title: must be at most 200 characters long',
    ],
  ])('allows %s up to the limit, and refuses one more', async (_, set, limit, why) => {
    const at = clone();
    set(at, limit);
    const read = await reportFromJson(JSON.parse(JSON.stringify(at)));
    expect(read).toMatchObject({ ok: true, report: at });
    const over = clone();
    set(over, limit + 1);
    expect(errorOf(await reportFromJson(over))).toBe(`This report cannot be opened: ${why}.`);
  });
});

describe('report file names', () => {
  const named = (learner: string, title: string) =>
    reportFileName({ ...report, learner, pack: { ...report.pack, title } });

  it('are the learner and the pack', () => {
    expect(named('Ada Lovelace', 'Python from scratch')).toBe('Ada Lovelace - Python from scratch.pyreport');
    expect(reportFileName(report)).toBe('Zoë Lovelace - Python basics 🐍.pyreport');
  });

  it('leave out what some system does not allow in a file name', () => {
    expect(named('Ada/Grace', 'Loops: part 1? <yes> "ok" | a\\b *')).toBe(
      'Ada Grace - Loops part 1 yes ok a b.pyreport',
    );
    expect(named('.hidden', 'Tabs\tand\nlines.')).toBe('hidden - Tabs and lines.pyreport');
    expect(named('a\u0000b\u202ec', 'x')).toBe('a b c - x.pyreport');
    expect(named('???', '***')).toBe('report.pyreport');
    expect(named('CON', '...')).toBe('CON report.pyreport');
    expect(named('Zoe\u0308', 'x')).toBe('Zoë - x.pyreport'.normalize('NFC'));
  });

  it('are at most 120 characters and 240 bytes, cut between whole characters', () => {
    const long = named('L'.repeat(100), 'T'.repeat(200));
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.startsWith('L'.repeat(60) + ' - T')).toBe(true);
    expect(long.endsWith('T.pyreport')).toBe(true);
    for (const name of [named('学生'.repeat(50), '課程'.repeat(100)), named('🐍'.repeat(100), '🎓'.repeat(100))]) {
      expect(name.length).toBeLessThanOrEqual(120);
      expect(strToU8(name).length).toBeLessThanOrEqual(240);
      expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/); // no half of a character
      expect(name.endsWith('.pyreport')).toBe(true);
    }
  });
});

describe('report.json JSON Schema', () => {
  it('is the committed public/report.schema.json (run `npx tsx scripts/report-schema.ts` after changing the format)', async () => {
    expect(readFileSync(REPORT_SCHEMA_FILE, 'utf8')).toBe(await reportSchemaText());
  });

  it('names itself and requires what the app requires', () => {
    const schema = reportJsonSchema() as Loose;
    expect(schema).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'report.schema.json',
      title: expect.any(String),
      description: expect.any(String),
      required: ['format', 'version', 'pack', 'learner', 'device', 'createdAt', 'exercises'],
    });
    expect(schema.properties.format).toEqual({ const: 'pyplayground-report' });
    expect(schema.$defs.exercise.properties.state.enum).toEqual(['not-started', 'tried', 'passed']);
    expect(schema.$defs.exercise.properties.checks.maxItems).toBe(100);
    expect(schema.$defs.exercise.properties.files.maxItems).toBe(50);
    expect(Object.keys(schema.properties)).toContain('checksum');
  });
});
