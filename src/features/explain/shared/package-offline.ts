// The one explanation made outside Python: a program that imports a package
// that is not on the device, offline. Python never runs then (the worker
// refuses the run before it starts), so the worker explains it, from the same
// data a translator edits.
import type { ExplanationItem } from '../../../model/output.ts';
import explanations from './explanations.json';

const CASE = 'package-not-downloaded';

/** Fills `{name}` fields of a template. */
function fill(template: string, fields: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => fields[name] ?? whole);
}

/** The first line of `files` that imports one of `modules` (top-level name), as file, line and module. */
export function findImportLine(
  files: readonly { name: string; content: string | Uint8Array }[],
  modules: ReadonlySet<string>,
  entry: string,
): { file: string; line: number; module: string } | undefined {
  // The entry first: that is the file the learner is looking at when Run fails.
  const ordered = [...files].sort((a, b) => Number(b.name === entry) - Number(a.name === entry));
  for (const file of ordered) {
    if (typeof file.content !== 'string' || !file.name.endsWith('.py')) continue;
    const lines = file.content.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const found = /^\s*(?:from\s+([A-Za-z_]\w*)|import\s+([A-Za-z_][\w\s.,]*))/.exec(lines[i]);
      if (!found) continue;
      const names = found[1] ? [found[1]] : found[2].split(',').map((part) => part.trim().split(/[\s.]/)[0]);
      const module = names.find((name) => modules.has(name));
      if (module) return { file: file.name, line: i + 1, module };
    }
  }
  return undefined;
}

/** The explanation of an import of `modules` that cannot load offline, at its line (undefined when none is found). */
export function packageOfflineExplanation(
  files: readonly { name: string; content: string | Uint8Array }[],
  modules: ReadonlySet<string>,
  entry: string,
): ExplanationItem | undefined {
  const at = findImportLine(files, modules, entry);
  if (!at) return undefined;
  const entryData = explanations[CASE];
  const fields = { module: at.module };
  return {
    kind: 'explanation',
    case: CASE,
    file: at.file,
    line: at.line,
    text: fill(entryData.explanation, fields),
    hint: fill(entryData.hint, fields),
  };
}
