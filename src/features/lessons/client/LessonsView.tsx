import { createUniqueId, For, Show } from 'solid-js';
import type { ExerciseState } from '../shared/progress.ts';
import { Markdown } from './Markdown.tsx';
import './lessons.css';

/** What the course list needs of a pack: its lessons and exercises with the learner's state of each. */
export interface PackOutline {
  id: string;
  title: string;
  author: string;
  builtIn: boolean;
  /** Markdown. */
  description?: string;
  lessons: {
    id: string;
    title: string;
    exercises: { id: string; title: string; state: ExerciseState; attempts: number }[];
  }[];
}

/** The files a pack may come in: the `.pypack` archive, a zip renamed by a mail program, or its JSON. */
export const PACK_FILE_TYPES = '.pypack,.zip,.json';

/** "✓ Passed", "• Tried (2 tries)", "○ Not started": the symbol for the eye, the words for everyone. */
function StateText(props: { id: string; state: ExerciseState; attempts: number }) {
  const symbol = () => ({ passed: '✓', tried: '•', 'not-started': '○' })[props.state];
  const words = () =>
    props.state === 'passed'
      ? 'Passed'
      : props.state === 'tried'
        ? `Tried (${props.attempts} ${props.attempts === 1 ? 'try' : 'tries'})`
        : 'Not started';
  return (
    <span class={`lessons-state lessons-state-${props.state}`}>
      <span aria-hidden="true">{symbol()}</span> <span id={props.id}>{words()}</span>
    </span>
  );
}

/**
 * The courses: each pack with its lessons and their exercises, the learner's state of each, and a way to open a
 * pack a teacher shared. Picking an exercise, opening a file and removing a pack are handed to the parent (which
 * reads the file, and asks before removing).
 */
export function LessonsView(props: {
  packs: PackOutline[];
  loading?: boolean;
  currentExercise?: { packId: string; exerciseId: string };
  onOpenExercise(packId: string, exerciseId: string): void;
  onOpenPackFile(files: File[]): void;
  onRemovePack(packId: string): void;
}) {
  const titleId = createUniqueId();
  let fileInput!: HTMLInputElement;

  const isCurrent = (packId: string, exerciseId: string) =>
    props.currentExercise?.packId === packId && props.currentExercise.exerciseId === exerciseId;

  return (
    <section class="lessons-view" aria-labelledby={titleId} aria-busy={props.loading ? true : undefined}>
      <h2 id={titleId}>Lessons</h2>
      <div class="lessons-open">
        <button type="button" onClick={() => fileInput.click()}>
          Open lesson pack
        </button>
        <input
          ref={fileInput}
          type="file"
          accept={PACK_FILE_TYPES}
          multiple
          hidden
          tabindex="-1"
          onChange={(event) => {
            const input = event.currentTarget;
            const files = [...(input.files ?? [])];
            // Cleared, so choosing the same file again (after fixing it, say) still counts as a change.
            input.value = '';
            if (files.length > 0) props.onOpenPackFile(files);
          }}
        />
        <p class="lessons-note">
          A teacher can share a lesson pack as a file or as a link. Open a file here; a link opens by itself.
        </p>
      </div>

      <Show
        when={!props.loading}
        fallback={
          <p class="lessons-note" role="status">
            Loading lessons…
          </p>
        }
      >
        <Show when={props.packs.length > 0} fallback={<p class="lessons-note">No lessons here yet.</p>}>
          <For each={props.packs}>
            {(pack) => {
              const packTitleId = createUniqueId();
              return (
                <article class="lessons-pack" aria-labelledby={packTitleId}>
                  <div class="lessons-pack-head">
                    <h3 id={packTitleId}>{pack.title}</h3>
                    <Show when={!pack.builtIn}>
                      <button
                        type="button"
                        class="small"
                        aria-label={`Remove pack ${pack.title}`}
                        onClick={() => props.onRemovePack(pack.id)}
                      >
                        Remove
                      </button>
                    </Show>
                  </div>
                  <p class="lessons-note">by {pack.author}</p>
                  <Show when={pack.description}>
                    {(description) => <Markdown source={description()} class="lessons-description" />}
                  </Show>
                  <Show when={pack.lessons.length > 0} fallback={<p class="lessons-note">This pack has no lessons.</p>}>
                    <div class="lessons-grid">
                      <For each={pack.lessons}>
                        {(lesson, i) => (
                          <div class="lessons-lesson">
                            <h4>
                              Lesson {i() + 1}: {lesson.title}
                            </h4>
                            <Show
                              when={lesson.exercises.length > 0}
                              fallback={<p class="lessons-note">This lesson has no exercises.</p>}
                            >
                              <ol class="lessons-exercises">
                                <For each={lesson.exercises}>
                                  {(exercise) => {
                                    const stateId = createUniqueId();
                                    const current = () => isCurrent(pack.id, exercise.id);
                                    return (
                                      <li classList={{ 'lessons-exercise': true, 'lessons-current': current() }}>
                                        <button
                                          type="button"
                                          class="lessons-exercise-button"
                                          aria-current={current() ? 'true' : undefined}
                                          aria-describedby={stateId}
                                          onClick={() => props.onOpenExercise(pack.id, exercise.id)}
                                        >
                                          {exercise.title}
                                        </button>
                                        <StateText id={stateId} state={exercise.state} attempts={exercise.attempts} />
                                        <Show when={current()}>
                                          <span class="lessons-here" aria-hidden="true">
                                            Open now
                                          </span>
                                        </Show>
                                      </li>
                                    );
                                  }}
                                </For>
                              </ol>
                            </Show>
                          </div>
                        )}
                      </For>
                    </div>
                  </Show>
                </article>
              );
            }}
          </For>
        </Show>
      </Show>
    </section>
  );
}
