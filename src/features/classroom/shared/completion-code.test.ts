import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { completionCode, localDay, normaliseCode, verifyCompletionCode } from './completion-code.ts';
import words from './code-words.json';

const base = {
  secret: 'Xq3_t9-LmZ0pR7sK',
  packId: 'python-basics',
  exerciseId: 'count-to-ten',
  learner: 'Ada Lovelace',
  day: '2026-03-14',
};
const exercises = [
  { id: 'hello', title: 'Hello' },
  { id: 'count-to-ten', title: 'Count to ten' },
  { id: 'add', title: 'Add' },
];
const CODE = /^[a-z]{3,6}-[a-z]{3,6}-[1-9][0-9]$/;

describe('the word list', () => {
  it('has 256 distinct lower-case words of 3 to 6 letters', () => {
    expect(words).toHaveLength(256);
    expect(new Set(words).size).toBe(256);
    for (const word of words) expect(word).toMatch(/^[a-z]{3,6}$/);
  });

  it('has no two words one letter apart (said aloud in a noisy room, those are the ones misheard)', () => {
    const close: string[] = [];
    for (const [i, a] of words.entries()) {
      for (const b of words.slice(i + 1)) if (editDistance(a, b) < 2) close.push(`${a}/${b}`);
    }
    expect(close).toEqual([]);
  });
});

describe('completion codes', () => {
  it('are two words of the list and a number from 10 to 99', async () => {
    const code = await completionCode(base);
    expect(code).toMatch(CODE);
    const [first, second, number] = code.split('-');
    expect(words).toContain(first);
    expect(words).toContain(second);
    expect(Number(number)).toBeGreaterThanOrEqual(10);
    expect(Number(number)).toBeLessThanOrEqual(99);
  });

  it('are HMAC-SHA-256 of pack, exercise, learner and day, keyed by the secret, as the README says', async () => {
    const mac = createHmac('sha256', base.secret)
      .update('python-basics\ncount-to-ten\nada lovelace\n2026-03-14')
      .digest();
    const expected = `${words[mac[0]]}-${words[mac[1]]}-${10 + (mac.readUInt32BE(2) % 90)}`;
    expect(await completionCode(base)).toBe(expected);
  });

  it('are the same every time for the same input', async () => {
    const first = await completionCode(base);
    expect(await completionCode({ ...base })).toBe(first);
    expect(await completionCode({ ...base })).toBe(first);
  });

  it.each([
    ['secret', { secret: 'Xq3_t9-LmZ0pR7sL' }],
    ['pack', { packId: 'python-basics-2' }],
    ['exercise', { exerciseId: 'hello' }],
    ['learner', { learner: 'Grace Hopper' }],
    ['day', { day: '2026-03-15' }],
  ])('differ when the %s differs', async (_, change) => {
    expect(await completionCode({ ...base, ...change })).not.toBe(await completionCode(base));
  });

  it('treat a learner name the same whatever its case, spacing or Unicode form', async () => {
    const code = await completionCode(base);
    expect(await completionCode({ ...base, learner: '  ada   LOVELACE ' })).toBe(code);
    const zoe = await completionCode({ ...base, learner: 'Zoë' });
    expect(await completionCode({ ...base, learner: 'zoe\u0308' })).toBe(zoe);
  });

  it('spread over the words and numbers', async () => {
    const seen = { first: new Set<string>(), second: new Set<string>(), number: new Set<string>() };
    for (let i = 0; i < 300; i++) {
      const [first, second, number] = (await completionCode({ ...base, exerciseId: `e${i}` })).split('-');
      seen.first.add(first);
      seen.second.add(second);
      seen.number.add(number);
    }
    // 300 draws from 256 words hit about 178 of them; from 90 numbers, about 87.
    expect(seen.first.size).toBeGreaterThan(140);
    expect(seen.second.size).toBeGreaterThan(140);
    expect(seen.number.size).toBeGreaterThan(75);
  });
});

