// The learner's dashboard as data: how far each pack and lesson is, what happened on each day, which errors come
// back, and where to pick up. Pure, so the page can recompute it whenever progress or the history changes.
import type { Pack } from '../../../model/lesson.ts';
import explanations from '../../explain/shared/explanations.json';
import { exerciseState, type ActivityRun, type ExerciseProgress, type ExerciseState } from '../shared/progress.ts';

export interface ProgressSummary {
  packs: {
    id: string;
    title: string;
    passed: number;
    total: number;
    lessons: {
      id: string;
      title: string;
      passed: number;
      total: number;
      exercises: { id: string; title: string; state: ExerciseState; attempts: number }[];
    }[];
  }[];
  /** One entry per local calendar day, oldest first, the last `days` days including today (zeros where nothing happened). */
  activity: { day: number /* ms of local midnight */; runs: number; checks: number; passedChecks: number }[];
  /** The errors met most often in the period (from runs' errorType and from checks' errors), top 5, most first. */
  errors: { type: string; title: string; count: number }[];
  /** The exercise opened most recently that is not passed yet (else the most recent one), with where it is. */
  continueAt?: { packId: string; exerciseId: string; title: string; lessonTitle: string; packTitle: string };
  totals: { passed: number; tried: number; total: number; activeMs: number };
}

const DEFAULT_DAYS = 56;
const TOP_ERRORS = 5;

/** Short titles of error types; `match` describes the table for translators and is no type. */
const ERROR_TITLES: Record<string, string> = explanations._titles;

/** A plain title for an exception type, or the type's own name when there is none. */
export function errorTitle(type: string): string {
  return type !== 'match' && Object.hasOwn(ERROR_TITLES, type) ? ERROR_TITLES[type] : type;
}

const key = (packId: string, exerciseId: string) => `${packId}\n${exerciseId}`;

/** Local midnight of the day `time` falls on. */
function midnight(time: number): number {
  const d = new Date(time);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/**
 * One record per exercise. Storage keeps one, but an exercise done in two projects could come as two: then the
 * counts add up and the first and last times are the earliest and latest.
 */
function merge(a: ExerciseProgress, b: ExerciseProgress): ExerciseProgress {
  const min = (x?: number, y?: number) => (x === undefined ? y : y === undefined ? x : Math.min(x, y));
  const max = (x?: number, y?: number) => (x === undefined ? y : y === undefined ? x : Math.max(x, y));
  const latest = b.lastOpenedAt > a.lastOpenedAt ? b : a;
  return {
    ...latest,
    attempts: a.attempts + b.attempts,
    checks: [...a.checks, ...b.checks],
    hintsShown: Math.max(a.hintsShown, b.hintsShown),
    solutionViewedAt: min(a.solutionViewedAt, b.solutionViewedAt),
    firstPassedAt: min(a.firstPassedAt, b.firstPassedAt),
    lastPassedAt: max(a.lastPassedAt, b.lastPassedAt),
    activeMs: a.activeMs + b.activeMs,
    firstOpenedAt: Math.min(a.firstOpenedAt, b.firstOpenedAt),
    lastOpenedAt: Math.max(a.lastOpenedAt, b.lastOpenedAt),
  };
}

export function summariseProgress(input: {
  packs: Pack[];
  progress: ExerciseProgress[];
  runs: ActivityRun[];
  now: number;
  days?: number;
}): ProgressSummary {
  const days = Math.max(1, Math.floor(input.days ?? DEFAULT_DAYS));

  // Where each exercise is: progress for anything not found here (removed from its pack) is left out.
  const places = new Map<
    string,
    { packId: string; exerciseId: string; title: string; lessonTitle: string; packTitle: string }
  >();
  for (const pack of input.packs) {
    for (const lesson of pack.lessons) {
      for (const exercise of lesson.exercises) {
        places.set(key(pack.id, exercise.id), {
          packId: pack.id,
          exerciseId: exercise.id,
          title: exercise.title,
          lessonTitle: lesson.title,
          packTitle: pack.title,
        });
      }
    }
  }
  const progress = new Map<string, ExerciseProgress>();
  for (const p of input.progress) {
    const k = key(p.packId, p.exerciseId);
    if (!places.has(k)) continue;
    const known = progress.get(k);
    progress.set(k, known ? merge(known, p) : p);
  }

  const totals = { passed: 0, tried: 0, total: 0, activeMs: 0 };
  const packs: ProgressSummary['packs'] = input.packs.map((pack) => {
    const lessons = pack.lessons.map((lesson) => {
      const exercises = lesson.exercises.map((exercise) => {
        const p = progress.get(key(pack.id, exercise.id));
        const state = exerciseState(p);
        if (state === 'passed') totals.passed++;
        if (state === 'tried') totals.tried++;
        totals.total++;
        return { id: exercise.id, title: exercise.title, state, attempts: p?.attempts ?? 0 };
      });
      const passed = exercises.filter((e) => e.state === 'passed').length;
      return { id: lesson.id, title: lesson.title, passed, total: exercises.length, exercises };
    });
    return {
      id: pack.id,
      title: pack.title,
      passed: lessons.reduce((n, l) => n + l.passed, 0),
      total: lessons.reduce((n, l) => n + l.total, 0),
      lessons,
    };
  });
  for (const p of progress.values()) totals.activeMs += p.activeMs;

  // Days by calendar date, not by 24-hour steps: a day with a clock change is 23 or 25 hours long.
  const today = new Date(midnight(input.now));
  const activity: ProgressSummary['activity'] = [];
  const dayIndex = new Map<number, number>();
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(today.getFullYear(), today.getMonth(), today.getDate() - i).getTime();
    dayIndex.set(day, activity.length);
    activity.push({ day, runs: 0, checks: 0, passedChecks: 0 });
  }
  /** The day's entry for a time in the period, if it is one (later than now counts as outside). */
  const dayOf = (time: number) => (time <= input.now ? activity[dayIndex.get(midnight(time)) ?? -1] : undefined);

  const errorCounts = new Map<string, number>();
  const countError = (type: string | undefined) => {
    if (type) errorCounts.set(type, (errorCounts.get(type) ?? 0) + 1);
  };
  for (const run of input.runs) {
    const day = dayOf(run.startedAt);
    if (!day) continue;
    day.runs++;
    countError(run.errorType);
  }
  for (const p of progress.values()) {
    for (const check of p.checks) {
      const day = dayOf(check.at);
      if (!day) continue;
      day.checks++;
      if (check.total > 0 && check.passed === check.total) day.passedChecks++;
      for (const type of check.errors) countError(type);
    }
  }
  const errors = [...errorCounts]
    .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
    .slice(0, TOP_ERRORS)
    .map(([type, count]) => ({ type, title: errorTitle(type), count }));

  const recent = [...progress.values()].sort((a, b) => b.lastOpenedAt - a.lastOpenedAt);
  const next = recent.find((p) => exerciseState(p) !== 'passed') ?? recent[0];
  const continueAt = next ? places.get(key(next.packId, next.exerciseId)) : undefined;

  return { packs, activity, errors, ...(continueAt ? { continueAt: { ...continueAt } } : {}), totals };
}
