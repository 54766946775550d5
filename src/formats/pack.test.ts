import { deflateSync, strToU8, unzipSync, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PACK_SCHEMA_FILE, packSchemaText } from '../../scripts/pack-schema.ts';
import type { Pack } from '../model/lesson.ts';
import {
  PACK_LIMITS,
  PACK_LINK_PREFIX,
  decodePackLink,
  encodePack,
  encodePackLink,
  packFragment,
  packFromJson,
  packJsonSchema,
  readPack,
  type PackResult,
} from './pack.ts';

const addTest = 'from main import add\n\ndef test_add():\n    assert add(1, 1) == 2\n';

/** A small pack with every kind of check, every optional field, and text that is not ASCII. */
const pack: Pack = {
  format: 'pyplayground-pack',
  version: 1,
  id: 'python-basics',
  title: 'Python basics',
  author: 'Zoë Teacher',
  language: 'en',
  revision: 3,
  description: 'First steps 🐍',
  lessons: [
    {
      id: 'printing',
      title: 'Printing',
      page: '# Printing\n\nUse `print`.',
      exercises: [
        {
          id: 'hello',
          title: 'Hello',
          instructions: 'Ask a name and greet.',
          files: [
            { name: 'main.py', content: 'name = input("Name? ")\n' },
            { name: 'data/names.txt', content: 'Ada\nGrace\n' },
          ],
          main: 'main.py',
          hints: ['Use input().', 'Then print().'],
          solution: [{ name: 'main.py', content: 'name = input("Name? ")\nprint("Hi", name)\n' }],
          solutionAfter: 2,
          checks: [
            { kind: 'output', stdin: ['Ada'], expect: 'Hi Ada\n', match: 'normalised', prompts: false },
            { kind: 'output', expect: '^Hi', match: 'regex', title: 'Greets', message: 'Say hi', timeout: 2.5 },
            { kind: 'code', requires: ['print'], forbids: ['eval'], defines: [] },
          ],
        },
      ],
    },
    {
      id: 'functions',
      title: 'Functions',
      exercises: [
        {
          id: 'add',
          title: 'Add',
          instructions: 'Write `add(a, b)`.',
          files: [{ name: 'main.py', content: 'def add(a, b):\n    pass\n' }],
          main: 'main.py',
          hints: [],
          solutionAfter: 'never',
          checks: [
            { kind: 'call', function: 'add', args: '2, 3', expect: '5', tolerance: 0.001, stdin: [] },
            { kind: 'tests', file: 'add_test.py', content: addTest },
            { kind: 'code', defines: [{ name: 'add', params: ['a', 'b'] }] },
          ],
        },
      ],
    },
  ],
};

// The tests break pack.json (and read JSON Schema) in ways no precise type allows, so both are untyped here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const text = (json: unknown) => strToU8(typeof json === 'string' ? json : JSON.stringify(json));
const clone = (): Pack => structuredClone(pack);
const errorOf = (result: PackResult) => (result.ok ? 'opened' : result.error);
/** A pack.json from the example, changed by `change` (which may rebuild it). */
const changed = (change: (json: Loose) => unknown): unknown => {
  const json = clone();
  return change(json) ?? json;
};
const firstExercise = (json: Loose) => json.lessons[0].exercises[0];
/** A pack with `n` exercises in one lesson. */
const withExercises = (n: number) =>
  changed((json) => {
    json.lessons = [
      {
        id: 'many',
        title: 'Many',
        exercises: Array.from({ length: n }, (_, i) => ({ ...firstExercise(pack), id: `e${i}` })),
      },
    ];
  });
const limitError = (json: unknown) => errorOf(packFromJson(json));

