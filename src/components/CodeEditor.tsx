import { EditorSelection, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { createEffect, on, onCleanup, untrack } from 'solid-js';
import { setErrorLine } from '../editor/error-line.ts';
import { editorExtensions, type EditorCallbacks } from '../editor/extensions.ts';
import type { Project } from '../workspace/project.ts';

/** What the rest of the app may ask of the editor. */
export interface EditorApi {
  /** Shows `file` and puts the cursor at the start of `line` (1-based) and `column`. */
  goTo(file: string, line: number, column?: number): void;
  /** Highlights the error line in `file`, or clears every highlight with null. */
  showError(location: { file: string; line: number } | null): void;
  /** Forgets all editor state (undo history too): the project was replaced. */
  reset(): void;
  focus(): void;
  /** Re-measures after a font size change. */
  remeasure(): void;
}

/** The CodeMirror editor, one EditorState per file so each keeps its own undo history. */
export function CodeEditor(props: {
  project: Project;
  callbacks: Omit<EditorCallbacks, 'onChange'>;
  ref: (api: EditorApi) => void;
  labelledBy: string;
}) {
  const states = new Map<string, EditorState>();
  let shown = untrack(() => props.project.state.active);
  const extensions = editorExtensions({
    // eslint-disable-next-line solid/reactivity -- the callbacks are fixed when the editor is made
    ...props.callbacks,
    onChange: (content) => props.project.setContent(shown, content),
  });

  const stateFor = (file: string): EditorState => {
    let state = states.get(file);
    if (!state) {
      state = EditorState.create({ doc: props.project.content(file) ?? '', extensions });
      states.set(file, state);
    }
    return state;
  };

  const show = (file: string): void => {
    if (file === shown && view.state === states.get(file)) return;
    states.set(shown, view.state);
    shown = file;
    view.setState(stateFor(file));
  };

  // Made at once (not on mount) so the API works as soon as the component exists.
  const view = new EditorView({ state: untrack(() => stateFor(shown)) });
  view.contentDOM.setAttribute(
    'aria-labelledby',
    untrack(() => props.labelledBy),
  );
  onCleanup(() => view.destroy());

  createEffect(
    on(
      () => props.project.state.active,
      (file) => view && show(file),
      { defer: true },
    ),
  );

  // eslint-disable-next-line solid/reactivity -- handing out the API once, like a ref
  props.ref({
    goTo(file, line, column = 1) {
      props.project.setActive(file);
      show(file);
      const doc = view.state.doc;
      const target = doc.line(Math.min(Math.max(1, line), doc.lines));
      const pos = Math.min(target.from + Math.max(0, column - 1), target.to);
      view.dispatch({
        selection: EditorSelection.cursor(pos),
        effects: EditorView.scrollIntoView(pos, { y: 'center' }),
      });
      view.focus();
    },
    showError(location) {
      states.set(shown, view.state);
      for (const [file, state] of states) {
        const line = location && location.file === file ? location.line : null;
        const next = state.update({ effects: setErrorLine.of(line) }).state;
        if (file === shown) view.dispatch({ effects: setErrorLine.of(line) });
        else states.set(file, next);
      }
      if (location && !states.has(location.file) && props.project.content(location.file) !== undefined) {
        states.set(location.file, stateFor(location.file).update({ effects: setErrorLine.of(location.line) }).state);
      }
      if (location?.file === shown) {
        const doc = view.state.doc;
        if (location.line <= doc.lines) {
          view.dispatch({ effects: EditorView.scrollIntoView(doc.line(location.line).from, { y: 'nearest' }) });
        }
      }
    },
    reset() {
      states.clear();
      shown = props.project.state.active;
      view.setState(stateFor(shown));
    },
    focus: () => view.focus(),
    remeasure: () => view.requestMeasure(),
  });

  return (
    <div class="editor-host" id="editor">
      {view.dom}
    </div>
  );
}
