import { createResource, createSignal, createUniqueId, For, Show } from 'solid-js';
import type { Pack } from '../../../model/lesson.ts';
import { checkName, NAME_MAX, type HandIn } from './hand-in.ts';
import './handin.css';

/** What the completion code uses of the hand-in controller. */
export type CompletionSource = Pick<HandIn, 'completionCode' | 'loadName' | 'nameFor' | 'setName'>;

/**
 * The completion code of a passed exercise, for a teacher who has no time for files: shown once the exercise has
 * passed in a pack handed to a class. The code is made with the learner's name, so without a name yet it asks for
 * it first. `passedAt`: the exercise's latest pass (undefined: not passed; a new pass can make a new code).
 */
export function CompletionCode(props: {
  source: CompletionSource;
  pack: Pack;
  exerciseId: string;
  passedAt: number | undefined;
}) {
  // eslint-disable-next-line solid/reactivity -- the controller lives as long as the app
  const source = props.source;
  const fieldId = createUniqueId();
  const listId = createUniqueId();
  const errorId = createUniqueId();
  const [typed, setTyped] = createSignal('');
  const [error, setError] = createSignal<string | undefined>();

  const classInfo = () => props.pack.class;
  const shown = () => classInfo()?.secret !== undefined && props.passedAt !== undefined;
  const pickName = () => classInfo()?.pickName === true && (classInfo()?.learners?.length ?? 0) > 0;

  const [loaded] = createResource(
    () => (shown() ? props.pack : undefined),
    (pack) => source.loadName(pack),
  );
  /** The name for this class: undefined while it is read, '' when there is none yet. */
  const name = () => (loaded.loading ? undefined : (source.nameFor(props.pack) ?? loaded.latest));

  const [code] = createResource(
    () => {
      const learner = name();
      return shown() && learner
        ? { pack: props.pack, exerciseId: props.exerciseId, at: props.passedAt, learner }
        : false;
    },
    (key) => source.completionCode(key.pack, key.exerciseId),
  );

  const day = () =>
    props.passedAt === undefined ? '' : new Date(props.passedAt).toLocaleDateString(undefined, { dateStyle: 'long' });

  async function giveName(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const checked = checkName(classInfo(), typed());
    if (!checked.ok) {
      setError(checked.error);
      (e.currentTarget as HTMLFormElement | null)?.querySelector<HTMLElement>(`[id="${fieldId}"]`)?.focus();
      return;
    }
    setError(undefined);
    await source.setName(props.pack, checked.name);
  }

  return (
    <Show when={shown()}>
      <section class="completion" aria-label="Completion code">
        <Show when={name() === ''}>
          <form class="completion-name" onSubmit={(e) => void giveName(e)}>
            <p>Give your name to get a completion code for your teacher.</p>
            <div class="field">
              <label for={fieldId}>Your name</label>
              <Show
                when={pickName()}
                fallback={
                  <>
                    <input
                      id={fieldId}
                      type="text"
                      autocomplete="name"
                      maxLength={NAME_MAX}
                      list={classInfo()?.learners?.length ? listId : undefined}
                      value={typed()}
                      aria-invalid={error() ? true : undefined}
                      aria-describedby={error() ? errorId : undefined}
                      onInput={(e) => setTyped(e.currentTarget.value)}
                    />
                    <Show when={classInfo()?.learners?.length}>
                      <datalist id={listId}>
                        <For each={classInfo()?.learners}>{(learner) => <option value={learner} />}</For>
                      </datalist>
                    </Show>
                  </>
                }
              >
                <select
                  id={fieldId}
                  aria-invalid={error() ? true : undefined}
                  aria-describedby={error() ? errorId : undefined}
                  onChange={(e) => setTyped(e.currentTarget.value)}
                >
                  <option value="">Choose your name…</option>
                  <For each={classInfo()?.learners}>{(learner) => <option value={learner}>{learner}</option>}</For>
                </select>
              </Show>
              <button type="submit" class="small">
                Show my code
              </button>
            </div>
            <p id={errorId} class="hand-in-error" role="alert">
              {error() ?? ''}
            </p>
          </form>
        </Show>
        <div aria-live="polite">
          <Show when={code.latest}>
            {(value) => (
              <>
                <p class="completion-line">
                  Completion code: <strong class="completion-code">{value()}</strong>
                </p>
                <p class="completion-note">Show or read this to your teacher.</p>
              </>
            )}
          </Show>
        </div>
        <Show when={code.latest}>
          <details class="completion-about">
            <summary>What does this code prove?</summary>
            <p>
              That the app on this device ran the checks for this exercise and they passed on {day()}, under the name{' '}
              {name()}. It does not prove who wrote the code or who typed it. Someone who knows how the codes are made
              could make one without passing, so it is a quick sign, not proof.
            </p>
          </details>
        </Show>
      </section>
    </Show>
  );
}
