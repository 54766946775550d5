import { createMemo, createSignal, createUniqueId, For, Index, Show } from 'solid-js';
import type { Authoring } from './authoring.ts';
import { ClassSetup } from './ClassSetup.tsx';
import { ExerciseEditor } from './ExerciseEditor.tsx';
import { FieldProblems, TextField } from './fields.tsx';

/**
 * A pack being written: its own fields and class, its lessons and their exercises (an outline to pick one from,
 * move and remove), the exercise picked, and Export.
 */
export function PackEditor(props: { authoring: Authoring }) {
  const a = () => props.authoring;
  const pack = () => a().pack()!;
  const [picked, setPicked] = createSignal<string | undefined>();
  const outlineId = createUniqueId();
  const problemsId = createUniqueId();

  /** The exercise shown: the one picked, or the first (when the picked one was removed, say). */
  const exercise = createMemo(() => {
    const all = pack().lessons.flatMap((l) => l.exercises);
    return all.find((e) => e.id === picked()) ?? all[0];
  });
  // The editor is made again only for another exercise, not for each change to this one (focus stays put).
  const exerciseId = createMemo(() => exercise()?.id);
  const packProblems = (field: string) =>
    a()
      .problems()
      .filter((p) => !p.place.lessonId && p.place.field === field)
      .map((p) => p.message);
  const otherPackProblems = () =>
    a()
      .problems()
      .filter(
        (p) =>
          !p.place.lessonId && !['title', 'author', 'language', 'description', 'class'].includes(p.place.field ?? ''),
      )
      .map((p) => p.message);
  const lessonProblems = (lessonId: string) =>
    a()
      .problems()
      .filter((p) => p.place.lessonId === lessonId && !p.place.exerciseId)
      .map((p) => p.message);
  const exerciseProblemCount = (exerciseId: string) =>
    a()
      .problems()
      .filter((p) => p.place.exerciseId === exerciseId).length;

  return (
    <div class="teach-editor">
      <div class="teach-editor-side">
        <fieldset class="teach-pack-fields">
          <legend>Pack</legend>
          <TextField
            label="Title"
            value={pack().title}
            onInput={(title) => a().updatePack({ title })}
            problems={packProblems('title')}
          />
          <TextField
            label="Author"
            value={pack().author}
            onInput={(author) => a().updatePack({ author })}
            problems={packProblems('author')}
          />
          <TextField
            label="Language"
            help="A language tag, e.g. en, fr or pt-BR."
            class="teach-short"
            value={pack().language}
            onInput={(language) => a().updatePack({ language })}
            problems={packProblems('language')}
          />
          <TextField
            label="Description"
            help="A sentence learners see with the pack (Markdown)."
            rows={2}
            value={pack().description ?? ''}
            onInput={(description) => a().updatePack({ description })}
            problems={packProblems('description')}
          />
          <p class="teach-help">
            <Show when={a().current()?.exportedRevision} fallback="Not handed out yet.">
              {(revision) =>
                `Version ${revision()} was handed out last; the next export makes version ${revision() + 1}.`
              }
            </Show>
          </p>
        </fieldset>
        <ClassSetup
          classes={a().classes()}
          current={pack().class}
          problems={packProblems('class')}
          onChoose={(id) => a().chooseClass(id)}
          onCreate={(fields) => void a().createClass(fields)}
          onUpdate={(patch) => void a().updateClass(patch)}
        />

        <nav class="teach-outline" aria-labelledby={outlineId}>
          <h3 id={outlineId}>Lessons and exercises</h3>
          <ol class="teach-lessons">
            <Index each={pack().lessons}>
              {(lesson, li) => (
                <li class="teach-lesson">
                  <TextField
                    label={`Lesson ${li + 1} title`}
                    value={lesson().title}
                    onInput={(title) => a().updateLesson(lesson().id, { title })}
                  />
                  <FieldProblems id={`${outlineId}-${li}`} messages={lessonProblems(lesson().id)} />
                  <div class="teach-item-tools">
                    <button
                      type="button"
                      class="small"
                      disabled={li === 0}
                      aria-label={`Move lesson ${li + 1} up`}
                      onClick={() => a().moveLesson(lesson().id, -1)}
                    >
                      <span aria-hidden="true">↑</span>
                    </button>
                    <button
                      type="button"
                      class="small"
                      disabled={li === pack().lessons.length - 1}
                      aria-label={`Move lesson ${li + 1} down`}
                      onClick={() => a().moveLesson(lesson().id, 1)}
                    >
                      <span aria-hidden="true">↓</span>
                    </button>
                    <button
                      type="button"
                      class="small"
                      aria-label={`Remove lesson ${li + 1}`}
                      onClick={() => a().removeLesson(lesson().id)}
                    >
                      Remove
                    </button>
                  </div>
                  <details class="teach-lesson-page">
                    <summary>Lesson page</summary>
                    <TextField
                      label={`Page of lesson ${li + 1}`}
                      help="Markdown read before the exercises (optional)."
                      rows={6}
                      value={lesson().page ?? ''}
                      onInput={(page) => a().updateLesson(lesson().id, { page })}
                    />
                  </details>
                  <ol class="teach-exercises">
                    <For each={lesson().exercises}>
                      {(e, ei) => (
                        <li classList={{ 'teach-exercise-current': exercise()?.id === e.id }}>
                          <button
                            type="button"
                            class="teach-pick"
                            aria-current={exercise()?.id === e.id ? 'true' : undefined}
                            onClick={() => setPicked(e.id)}
                          >
                            {e.title || 'Untitled exercise'}
                            <Show when={exerciseProblemCount(e.id) > 0}>
                              <span class="teach-badge"> ({exerciseProblemCount(e.id)} to fix)</span>
                            </Show>
                          </button>
                          <div class="teach-item-tools">
                            <button
                              type="button"
                              class="small"
                              disabled={li === 0 && ei() === 0}
                              aria-label={`Move ${e.title || 'exercise'} up`}
                              onClick={() => a().moveExercise(e.id, -1)}
                            >
                              <span aria-hidden="true">↑</span>
                            </button>
                            <button
                              type="button"
                              class="small"
                              disabled={li === pack().lessons.length - 1 && ei() === lesson().exercises.length - 1}
                              aria-label={`Move ${e.title || 'exercise'} down`}
                              onClick={() => a().moveExercise(e.id, 1)}
                            >
                              <span aria-hidden="true">↓</span>
                            </button>
                            <button
                              type="button"
                              class="small"
                              aria-label={`Remove ${e.title || 'exercise'}`}
                              onClick={() => a().removeExercise(e.id)}
                            >
                              Remove
                            </button>
                          </div>
                        </li>
                      )}
                    </For>
                  </ol>
                  <button type="button" class="small" onClick={() => setPicked(a().addExercise(lesson().id))}>
                    Add an exercise to lesson {li + 1}
                  </button>
                </li>
              )}
            </Index>
          </ol>
          <button type="button" onClick={() => a().addLesson()}>
            Add a lesson
          </button>
        </nav>
      </div>

      <div class="teach-editor-main">
        <section class="teach-summary" aria-labelledby={problemsId}>
          <h3 id={problemsId} class="visually-hidden">
            Ready to hand out?
          </h3>
          <p role="status" class="teach-status">
            {a().problems().length === 0
              ? 'Ready to hand out.'
              : `${a().problems().length} ${a().problems().length === 1 ? 'thing' : 'things'} to fix before you can hand it out.`}
          </p>
          <FieldProblems id={`${problemsId}-list`} messages={otherPackProblems()} />
          <button type="button" class="primary" onClick={() => void a().exportPack()}>
            Export and hand out
          </button>
        </section>
        <Show when={exerciseId()} keyed>
          {(id) => (
            <ExerciseEditor
              authoring={a()}
              exercise={
                pack()
                  .lessons.flatMap((l) => l.exercises)
                  .find((x) => x.id === id) ?? exercise()!
              }
              problems={a()
                .problems()
                .filter((p) => p.place.exerciseId === id)}
            />
          )}
        </Show>
      </div>
    </div>
  );
}
