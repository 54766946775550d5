// The app's own Python, loaded for real in Pyodide under Node, as the worker
// loads it: its files under /opt/playground, on sys.path, output to callbacks.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PyodideAPI } from 'pyodide';
import type { PyProxy } from 'pyodide/ffi';

const require = createRequire(import.meta.url);
const indexURL = dirname(require.resolve('pyodide/package.json')) + '/';
const root = join(import.meta.dirname, '../..');

/** The app's Python files, by the name they are imported as, and where they live in the repository. */
export const APP_PYTHON_FILES: Record<string, string> = {
  'playground_runner.py': 'src/worker/py/playground_runner.py',
  'playground_complete.py': 'src/worker/py/playground_complete.py',
  'turtle.py': 'src/features/turtle/worker/turtle.py',
  '_turtle_tk.py': 'src/features/turtle/worker/_turtle_tk.py',
  'playground_explain.py': 'src/features/explain/worker/playground_explain.py',
  'playground_explanations.json': 'src/features/explain/shared/explanations.json',
  'playground_display.py': 'src/features/pictures/worker/playground_display.py',
  'playground_mpl.py': 'src/features/pictures/worker/playground_mpl.py',
  'playground_checks.py': 'src/features/lessons/worker/playground_checks.py',
};

/** A fresh Pyodide with the app's Python in place; `stdout`/`stderr` receive what Python writes, as text. */
export async function loadAppPython(output: {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}): Promise<PyodideAPI> {
  const { loadPyodide } = (await import(indexURL + 'pyodide.mjs')) as typeof import('pyodide');
  const py = await loadPyodide({ indexURL });
  const decoder = new TextDecoder();
  py.setStdout({ write: (b: Uint8Array) => (output.stdout(decoder.decode(b)), b.length) });
  py.setStderr({ write: (b: Uint8Array) => (output.stderr(decoder.decode(b)), b.length) });
  py.FS.mkdirTree('/opt/playground');
  for (const [name, path] of Object.entries(APP_PYTHON_FILES)) {
    py.FS.writeFile(`/opt/playground/${name}`, readFileSync(join(root, path), 'utf8'));
  }
  py.runPython("import sys; sys.path.append('/opt/playground')");
  return py;
}

/** The runner module as the tests call it (`playground_runner`). */
export type Runner = PyProxy & Record<string, (...args: unknown[]) => PyProxy>;

/** What a job returns, as plain values (status, error, written files…). */
function plain<R>(proxy: PyProxy): R {
  try {
    return proxy.toJs({ dict_converter: Object.fromEntries }) as R;
  } finally {
    proxy.destroy();
  }
}

/** Runs `files` (name → content) as the worker does, `entry` as __main__; returns the job's result. */
export function runScript<R>(
  py: PyodideAPI,
  runner: Runner,
  files: Record<string, string | Uint8Array>,
  entry = 'main.py',
  explain = true,
): R {
  const pairs = py.toPy(Object.entries(files)) as PyProxy;
  try {
    return plain<R>(runner.run_script(pairs, entry, undefined, explain));
  } finally {
    pairs.destroy();
  }
}

/** Runs one line at the shell prompt; returns the job's result. */
export function runShell<R>(runner: Runner, code: string): R {
  return plain<R>(runner.shell(code));
}
