// The messages between the page, the sandboxed frame's own script and the
// worker it starts. The page ↔ Python protocol itself (protocol.ts) runs on a
// port straight from the page to the worker; the frame only starts the worker
// and holds the shared memory, which cannot cross from the page into the
// frame (they are different agent clusters), so it acts on the page's behalf.
import type { EventKind } from '../shared-channel.ts';

/** Page → frame, once, as a window message: what to start. */
export interface FrameBoot {
  type: 'boot';
  /** The worker's script (the frame can load nothing by URL). */
  worker: string;
  /** The worker's end of the page ↔ Python port. */
  port: MessagePort;
  /** The frame's end of the control port (Stop, events, acknowledgements). */
  control: MessagePort;
}

/** Page → frame on the control port: what RunnerChannel asks for (host.ts). */
export type ToFrame =
  | { op: 'interrupt' }
  | { op: 'reset' }
  | { op: 'event'; kind: EventKind; payload: string }
  | { op: 'ack' }
  | { op: 'poll'; ms?: number };

/** Frame → page on the control port. */
export type FromFrame = { type: 'worker-error'; message: string };

/** Frame → worker, first: where the page is, and the shared memory. */
export interface ToWorkerFromFrame {
  type: 'connect';
  port: MessagePort;
  shared?: SharedArrayBuffer;
}
