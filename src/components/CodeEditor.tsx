import { EditorSelection, EditorState, type StateEffect } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { createEffect, createMemo, on, onCleanup, untrack } from 'solid-js';
import { setErrorLine } from '../editor/error-line.ts';
import {
  editorExtensions,
  readOnly,
  remoteChange,
  textSize,
  textSizeTheme,
  wrapping,
  type EditorCallbacks,
} from '../editor/extensions.ts';
import type { Workspace } from '../workspace/workspace.ts';

/** What the rest of the app may ask of the editor. */
export interface EditorApi {
  /** Shows `file` and puts the cursor at the start of `line` (1-based) and `column`. */
  goTo(file: string, line: number, column?: number): void;
  /** Highlights the error line in `file`, or clears every highlight with null. */
  showError(location: { file: string; line: number } | null): void;
  /** Replaces a file's text that changed elsewhere (another tab, a run), keeping the cursor near where it was. */
  replaceContent(file: string, content: string): void;
  /** Forgets all editor state (undo history too): another project was opened. */
  reset(): void;
  /** Lets the learner type (once the project is loaded). */
  setEditable(editable: boolean): void;
  focus(): void;
  /**
   * Puts `text` where the cursor is in the file shown (replacing a selection), on a line of its own, and
   * focuses the editor; one undo step takes it out again. False when no text file is shown.
   */
  insertText(text: string): boolean;
  /** Shows code at `px` pixels (A+ / A−). */
  setTextSize(px: number): void;
  /** Long lines wrap (true) or scroll sideways. */
  setWrap(wrap: boolean): void;
}

