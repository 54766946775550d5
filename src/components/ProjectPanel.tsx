import { createMemo, createSignal, For, Show } from 'solid-js';
import type { Workspace } from '../workspace/workspace.ts';
import { VirtualList } from './VirtualList.tsx';

const ROW_HEIGHT = 30;

type Form = { kind: 'new-file' } | { kind: 'rename-file'; path: string } | { kind: 'rename-project' } | undefined;

/**
 * The project side panel: which project is open (and the others), its files
 * (a virtualised list, so a thousand files cost nothing), and what can be done
 * with them. Import and export live here too.
 */
export function ProjectPanel(props: {
  workspace: Workspace;
  onImport: (files: File[]) => void;
  onExportProject: () => void;
  onDownloadFile: (path: string) => void;
  onHistory: () => void;
  onTrash: () => void;
}) {
  // eslint-disable-next-line solid/reactivity -- the workspace lives as long as the panel
  const ws = props.workspace;
  const state = ws.state;
  const [form, setForm] = createSignal<Form>();
  const [problem, setProblem] = createSignal<string>();
  const [focused, setFocused] = createSignal(0);
  let picker!: HTMLInputElement;
  let list!: HTMLDivElement;

  const files = createMemo(() => state.files.map((f) => f.name));

  const openForm = (next: Form) => {
    setProblem(undefined);
    setForm(next);
  };

  const submit = async (value: string) => {
    const f = form();
    let why: string | undefined;
    if (f?.kind === 'new-file') why = await ws.addFile(value);
    else if (f?.kind === 'rename-file') why = await ws.renameFile(f.path, value);
    else if (f?.kind === 'rename-project') why = await ws.renameProject(value);
    setProblem(why);
    if (!why) setForm(undefined);
  };

  const onListKey = (event: KeyboardEvent) => {
    const count = files().length;
    let next = focused();
    if (event.key === 'ArrowDown') next = Math.min(count - 1, next + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, next - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      ws.setActive(files()[focused()]);
      return;
    } else return;
    event.preventDefault();
    setFocused(next);
    const top = next * ROW_HEIGHT;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + ROW_HEIGHT > list.scrollTop + list.clientHeight)
      list.scrollTop = top + ROW_HEIGHT - list.clientHeight;
  };

  const current = () => state.active;

  return (
    <nav class="project-panel" aria-label="Project">
      <div class="project-switch">
        <label for="project-select" class="visually-hidden">
          Project
        </label>
        <select
          id="project-select"
          value={state.projectId ?? ''}
          onChange={(e) => void ws.openProject(e.currentTarget.value)}
          disabled={!ws.storage}
        >
          <Show when={!state.projectId}>
            <option value="">{state.projectName}</option>
          </Show>
          <For each={state.projects}>{(p) => <option value={p.id}>{p.name}</option>}</For>
        </select>
      </div>
      <div class="panel-actions" role="group" aria-label="Project actions">
        <button type="button" class="small" onClick={() => void ws.newProject()} disabled={!ws.storage}>
          New project
        </button>
        <button type="button" class="small" onClick={() => openForm({ kind: 'rename-project' })}>
          Rename project
        </button>
        <button type="button" class="small" onClick={() => void ws.duplicateProject()} disabled={!ws.storage}>
          Duplicate project
        </button>
        <button type="button" class="small" onClick={() => void ws.deleteProject()} disabled={!state.projectId}>
          Delete project
        </button>
        <button type="button" class="small" onClick={() => picker.click()}>
          Import files
        </button>
        <button type="button" class="small" onClick={() => props.onExportProject()}>
          Export .zip
        </button>
        <button type="button" class="small" onClick={() => props.onHistory()} disabled={!ws.storage}>
          History
        </button>
        <button type="button" class="small" onClick={() => props.onTrash()} disabled={!ws.storage}>
          Trash
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          accept=".py,.txt,.csv,.json,.md,.tsv,.xml,.html,.css,.js,.zip,text/*"
          aria-label="Choose files to import"
          onChange={(e) => {
            props.onImport([...(e.currentTarget.files ?? [])]);
            e.currentTarget.value = '';
          }}
        />
      </div>

      <div class="files-head">
        <h3 id="files-title">Files</h3>
        <button type="button" class="small" onClick={() => openForm({ kind: 'new-file' })}>
          New file
        </button>
      </div>
      <VirtualList
        ref={(el) => (list = el)}
        role="listbox"
        label="Files"
        class="file-list"
        count={files().length}
        rowHeight={ROW_HEIGHT}
        item={(i) => files()[i]}
        activeDescendant={`file-option-${focused()}`}
        onKeyDown={onListKey}
        row={(path, index) => (
          <div
            id={`file-option-${index}`}
            role="option"
            aria-selected={path === state.active}
            class="file-option"
            classList={{ focused: index === focused(), main: path === state.main }}
            onClick={() => {
              setFocused(index);
              if (path) ws.setActive(path);
            }}
          >
            <span class="file-name">{path}</span>
            <Show when={path === state.main}>
              <span class="main-badge"> (main)</span>
            </Show>
          </div>
        )}
      />
      <div class="panel-actions" role="group" aria-label={`Actions for ${current()}`}>
        <button
          type="button"
          class="small"
          aria-label={`Rename ${current()}`}
          onClick={() => openForm({ kind: 'rename-file', path: current() })}
        >
          Rename
        </button>
        <button
          type="button"
          class="small"
          aria-label={`Duplicate ${current()}`}
          onClick={() => void ws.duplicateFile(current())}
        >
          Duplicate
        </button>
        <button
          type="button"
          class="small"
          aria-label={`Delete ${current()}`}
          title={current() === state.main ? 'The main file cannot be deleted: make another file main first' : undefined}
          onClick={() => void ws.deleteFile(current())}
          disabled={current() === state.main}
        >
          Delete
        </button>
        <button
          type="button"
          class="small"
          aria-label={`Set ${current()} as main`}
          onClick={() => void ws.setMain(current())}
          disabled={current() === state.main}
        >
          Set as main
        </button>
        <button
          type="button"
          class="small"
          aria-label={`Download ${current()}`}
          onClick={() => props.onDownloadFile(current())}
        >
          Download
        </button>
      </div>

      <Show when={form()}>
        {(f) => (
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit((e.currentTarget.elements.namedItem('value') as HTMLInputElement).value);
            }}
          >
            <label>
              <span>
                {f().kind === 'new-file'
                  ? 'New file name'
                  : f().kind === 'rename-project'
                    ? 'New project name'
                    : `New name for ${(f() as { path: string }).path}`}
              </span>
              <input
                name="value"
                autocomplete="off"
                spellcheck={false}
                value={
                  f().kind === 'rename-file'
                    ? (f() as { path: string }).path
                    : f().kind === 'rename-project'
                      ? state.projectName
                      : ''
                }
                placeholder={f().kind === 'new-file' ? 'helper.py' : ''}
                aria-invalid={problem() ? 'true' : undefined}
                aria-describedby="panel-problem"
                ref={(el) => queueMicrotask(() => (el.focus(), el.select()))}
                onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), setForm(undefined))}
              />
            </label>
            <button type="submit" class="small">
              {f().kind === 'new-file' ? 'Create' : 'Rename'}
            </button>
            <button type="button" class="small" onClick={() => setForm(undefined)}>
              Cancel
            </button>
            <span id="panel-problem" class="field-problem" role="alert">
              {problem()}
            </span>
          </form>
        )}
      </Show>
      <p class="bar-note files-count" aria-hidden="true">
        {files().length} {files().length === 1 ? 'file' : 'files'}
      </p>
    </nav>
  );
}