describe('reading a typed code', () => {
  it.each([
    ['maple-river-42', 'maple-river-42'],
    ['Maple  River 42', 'maple-river-42'],
    ['  APPLE\tbread  10 ', 'apple-bread-10'],
    ['apple-bread-99', 'apple-bread-99'],
    ['apple – bread — 55', 'apple-bread-55'],
    ['apple_bread.55', 'apple-bread-55'],
    ['ＡＰＰＬＥ ｂｒｅａｄ ５５', 'apple-bread-55'],
  ])('%j reads as %j', (typed, expected) => {
    expect(normaliseCode(typed)).toBe(expected);
  });

  it.each([
    '',
    'apple',
    'apple bread',
    'apple bread 9',
    'apple bread 100',
    'apple bread 09',
    'apple bread forty',
    'apple bread 42 extra',
    'apples bread 42',
    'apple 42 bread',
    'apple-bread42',
    'a'.repeat(10_000),
  ])('refuses %j', (typed) => {
    expect(normaliseCode(typed)).toBeUndefined();
  });

  it('reads back every code it makes', async () => {
    const code = await completionCode(base);
    expect(normaliseCode(code)).toBe(code);
    expect(normaliseCode(code.toUpperCase().replace(/-/g, '  '))).toBe(code);
  });
});

describe('checking a typed code', () => {
  const days = ['2026-03-12', '2026-03-13', '2026-03-14'];
  const check = (typed: string, change: Partial<Parameters<typeof verifyCompletionCode>[1]> = {}) =>
    verifyCompletionCode(typed, {
      secret: base.secret,
      packId: base.packId,
      exercises,
      learner: base.learner,
      days,
      ...change,
    });

  it('finds the exercise and the day, however it is typed', async () => {
    const code = await completionCode(base);
    const match = { ok: true, matches: [{ exerciseId: 'count-to-ten', title: 'Count to ten', day: '2026-03-14' }] };
    expect(await check(code)).toEqual(match);
    expect(await check(code.replace(/-/g, ' ').toUpperCase())).toEqual(match);
    expect(await check(code, { learner: ' ADA lovelace' })).toEqual(match);
  });

  it('finds an earlier day among several', async () => {
    const code = await completionCode({ ...base, exerciseId: 'add', day: '2026-03-12' });
    expect(await check(code)).toEqual({ ok: true, matches: [{ exerciseId: 'add', title: 'Add', day: '2026-03-12' }] });
  });

  it('rejects the code for another learner, another day, another secret or another pack', async () => {
    const code = await completionCode(base);
    expect(await check(code, { learner: 'Grace Hopper' })).toEqual({ ok: false, reason: 'no-match' });
    expect(await check(code, { days: ['2026-03-15', '2026-03-13'] })).toEqual({ ok: false, reason: 'no-match' });
    expect(await check(code, { secret: 'another-secret-0001' })).toEqual({ ok: false, reason: 'no-match' });
    expect(await check(code, { packId: 'another-pack' })).toEqual({ ok: false, reason: 'no-match' });
    expect(await check(code, { exercises: exercises.filter((e) => e.id !== 'count-to-ten') })).toEqual({
      ok: false,
      reason: 'no-match',
    });
  });

  it('says a code that is not a code is malformed, and one no exercise made does not match', async () => {
    expect(await check('hello')).toEqual({ ok: false, reason: 'malformed' });
    expect(await check('maples river 42')).toEqual({ ok: false, reason: 'malformed' });
    const code = await completionCode(base);
    const [first, second, number] = code.split('-');
    const other = `${first}-${second}-${number === '10' ? 11 : Number(number) - 1}`;
    expect(await check(other)).toEqual({ ok: false, reason: 'no-match' });
    expect(await check(code, { days: [] })).toEqual({ ok: false, reason: 'no-match' });
  });
});

describe('the local day', () => {
  it('is YYYY-MM-DD in the time zone of the device', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localDay(new Date(2026, 11, 31, 0, 0).getTime())).toBe('2026-12-31');
    expect(localDay(new Date(987, 1, 3, 12))).toBe('0987-02-03');
  });

  it('changes at local midnight, not at midnight UTC', () => {
    const beforeMidnight = new Date(2026, 5, 1, 23, 59, 59, 999);
    expect(localDay(beforeMidnight)).toBe('2026-06-01');
    expect(localDay(beforeMidnight.getTime() + 1)).toBe('2026-06-02');
  });
});

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
