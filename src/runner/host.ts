// Where Python runs, as the runner sees it: something it can post messages to,
// hear from, and end, plus the channel that reaches Python while it is busy
// (Stop, events, output acknowledgements). Today either a dedicated Web Worker
// on the app's origin or a worker inside a sandboxed frame (frame-host.ts).
// Everything a host needs arrives in messages (the snapshot's bytes included):
// a host needs no access to the app's storage.
import type { FromWorker, ToWorker } from './protocol.ts';
import { createSharedBuffer, sharedChannel, sharedViews, type EventKind } from './shared-channel.ts';

/**
 * How the page reaches Python while it runs, without waiting for it to read a
 * message: only with shared memory (absent otherwise).
 */
export interface RunnerChannel {
  /** Stop: KeyboardInterrupt at Python's next check, and a program waiting for an event wakes at once. */
  interrupt(): void;
  /** A job starts: a Stop, events and output counts left from before must not reach it. */
  reset(): void;
  /** Hands the running program an event; false if it was dropped (the mailbox is full). */
  post(kind: EventKind, payload: string): boolean;
  /** The page has received one more output batch (the worker waits when too far ahead). */
  ack(): void;
  /** While a job runs, asks Python every `ms` to post output it holds back; undefined stops asking. */
  pollFlush(ms: number | undefined): void;
}

export interface RunnerHost {
  post(message: ToWorker, transfer?: Transferable[]): void;
  /** Every message from Python's side (the runner checks each against what it expects). */
  onMessage(listener: (message: FromWorker) => void): void;
  /** The host itself failed (its script did not load, it crashed). */
  onError(listener: (message: string) => void): void;
  terminate(): void;
  /** Present when the page and Python share memory. */
  readonly channel?: RunnerChannel;
  /** Whether Python here can wait for events through the service worker when there is no shared memory. */
  readonly bridge: boolean;
  /** Whether code running here is kept away from the app's data (see frame-host.ts). */
  readonly sandboxed: boolean;
}

/** True when this page can share memory with a worker. */
export function canShareMemory(): boolean {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}

/**
 * A dedicated Web Worker on the app's origin as the host. Each gets a shared
 * buffer of its own: a replaced worker can live on for a while after
 * terminate(), and must not swallow the next one's Stop or input.
 */
export function workerHost(worker: Worker): RunnerHost {
  const shared = canShareMemory() ? createSharedBuffer() : undefined;
  return {
    post: (message, transfer = []) =>
      worker.postMessage(message.type === 'init' ? { ...message, shared } : message, transfer),
    onMessage: (listener) => (worker.onmessage = (event: MessageEvent<FromWorker>) => listener(event.data)),
    onError: (listener) =>
      (worker.onerror = (event) => {
        event.preventDefault();
        listener(event.message || 'the Python worker could not start');
      }),
    terminate: () => worker.terminate(),
    channel: shared ? sharedChannel(sharedViews(shared)) : undefined,
    bridge: true,
    sandboxed: false,
  };
}
