// The page ↔ Python worker protocol: every message that crosses the boundary,
// typed once and imported by both sides. The things the messages carry (files,
// output items, how a run ended) are the model's types (src/model/).
import type { ProjectFile } from '../model/files.ts';
import type { OutputItem } from '../model/output.ts';
import type { RestartReason, RunError, RunStatus } from '../model/run.ts';
import type { Check, CheckOutcome, CheckReport } from '../model/lesson.ts';

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
      /** Without shared memory: the app's base URL, where the service worker answers the wait for events. */
      bridgeURL?: string;
      /** This worker's queue on that bridge. */
      bridgeChannel?: string;
      /** Base URL packages are downloaded from (the CDN, or a mirror). */
      packageSource: string;
      /** Packages bundled with the app (served from its origin). */
      bundledPackages: string[];
      /** `make-snapshot`: start Python only to make a memory snapshot for later starts, then stop. */
      mode?: 'run' | 'make-snapshot';
      /** A memory snapshot to restore follows in a `snapshot` message (the page reads it while Python loads). */
      snapshot?: boolean;
      /**
       * A memory snapshot to restore, where a host on the app's origin reads it itself: in Cache Storage, in
       * `cache` under `key`. (Read by the page, its 31 MB would arrive in chunks on the page's main thread,
       * delaying the project's load from IndexedDB.)
       */
      snapshotCache?: { cache: string; key: string };
      /**
       * Python's host has no network of its own (a sandboxed frame): every file, the runtime's included, is
       * asked of the page with a `fetch` message, and so is every request a program makes.
       */
      fetchThroughPage?: boolean;
    }
  /** The snapshot announced in `init`, or null when it could not be read (start normally). */
  | { type: 'snapshot'; bytes: Uint8Array | null }
  /** The page's answer to a `fetch`: the response, or why there is none. */
  | { type: 'fetched'; id: number; response?: FetchedResponse; error?: string }
  | ({ type: 'run'; id: number; files: ProjectFile[]; entry: string } & JobOptions)
  | ({ type: 'shell'; id: number; code: string } & Pick<JobOptions, 'explain'>)
  /**
   * An exercise's checks, against the project's files. `nonce` is the page's secret for this job: every
   * message about its checks carries it back, so a learner's program (which can post messages too, through
   * `js.postMessage`) cannot report checks it did not pass.
   */
  | { type: 'check'; id: number; files: ProjectFile[]; entry: string; checks: Check[]; nonce: string }
  | { type: 'complete'; id: number; files: ProjectFile[]; file: string; source: string; offset: number };

/** How the page wants a job run. */
export interface JobOptions {
  /** The window's size, for a turtle program's default drawing area. */
  display?: DisplayInfo;
  /** Follow an error with a plain-language explanation (the learner's setting; on when absent). */
  explain?: boolean;
}

/** The browser window's size in CSS pixels: the "screen" a run's turtle window is a fraction of. */
export interface DisplayInfo {
  width: number;
  height: number;
}

/** A response the page fetched for Python's host. */
export interface FetchedResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  bytes: ArrayBuffer;
}

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
  /** A memory snapshot, made (mode `make-snapshot`): the page keeps it for later starts. */
  | { type: 'snapshot-made'; bytes: Uint8Array; ms: number }
  /** The snapshot sent could not be restored: the page forgets it (this start goes on normally). */
  | { type: 'snapshot-unusable' }
  | { type: 'load-error'; message: string }
  /** Items in the order the program made them; pictures' bytes are transferred, not copied. */
  | { type: 'output'; id: number; items: OutputItem[] }
  /** The program waits in input(): the answer comes as an `input` event. */
  | { type: 'input-request'; id: number }
  | {
      type: 'done';
      id: number;
      status: Exclude<RunStatus, 'restarted'>;
      error?: RunError;
      durationMs: number;
      /** Files the program created or changed in the project folder (text, or bytes: transferred). */
      written?: ProjectFile[];
      /** A check job's results, with its nonce (a `done` without it ends no check job). */
      report?: CheckReport;
      nonce?: string;
    }
  /** A check job: check `index` starts, and may take `timeoutMs` (the page interrupts it after that). */
  | { type: 'check-start'; id: number; nonce: string; index: number; timeoutMs: number }
  /** A check job: one check's outcome, as soon as it is known. */
  | { type: 'check-outcome'; id: number; nonce: string; outcome: CheckOutcome }
  | { type: 'fatal'; id?: number; reason: 'memory' | 'stack' | 'crash'; message: string }
  /** Without a network of its own (see init's fetchThroughPage): a request for the page to make, or refuse. */
  | { type: 'fetch'; id: number; url: string; method: string; headers: [string, string][]; body?: Uint8Array }
  | { type: 'completions'; id: number; items: CompletionItem[] };

/** What the page-side client yields for one run or shell line: the run's event stream. */
export type RunEvent =
  /** The job reached Python (after waiting for it to start, if it had to). */
  | { type: 'started' }
  | { type: 'output'; items: OutputItem[] }
  | { type: 'input-request' }
  | { type: 'check-start'; index: number; timeoutMs: number }
  | { type: 'check-outcome'; outcome: CheckOutcome }
  | {
      type: 'done';
      status: RunStatus;
      error?: RunError;
      durationMs: number;
      restartReason?: RestartReason;
      written?: ProjectFile[];
      report?: CheckReport;
    };