describe('lesson packs: reading what was written', () => {
  it('reads a bare pack.json, giving back the pack', () => {
    expect(readPack(text(pack))).toEqual({ ok: true, pack });
    expect(packFromJson(JSON.parse(JSON.stringify(pack)))).toEqual({ ok: true, pack });
  });

  it('round-trips through a .pypack, with test code as a file of the archive', () => {
    const zip = encodePack(pack);
    const entries = unzipSync(zip);
    expect(Object.keys(entries).sort()).toEqual(['add_test.py', 'pack.json']);
    const json = JSON.parse(new TextDecoder().decode(entries['pack.json']));
    expect(json.lessons[1].exercises[0].checks[1]).toEqual({ kind: 'tests', file: 'add_test.py' });
    expect(new TextDecoder().decode(entries['add_test.py'])).toBe(addTest);
    expect(readPack(zip)).toEqual({ ok: true, pack });
    expect(encodePack(pack)).toEqual(zip); // the same pack makes the same bytes
  });

  it('keeps a test file inline when another exercise has a different one of the same name', () => {
    const twice = clone();
    const other = structuredClone(twice.lessons[1].exercises[0]);
    other.id = 'add-again';
    other.checks = [{ kind: 'tests', file: 'add_test.py', content: 'def test_other():\n    pass\n' }];
    twice.lessons[1].exercises.push(other);
    const zip = encodePack(twice);
    const json = JSON.parse(new TextDecoder().decode(unzipSync(zip)['pack.json']));
    expect(json.lessons[1].exercises[1].checks[0].content).toBe('def test_other():\n    pass\n');
    expect(readPack(zip)).toEqual({ ok: true, pack: twice });
  });

  it('round-trips through a #pack= link', () => {
    const encoded = encodePackLink(pack);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(packFragment(PACK_LINK_PREFIX + encoded)).toBe(encoded);
    expect(packFragment('#share=abc')).toBeUndefined();
    expect(decodePackLink(encoded)).toEqual({ ok: true, pack });
  });

  it('uses the documented link encoding: base64url of deflate-raw pack.json', () => {
    const encoded = Buffer.from(deflateSync(text(pack))).toString('base64url');
    expect(decodePackLink(encoded)).toEqual({ ok: true, pack });
  });

  it('takes files named by "path" and test code named by "file" from the archive', () => {
    const json = changed((j) => {
      firstExercise(j).files[1] = { name: 'data/names.txt', path: 'assets/names.txt' };
      delete j.lessons[1].exercises[0].checks[1].content;
    });
    const zip = zipSync({
      'pack.json': text(json),
      'assets/names.txt': strToU8('Ada\nGrace\n'),
      'add_test.py': strToU8(addTest),
      'unused.txt': strToU8('ignored'),
    });
    expect(readPack(zip)).toEqual({ ok: true, pack });
  });

  it('fills defaults, and returns fresh plain objects', () => {
    const json = changed((j) => {
      delete j.revision;
      delete firstExercise(j).hints;
    });
    const result = packFromJson(json);
    if (!result.ok) throw new Error(result.error);
    expect(result.pack.revision).toBe(1);
    expect(firstExercise(result.pack).hints).toEqual([]);
    expect(Object.getPrototypeOf(result.pack)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(firstExercise(result.pack).checks[0])).toBe(Object.prototype);
    // Nothing of the input is shared: changing it afterwards changes nothing read.
    firstExercise(json).checks[0].stdin.push('Grace');
    firstExercise(json).files[0].content = 'changed';
    expect(firstExercise(result.pack).checks[0].stdin).toEqual(['Ada']);
    expect(firstExercise(result.pack).files[0].content).toBe(firstExercise(pack).files[0].content);
  });

  it('ignores and drops fields it does not know, at every level', () => {
    const json = changed((j) => {
      j.theme = 'dark';
      j.lessons[0].video = 'x.mp4';
      firstExercise(j).difficulty = 3;
      firstExercise(j).files[0].readonly = true;
      firstExercise(j).checks[0].weight = 2;
      j.lessons[1].exercises[0].checks[2].defines[0].returns = 'int';
      j.future = { deep: [[{ x: 1 }]] };
    });
    const result = packFromJson(json);
    expect(result).toEqual({ ok: true, pack });
    expect(JSON.stringify(result)).not.toMatch(/theme|video|difficulty|readonly|weight|returns|future/);
  });
});

