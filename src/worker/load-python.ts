// Starting Pyodide in the worker: a normal start, a start restored from a
// memory snapshot, or a start meant to make one; then the app's own Python.
import type { PyodideAPI } from 'pyodide';
import type { PyProxy } from 'pyodide/ffi';
import runnerSource from './py/playground_runner.py?raw';
import completeSource from './py/playground_complete.py?raw';
import { TURTLE_PYTHON } from '../features/turtle/worker/python.ts';
import { EXPLAIN_PYTHON } from '../features/explain/worker/python.ts';
import { PICTURES_PYTHON } from '../features/pictures/worker/python.ts';
import { LESSONS_PYTHON } from '../features/lessons/worker/python.ts';

/** The app's Python, by file name (it also shapes the snapshot's key). */
export const APP_PYTHON: Record<string, string> = {
  'playground_runner.py': runnerSource,
  'playground_complete.py': completeSource,
  ...TURTLE_PYTHON,
  ...EXPLAIN_PYTHON,
  ...PICTURES_PYTHON,
  ...LESSONS_PYTHON,
};

export interface LoadOptions {
  indexURL: string;
  /** The lock file (a promise: it loads while the runtime does). */
  lock: Promise<unknown>;
  /** Restore this memory snapshot instead of booting Python (a promise: Pyodide fetches its files meanwhile). */
  snapshot?: Promise<Uint8Array>;
  /** Boot so that a memory snapshot can be made afterwards. */
  makeSnapshot?: boolean;
  /** Called with the name of each start-up stage as it ends. */
  stage?: (name: string) => void;
  /** Imports the runtime's modules when a plain import by URL cannot (no network in a sandboxed frame). */
  importModule?: (url: string) => Promise<unknown>;
}

/**
 * Loads Pyodide. A runtime file that is missing or damaged makes Pyodide's
 * loader fail somewhere it does not await (it only warns "wasm instantiation
 * failed!") and loadPyodide never settles: that warning, or any unhandled
 * rejection while loading, rejects here instead.
 */
export async function loadPython(options: LoadOptions): Promise<PyodideAPI> {
  const importModule = options.importModule ?? ((url: string) => import(/* @vite-ignore */ url));
  const asm = options.importModule?.(`${options.indexURL}pyodide.asm.mjs`) as Promise<{ default: unknown }> | undefined;
  asm?.catch(() => {}); // awaited below; a failure there is the one reported
  const { loadPyodide } = (await importModule(`${options.indexURL}pyodide.mjs`)) as typeof import('pyodide');
  options.stage?.('loader');
  let fail!: (error: Error) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const onFailure = (event: PromiseRejectionEvent) =>
    fail(event.reason instanceof Error ? event.reason : new Error(String(event.reason)));
  self.addEventListener('unhandledrejection', onFailure);
  const consoleWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('wasm instantiation failed')) {
      fail(new Error(`the Python runtime could not be loaded (${String(args[1] ?? 'unknown error')})`));
    }
    consoleWarn.apply(console, args);
  };
  try {
    const config = {
      indexURL: options.indexURL,
      env: { HOME: '/home/pyodide' },
      lockFileContents: options.lock,
      packageBaseUrl: options.indexURL,
      ...(asm ? { createPyodideModule: (await asm).default } : {}),
      ...(options.snapshot ? { _loadSnapshot: options.snapshot } : {}),
      ...(options.makeSnapshot ? { _makeSnapshot: true } : {}),
    };
    return await Promise.race([loadPyodide(config as unknown as Parameters<typeof loadPyodide>[0]), failed]);
  } finally {
    self.removeEventListener('unhandledrejection', onFailure);
    console.warn = consoleWarn;
  }
}

type PyModule = PyProxy & Record<string, (...args: unknown[]) => PyProxy>;

/**
 * Puts the app's Python in place and imports it (with what it imports), so
 * that it is part of a snapshot; after a restore the modules are already there,
 * and the files are written again for tracebacks and re-imports.
 */
export function importAppPython(py: PyodideAPI): {
  runner: PyModule;
  completer: PyModule;
  checks: PyModule;
  findImports: (code: string) => PyProxy;
} {
  py.FS.mkdirTree('/opt/playground');
  for (const [name, source] of Object.entries(APP_PYTHON)) py.FS.writeFile(`/opt/playground/${name}`, source);
  py.runPython("import sys\nif '/opt/playground' not in sys.path: sys.path.append('/opt/playground')");
  return {
    runner: py.pyimport('playground_runner') as PyModule,
    completer: py.pyimport('playground_complete') as PyModule,
    // Imported now (it is then in the snapshot), its harness made later, once the runner is installed.
    checks: py.pyimport('playground_checks') as PyModule,
    findImports: py.pyimport('pyodide.code').find_imports as (code: string) => PyProxy,
  };
}
