import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACK_FORMAT, PACK_FORMAT_VERSION, type Pack } from '../../../model/lesson.ts';
import explanations from '../../explain/shared/explanations.json';
import type { ActivityRun, ExerciseProgress } from '../shared/progress.ts';
import { summariseProgress } from './progress-summary.ts';

// A zone with clock changes, so that days are counted by date and not by 24-hour steps.
const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Paris';
});
afterAll(() => {
  process.env.TZ = zone;
});

/** A pack from lesson ids and their exercise ids; titles are made from the ids. */
function pack(id: string, lessons: Record<string, string[]>): Pack {
  return {
    format: PACK_FORMAT,
    version: PACK_FORMAT_VERSION,
    id,
    title: `Pack ${id}`,
    author: 'Test',
    language: 'en',
    lessons: Object.entries(lessons).map(([lessonId, exercises]) => ({
      id: lessonId,
      title: `Lesson ${lessonId}`,
      exercises: exercises.map((exerciseId) => ({
        id: exerciseId,
        title: `Exercise ${exerciseId}`,
        instructions: '',
        files: [{ name: 'main.py', content: '' }],
        main: 'main.py',
        hints: [],
        checks: [],
      })),
    })),
  };
}

const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();

function progress(
  packId: string,
  exerciseId: string,
  fields: Partial<ExerciseProgress> & { lastOpenedAt?: number } = {},
): ExerciseProgress {
  return {
    packId,
    exerciseId,
    lessonId: 'l',
    attempts: 0,
    checks: [],
    hintsShown: 0,
    activeMs: 0,
    firstOpenedAt: fields.lastOpenedAt ?? 0,
    lastOpenedAt: 0,
    ...fields,
  };
}

const check = (time: number, passed: number, total: number, errors: string[] = []) => ({
  at: time,
  passed,
  total,
  failed: [],
  errors,
});