describe('lesson packs: refusals, each saying why', () => {
  const opening = 'This lesson pack cannot be opened: ';
  const zipOf = (json: unknown, extra: Record<string, Uint8Array> = {}) =>
    zipSync({ 'pack.json': text(json), ...extra });

  it.each<[string, Uint8Array, string]>([
    ['not JSON', strToU8('print("hello")'), 'it is neither a .pypack file nor a pack.json'],
    ['damaged JSON', strToU8('{"format": "pyplayground-pack",'), 'it is damaged (its data is not valid JSON)'],
    ['not UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'it is neither a .pypack file nor a pack.json'],
    ['a damaged zip', encodePack(pack).subarray(0, 100), 'it is not a valid .zip file, or it is damaged'],
    ['a zip without pack.json', zipSync({ 'main.py': strToU8('x') }), 'it has no pack.json'],
    [
      'a zip with pack.json in a folder',
      zipSync({ 'course/pack.json': text(pack) }),
      'its pack.json must be at the top of the archive, not in a folder (course/pack.json)',
    ],
    [
      'a zip with a ".." entry',
      zipOf(pack, { '../evil.py': strToU8('x') }),
      'it contains a file with an unsafe path ("../evil.py")',
    ],
    [
      'the wrong format',
      text({ ...pack, format: 'python-playground-backup' }),
      'it is not a lesson pack ("format" is not "pyplayground-pack")',
    ],
    ['no format', text({ lessons: [] }), 'it is not a lesson pack (it has no "format": "pyplayground-pack")'],
    [
      'a newer version',
      text({ ...pack, version: 2, lessons: 'changed' }),
      'this pack was made by a newer version of the app (format version 2); update the app to open it',
    ],
    ['a version that is not a number', text({ ...pack, version: '1' }), '"version" must be a whole number from 1 up'],
    [
      'a "__proto__" key',
      strToU8('{"format":"pyplayground-pack","__proto__":{"x":1}}'),
      'its data has a field called "__proto__", which is not allowed',
    ],
    [
      'a "constructor" key',
      text(changed((j) => ({ ...j, lessons: [{ ...j.lessons[0], constructor: 1 }] }))),
      'its data has a field called "constructor", which is not allowed',
    ],
  ])('refuses %s', (_, bytes, why) => {
    expect(readPack(bytes)).toEqual({ ok: false, error: `${opening}${why}.` });
  });

  it.each<[string, (json: Loose) => unknown, string]>([
    [
      'a missing field',
      (j) => void delete j.lessons[1].exercises[0].title,
      'lessons[1].exercises[0]: "title" is missing',
    ],
    ['a missing top-level field', (j) => void delete j.author, '"author" is missing'],
    [
      'text of the wrong type',
      (j) => void (j.lessons[1].exercises[0].checks[0].expect = 5),
      'lessons[1].exercises[0].checks[0]: "expect" must be text',
    ],
    ['a list where an object goes', (j) => void (j.lessons[0] = []), 'lessons[0] must be an object, not a list'],
    [
      'duplicate lesson ids',
      (j) => void (j.lessons[1].id = 'printing'),
      'lessons[1]: "id" (printing) is also the id of lessons[0] (lesson ids must all differ)',
    ],
    [
      'duplicate exercise ids across lessons',
      (j) => void (j.lessons[1].exercises[0].id = 'hello'),
      'lessons[1].exercises[0]: "id" (hello) is also the id of lessons[0].exercises[0] (exercise ids must all differ, across all lessons: progress is kept by them)',
    ],
    [
      'an id with a space',
      (j) => void (j.id = 'my pack'),
      '"id" must be 1 to 100 characters, each a letter, a digit, ".", "_" or "-"',
    ],
    [
      'main not among the files',
      (j) => void (firstExercise(j).main = 'game.py'),
      'lessons[0].exercises[0]: "main" (game.py) is not one of its files',
    ],
    [
      'main not a Python file',
      (j) => void (firstExercise(j).main = 'data/names.txt'),
      'lessons[0].exercises[0]: "main" must be a Python file (ending in .py)',
    ],
    [
      'a file name with ..',
      (j) => void (firstExercise(j).files[1].name = '../x.py'),
      'lessons[0].exercises[0].files[1]: "name" (../x.py) is not a safe file name: it must be a relative path such as main.py or data/words.txt, with no empty, "." or ".." parts',
    ],
    [
      'an absolute file name',
      (j) => void (firstExercise(j).solution[0].name = '/abs'),
      'lessons[0].exercises[0].solution[0]: "name" (/abs) is not a safe file name: it must be a relative path such as main.py or data/words.txt, with no empty, "." or ".." parts',
    ],
    [
      'two files of the same name',
      (j) => void firstExercise(j).files.push({ name: 'main.py', content: '' }),
      'lessons[0].exercises[0].files[2]: "name" (main.py) is the name of an earlier file too',
    ],
    [
      'a file with both content and path',
      (j) => void (firstExercise(j).files[1].path = 'names.txt'),
      'lessons[0].exercises[0].files[1] must give either "content" (the text) or "path" (a file of the .pypack), not both',
    ],
    [
      'a file given by path outside a .pypack',
      (j) => void (firstExercise(j).files[1] = { name: 'data/names.txt', path: 'names.txt' }),
      'lessons[0].exercises[0].files[1]: "path" (names.txt) names a file of a .pypack archive, but this pack is not one',
    ],
    [
      'an unknown check kind',
      (j) => void (firstExercise(j).checks[1] = { kind: 'sound', expect: 'beep' }),
      'lessons[0].exercises[0].checks[1]: this version of the app does not know checks of kind "sound" (it knows "output", "call", "tests", "code" and "turtle")',
    ],
    [
      'a check without a kind',
      (j) => void delete firstExercise(j).checks[0].kind,
      'lessons[0].exercises[0].checks[0]: "kind" is missing (it must be "output", "call", "tests", "code" or "turtle")',
    ],
    [
      'a function that is not a Python name',
      (j) => void (j.lessons[1].exercises[0].checks[0].function = 'add-two'),
      'lessons[1].exercises[0].checks[0]: "function" (add-two) must be a Python name, such as add or is_even',
    ],
    [
      'a function that is a keyword',
      (j) => void (j.lessons[1].exercises[0].checks[0].function = 'lambda'),
      'lessons[1].exercises[0].checks[0]: "function" (lambda) is a Python keyword, not a name',
    ],
    [
      'a tests file that is not .py',
      (j) => void (j.lessons[1].exercises[0].checks[1].file = 'tests.txt'),
      'lessons[1].exercises[0].checks[1]: "file" (tests.txt) must end in .py',
    ],
    [
      'a tests file named as a starter file',
      (j) => void (j.lessons[1].exercises[0].checks[1].file = 'main.py'),
      `lessons[1].exercises[0].checks[1]: "file" (main.py) is also the name of one of the exercise's starter files`,
    ],
    [
      'a tests check without content outside a .pypack',
      (j) => void delete j.lessons[1].exercises[0].checks[1].content,
      'lessons[1].exercises[0].checks[1]: "content" is missing (only a .pypack file can carry the test code as a separate file)',
    ],
    [
      'an empty code check',
      (j) => void (firstExercise(j).checks[2] = { kind: 'code', requires: [] }),
      'lessons[0].exercises[0].checks[2]: a "code" check needs at least one rule in "requires", "forbids" or "defines"',
    ],
    [
      'a timeout of 0',
      (j) => void (firstExercise(j).checks[0].timeout = 0),
      'lessons[0].exercises[0].checks[0]: "timeout" must be more than 0 seconds',
    ],
    [
      'a timeout over 30 seconds',
      (j) => void (firstExercise(j).checks[0].timeout = 31),
      'lessons[0].exercises[0].checks[0]: "timeout" must be at most 30 seconds',
    ],
    [
      'an unknown match',
      (j) => void (firstExercise(j).checks[0].match = 'fuzzy'),
      'lessons[0].exercises[0].checks[0]: "match" must be "exact", "normalised", "ignore-case" or "regex"',
    ],
    [
      'a negative solutionAfter',
      (j) => void (firstExercise(j).solutionAfter = -1),
      'lessons[0].exercises[0]: "solutionAfter" must be a whole number from 0 up, or "never"',
    ],
    [
      'a negative tolerance',
      (j) => void (j.lessons[1].exercises[0].checks[0].tolerance = -1),
      'lessons[1].exercises[0].checks[0]: "tolerance" must be 0 or more',
    ],
    ['a revision of 0', (j) => void (j.revision = 0), '"revision" must be 1 or more'],
    [
      'a hint that is not text',
      (j) => void (firstExercise(j).hints[1] = 2),
      'lessons[0].exercises[0].hints[1] must be text',
    ],
    ['no lessons', (j) => void (j.lessons = []), '"lessons" must list at least one lesson'],
    [
      'a lesson without exercises',
      (j) => void (j.lessons[1].exercises = []),
      'lessons[1]: "exercises" must list at least one exercise',
    ],
    [
      'an exercise without checks',
      (j) => void (firstExercise(j).checks = []),
      'lessons[0].exercises[0]: "checks" must list at least one check',
    ],
    [
      'an exercise without files',
      (j) => void (firstExercise(j).files = []),
      'lessons[0].exercises[0]: "files" must list at least one file',
    ],
    ['an array', () => [pack], 'it does not hold a lesson pack (its data must be a JSON object)'],
  ])('refuses %s', (_, change, why) => {
    expect(packFromJson(changed(change))).toEqual({ ok: false, error: `${opening}${why}.` });
  });

  it('refuses files the archive lacks, or that are not text', () => {
    const named = changed((j) => void (firstExercise(j).files[1] = { name: 'data/names.txt', path: 'names.txt' }));
    expect(errorOf(readPack(zipOf(named)))).toBe(
      `${opening}lessons[0].exercises[0].files[1]: "path" (names.txt) is not in the .pypack file.`,
    );
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(errorOf(readPack(zipOf(named, { 'names.txt': png })))).toBe(
      `${opening}lessons[0].exercises[0].files[1]: "path" (names.txt) is not a text file (UTF-8).`,
    );
    expect(errorOf(readPack(zipOf(named, { 'names.txt': new Uint8Array(10) })))).toContain('is not a text file');
    const noTests = changed((j) => void delete j.lessons[1].exercises[0].checks[1].content);
    expect(errorOf(readPack(zipOf(noTests)))).toBe(
      `${opening}lessons[1].exercises[0].checks[1]: "file" (add_test.py) is not in the .pypack file.`,
    );
  });

  it('never throws, whatever the bytes, and never opens part of a pack', () => {
    const zip = encodePack(pack);
    const json = text(pack);
    // A cut zip may still hold every file (only its directory at the end is gone): then the pack is whole.
    const wholeOrRefused = (result: PackResult) =>
      result.ok
        ? expect(result.pack).toEqual(pack)
        : expect(result.error).toMatch(/^This lesson pack cannot be opened: .+\.$/);
    for (let n = 0; n < zip.length; n += 7) wholeOrRefused(readPack(zip.subarray(0, n)));
    for (let n = 0; n < json.length; n += 11) expect(readPack(json.subarray(0, n)).ok).toBe(false);
    let seed = 1;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    for (let i = 0; i < 200; i++) {
      const bytes = Uint8Array.from({ length: 64 }, random);
      if (i % 2) bytes.set([0x50, 0x4b, 3, 4]);
      expect(() => readPack(bytes)).not.toThrow();
      expect(() => decodePackLink(Buffer.from(bytes).toString('base64url'))).not.toThrow();
    }
    for (const value of [null, 1, 'x', [], {}, { format: 'pyplayground-pack', version: 1, lessons: [null] }]) {
      expect(packFromJson(value).ok).toBe(false);
    }
  });
});

describe('lesson packs: limits', () => {
  it('has the documented limits', () => {
    expect(PACK_LIMITS).toMatchObject({
      maxFileBytes: 20_000_000,
      zip: { maxEntries: 2000, maxTotalBytes: 50_000_000, maxFileBytes: 5_000_000 },
      maxJsonBytes: 5_000_000,
      maxLinkJsonBytes: 1_000_000,
      maxDepth: 20,
      maxLessons: 500,
      maxExercises: 2000,
      maxChecksPerExercise: 100,
      maxFilesPerExercise: 200,
      maxHints: 50,
      maxStdinAnswers: 1000,
      maxTitleChars: 200,
      maxMarkdownChars: 100_000,
      maxContentChars: 1_000_000,
    });
  });

  it('refuses a 50 MB file at once, without decoding it', () => {
    const huge = strToU8('{"a":"' + 'x'.repeat(50_000_000) + '"}');
    const started = performance.now();
    expect(errorOf(readPack(huge))).toBe('This lesson pack cannot be opened: it is larger than 20 MB.');
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('refuses a pack.json over 5 MB, bare or in an archive', () => {
    const big = text({ ...pack, description: 'x'.repeat(5_000_000) });
    expect(errorOf(readPack(big))).toBe(
      'This lesson pack cannot be opened: it is larger than 5 MB, the most a pack.json may be.',
    );
    expect(errorOf(readPack(zipSync({ 'pack.json': big })))).toBe(
      'This lesson pack cannot be opened: "pack.json" is larger than 5 MB when unpacked.',
    );
  });

  it('refuses data nested 100,000 deep with a message, not a stack overflow', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const message = 'This lesson pack cannot be opened: its data nests more than 20 levels deep.';
    expect(errorOf(readPack(strToU8(`{"format":"pyplayground-pack","x":${deep}}`)))).toBe(message);
    expect(errorOf(readPack(zipSync({ 'pack.json': strToU8(`{"x":${deep}}`) })))).toBe(message);
    expect(errorOf(decodePackLink(Buffer.from(deflateSync(strToU8(`{"x":${deep}}`))).toString('base64url')))).toBe(
      'This lesson pack link cannot be opened: its data nests more than 20 levels deep.',
    );
    // Already parsed: only the fields it knows are visited, so depth does not matter.
    let nested: unknown = [];
    for (let i = 0; i < 100_000; i++) nested = [nested];
    expect(errorOf(packFromJson({ ...pack, lessons: nested }))).toContain('lessons[0] must be an object');
    expect(packFromJson({ ...pack, extra: nested })).toEqual({ ok: true, pack });
  });

  it('allows nesting up to 20 levels (brackets inside strings do not count)', () => {
    const nest = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    const json = JSON.stringify({ ...pack, title: '[[[[[[[[[[[[[[[[[[[[[[' });
    // The pack object itself is level 1.
    expect(readPack(strToU8(json.replace(/^\{/, `{"x":${nest(19)},`))).ok).toBe(true);
    expect(errorOf(readPack(strToU8(json.replace(/^\{/, `{"x":${nest(20)},`))))).toContain('nests more than 20');
  });

  it('refuses a zip bomb while unpacking it', () => {
    const bomb = zipSync({ 'pack.json': text(pack), 'bomb.txt': new Uint8Array(60_000_000) });
    expect(bomb.length).toBeLessThan(PACK_LIMITS.maxFileBytes);
    expect(errorOf(readPack(bomb))).toBe(
      'This lesson pack cannot be opened: "bomb.txt" is larger than 5 MB when unpacked.',
    );
    const files: Record<string, Uint8Array> = { 'pack.json': text(pack) };
    for (let i = 0; i < 11; i++) files[`part${i}.txt`] = new Uint8Array(4_900_000);
    expect(errorOf(readPack(zipSync(files)))).toBe(
      'This lesson pack cannot be opened: it is larger than 50 MB when unpacked.',
    );
  });

  it('refuses an archive of more than 2000 files', () => {
    const files: Record<string, Uint8Array> = { 'pack.json': text(pack) };
    for (let i = 0; i < 2000; i++) files[`f${i}.txt`] = strToU8('x');
    expect(errorOf(readPack(zipSync(files)))).toBe('This lesson pack cannot be opened: it has more than 2000 files.');
    delete files['f0.txt'];
    expect(readPack(zipSync(files)).ok).toBe(true);
  });

  it('refuses more than 2000 exercises in a pack', () => {
    expect(packFromJson(withExercises(2000)).ok).toBe(true);
    const split = changed((j) => {
      const exercises = (withExercises(2001) as Pack).lessons[0].exercises;
      j.lessons = [
        { id: 'a', title: 'A', exercises: exercises.slice(0, 1000) },
        { id: 'b', title: 'B', exercises: exercises.slice(1000) },
      ];
    });
    expect(limitError(split)).toBe(
      'This lesson pack cannot be opened: it has 2,001 exercises, more than the 2,000 a pack may have.',
    );
    expect(limitError(withExercises(2001))).toBe(
      'This lesson pack cannot be opened: lessons[0]: "exercises" must list at most 2,000 exercises.',
    );
  });

  it.each<[string, (json: Loose, n: number) => void, number, string]>([
    [
      'lessons',
      (j, n) =>
        void (j.lessons = Array.from({ length: n }, (_, i) => ({
          id: `l${i}`,
          title: 'L',
          exercises: [{ ...firstExercise(pack), id: `e${i}` }],
        }))),
      500,
      '"lessons" must list at most 500 lessons',
    ],
    [
      'checks',
      (j, n) => void (firstExercise(j).checks = Array(n).fill({ kind: 'output', expect: '' })),
      100,
      'lessons[0].exercises[0]: "checks" must list at most 100 checks',
    ],
    [
      'files',
      (j, n) =>
        void firstExercise(j).files.push(
          ...Array.from({ length: n - 2 }, (_, i) => ({ name: `f${i}.txt`, content: '' })),
        ),
      200,
      'lessons[0].exercises[0]: "files" must list at most 200 files',
    ],
    [
      'hints',
      (j, n) => void (firstExercise(j).hints = Array(n).fill('h')),
      50,
      'lessons[0].exercises[0]: "hints" must list at most 50 hints',
    ],
    [
      'stdin answers',
      (j, n) => void (firstExercise(j).checks[0].stdin = Array(n).fill('a')),
      1000,
      'lessons[0].exercises[0].checks[0]: "stdin" must list at most 1,000 answers',
    ],
    [
      'title characters',
      (j, n) => void (j.lessons[0].title = 'x'.repeat(n)),
      200,
      'lessons[0]: "title" must be at most 200 characters long',
    ],
    [
      'instructions characters',
      (j, n) => void (firstExercise(j).instructions = 'x'.repeat(n)),
      100_000,
      'lessons[0].exercises[0]: "instructions" must be at most 100,000 characters long',
    ],
    [
      'page characters',
      (j, n) => void (j.lessons[0].page = 'x'.repeat(n)),
      100_000,
      'lessons[0]: "page" must be at most 100,000 characters long',
    ],
    [
      'file characters',
      (j, n) => void (firstExercise(j).files[1].content = 'x'.repeat(n)),
      1_000_000,
      'lessons[0].exercises[0].files[1]: "content" must be at most 1,000,000 characters long',
    ],
  ])('allows %s up to the limit, and refuses one more', (_, set, limit, why) => {
    expect(packFromJson(changed((j) => set(j, limit))).ok).toBe(true);
    expect(limitError(changed((j) => set(j, limit + 1)))).toBe(`This lesson pack cannot be opened: ${why}.`);
  });

  it('applies the text limit to files taken from the archive too', () => {
    const json = changed((j) => void (firstExercise(j).files[1] = { name: 'data/names.txt', path: 'names.txt' }));
    const zip = zipSync({ 'pack.json': text(json), 'names.txt': new Uint8Array(1_000_001).fill(0x61) });
    expect(errorOf(readPack(zip))).toBe(
      'This lesson pack cannot be opened: lessons[0].exercises[0].files[1]: "path" (names.txt) is longer than 1,000,000 characters.',
    );
  });
});

describe('lesson pack links: refusals', () => {
  const link = (json: unknown) => Buffer.from(deflateSync(text(json))).toString('base64url');
  const opening = 'This lesson pack link cannot be opened: ';

  it.each<[string, string, string]>([
    ['empty', '', 'it is empty'],
    ['not base64url', 'abc$def', 'it contains characters a pack link never has (was it cut or changed?)'],
    ['cut off', encodePackLink(pack).slice(0, 40), 'it is damaged or incomplete (was it cut off?)'],
    ['not JSON', link('hello'), 'it is damaged (its data is not valid JSON)'],
    ['too long', 'A'.repeat(2_000_000), 'it is too long'],
    [
      'larger than 1 MB once inflated',
      link({ ...pack, description: ' '.repeat(1_000_000) }),
      'its pack is larger than 1 MB',
    ],
    [
      'a file given by path',
      link(changed((j) => void (firstExercise(j).files[1] = { name: 'data/names.txt', path: 'names.txt' }))),
      'lessons[0].exercises[0].files[1]: "path" (names.txt) names a file of a .pypack archive, but this pack is not one',
    ],
    [
      'a newer version',
      link({ ...pack, version: 7 }),
      'this pack was made by a newer version of the app (format version 7); update the app to open it',
    ],
    [
      'a "prototype" key',
      link('{"format":"pyplayground-pack","prototype":1}'),
      'its data has a field called "prototype", which is not allowed',
    ],
  ])('refuses a link that is %s', (_, encoded, why) => {
    expect(decodePackLink(encoded)).toEqual({ ok: false, error: `${opening}${why}.` });
  });
});

describe('pack.json JSON Schema', () => {
  it('is the committed public/pack.schema.json (run `npx tsx scripts/pack-schema.ts` after changing the format)', async () => {
    expect(readFileSync(PACK_SCHEMA_FILE, 'utf8')).toBe(await packSchemaText());
  });

  it('names itself and lists the five kinds of check', () => {
    const schema = packJsonSchema() as JsonSchema;
    expect(schema).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'pack.schema.json',
      title: expect.any(String),
      description: expect.any(String),
    });
    const kinds = schema.$defs.check.oneOf.map((option: Loose) => option.properties.kind.const);
    expect(kinds).toEqual(['output', 'call', 'tests', 'code', 'turtle']);
    expect(JSON.stringify(packJsonSchema())).toBe(JSON.stringify(schema)); // the same every time
  });

  it('accepts the example pack, and a .pypack pack.json, and refuses what it can see is wrong', () => {
    const schema = packJsonSchema() as JsonSchema;
    const valid = (value: unknown) => matches(value, schema, schema);
    expect(valid(JSON.parse(JSON.stringify(pack)))).toBe(true);
    expect(valid(JSON.parse(new TextDecoder().decode(unzipSync(encodePack(pack))['pack.json'])))).toBe(true);
    expect(valid(changed((j) => void (firstExercise(j).files[1] = { name: 'a.txt', path: 'a.txt' })))).toBe(true);
    expect(valid(changed((j) => void (j.unknown = 1)))).toBe(true);
    expect(valid(changed((j) => void (j.version = 2)))).toBe(false);
    expect(valid(changed((j) => void (firstExercise(j).checks[0].kind = 'sound')))).toBe(false);
    expect(valid(changed((j) => void (firstExercise(j).files[1].path = 'a.txt')))).toBe(false);
    expect(valid(changed((j) => void (firstExercise(j).checks[0].timeout = 0)))).toBe(false);
    expect(valid(changed((j) => void delete firstExercise(j).main))).toBe(false);
  });
});

type JsonSchema = { [key: string]: Loose };

/** Enough of JSON Schema (the keywords the pack schema uses) to check a value against it. */
function matches(value: Loose, schema: JsonSchema, root: JsonSchema): boolean {
  if (schema.$ref) {
    const target = (schema.$ref as string)
      .slice(2)
      .split('/')
      .reduce((node: Loose, key) => node[key], root);
    return matches(value, target, root);
  }
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const checks: boolean[] = [];
  if (schema.type === 'integer') checks.push(Number.isInteger(value));
  else if (schema.type) checks.push(type === schema.type);
  if ('const' in schema) checks.push(value === schema.const);
  if (schema.enum) checks.push(schema.enum.includes(value));
  if (schema.not) checks.push(!matches(value, schema.not, root));
  if (schema.anyOf) checks.push(schema.anyOf.some((s: JsonSchema) => matches(value, s, root)));
  if (schema.oneOf) checks.push(schema.oneOf.filter((s: JsonSchema) => matches(value, s, root)).length === 1);
  if (typeof value === 'string') {
    if (schema.minLength !== undefined) checks.push([...value].length >= schema.minLength);
    if (schema.maxLength !== undefined) checks.push([...value].length <= schema.maxLength);
    if (schema.pattern) checks.push(new RegExp(schema.pattern, 'u').test(value));
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined) checks.push(value >= schema.minimum);
    if (schema.maximum !== undefined) checks.push(value <= schema.maximum);
    if (schema.exclusiveMinimum !== undefined) checks.push(value > schema.exclusiveMinimum);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined) checks.push(value.length >= schema.minItems);
    if (schema.maxItems !== undefined) checks.push(value.length <= schema.maxItems);
    if (schema.items) checks.push(value.every((item) => matches(item, schema.items, root)));
  }
  if (type === 'object') {
    if (schema.required) checks.push(schema.required.every((key: string) => key in value));
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (key in value) checks.push(matches(value[key], sub as JsonSchema, root));
    }
  }
  return checks.every(Boolean);
}

