import { createMemo, createSignal, For, Show } from 'solid-js';
import { fileNameWarning } from '../workspace/names.ts';
import { STDLIB_MODULES } from '../workspace/stdlib-modules.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { MenuButton, type MenuEntry } from './Menu.tsx';
import { VirtualList } from './VirtualList.tsx';

/** Rows are taller where fingers point (44 px touch targets). */
const rowHeight = () => (matchMedia('(pointer: coarse)').matches ? 44 : 30);

type Form =
  | { kind: 'new-file' }
  | { kind: 'rename-file'; path: string }
  | { kind: 'new-project' }
  | { kind: 'rename-project' }
  | undefined;

const FORM_TEXT = {
  'new-file': { label: 'New file name', submit: 'Create' },
  'rename-file': { label: '', submit: 'Rename' },
  'new-project': { label: 'Name of the new project', submit: 'Create project' },
  'rename-project': { label: 'New project name', submit: 'Rename' },
} as const;

/**
 * The project side panel: which project is open (and the others), its files
 * (a virtualised list, so a thousand files cost nothing), and what can be done
 * with them. The actions a beginner needs (choose a file, New file, History)
 * are buttons; the rest sit in a project menu and a file menu.
 */
export function ProjectPanel(props: {
  workspace: Workspace;
  onImport: (files: File[]) => void;
  onExportProject: () => void;
  onDownloadFile: (path: string) => void;
  onHistory: () => void;
  onTrash: () => void;
  /**
   * The learner picked a file to work on (clicked it, created it), or did something whose result (and
   * Undo offer) shows in the editor and the page: on small screens the panel makes way.
   */
  onFileChosen: (how: 'picked' | 'created') => void;
}) {
  // eslint-disable-next-line solid/reactivity -- the workspace lives as long as the panel
  const ws = props.workspace;
  const state = ws.state;
  const [form, setForm] = createSignal<Form>();
  const [problem, setProblem] = createSignal<string>();
  const [warning, setWarning] = createSignal<string>();
  /** The name the learner was warned about: submitting it again goes ahead. */
  let warnedFor: string | undefined;
  const [focused, setFocused] = createSignal(0);
  const ROW_HEIGHT = rowHeight();
  let picker!: HTMLInputElement;
  let list!: HTMLDivElement;

  const files = createMemo(() => state.files.map((f) => f.name));
  const current = () => state.active;

  const openForm = (next: Form) => {
    setProblem(undefined);
    setWarning(undefined);
    warnedFor = undefined;
    setForm(next);
  };

  const isFileForm = (f: Form) => f?.kind === 'new-file' || f?.kind === 'rename-file';

  const checkName = (value: string) => {
    if (!isFileForm(form())) return;
    const unchanged = form()?.kind === 'rename-file' && value === (form() as { path: string }).path;
    setWarning(unchanged ? undefined : fileNameWarning(value, STDLIB_MODULES));
  };

  const submit = async (value: string) => {
    const f = form();
    let why: string | undefined;
    if (isFileForm(f)) {
      const warn = fileNameWarning(value, STDLIB_MODULES);
      const unchanged = f?.kind === 'rename-file' && value === f.path;
      if (warn && !unchanged && warnedFor !== value) {
        // Never silently: the learner sees why the name may not do what they expect, and may go ahead.
        warnedFor = value;
        setWarning(warn);
        setProblem(undefined);
        return;
      }
    }
    if (f?.kind === 'new-file') why = await ws.addFile(value);
    else if (f?.kind === 'rename-file') why = await ws.renameFile(f.path, value);
    else if (f?.kind === 'rename-project') why = await ws.renameProject(value);
    else if (f?.kind === 'new-project') why = await ws.newProject(value);
    setProblem(why);
    if (why) return;
    setForm(undefined);
    if (f?.kind === 'new-file' || f?.kind === 'new-project') props.onFileChosen('created');
  };

  const pick = (index: number) => {
    const path = files()[index];
    if (!path) return;
    setFocused(index);
    ws.setActive(path);
    props.onFileChosen('picked');
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
      pick(focused());
      return;
    } else return;
    event.preventDefault();
    setFocused(next);
    const top = next * ROW_HEIGHT;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + ROW_HEIGHT > list.scrollTop + list.clientHeight)
      list.scrollTop = top + ROW_HEIGHT - list.clientHeight;
  };

  /** Once an action is done, the panel makes way for its result (and its Undo offer). */
  const after = (action: Promise<unknown>) => {
    const done = props.onFileChosen;
    void action.then(() => done('picked'));
  };

  const projectMenu = (): MenuEntry[] => [
    { label: 'New project', onSelect: () => openForm({ kind: 'new-project' }), disabled: !ws.storage },
    { label: 'Rename project', onSelect: () => openForm({ kind: 'rename-project' }) },
    {
      label: 'Duplicate project',
      onSelect: () => after(ws.duplicateProject()),
      disabled: !ws.storage,
    },
    'separator',
    { label: 'Import files', onSelect: () => picker.click() },
    { label: 'Export .zip', onSelect: () => props.onExportProject() },
    'separator',
    { label: 'Trash', onSelect: () => props.onTrash(), disabled: !ws.storage },
    {
      label: 'Delete project',
      onSelect: () => after(ws.deleteProject()),
      disabled: !state.projectId,
      danger: true,
    },
  ];

  const fileMenu = (): MenuEntry[] => {
    const path = current();
    const isMain = path === state.main;
    const binary = ws.isBinary(path);
    return [
      { label: 'Rename', name: `Rename ${path}`, onSelect: () => openForm({ kind: 'rename-file', path }) },
      {
        label: 'Duplicate',
        name: `Duplicate ${path}`,
        onSelect: () => after(ws.duplicateFile(path)),
      },
      {
        label: 'Set as main',
        name: `Set ${path} as main`,
        onSelect: () => void ws.setMain(path),
        disabled: isMain || binary,
        hint: isMain ? 'This is already the file Run starts' : 'Run starts a Python file, and this one is not text',
      },
      { label: 'Download', name: `Download ${path}`, onSelect: () => props.onDownloadFile(path) },
      'separator',
      {
        label: 'Delete',
        name: `Delete ${path}`,
        onSelect: () => after(ws.deleteFile(path)),
        disabled: isMain,
        hint: 'The main file cannot be deleted: make another file main first',
        danger: true,
      },
    ];
  };

  const formLabel = (f: NonNullable<Form>) =>
    f.kind === 'rename-file' ? `New name for ${f.path}` : FORM_TEXT[f.kind].label;
  const formValue = (f: NonNullable<Form>) =>
    f.kind === 'rename-file'
      ? f.path
      : f.kind === 'rename-project'
        ? state.projectName
        : f.kind === 'new-project'
          ? 'Untitled project'
          : '';

  const renderForm = (kinds: NonNullable<Form>['kind'][]) => (
    <Show when={form() && kinds.includes(form()!.kind) && form()}>
      {(f) => (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit((e.currentTarget.elements.namedItem('value') as HTMLInputElement).value);
          }}
        >
          <label>
            <span>{formLabel(f())}</span>
            <input
              name="value"
              autocomplete="off"
              autocapitalize="off"
              spellcheck={false}
              value={formValue(f())}
              placeholder={f().kind === 'new-file' ? 'helper.py' : ''}
              aria-invalid={problem() ? 'true' : undefined}
              aria-describedby="panel-problem panel-warning"
              ref={(el) => queueMicrotask(() => (el.focus(), el.select()))}
              onInput={(e) => checkName(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), e.stopPropagation(), setForm(undefined))}
            />
          </label>
          <button type="submit" class="small primary">
            {warning() && warnedFor !== undefined ? `${FORM_TEXT[f().kind].submit} anyway` : FORM_TEXT[f().kind].submit}
          </button>
          <button type="button" class="small" onClick={() => setForm(undefined)}>
            Cancel
          </button>
          <span id="panel-problem" class="field-problem" role="alert">
            {problem()}
          </span>
          <span id="panel-warning" class="field-warning" aria-live="polite">
            {warning()}
          </span>
        </form>
      )}
    </Show>
  );

  return (
    <nav class="project-panel" aria-label="Project">
      <div class="project-row">
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
        <MenuButton label="Project menu" items={projectMenu()} align="end">
          Project <span aria-hidden="true">▾</span>
        </MenuButton>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          aria-label="Choose files to import"
          onChange={(e) => {
            props.onImport([...(e.currentTarget.files ?? [])]);
            e.currentTarget.value = '';
          }}
        />
      </div>
      {renderForm(['new-project', 'rename-project'])}

      <div class="files-head">
        <h3 id="files-title">Files</h3>
        <button type="button" class="small primary" onClick={() => openForm({ kind: 'new-file' })}>
          New file
        </button>
      </div>
      {renderForm(['new-file'])}
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
            onClick={() => pick(index)}
          >
            <span class="file-name">{path}</span>
            <Show when={path === state.main}>
              <span class="main-badge"> (main)</span>
            </Show>
          </div>
        )}
      />
      <p class="bar-note files-count" aria-hidden="true">
        {files().length} {files().length === 1 ? 'file' : 'files'}
      </p>
      {renderForm(['rename-file'])}
      <div class="panel-actions">
        <MenuButton label={`Actions for ${current()}`} items={fileMenu()}>
          <span class="menu-file-name">{current()}</span> <span aria-hidden="true">▾</span>
        </MenuButton>
        <button type="button" class="small" onClick={() => props.onHistory()} disabled={!ws.storage}>
          History
        </button>
      </div>
    </nav>
  );
}
