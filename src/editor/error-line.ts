// The line where the last run failed, highlighted until the next run or until
// the learner edits that line.
import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

/** Sets the error line (1-based), or clears it with null. */
export const setErrorLine = StateEffect.define<number | null>();

const errorLineDecoration = Decoration.line({ class: 'cm-error-line', attributes: { 'data-error-line': 'true' } });

const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    for (const effect of tr.effects) {
      if (!effect.is(setErrorLine)) continue;
      if (effect.value === null || effect.value < 1 || effect.value > tr.state.doc.lines) return Decoration.none;
      return Decoration.set([errorLineDecoration.range(tr.state.doc.line(effect.value).from)]);
    }
    if (!tr.docChanged || decorations.size === 0) return decorations;
    // Editing the error line means the learner is fixing it: stop shouting.
    let touched = false;
    const mapped = decorations.map(tr.changes);
    const cursor = mapped.iter();
    if (cursor.value) {
      const line = tr.state.doc.lineAt(cursor.from);
      tr.changes.iterChangedRanges((_fromA, _toA, fromB, toB) => {
        if (fromB <= line.to && toB >= line.from) touched = true;
      });
    }
    return touched ? Decoration.none : mapped;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export function errorLine(): Extension {
  return errorLineField;
}