describe('turtle checks in packs', () => {
  const withCheck = (check: unknown) => {
    const value = JSON.parse(JSON.stringify(pack)) as { lessons: { exercises: { checks: unknown[] }[] }[] };
    value.lessons[0].exercises[0].checks = [check];
    return packFromJson(value);
  };

  it('are read with their segments, fills, tolerance and exactness', () => {
    const check = {
      kind: 'turtle',
      segments: [[0, 0, 100, 0]],
      fills: [
        {
          points: [
            [0, 0],
            [10, 0],
            [10, 10],
          ],
          color: 'red',
        },
      ],
      tolerance: 3,
      exact: true,
    };
    const read = withCheck(check);
    expect(read.ok && read.pack.lessons[0].exercises[0].checks[0]).toEqual(check);
  });

  it('are refused without anything to look for, or with a malformed segment', () => {
    expect(withCheck({ kind: 'turtle' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('at least one of "segments" and "fills"'),
    });
    expect(withCheck({ kind: 'turtle', segments: [[0, 0, 100]] })).toMatchObject({
      ok: false,
      error: expect.stringContaining('segments[0][3] must be a number'),
    });
    expect(
      withCheck({
        kind: 'turtle',
        fills: [
          {
            points: [
              [0, 0],
              [1, 1],
            ],
          },
        ],
      }),
    ).toMatchObject({ ok: false, error: expect.stringContaining('at least 3 corners') });
  });
});

describe('the class a pack is handed to', () => {
  const learners = ['Ada Lovelace', 'Grace Hopper', 'Zoë Brown'];
  const withClass = (): Pack => ({
    ...clone(),
    class: { id: '7b-2025', name: '7B', learners: [...learners], pickName: true, secret: 'k3Y_s3cret-0123456789' },
  });
  const classError = (change: (info: Loose) => void) => {
    const json: Loose = withClass();
    change(json.class);
    return errorOf(packFromJson(json));
  };

  it('round-trips through pack.json, a .pypack and a #pack= link', () => {
    const classy = withClass();
    expect(readPack(text(classy))).toEqual({ ok: true, pack: classy });
    expect(readPack(encodePack(classy))).toEqual({ ok: true, pack: classy });
    expect(decodePackLink(encodePackLink(classy))).toEqual({ ok: true, pack: classy });
    const json = JSON.parse(new TextDecoder().decode(unzipSync(encodePack(classy))['pack.json']));
    expect(json.class).toEqual(classy.class);
  });

  it('needs only an id, a name and a secret', () => {
    const minimal = { ...clone(), class: { id: 'club', name: 'Python club', secret: 'a'.repeat(16) } };
    expect(packFromJson(minimal)).toEqual({ ok: true, pack: minimal });
    const noPick = { ...minimal, class: { ...minimal.class, learners: [], pickName: false } };
    expect(packFromJson(noPick)).toEqual({ ok: true, pack: noPick });
  });

  it('returns a list of its own, and drops fields it does not know', () => {
    const json: Loose = withClass();
    json.class.colour = 'blue';
    const read = packFromJson(json);
    if (!read.ok) throw new Error(read.error);
    expect(read.pack.class).toEqual(withClass().class);
    json.class.learners.push('Someone');
    expect(read.pack.class?.learners).toEqual(learners);
  });

  it.each<[string, (info: Loose) => void, string]>([
    ['a missing id', (c) => void delete c.id, 'class: "id" is missing'],
    [
      'an id with a space',
      (c) => void (c.id = '7 B'),
      'class: "id" must be 1 to 100 characters, each a letter, a digit, ".", "_" or "-"',
    ],
    ['a missing name', (c) => void delete c.name, 'class: "name" is missing'],
    ['an empty name', (c) => void (c.name = ''), 'class: "name" must not be empty'],
    [
      'a name of 101 characters',
      (c) => void (c.name = 'x'.repeat(101)),
      'class: "name" must be at most 100 characters long',
    ],
    ['learners that are not a list', (c) => void (c.learners = 'Ada'), 'class: "learners" must be a list'],
    ['a learner that is not text', (c) => void (c.learners[1] = 7), 'class.learners[1] must be text'],
    ['an empty learner name', (c) => void (c.learners[2] = ''), 'class.learners[2] must not be empty'],
    ['a learner name of spaces', (c) => void (c.learners[2] = '   '), 'class.learners[2] must not be only spaces'],
    [
      'a learner name of 101 characters',
      (c) => void (c.learners[0] = 'x'.repeat(101)),
      'class.learners[0] must be at most 100 characters long',
    ],
    [
      'the same learner twice, once case and spaces are ignored',
      (c) => void c.learners.push('  grace   HOPPER '),
      'class.learners[3] (  grace   HOPPER ) is the same name as class.learners[1] (names must all differ, ignoring case and spaces: reports are told apart by them)',
    ],
    [
      'the same learner twice, once Unicode is normalised',
      (c) => void c.learners.push('Zoe\u0308 Brown'),
      'class.learners[3] (Zoe\u0308 Brown) is the same name as class.learners[2] (names must all differ, ignoring case and spaces: reports are told apart by them)',
    ],
    ['pickName that is not true or false', (c) => void (c.pickName = 'yes'), 'class: "pickName" must be true or false'],
    [
      'pickName without learners',
      (c) => void delete c.learners,
      'class: "pickName" is true, so "learners" must list the names to pick from',
    ],
    [
      'pickName with an empty list',
      (c) => void (c.learners = []),
      'class: "pickName" is true, so "learners" must list the names to pick from',
    ],
    ['a missing secret', (c) => void delete c.secret, 'class: "secret" is missing'],
    [
      'a secret of 15 characters',
      (c) => void (c.secret = 'a'.repeat(15)),
      'class: "secret" must be 16 to 64 characters, each a letter, a digit, "_" or "-"',
    ],
    [
      'a secret of 65 characters',
      (c) => void (c.secret = 'a'.repeat(65)),
      'class: "secret" must be 16 to 64 characters, each a letter, a digit, "_" or "-"',
    ],
    [
      'a secret with other characters',
      (c) => void (c.secret = 'a'.repeat(20) + '+/'),
      'class: "secret" must be 16 to 64 characters, each a letter, a digit, "_" or "-"',
    ],
  ])('refuses %s', (_, change, why) => {
    expect(classError(change)).toBe(`This lesson pack cannot be opened: ${why}.`);
  });

  it('refuses a class that is a list or text', () => {
    expect(errorOf(packFromJson({ ...pack, class: [] }))).toBe(
      'This lesson pack cannot be opened: class must be an object, not a list.',
    );
    expect(errorOf(packFromJson({ ...pack, class: '7B' }))).toBe(
      'This lesson pack cannot be opened: "class" must be an object.',
    );
  });

  it('allows 200 learners, names of 100 characters and secrets of 16 and 64, and refuses 201 learners', () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `Learner ${i}`);
    const at = (info: Loose) =>
      packFromJson({ ...pack, class: { id: 'c', name: 'C', secret: 'a'.repeat(16), ...info } });
    expect(at({ learners: names(200), pickName: true }).ok).toBe(true);
    expect(at({ learners: ['x'.repeat(100)], name: 'y'.repeat(100), secret: 'b'.repeat(64) }).ok).toBe(true);
    expect(errorOf(at({ learners: names(201) }))).toBe(
      'This lesson pack cannot be opened: class: "learners" must list at most 200 names.',
    );
  });

  it('is in the JSON Schema', () => {
    const schema = packJsonSchema() as JsonSchema;
    expect(matches(JSON.parse(JSON.stringify(withClass())), schema, schema)).toBe(true);
    const json: Loose = withClass();
    json.class.secret = 'short';
    expect(matches(json, schema, schema)).toBe(false);
  });
});
