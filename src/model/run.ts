// How a run ended, as the runner reports it and the history keeps it.

/** How a run ended: the `run-end` mark's `detail.status` uses the same words. */
export type RunStatus = 'ok' | 'error' | 'interrupted' | 'restarted';

export const RUN_STATUSES: readonly RunStatus[] = ['ok', 'error', 'interrupted', 'restarted'];

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
export type RestartReason =
  | 'unresponsive'
  | 'memory'
  | 'stack'
  | 'crash'
  | 'no-isolation'
  | 'settings'
  /** Stop pressed while checks ran: Python starts afresh instead of running the checks left. */
  | 'check-stopped';
