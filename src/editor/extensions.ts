// The editor's configuration: a Python editor with the keys learners expect
// from IDLE or Thonny, plus Run and Stop shortcuts.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
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
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, Prec, type Extension } from '@codemirror/state';
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
  onChange: (content: string) => void;
  askPython: AskPython;
}

export function editorExtensions(callbacks: EditorCallbacks): Extension {
  return [
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
    Prec.highest(
      keymap.of([
        { key: 'Mod-Enter', run: () => (callbacks.onRun(), true) },
        { key: 'Mod-.', run: () => callbacks.onStop() },
      ]),
    ),
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...foldKeymap,
      ...completionKeymap,
      indentWithTab,
    ]),
    // Escape stops a running program, but only after the completion popup and search panel had their turn.
    Prec.lowest(keymap.of([{ key: 'Escape', run: () => callbacks.onStop() }])),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) callbacks.onChange(update.state.doc.toString());
    }),
    EditorView.contentAttributes.of({ 'aria-label': 'Code editor' }),
  ];
}