describe('summariseProgress', () => {
  it('gives each exercise its state and counts passed ones per lesson, pack and in all', () => {
    const now = at(2025, 5, 20);
    const summary = summariseProgress({
      packs: [pack('p', { one: ['a', 'b', 'c'], two: ['d', 'e'] }), pack('q', { three: ['f'] })],
      progress: [
        progress('p', 'a', { attempts: 3, firstPassedAt: now - 1000, lastOpenedAt: now - 1000, activeMs: 60_000 }),
        progress('p', 'b', { attempts: 2, lastOpenedAt: now - 2000, activeMs: 30_000 }),
        progress('p', 'c', { attempts: 0, lastOpenedAt: now - 3000, activeMs: 5_000 }),
        progress('p', 'e', { attempts: 1, firstPassedAt: now - 4000, lastOpenedAt: now - 4000 }),
        progress('q', 'f', { attempts: 4, lastOpenedAt: now - 5000, activeMs: 1_000 }),
      ],
      runs: [],
      now,
    });
    const [p, q] = summary.packs;
    expect(p.lessons[0].exercises).toEqual([
      { id: 'a', title: 'Exercise a', state: 'passed', attempts: 3 },
      { id: 'b', title: 'Exercise b', state: 'tried', attempts: 2 },
      { id: 'c', title: 'Exercise c', state: 'not-started', attempts: 0 },
    ]);
    expect(p.lessons[1].exercises.map((e) => e.state)).toEqual(['not-started', 'passed']);
    expect(p.lessons.map((l) => [l.id, l.title, l.passed, l.total])).toEqual([
      ['one', 'Lesson one', 1, 3],
      ['two', 'Lesson two', 1, 2],
    ]);
    expect([p.passed, p.total, q.passed, q.total]).toEqual([2, 5, 0, 1]);
    expect(summary.totals).toEqual({ passed: 2, tried: 2, total: 6, activeMs: 96_000 });
  });

  it('ignores progress for exercises no longer in a pack, and for packs not given', () => {
    const now = at(2025, 5, 20);
    const summary = summariseProgress({
      packs: [pack('p', { one: ['a'] })],
      progress: [
        progress('p', 'a', { attempts: 1, lastOpenedAt: now - 10_000, activeMs: 1000 }),
        progress('p', 'gone', {
          attempts: 5,
          firstPassedAt: now - 100,
          lastOpenedAt: now - 100,
          activeMs: 9000,
          checks: [check(now - 100, 0, 1, ['KeyError'])],
        }),
        progress('other', 'a', {
          attempts: 2,
          lastOpenedAt: now - 50,
          activeMs: 7000,
          checks: [check(now - 50, 1, 1)],
        }),
      ],
      runs: [],
      now,
    });
    expect(summary.totals).toEqual({ passed: 0, tried: 1, total: 1, activeMs: 1000 });
    expect(summary.packs[0].lessons[0].exercises[0]).toMatchObject({ state: 'tried', attempts: 1 });
    expect(summary.errors).toEqual([]);
    expect(summary.activity.reduce((n, d) => n + d.checks, 0)).toBe(0);
    expect(summary.continueAt?.exerciseId).toBe('a');
    expect(summary.continueAt?.packId).toBe('p');
  });

  it('has one entry per local day, oldest first, ending today, 56 by default', () => {
    const now = at(2025, 4, 2, 9, 30); // a few days after the clocks went forward (30 March in Paris)
    const summary = summariseProgress({ packs: [], progress: [], runs: [], now });
    expect(summary.activity).toHaveLength(56);
    const last = new Date(summary.activity[55].day);
    expect([last.getFullYear(), last.getMonth(), last.getDate(), last.getHours(), last.getMinutes()]).toEqual([
      2025, 3, 2, 0, 0,
    ]);
    for (let i = 1; i < summary.activity.length; i++) {
      const before = new Date(summary.activity[i - 1].day);
      const day = new Date(summary.activity[i].day);
      expect(day.getHours()).toBe(0);
      // The next calendar date, whatever the length of the day in between.
      const expected = new Date(before.getFullYear(), before.getMonth(), before.getDate() + 1);
      expect(day.getTime()).toBe(expected.getTime());
    }
    expect(summary.activity.every((d) => d.runs === 0 && d.checks === 0 && d.passedChecks === 0)).toBe(true);
    expect(summariseProgress({ packs: [], progress: [], runs: [], now, days: 7 }).activity).toHaveLength(7);
  });

  it('puts what happened just before and just after local midnight on different days', () => {
    const now = at(2025, 3, 31, 8); // the night of 29 to 30 March 2025 is 23 hours long in Paris
    const lastMoment = new Date(2025, 2, 29, 23, 59, 59, 999).getTime();
    const firstMoment = new Date(2025, 2, 30, 0, 0, 0, 0).getTime();
    expect(new Date(2025, 2, 31).getTime() - firstMoment, 'the test runs in a zone with a clock change').toBe(
      23 * 3_600_000,
    );
    const runs: ActivityRun[] = [
      { startedAt: lastMoment, status: 'ok' },
      { startedAt: firstMoment, status: 'ok' },
      { startedAt: firstMoment + 60_000, status: 'error', errorType: 'NameError' },
      { startedAt: now, status: 'ok' },
      { startedAt: now + 3_600_000, status: 'ok' }, // later than now: not counted
      { startedAt: at(2025, 3, 27), status: 'ok' }, // before the period
    ];
    const summary = summariseProgress({
      packs: [pack('p', { one: ['a'] })],
      progress: [
        progress('p', 'a', {
          attempts: 2,
          lastOpenedAt: now,
          checks: [check(lastMoment - 1000, 2, 3), check(firstMoment + 1000, 3, 3), check(firstMoment + 2000, 0, 0)],
        }),
      ],
      runs,
      now,
      days: 3,
    });
    const byDate = summary.activity.map((d) => [new Date(d.day).getDate(), d.runs, d.checks, d.passedChecks]);
    expect(byDate).toEqual([
      [29, 1, 1, 0],
      [30, 2, 2, 1],
      [31, 1, 0, 0],
    ]);
  });

  it('names the five errors met most in the period, from runs and checks together, with their titles', () => {
    const now = at(2025, 6, 10);
    const day = 86_400_000;
    const runs: ActivityRun[] = [
      ...Array.from({ length: 3 }, () => ({ startedAt: now - day, status: 'error', errorType: 'TypeError' })),
      { startedAt: now - 2 * day, status: 'error', errorType: 'NameError' },
      { startedAt: now - 2 * day, status: 'interrupted', errorType: 'KeyboardInterrupt' },
      { startedAt: now - 2 * day, status: 'error', errorType: 'WobblyError' },
      { startedAt: now - 2 * day, status: 'error', errorType: 'WobblyError' },
      { startedAt: now - 3 * day, status: 'error', errorType: 'IndexError' },
      { startedAt: now - 3 * day, status: 'ok' },
      // Long ago: outside the eight weeks, so it does not count however often it happened.
      ...Array.from({ length: 9 }, () => ({ startedAt: now - 70 * day, status: 'error', errorType: 'KeyError' })),
    ];
    const summary = summariseProgress({
      packs: [pack('p', { one: ['a'] })],
      progress: [
        progress('p', 'a', {
          attempts: 3,
          lastOpenedAt: now,
          checks: [
            check(now - day, 0, 2, ['NameError', 'NameError']),
            check(now - day, 1, 2, ['NameError', 'ValueError']),
            check(now - 80 * day, 0, 2, ['KeyError']),
          ],
        }),
      ],
      runs,
      now,
    });
    const titles = explanations._titles as Record<string, string>;
    expect(summary.errors).toEqual([
      { type: 'NameError', title: titles.NameError, count: 4 },
      { type: 'TypeError', title: titles.TypeError, count: 3 },
      { type: 'WobblyError', title: 'WobblyError', count: 2 },
      // Ties in count come in alphabetical order, so the list does not jump about between visits.
      { type: 'IndexError', title: titles.IndexError, count: 1 },
      { type: 'KeyboardInterrupt', title: titles.KeyboardInterrupt, count: 1 },
    ]);
    expect(titles.NameError).not.toBe('NameError');
    expect(summary.errors.some((e) => e.type === 'ValueError' || e.type === 'KeyError')).toBe(false);
  });

  it('continues at the most recently opened exercise not passed yet, else at the most recent one', () => {
    const now = at(2025, 6, 10);
    const packs = [pack('p', { one: ['a', 'b'] }), pack('q', { two: ['c'] })];
    const opened = [
      progress('p', 'a', { attempts: 1, lastOpenedAt: now - 3000 }),
      progress('q', 'c', { attempts: 2, lastOpenedAt: now - 2000 }),
      progress('p', 'b', { attempts: 1, firstPassedAt: now - 1000, lastOpenedAt: now - 1000 }),
    ];
    expect(summariseProgress({ packs, progress: opened, runs: [], now }).continueAt).toEqual({
      packId: 'q',
      exerciseId: 'c',
      title: 'Exercise c',
      lessonTitle: 'Lesson two',
      packTitle: 'Pack q',
    });

    const allPassed = opened.map((p) => ({ ...p, firstPassedAt: p.lastOpenedAt }));
    expect(summariseProgress({ packs, progress: allPassed, runs: [], now }).continueAt).toMatchObject({
      packId: 'p',
      exerciseId: 'b',
    });

    expect(summariseProgress({ packs, progress: [], runs: [], now }).continueAt).toBeUndefined();
  });
});
