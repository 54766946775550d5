import { createSignal, createUniqueId, For, Index, Show } from 'solid-js';
import type { CheckKind, Exercise, LessonFile } from '../../../model/lesson.ts';
import { Markdown } from '../../lessons/client/Markdown.tsx';
import { DEFAULT_SOLUTION_AFTER } from '../../lessons/client/lessons.ts';
import type { Authoring, FileList } from './authoring.ts';
import { CHECK_KIND_NAMES, CheckEditor } from './CheckEditor.tsx';
import { CheckRunResults } from './CheckRunResults.tsx';
import { CheckboxField, FieldProblems, NumberField, TextField } from './fields.tsx';
import type { Problem } from './pack-edit.ts';

const KINDS = Object.keys(CHECK_KIND_NAMES) as CheckKind[];

/** Up, down and remove for an item of a list, named after the item so each button says what it acts on. */
function ItemTools(props: {
  name: string;
  first: boolean;
  last: boolean;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}) {
  return (
    <div class="teach-item-tools">
      <button
        type="button"
        class="small"
        disabled={props.first}
        aria-label={`Move ${props.name} up`}
        onClick={() => props.onMove(-1)}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        class="small"
        disabled={props.last}
        aria-label={`Move ${props.name} down`}
        onClick={() => props.onMove(1)}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <button type="button" class="small" aria-label={`Remove ${props.name}`} onClick={() => props.onRemove()}>
        Remove
      </button>
    </div>
  );
}

/** The starter files or the solution's: each a name and its text, in a small code box. */
function FilesEditor(props: { authoring: Authoring; exercise: Exercise; list: FileList; problems: Problem[] }) {
  const files = (): LessonFile[] => props.exercise[props.list] ?? [];
  const heading = () => (props.list === 'files' ? 'Starter files' : 'Solution');
  const at = (index: number, field: string) =>
    props.problems
      .filter((p) => p.place.part?.list === props.list && p.place.part.index === index && p.place.field === field)
      .map((p) => p.message);
  const mainName = createUniqueId();
  return (
    <fieldset class="teach-files">
      <legend>{heading()}</legend>
      <Show when={props.list === 'solution'}>
        <p class="teach-help">
          Files that replace or add to the starter files. Learners may see them after a few tries.
        </p>
      </Show>
      <Index each={files()}>
        {(file, index) => (
          <div class="teach-file">
            <div class="teach-file-head">
              <TextField
                label={`${props.list === 'files' ? 'Starter' : 'Solution'} file ${index + 1} name`}
                code
                value={file().name}
                onInput={(name) => props.authoring.renameFile(props.exercise.id, props.list, index, name)}
                problems={at(index, 'name')}
              />
              <Show when={props.list === 'files'}>
                <div class="teach-field teach-checkbox">
                  <input
                    type="radio"
                    name={mainName}
                    id={`${mainName}-${index}`}
                    checked={props.exercise.main === file().name}
                    onChange={() => props.authoring.updateExercise(props.exercise.id, { main: file().name })}
                  />
                  <label for={`${mainName}-${index}`}>Main file (Run starts it)</label>
                </div>
              </Show>
              <button
                type="button"
                class="small"
                aria-label={`Remove ${file().name || `file ${index + 1}`}`}
                onClick={() => props.authoring.removeFile(props.exercise.id, props.list, index)}
              >
                Remove
              </button>
            </div>
            <TextField
              label={`Text of ${file().name || `file ${index + 1}`}`}
              class="teach-file-text"
              rows={Math.min(14, Math.max(4, file().content.split('\n').length + 1))}
              code
              value={file().content}
              onInput={(content) => props.authoring.setFileContent(props.exercise.id, props.list, index, content)}
              problems={at(index, 'content')}
            />
          </div>
        )}
      </Index>
      <button type="button" onClick={() => props.authoring.addFile(props.exercise.id, props.list)}>
        {props.list === 'files' ? 'Add a starter file' : 'Add a solution file'}
      </button>
    </fieldset>
  );
}

/**
 * One exercise: its title, instructions (with a preview), starter files, solution, hints and checks, and the
 * buttons that run the checks on the solution and on the starter code.
 */
