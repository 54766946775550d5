// The editor's configuration: a Python editor with the keys learners expect
// from IDLE or Thonny, plus Run and Stop shortcuts.
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  completionStatus,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import {
  bracketMatching,
  foldGutter,
  foldKeymap,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap, searchPanelOpen } from '@codemirror/search';
import { Annotation, Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import {
  EditorView,
  crosshairCursor,
  drawSelection,
  dropCursor,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';
import { pythonCompletionSource, type AskPython } from './completion.ts';
import { errorLine } from './error-line.ts';

export interface EditorCallbacks {
  onRun: () => void;
  /** Returns true if there was something to stop. */
  onStop: () => boolean;
  /** The learner changed the text (not called for remote changes). */
  onChange: (content: string) => void;
  /** The cursor moved. */
  onCursor: (position: number) => void;
  askPython: AskPython;
}

/** Marks a transaction that brings in text changed elsewhere (another tab, a run): not the learner's edit. */
export const remoteChange = Annotation.define<boolean>();

/** Holds EditorState.readOnly: the editor is read-only until the project is loaded. */
export const readOnly = new Compartment();

/** Holds EditorView.lineWrapping, or nothing (a setting). */
export const wrapping = new Compartment();

/**
 * Holds the text size as a theme. A CSS change alone leaves CodeMirror's line
 * heights as first measured (line numbers then drift from their lines); a
 * theme that changes makes it measure the text again.
 */
export const textSize = new Compartment();

export function textSizeTheme(px: number): Extension {
  return EditorView.theme({ '&': { fontSize: `${px}px` } });
}

export function editorExtensions(callbacks: EditorCallbacks): Extension {
  return [
    // First, so that among the highest-precedence keymaps (completion's is one) these run before the others.
    Prec.highest(
      keymap.of([
        { key: 'Mod-Enter', run: () => (callbacks.onRun(), true) },
        { key: 'Mod-.', run: () => callbacks.onStop() },
        {
          // Escape stops a running program, unless it is closing a popup the learner can see.
          key: 'Escape',
          run: (view) =>
            completionStatus(view.state) !== 'active' && !searchPanelOpen(view.state) && callbacks.onStop(),
        },
      ]),
    ),
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    foldGutter(),
    drawSelection(),
    dropCursor(),
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    indentUnit.of('    '),
    syntaxHighlighting(classHighlighter),
    bracketMatching(),
    closeBrackets(),
    autocompletion({ override: [pythonCompletionSource(callbacks.askPython)], activateOnTypingDelay: 150 }),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    python(),
    errorLine(),
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...foldKeymap,
      ...completionKeymap,
      indentWithTab,
    ]),
    EditorView.updateListener.of((update) => {
      const remote = update.transactions.some((tr) => tr.annotation(remoteChange));
      if (update.docChanged && !remote) callbacks.onChange(update.state.doc.toString());
      if (update.selectionSet) callbacks.onCursor(update.state.selection.main.head);
    }),
    EditorView.contentAttributes.of({ 'aria-label': 'Code editor' }),
  ];
}
