/** `wanted`, or `base2.py`, `base3.py`… whichever is not taken. */
export function freeName(wanted: string, taken: readonly string[]): string {
  if (!taken.includes(wanted)) return wanted;
  const dot = wanted.lastIndexOf('.');
  const slash = wanted.lastIndexOf('/');
  const [stem, ext] = dot > slash + 1 ? [wanted.slice(0, dot), wanted.slice(dot)] : [wanted, ''];
  for (let n = 2; ; n++) if (!taken.includes(`${stem}${n}${ext}`)) return `${stem}${n}${ext}`;
}

const KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from ' +
    'global if import in is lambda nonlocal not or pass raise return try while with yield'
  ).split(' '),
);

/** A name Python can import: letters, digits and `_`, not starting with a digit, not a keyword. */
function isModuleName(stem: string): boolean {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(stem) && !KEYWORDS.has(stem);
}

/** `stem` made importable: spaces and dashes become `_`, other characters go, a leading digit gets `_`. */
function moduleNameLike(stem: string): string {
  let fixed = stem
    .trim()
    .replace(/[\s-]+/g, '_')
    .replace(/[^\p{L}\p{N}_]/gu, '');
  if (!fixed) fixed = 'my_module';
  if (/^\p{N}/u.test(fixed)) fixed = '_' + fixed;
  if (KEYWORDS.has(fixed)) fixed = 'my_' + fixed;
  return fixed;
}

/**
 * A name that works but will likely surprise a learner: no extension (not a
 * Python file), a `.py` name that `import` cannot use, or one that hides a
 * standard module (`random.py` makes `import random` load the learner's file).
 * The learner may still go ahead.
 */
export function fileNameWarning(path: string, stdlib: ReadonlySet<string>): string | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1) {
    const stem = dot === base.length - 1 ? base.slice(0, -1) : base;
    return `“${base}” has no extension, so it is not a Python file. To write Python in it, call it ${moduleNameLike(stem)}.py.`;
  }
  if (base.slice(dot).toLowerCase() !== '.py') return undefined;
  const stem = base.slice(0, dot);
  if (stdlib.has(stem)) {
    return `${base} has the name of Python’s own ${stem} module: “import ${stem}” would then load this file instead. Another name, such as my_${stem}.py, avoids that.`;
  }
  if (!isModuleName(stem)) {
    return `Python cannot import a file called ${base}: module names use letters, digits and _, and do not start with a digit. ${moduleNameLike(stem)}.py would work.`;
  }
  return undefined;
}
