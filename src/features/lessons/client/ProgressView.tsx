import { createUniqueId, For, Show } from 'solid-js';
import type { ExerciseState } from '../shared/progress.ts';
import { ActivityChart, count, periodWords } from './ActivityChart.tsx';
import type { ProgressSummary } from './progress-summary.ts';
import './progress.css';

/** "1 h 20 min", "45 min", "less than a minute" (empty for none: no time is not worth a line). */
export function durationWords(ms: number): string {
  if (ms <= 0) return '';
  const minutes = Math.round(ms / 60_000);
  if (minutes === 0) return 'less than a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** "in the last 8 weeks", "today": the period, to end a sentence with. */
function periodPhrase(days: number): string {
  const words = periodWords(days);
  return days <= 1 ? words.toLowerCase() : `in the ${words.toLowerCase()}`;
}

function totalsWords(totals: ProgressSummary['totals']): string {
  const parts = [`${totals.passed} of ${count(totals.total, 'exercise')} passed`];
  if (totals.tried > 0) parts[0] += `, ${totals.tried} tried`;
  const time = durationWords(totals.activeMs);
  if (time) parts.push(`${time} of coding`);
  return parts.join(' · ');
}

/** A pack the learner has done something in: there is something to hand in. */
function worked(pack: ProgressSummary['packs'][number]): boolean {
  return pack.lessons.some((lesson) => lesson.exercises.some((exercise) => exercise.state !== 'not-started'));
}

/** An exercise's state in words, with a symbol so the list can be scanned at a glance. */
function StateText(props: { state: ExerciseState; attempts: number }) {
  const symbol = () => ({ passed: '✓', tried: '•', 'not-started': '○' })[props.state];
  const words = () =>
    props.state === 'passed'
      ? 'Passed'
      : props.state === 'tried'
        ? count(props.attempts, 'try', 'tries')
        : 'Not started';
  return (
    <span class={`progress-state progress-state-${props.state}`}>
      <span aria-hidden="true">{symbol()}</span> {words()}
    </span>
  );
}

/**
 * The learner's dashboard: where to pick up, how far each pack and lesson is, what they did day by day and the
 * errors they met most. `summary` undefined: still loading. Continue calls `onOpenExercise` for its exercise, then
 * `onContinue` (e.g. to close the dashboard).
 */
export function ProgressView(props: {
  summary: ProgressSummary | undefined;
  onOpenExercise: (packId: string, exerciseId: string) => void;
  onContinue?: () => void;
  /** Opens the hand-in for a pack; without it, no pack has a Hand in button. */
  onHandIn?: (packId: string) => void;
}) {
  const titleId = createUniqueId();

  return (
    <section class="progress-view" aria-labelledby={titleId} aria-busy={props.summary ? undefined : true}>
      <h2 id={titleId}>Your progress</h2>
      <Show when={props.summary} fallback={<p class="progress-note">Loading your progress…</p>}>
        {(summary) => (
          <>
            <Show when={summary().continueAt}>
              {(at) => (
                <div class="progress-continue">
                  <button
                    type="button"
                    class="primary"
                    onClick={() => {
                      props.onOpenExercise(at().packId, at().exerciseId);
                      props.onContinue?.();
                    }}
                  >
                    Continue: {at().title}
                  </button>
                  <span class="progress-note">
                    {at().lessonTitle} · {at().packTitle}
                  </span>
                </div>
              )}
            </Show>
            <p class="progress-totals">{totalsWords(summary().totals)}</p>

            <Show when={summary().packs.length > 0} fallback={<p class="progress-note">No lessons here yet.</p>}>
              <For each={summary().packs}>
                {(pack) => (
                  <div class="progress-pack">
                    <div class="progress-pack-head">
                      <h3>
                        {pack.title}{' '}
                        <span class="progress-note">
                          {pack.passed} of {pack.total} passed
                        </span>
                      </h3>
                      <Show when={props.onHandIn && worked(pack)}>
                        <button
                          type="button"
                          class="small"
                          aria-label={`Hand in ${pack.title}`}
                          aria-haspopup="dialog"
                          onClick={() => props.onHandIn?.(pack.id)}
                        >
                          Hand in
                        </button>
                      </Show>
                    </div>
                    <ol class="progress-lessons">
                      <For each={pack.lessons}>
                        {(lesson, i) => {
                          const name = () => `Lesson ${i() + 1}: ${lesson.title}`;
                          return (
                            <li class="progress-lesson">
                              <details>
                                <summary>
                                  <span class="progress-lesson-title">{name()}</span>
                                  <span class="progress-lesson-count" aria-hidden="true">
                                    {lesson.passed}/{lesson.total}
                                  </span>
                                  <span class="visually-hidden">
                                    , {lesson.passed} of {lesson.total} passed
                                  </span>
                                </summary>
                                <Show
                                  when={lesson.exercises.length > 0}
                                  fallback={<p class="progress-note">This lesson has no exercises.</p>}
                                >
                                  <ol class="progress-exercises">
                                    <For each={lesson.exercises}>
                                      {(exercise) => (
                                        <li class="progress-exercise">
                                          <button
                                            type="button"
                                            class="small"
                                            onClick={() => props.onOpenExercise(pack.id, exercise.id)}
                                          >
                                            {exercise.title}
                                          </button>
                                          <StateText state={exercise.state} attempts={exercise.attempts} />
                                        </li>
                                      )}
                                    </For>
                                  </ol>
                                </Show>
                              </details>
                              <progress
                                value={lesson.passed}
                                max={Math.max(1, lesson.total)}
                                aria-label={`${name()}, ${lesson.passed} of ${lesson.total} passed`}
                              />
                            </li>
                          );
                        }}
                      </For>
                    </ol>
                  </div>
                )}
              </For>
            </Show>

            <h3>Activity</h3>
            <ActivityChart activity={summary().activity} />

            <h3>Errors you met most</h3>
            <Show
              when={summary().errors.length > 0}
              fallback={<p class="progress-note">No errors {periodPhrase(summary().activity.length)}.</p>}
            >
              <p class="progress-note">How often each came up {periodPhrase(summary().activity.length)}:</p>
              <ol class="progress-errors">
                <For each={summary().errors}>
                  {(error) => (
                    <li>
                      <span class="progress-error-title">{error.title}</span>
                      <Show when={error.title !== error.type}>
                        {' '}
                        <code>{error.type}</code>
                      </Show>{' '}
                      <span class="progress-error-count">{count(error.count, 'time')}</span>
                    </li>
                  )}
                </For>
              </ol>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
