import { createSignal, For, Show } from 'solid-js';
import { fileNameProblem, type Project } from '../workspace/project.ts';

/** Tabs for the project's files, with New file and Delete. Arrow keys move between tabs. */
export function FileTabs(props: { project: Project }) {
  const [adding, setAdding] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  // eslint-disable-next-line solid/reactivity -- a store: reads below stay reactive
  const state = props.project.state;
  let tablist!: HTMLDivElement;

  const onTabKey = (event: KeyboardEvent, index: number) => {
    const files = state.files;
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % files.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + files.length) % files.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = files.length - 1;
    if (next < 0) return;
    event.preventDefault();
    props.project.setActive(files[next].name);
    (tablist.querySelectorAll('[role="tab"]')[next] as HTMLElement | undefined)?.focus();
  };

  const create = (box: HTMLInputElement) => {
    const name = box.value;
    const why = fileNameProblem(name, state.files);
    setProblem(why);
    if (why) return;
    props.project.addFile(name);
    setAdding(false);
  };

  const remove = () => {
    const name = state.active;
    if (name === state.main) return;
    if (confirm(`Delete ${name}? This cannot be undone yet.`)) props.project.removeFile(name);
  };

  return (
    <div class="file-bar">
      <div ref={tablist} role="tablist" aria-label="Files" class="tabs">
        <For each={state.files}>
          {(file, index) => (
            <button
              type="button"
              role="tab"
              id={`tab-${file.name}`}
              class="tab"
              aria-selected={state.active === file.name}
              aria-controls="editor"
              tabindex={state.active === file.name ? 0 : -1}
              onClick={() => props.project.setActive(file.name)}
              onKeyDown={(e) => onTabKey(e, index())}
            >
              {file.name}
              <Show when={file.name === state.main}>
                <span class="main-badge" title="Run starts this file">
                  {' '}
                  (main)
                </span>
              </Show>
            </button>
          )}
        </For>
      </div>
      <Show
        when={adding()}
        fallback={
          <button type="button" class="small" onClick={() => (setProblem(undefined), setAdding(true))}>
            New file
          </button>
        }
      >
        <form
          class="new-file"
          onSubmit={(e) => {
            e.preventDefault();
            create(e.currentTarget.elements.namedItem('name') as HTMLInputElement);
          }}
        >
          <input
            name="name"
            aria-label="New file name"
            placeholder="helper.py"
            autocomplete="off"
            spellcheck={false}
            aria-invalid={problem() ? 'true' : undefined}
            aria-describedby="new-file-problem"
            ref={(el) => queueMicrotask(() => el.focus())}
            onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), setAdding(false))}
          />
          <button type="submit" class="small">
            Create
          </button>
          <button type="button" class="small" onClick={() => setAdding(false)}>
            Cancel
          </button>
          <span id="new-file-problem" class="field-problem" role="alert">
            {problem()}
          </span>
        </form>
      </Show>
      <Show when={state.active !== state.main}>
        <button type="button" class="small" onClick={remove}>
          Delete {state.active}
        </button>
      </Show>
    </div>
  );
}
