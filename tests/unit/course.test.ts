// The built-in course, as futurecoder's golden files: every exercise's solution
// passes all its checks and every starter fails at least one, run through the
// real check engine; and the course is a valid pack.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPack } from '../../src/formats/pack.ts';
import type { Exercise, Pack } from '../../src/model/lesson.ts';
import { BUILT_IN_PACK_ID } from '../../src/model/lesson.ts';
import { loadCheckEngine, type TestEngine } from '../support/check-engine.ts';

const bytes = readFileSync(join(import.meta.dirname, '../../src/features/lessons/course/beginners.json'));
const read = readPack(new Uint8Array(bytes));
const course = (read.ok ? read.pack : undefined) as Pack;
const exercises: [string, Exercise][] = course
  ? course.lessons.flatMap((lesson) => lesson.exercises.map((e): [string, Exercise] => [`${lesson.id}/${e.id}`, e]))
  : [];

let engine: TestEngine;
beforeAll(async () => {
  engine = await loadCheckEngine();
}, 60_000);

const filesOf = (list: { name: string; content: string }[]) => Object.fromEntries(list.map((f) => [f.name, f.content]));

describe('the built-in course', () => {
  it('is a valid pack of about 8 lessons and 40 exercises, each with hints and a solution', () => {
    expect(read).toMatchObject({ ok: true });
    expect(course.id).toBe(BUILT_IN_PACK_ID);
    expect(course.lessons.length).toBeGreaterThanOrEqual(8);
    expect(exercises.length).toBeGreaterThanOrEqual(40);
    for (const [, exercise] of exercises) {
      expect(exercise.hints.length).toBeGreaterThanOrEqual(1);
      expect(exercise.hints.length).toBeLessThanOrEqual(3);
      expect(exercise.solution?.length).toBeGreaterThanOrEqual(1);
    }
  });

  it.each(exercises)('%s: the solution passes every check, the starter fails one', (_id, exercise) => {
    const solved = engine.check(
      { ...filesOf(exercise.files), ...filesOf(exercise.solution ?? []) },
      exercise.checks,
      exercise.main,
    );
    const failed = solved.outcomes
      .filter((o) => !o.passed)
      .map((o) => `${o.title}: ${o.message} ${JSON.stringify(o.tests?.filter((t) => !t.passed) ?? '')}`);
    expect(failed).toEqual([]);
    const starter = engine.check(filesOf(exercise.files), exercise.checks, exercise.main);
    expect(starter.passed).toBe(false);
  });
});
