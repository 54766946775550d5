import { createSignal, createUniqueId, For, Show } from 'solid-js';
import type { ClassInfo, TeacherClass } from '../../../model/classroom.ts';
import { CheckboxField, FieldProblems } from './fields.tsx';
import { parseLearners } from './pack-edit.ts';

// Not a possible class id (ids have no colon). Not a NUL either: the HTML parser turns one in a template into U+FFFD.
const NEW = ':new';
const NONE = '';

/**
 * The class this pack is handed to: none, one made before, or a new one (a name, the learners' names one a line,
 * and whether learners pick their name from the list). A class's secret for completion codes is made once, when
 * the class is made, and never shown.
 */
export function ClassSetup(props: {
  classes: TeacherClass[];
  current: ClassInfo | undefined;
  problems?: string[];
  onChoose(classId: string | undefined): void;
  onCreate(fields: { name: string; learners?: string[]; pickName?: boolean }): void;
  onUpdate(patch: { name?: string; learners?: string[]; pickName?: boolean }): void;
}) {
  const selectId = createUniqueId();
  const nameId = createUniqueId();
  const listId = createUniqueId();
  const [making, setMaking] = createSignal(false);
  const [name, setName] = createSignal('');
  const [list, setList] = createSignal('');
  const [pick, setPick] = createSignal(false);

  const chosen = () => (making() ? NEW : (props.current?.id ?? NONE));
  const create = (event: SubmitEvent) => {
    event.preventDefault();
    const learners = parseLearners(list());
    if (!name().trim()) return;
    props.onCreate({ name: name().trim(), learners, pickName: pick() && learners.length > 0 });
    setMaking(false);
    setName('');
    setList('');
    setPick(false);
  };

  return (
    <fieldset class="teach-class">
      <legend>Class</legend>
      <div class="teach-field">
        <label for={selectId}>Hand this pack to</label>
        <select
          id={selectId}
          value={chosen()}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setMaking(value === NEW);
            if (value !== NEW) props.onChoose(value === NONE ? undefined : value);
          }}
        >
          <option value={NONE}>No class (anyone)</option>
          <For each={props.classes}>{(c) => <option value={c.id}>{c.name}</option>}</For>
          <Show when={props.current && !props.classes.some((c) => c.id === props.current?.id)}>
            <option value={props.current!.id}>{props.current!.name}</option>
          </Show>
          <option value={NEW}>A new class…</option>
        </select>
      </div>
      <FieldProblems id={`${selectId}-problems`} messages={props.problems ?? []} />

      <Show when={making()}>
        <form class="teach-class-form" onSubmit={create}>
          <div class="teach-field">
            <label for={nameId}>Class name</label>
            <input
              id={nameId}
              type="text"
              required
              maxLength={100}
              value={name()}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </div>
          <div class="teach-field">
            <label for={listId}>Learners (optional)</label>
            <span class="teach-help" id={`${listId}-help`}>
              One name a line.
            </span>
            <textarea
              id={listId}
              rows={6}
              aria-describedby={`${listId}-help`}
              value={list()}
              onInput={(e) => setList(e.currentTarget.value)}
            />
          </div>
          <CheckboxField
            label="Learners pick their name from the list"
            help="No typing mistakes in their reports."
            checked={pick()}
            onChange={setPick}
          />
          <div class="teach-row">
            <button type="submit" class="primary">
              Make the class
            </button>
            <button type="button" onClick={() => setMaking(false)}>
              Cancel
            </button>
          </div>
        </form>
      </Show>

      <Show when={!making() && props.current}>
        {(info) => (
          <div class="teach-class-form">
            <div class="teach-field">
              <label for={nameId}>Class name</label>
              <input
                id={nameId}
                type="text"
                maxLength={100}
                value={info().name}
                onChange={(e) => {
                  const value = e.currentTarget.value.trim();
                  if (value) props.onUpdate({ name: value });
                }}
              />
            </div>
            <div class="teach-field">
              <label for={listId}>Learners</label>
              <span class="teach-help" id={`${listId}-help`}>
                One name a line. Saved when you leave the box.
              </span>
              <textarea
                id={listId}
                rows={6}
                aria-describedby={`${listId}-help`}
                value={(info().learners ?? []).join('\n')}
                onChange={(e) => props.onUpdate({ learners: parseLearners(e.currentTarget.value) })}
              />
            </div>
            <CheckboxField
              label="Learners pick their name from the list"
              help="No typing mistakes in their reports."
              checked={info().pickName === true}
              onChange={(on) => props.onUpdate({ pickName: on })}
            />
          </div>
        )}
      </Show>
    </fieldset>
  );
}
