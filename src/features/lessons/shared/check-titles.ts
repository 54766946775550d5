// What a check is called when its pack gives it no title: the same words on
// both sides (the worker's outcomes, the page's "not checked" lines).
import { CODE_CONSTRUCTS, type Check } from '../../../model/lesson.ts';

/** A check's title when the pack gives none. */
export function checkTitle(check: Check): string {
  if (check.title) return check.title;
  switch (check.kind) {
    case 'output':
      return check.stdin?.length ? `Output when the answers are ${check.stdin.join(', ')}` : 'Output';
    case 'call':
      return `${check.function}(${check.args ?? ''}) returns ${check.expect}`;
    case 'tests':
      return `Tests in ${check.file}`;
    case 'turtle': {
      const parts = [
        check.segments?.length ? `${check.segments.length} line${check.segments.length === 1 ? '' : 's'}` : '',
        check.fills?.length ? `${check.fills.length} filled shape${check.fills.length === 1 ? '' : 's'}` : '',
      ].filter(Boolean);
      return `The drawing has ${parts.join(' and ')}`;
    }
    case 'code': {
      const parts = [
        ...(check.requires ?? []).map((w) => `uses ${describeWord(w)}`),
        ...(check.forbids ?? []).map((w) => `does not use ${describeWord(w)}`),
        ...(check.defines ?? []).map((d) => `defines ${d.name}(${(d.params ?? []).join(', ')})`),
      ];
      const text = parts.join(', ') || 'Code';
      return text[0].toUpperCase() + text.slice(1);
    }
  }
}

function describeWord(word: string): string {
  return (CODE_CONSTRUCTS as readonly string[]).includes(word) ? word : `${word}()`;
}
