// Where Python runs, as the runner sees it: something it can post messages to,
// hear from, and end. Today a dedicated Web Worker on the app's origin; running
// Python somewhere else (an isolated frame) is another host, not a rewrite of
// the runner. Everything the host needs arrives in messages (the snapshot's
// bytes included): a host needs no access to the app's storage.
import type { FromWorker, ToWorker } from './protocol.ts';

export interface RunnerHost {
  post(message: ToWorker, transfer?: Transferable[]): void;
  /** Every message from Python's side (the runner checks each against what it expects). */
  onMessage(listener: (message: FromWorker) => void): void;
  /** The host itself failed (its script did not load, it crashed). */
  onError(listener: (message: string) => void): void;
  terminate(): void;
}

/** A dedicated Web Worker as the host. */
export function workerHost(worker: Worker): RunnerHost {
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    onMessage: (listener) => (worker.onmessage = (event: MessageEvent<FromWorker>) => listener(event.data)),
    onError: (listener) =>
      (worker.onerror = (event) => {
        event.preventDefault();
        listener(event.message || 'the Python worker could not start');
      }),
    terminate: () => worker.terminate(),
  };
}