export function ExerciseEditor(props: { authoring: Authoring; exercise: Exercise; problems: Problem[] }) {
  const a = () => props.authoring;
  const id = () => props.exercise.id;
  const [preview, setPreview] = createSignal(false);
  const [newKind, setNewKind] = createSignal<CheckKind>('output');
  const kindId = createUniqueId();
  const own = (field: string) =>
    props.problems.filter((p) => !p.place.part && p.place.field === field).map((p) => p.message);
  const general = () =>
    props.problems
      .filter((p) => !p.place.part && !['title', 'instructions', 'main', 'solutionAfter'].includes(p.place.field ?? ''))
      .map((p) => p.message);
  const checkProblems = (index: number) =>
    props.problems.filter((p) => p.place.part?.list === 'checks' && p.place.part.index === index);
  const hintProblems = (index: number) =>
    props.problems.filter((p) => p.place.part?.list === 'hints' && p.place.part.index === index).map((p) => p.message);
  const runs = () => a().runsFor(id());
  const runningHere = () => (a().running()?.exerciseId === id() ? a().running()?.target : undefined);

  return (
    <section class="teach-exercise" aria-label={`Exercise: ${props.exercise.title || 'untitled'}`}>
      <FieldProblems id={`${id()}-problems`} messages={general()} />
      <TextField
        label="Exercise title"
        value={props.exercise.title}
        onInput={(title) => a().updateExercise(id(), { title })}
        problems={own('title')}
      />
      <div class="teach-instructions" classList={{ 'teach-previewing': preview() }}>
        <div class="teach-instructions-head">
          <button
            type="button"
            class="small teach-preview-toggle"
            aria-pressed={preview()}
            onClick={() => setPreview(!preview())}
          >
            Preview
          </button>
        </div>
        <TextField
          label="Instructions"
          help="Markdown: **bold**, `code`, lists, and ```python blocks learners can copy."
          class="teach-instructions-text"
          rows={10}
          value={props.exercise.instructions}
          onInput={(instructions) => a().updateExercise(id(), { instructions })}
          problems={own('instructions')}
        />
        <div class="teach-preview">
          <span class="teach-preview-label" aria-hidden="true">
            Preview
          </span>
          <Markdown source={props.exercise.instructions} label="Preview of the instructions" class="teach-markdown" />
        </div>
      </div>

      <FilesEditor authoring={a()} exercise={props.exercise} list="files" problems={props.problems} />
      <FieldProblems id={`${id()}-main-problems`} messages={own('main')} />
      <FilesEditor authoring={a()} exercise={props.exercise} list="solution" problems={props.problems} />
      <div class="teach-row">
        <NumberField
          label="Tries before the solution can be shown"
          help={`Empty: ${DEFAULT_SOLUTION_AFTER}.`}
          whole
          min={0}
          value={typeof props.exercise.solutionAfter === 'number' ? props.exercise.solutionAfter : undefined}
          onChange={(n) => a().updateExercise(id(), { solutionAfter: n })}
          problems={own('solutionAfter')}
        />
        <CheckboxField
          label="Never show the solution"
          checked={props.exercise.solutionAfter === 'never'}
          onChange={(never) => a().updateExercise(id(), { solutionAfter: never ? 'never' : undefined })}
        />
      </div>

      <fieldset class="teach-hints">
        <legend>Hints</legend>
        <p class="teach-help">Shown one at a time, when a learner asks (Markdown).</p>
        <Index each={props.exercise.hints}>
          {(hint, index) => (
            <div class="teach-item">
              <TextField
                label={`Hint ${index + 1}`}
                rows={2}
                value={hint()}
                onInput={(text) => a().setHint(id(), index, text)}
                problems={hintProblems(index)}
              />
              <ItemTools
                name={`hint ${index + 1}`}
                first={index === 0}
                last={index === props.exercise.hints.length - 1}
                onMove={(delta) => a().moveHint(id(), index, delta)}
                onRemove={() => a().removeHint(id(), index)}
              />
            </div>
          )}
        </Index>
        <button type="button" onClick={() => a().addHint(id())}>
          Add a hint
        </button>
      </fieldset>

      <fieldset class="teach-checks">
        <legend>Checks</legend>
        <Index each={props.exercise.checks}>
          {(check, index) => (
            <div class="teach-check">
              <div class="teach-check-head">
                <h4>
                  Check {index + 1}: {CHECK_KIND_NAMES[check().kind]}
                </h4>
                <ItemTools
                  name={`check ${index + 1}`}
                  first={index === 0}
                  last={index === props.exercise.checks.length - 1}
                  onMove={(delta) => a().moveCheck(id(), index, delta)}
                  onRemove={() => a().removeCheck(id(), index)}
                />
              </div>
              <CheckEditor
                check={check()}
                problems={checkProblems(index)}
                onChange={(c) => a().setCheck(id(), index, c)}
              />
            </div>
          )}
        </Index>
        <div class="teach-add-check">
          <label for={kindId}>Kind of check</label>
          <select id={kindId} value={newKind()} onChange={(e) => setNewKind(e.currentTarget.value as CheckKind)}>
            <For each={KINDS}>{(kind) => <option value={kind}>{CHECK_KIND_NAMES[kind]}</option>}</For>
          </select>
          <button type="button" onClick={() => a().addCheck(id(), newKind())}>
            Add the check
          </button>
        </div>
      </fieldset>

      <div class="teach-run-buttons">
        <button
          type="button"
          class="primary"
          disabled={a().running() !== undefined}
          onClick={() => void a().runChecks(id(), 'solution')}
        >
          Run checks on the solution
        </button>
        <button
          type="button"
          disabled={a().running() !== undefined}
          onClick={() => void a().runChecks(id(), 'starter')}
        >
          Run checks on the starter
        </button>
        <Show when={runningHere()}>
          <button type="button" class="danger" onClick={() => a().stopChecks()}>
            Stop
          </button>
        </Show>
      </div>
      <CheckRunResults solution={runs().solution} starter={runs().starter} running={runningHere()} />
    </section>
  );
}
