// The page ↔ Python worker protocol: every message that crosses the boundary,
// typed once and imported by both sides. A run is a stream of these events,
// which is also what a saved run record will be made of.

/** A file of the learner's project, as the worker writes it to the interpreter's file system. */
export interface ProjectFile {
  /** Path relative to the project folder, `/`-separated, e.g. `main.py` or `data/points.csv`. */
  name: string;
  content: string;
}

/**
 * Which stream a piece of output belongs to. `stdin` is the learner's typed
 * answer, echoed; `system` is a message from the app itself ("Loading numpy…").
 */
export type OutputStream = 'stdout' | 'stderr' | 'stdin' | 'system';

/** A run of text from one stream; consecutive parts of the same stream are merged. */
export interface OutputPart {
  stream: OutputStream;
  text: string;
}

/** How a run ended: the `run-end` mark's `detail.status` uses the same words. */
export type RunStatus = 'ok' | 'error' | 'interrupted' | 'restarted';

/** Where an error happened in the learner's own files, for highlighting and links. */
export interface ErrorLocation {
  file: string;
  line: number;
  /** 1-based column, when Python knows it (always for SyntaxError). */
  column?: number;
}

/** The exception that ended a run, as a summary; the traceback itself went to stderr. */
export interface RunError {
  /** Exception class name, e.g. `ZeroDivisionError`. */
  type: string;
  message: string;
  /** The innermost location in the learner's files, if any. */
  location?: ErrorLocation;
}

/** Why the page restarted the worker. */
export type RestartReason = 'unresponsive' | 'memory' | 'stack' | 'crash' | 'no-isolation' | 'settings';

/** Kinds of completion items, named as CodeMirror's `Completion.type`. */
export type CompletionKind = 'keyword' | 'function' | 'class' | 'module' | 'variable' | 'constant' | 'property';

export interface CompletionItem {
  label: string;
  type: CompletionKind;
}

/** What the worker is asked to do: a script run, or one line at the shell prompt. */
export type JobKind = 'script' | 'shell';

/** Messages from the page to the worker. */
export type ToWorker =
  | {
      type: 'init';
      /** Absolute URL of the versioned Pyodide folder. */
      indexURL: string;
      /** Shared memory for Stop and input(); absent when the page is not cross-origin isolated. */
      shared?: SharedArrayBuffer;
      /** Without shared memory: the app's base URL, where the service worker answers input() and sleep. */
      bridgeURL?: string;
      /** Base URL packages are downloaded from (the CDN, or a mirror). */
      packageSource: string;
      /** Packages bundled with the app (served from its origin). */
      bundledPackages: string[];
      /** `make-snapshot`: start Python only to store a memory snapshot for later starts, then stop. */
      mode?: 'run' | 'make-snapshot';
    }
  | { type: 'run'; id: number; files: ProjectFile[]; entry: string }
  | { type: 'shell'; id: number; code: string }
  | { type: 'complete'; id: number; files: ProjectFile[]; file: string; source: string; offset: number };

/** Messages from the worker to the page. */
export type FromWorker =
  | {
      type: 'ready';
      version: string;
      pythonVersion: string;
      startupMs: number;
      isolated: boolean;
      /** Restored from a memory snapshot rather than booted. */
      fromSnapshot: boolean;
      /** Milliseconds since the worker started at the end of each start-up stage (for the benchmark). */
      stages: Record<string, number>;
    }
  | { type: 'snapshot-saved'; bytes: number; ms: number }
  | { type: 'load-error'; message: string }
  | { type: 'output'; id: number; parts: OutputPart[] }
  /** `channel` names the request on the service worker bridge (only without shared memory). */
  | { type: 'input-request'; id: number; channel?: string }
  | {
      type: 'done';
      id: number;
      status: Exclude<RunStatus, 'restarted'>;
      error?: RunError;
      durationMs: number;
      /** Text files the program created or changed in the project folder. */
      written?: ProjectFile[];
    }
  | { type: 'fatal'; id?: number; reason: 'memory' | 'stack' | 'crash'; message: string }
  | { type: 'completions'; id: number; items: CompletionItem[] };

/** What the page-side client yields for one run or shell line: the run's event stream. */
export type RunEvent =
  /** The job reached Python (after waiting for it to start, if it had to). */
  | { type: 'started' }
  | { type: 'output'; parts: OutputPart[] }
  | { type: 'input-request' }
  | {
      type: 'done';
      status: RunStatus;
      error?: RunError;
      durationMs: number;
      restartReason?: RestartReason;
      written?: ProjectFile[];
    };

/** Appends parts to a list, merging a part into the previous one when the stream is the same. */
export function appendPart(parts: OutputPart[], stream: OutputStream, text: string): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last && last.stream === stream) last.text += text;
  else parts.push({ stream, text });
}
