import { children, createEffect, createUniqueId, For, on, Show, type JSX } from 'solid-js';
import type { CheckReport, Exercise } from '../../../model/lesson.ts';
import { exerciseState, type ExerciseProgress } from '../shared/progress.ts';
import { CheckResults } from './CheckResults.tsx';
import { Markdown } from './Markdown.tsx';
import './lessons.css';

/** "1 time", "3 times". */
function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Tried 3 times · passed ✓", "Not tried yet". */
function progressWords(progress: ExerciseProgress): { tried: string; passed: boolean } {
  const tried = progress.attempts > 0 ? `Tried ${plural(progress.attempts, 'time')}` : 'Not tried yet';
  return { tried, passed: exerciseState(progress) === 'passed' };
}

/**
 * An exercise beside the editor (below it on a phone): where it is in the course, the lesson page, the
 * instructions, Check and its results, hints one at a time, the solution once it opens, and the way to the
 * exercises around it. It renders and forwards intent: the parent checks, records and confirms.
 *
 * `position.index` counts from 0 ("Exercise 1 of 5" is index 0). `triesUntilSolution`: presses of Check left
 * before the solution opens, or 'never' (the pack keeps it hidden).
 */
export function ExercisePanel(props: {
  packTitle: string;
  lessonTitle: string;
  lessonPage?: string;
  exercise: Exercise;
  position: { index: number; total: number };
  progress: ExerciseProgress | undefined;
  report: CheckReport | undefined;
  checking: boolean;
  pythonReady: boolean;
  hintsShown: number;
  solutionUnlocked: boolean;
  triesUntilSolution: number | 'never';
  solutionShown: boolean;
  onCheck(): void;
  onShowHint(): void;
  onShowSolution(): void;
  onUseSolution(): void;
  onReset(): void;
  onCopyCode(code: string): void;
  onPrevious?(): void;
  onNext?(): void;
  onAllLessons(): void;
  /** Shown under the check results when given (a completion code for the teacher, once the exercise passed). */
  completion?: JSX.Element;
}) {
  const titleId = createUniqueId();
  const hintsId = createUniqueId();
  const solutionId = createUniqueId();
  let hintList: HTMLOListElement | undefined;
  let solutionHeading: HTMLHeadingElement | undefined;
  // Set by the buttons that disappear or move once pressed, so focus goes to what they revealed.
  let focusNewHint = false;
  let focusSolution = false;

  const hintsTotal = () => props.exercise.hints.length;
  const shownHints = () => props.exercise.hints.slice(0, Math.max(0, Math.min(props.hintsShown, hintsTotal())));
  const hintsLeft = () => hintsTotal() - shownHints().length;
  const solution = () => props.exercise.solution ?? [];
  const copy = (code: string) => props.onCopyCode(code);
  // Resolved once: reading the prop again would make its component again, and a slot that renders nothing (the
  // exercise not passed yet) leaves no empty box.
  const completion = children(() => props.completion);

  createEffect(
    on(
      () => shownHints().length,
      () => {
        if (!focusNewHint) return;
        focusNewHint = false;
        const last = hintList?.lastElementChild as HTMLElement | null | undefined;
        last?.focus();
      },
      { defer: true },
    ),
  );
  createEffect(
    on(
      () => props.solutionShown,
      (shown) => {
        if (!shown || !focusSolution) return;
        focusSolution = false;
        solutionHeading?.focus();
      },
      { defer: true },
    ),
  );

  return (
    <aside class="exercise-panel" aria-labelledby={titleId}>
      <div class="exercise-crumbs">
        <button type="button" class="small" onClick={() => props.onAllLessons()}>
          <span aria-hidden="true">← </span>All lessons
        </button>
        <span class="exercise-crumb-path">
          {props.packTitle}
          <span aria-hidden="true"> › </span>
          <span class="visually-hidden">, </span>
          {props.lessonTitle}
        </span>
      </div>

      <header class="exercise-head">
        <h2 id={titleId}>{props.exercise.title}</h2>
        <p class="exercise-note">
          Exercise {props.position.index + 1} of {props.position.total}
          <Show when={props.progress}>
            {(progress) => (
              <>
                {' · '}
                {progressWords(progress()).tried}
                <Show when={progressWords(progress()).passed}>
                  {' · '}
                  <span class="exercise-passed">
                    passed <span aria-hidden="true">✓</span>
                  </span>
                </Show>
              </>
            )}
          </Show>
        </p>
      </header>

      <Show when={props.lessonPage}>
        {(page) => (
          <details class="exercise-lesson-page">
            <summary>About this lesson</summary>
            <Markdown source={page()} onCopyCode={copy} />
          </details>
        )}
      </Show>

      <Markdown source={props.exercise.instructions} onCopyCode={copy} label="Instructions" class="exercise-text" />

      <div class="exercise-check">
        <button
          type="button"
          class="primary"
          aria-label="Check"
          disabled={props.checking || !props.pythonReady}
          onClick={() => props.onCheck()}
        >
          {props.checking ? 'Checking…' : 'Check'}
        </button>
        <Show when={!props.pythonReady && !props.checking}>
          <span class="exercise-note">Python is getting ready…</span>
        </Show>
      </div>
      <CheckResults report={props.report} checking={props.checking} checks={props.exercise.checks} />
      <Show when={completion()}>
        <div class="exercise-completion">{completion()}</div>
      </Show>

      <Show when={hintsTotal() > 0}>
        <section class="exercise-part" aria-labelledby={hintsId}>
          <h3 id={hintsId}>Hints</h3>
          <Show when={shownHints().length > 0}>
            <ol class="exercise-hints" ref={hintList}>
              <For each={shownHints()}>
                {(hint) => (
                  <li tabindex="-1">
                    <Markdown source={hint} onCopyCode={copy} />
                  </li>
                )}
              </For>
            </ol>
          </Show>
          <Show when={hintsLeft() > 0}>
            <button
              type="button"
              class="small"
              onClick={() => {
                focusNewHint = true;
                props.onShowHint();
              }}
            >
              Show a hint ({hintsLeft()} of {hintsTotal()} left)
            </button>
          </Show>
        </section>
      </Show>

      <Show when={solution().length > 0 && (props.triesUntilSolution !== 'never' || props.solutionUnlocked)}>
        <section class="exercise-part" aria-labelledby={solutionId}>
          <h3 id={solutionId} tabindex="-1" ref={solutionHeading}>
            Solution
          </h3>
          <Show
            when={props.solutionUnlocked}
            fallback={
              <p class="exercise-note">
                The solution opens after{' '}
                {typeof props.triesUntilSolution === 'number'
                  ? plural(props.triesUntilSolution, 'more try', 'more tries')
                  : ''}
                .
              </p>
            }
          >
            <Show
              when={props.solutionShown}
              fallback={
                <button
                  type="button"
                  class="small"
                  onClick={() => {
                    focusSolution = true;
                    props.onShowSolution();
                  }}
                >
                  Show the solution
                </button>
              }
            >
              <p class="exercise-note">One way to solve it. Compare it with yours before you use it.</p>
              <For each={solution()}>
                {(file) => (
                  <figure class="exercise-solution-file">
                    <figcaption>{file.name}</figcaption>
                    <pre tabindex="0">
                      <code>{file.content}</code>
                    </pre>
                  </figure>
                )}
              </For>
              <button type="button" class="small" onClick={() => props.onUseSolution()}>
                Use the solution
              </button>
            </Show>
          </Show>
        </section>
      </Show>

      <div class="exercise-actions">
        <button type="button" class="small" onClick={() => props.onReset()}>
          Reset to starter
        </button>
        <Show when={props.onPrevious || props.onNext}>
          <nav class="exercise-nav" aria-label="Exercises">
            <Show when={props.onPrevious}>
              <button type="button" class="small" onClick={() => props.onPrevious?.()}>
                <span aria-hidden="true">← </span>Previous exercise
              </button>
            </Show>
            <Show when={props.onNext}>
              <button type="button" class="small" onClick={() => props.onNext?.()}>
                Next exercise<span aria-hidden="true"> →</span>
              </button>
            </Show>
          </nav>
        </Show>
      </div>
    </aside>
  );
}