/** The CodeMirror editor, one EditorState per file so each keeps its own undo history. */
export function CodeEditor(props: {
  workspace: Workspace;
  callbacks: Omit<EditorCallbacks, 'onChange' | 'onCursor'>;
  ref: (api: EditorApi) => void;
  labelledBy: string;
  wrap: boolean;
  /** Code text size in pixels. */
  textSize: number;
  /** A binary file is shown instead (see FilePreview): the editor stays, out of sight, with its states. */
  hidden?: boolean;
}) {
  // eslint-disable-next-line solid/reactivity -- the workspace lives as long as the editor
  const workspace = props.workspace;
  const states = new Map<string, EditorState>();
  /** The file to show: the active one, or the main one while a binary file is active (bytes are never a doc). */
  const textTarget = (): string => {
    const active = workspace.state.active;
    return workspace.isBinary(active) ? workspace.state.main : active;
  };
  let shown = untrack(textTarget);
  let editable = false;
  let wrap = untrack(() => props.wrap);
  let textPx = untrack(() => props.textSize);
  const wrapExtension = () => (wrap ? EditorView.lineWrapping : []);
  const extensions = editorExtensions({
    // eslint-disable-next-line solid/reactivity -- the callbacks are fixed when the editor is made
    ...props.callbacks,
    onChange: (content) => workspace.setContent(shown, content),
    onCursor: (position) => workspace.setCursor(shown, position),
  });

  const stateFor = (file: string): EditorState => {
    let state = states.get(file);
    if (!state) {
      const doc = workspace.text(file) ?? '';
      const cursor = Math.min(workspace.cursor(file) ?? 0, doc.length);
      state = EditorState.create({
        doc,
        selection: EditorSelection.cursor(cursor),
        extensions: [
          extensions,
          readOnly.of(EditorState.readOnly.of(!editable)),
          wrapping.of(wrapExtension()),
          textSize.of(textSizeTheme(textPx)),
        ],
      });
      states.set(file, state);
    }
    return state;
  };

  // Made at once (not on mount) so the API works as soon as the component exists.
  const view = new EditorView({ state: untrack(() => stateFor(shown)) });
  view.contentDOM.setAttribute(
    'aria-labelledby',
    untrack(() => props.labelledBy),
  );
  onCleanup(() => view.destroy());
  // The on-screen keyboard (or any resize) shrinks the editor: keep the line being typed in view.
  let lastHeight = 0;
  const resized = new ResizeObserver(([entry]) => {
    const height = entry.contentRect.height;
    const shrank = height < lastHeight;
    lastHeight = height;
    if (shrank && view.hasFocus) {
      view.dispatch({
        effects: EditorView.scrollIntoView(view.state.selection.main.head, { y: 'nearest', yMargin: 24 }),
      });
    }
  });
  resized.observe(view.dom);
  onCleanup(() => resized.disconnect());

  /** Applies a configuration change to the shown file and to every file kept in the background. */
  const reconfigureAll = (effect: StateEffect<unknown>): void => {
    for (const [file, state] of states) if (file !== shown) states.set(file, state.update({ effects: effect }).state);
    view.dispatch({ effects: effect });
  };

  const show = (file: string): void => {
    if (file === shown && view.state === states.get(file)) return;
    states.set(shown, view.state);
    shown = file;
    view.setState(stateFor(file));
    view.dispatch({ effects: EditorView.scrollIntoView(view.state.selection.main.head, { y: 'center' }) });
  };

  // Also when the active file turns from bytes into text (a run wrote it), so the editor shows that file. A memo:
  // isBinary reads the file's content, which changes on every keystroke; only a change of kind may re-show it
  // (showing resets the view's state: scrolling, measuring, on every key).
  const activeIsText = createMemo(() => !workspace.isBinary(workspace.state.active));
  createEffect(
    on(
      [() => workspace.state.active, activeIsText],
      ([file, text]) => {
        if (text) show(file);
      },
      { defer: true },
    ),
  );

  const api: EditorApi = {
    goTo(file, line, column = 1) {
      workspace.setActive(file);
      if (workspace.isBinary(file)) return;
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
        if (file === shown) view.dispatch({ effects: setErrorLine.of(line) });
        else states.set(file, state.update({ effects: setErrorLine.of(line) }).state);
      }
      if (location && !states.has(location.file) && workspace.text(location.file) !== undefined) {
        states.set(location.file, stateFor(location.file).update({ effects: setErrorLine.of(location.line) }).state);
      }
      if (location?.file === shown) {
        const doc = view.state.doc;
        if (location.line <= doc.lines) {
          view.dispatch({ effects: EditorView.scrollIntoView(doc.line(location.line).from, { y: 'nearest' }) });
        }
      }
    },
    replaceContent(file, content) {
      const state = file === shown ? view.state : states.get(file);
      if (!state || state.doc.toString() === content) return;
      const head = Math.min(state.selection.main.head, content.length);
      const change = {
        changes: { from: 0, to: state.doc.length, insert: content },
        selection: EditorSelection.cursor(head),
      };
      // Marked as remote so the change is not echoed back as the learner's edit.
      if (file === shown) view.dispatch({ ...change, annotations: remoteChange.of(true) });
      else states.set(file, state.update({ ...change, annotations: remoteChange.of(true) }).state);
    },
    reset() {
      states.clear();
      shown = textTarget();
      view.setState(stateFor(shown));
    },
    setEditable(value) {
      editable = value;
      reconfigureAll(readOnly.reconfigure(EditorState.readOnly.of(!value)));
    },
    focus: () => view.focus(),
    insertText(text) {
      if (workspace.isBinary(workspace.state.active) || props.hidden) return false;
      const { from, to } = view.state.selection.main;
      const doc = view.state.doc;
      const before = from > 0 && doc.sliceString(from - 1, from) !== '\n' ? '\n' : '';
      const after = to < doc.length && doc.sliceString(to, to + 1) !== '\n' ? '\n' : '';
      const insert = before + text + (text.endsWith('\n') ? '' : '\n') + after;
      view.dispatch({
        changes: { from, to, insert },
        selection: EditorSelection.cursor(from + insert.length - after.length),
        scrollIntoView: true,
        userEvent: 'input.paste',
      });
      view.focus();
      return true;
    },
    setTextSize(px) {
      textPx = px;
      reconfigureAll(textSize.reconfigure(textSizeTheme(px)));
    },
    setWrap(value) {
      wrap = value;
      reconfigureAll(wrapping.reconfigure(wrapExtension()));
    },
  };
  // eslint-disable-next-line solid/reactivity -- handing out the API once, like a ref
  props.ref(api);

  return (
    <div class="editor-host" id="editor" classList={{ 'preview-shown': props.hidden }}>
      {view.dom}
    </div>
  );
}
