// Completion of names, from Python itself when the worker is idle, and from
// the editor's own knowledge (keywords, builtins, names in the file) while a
// program runs.
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { globalCompletion, localCompletionSource } from '@codemirror/lang-python';
import { syntaxTree } from '@codemirror/language';
import type { CompletionItem } from '../runner/protocol.ts';

/** Asks Python for completions; resolves null when Python cannot answer now. */
export type AskPython = (source: string, offset: number) => Promise<CompletionItem[] | null>;

const WORD = /[A-Za-z_][\w]*(?:\.[\w]*)*$|\.\w*$/;

async function fallback(context: CompletionContext): Promise<CompletionResult | null> {
  const results = [localCompletionSource(context), await globalCompletion(context)].filter(
    (r): r is CompletionResult => r !== null,
  );
  if (results.length === 0) return null;
  const from = Math.min(...results.map((r) => r.from));
  const seen = new Set<string>();
  const options: Completion[] = [];
  for (const r of results) {
    for (const option of r.options) {
      if (seen.has(option.label)) continue;
      seen.add(option.label);
      options.push(option);
    }
  }
  return { from, options, validFor: /^\w*$/ };
}

export function pythonCompletionSource(ask: AskPython): CompletionSource {
  return async (context) => {
    const word = context.matchBefore(WORD);
    if (!word && !context.explicit) return null;
    const text = word?.text ?? '';
    const afterDot = text.includes('.');
    if (!context.explicit && !afterDot && text.length < 1) return null;
    if (/String|Comment/.test(syntaxTree(context.state).resolveInner(context.pos, -1).name)) return null;
    const items = await ask(context.state.doc.toString(), context.pos);
    if (context.aborted) return null;
    if (items === null) return afterDot ? null : fallback(context);
    const from = afterDot ? context.pos - (text.length - text.lastIndexOf('.') - 1) : (word?.from ?? context.pos);
    return {
      from,
      options: items.map((item) => ({ label: item.label, type: item.type })),
      validFor: /^\w*$/,
    };
  };
}
