// Layout of the SharedArrayBuffer that page and worker share when the page is
// cross-origin isolated. It carries what must reach a worker that is busy
// running Python synchronously: Stop (Pyodide's interrupt buffer), the
// learner's answer to input(), and a nudge to flush buffered output.

/** Int32 slots at the start of the buffer. */
export const SLOT = {
  /** Pyodide's interrupt buffer: a signal number, read and reset by the interpreter. */
  interrupt: 0,
  /** State of the input() handshake, one of INPUT. */
  input: 1,
  /** Byte length of the answer in the data area. */
  inputLength: 2,
  /** 1 while the worker holds output it has not posted yet. */
  outputPending: 3,
  /** Output batches the page has received: the worker waits when too far ahead (backpressure). */
  outputAcked: 4,
} as const;

/** Output batches the worker may post before the page has received them. */
export const MAX_BATCHES_IN_FLIGHT = 8;

/** States of SLOT.input. */
export const INPUT = { idle: 0, waiting: 1, answered: 2, cancelled: 3 } as const;

/** SIGINT: Python raises KeyboardInterrupt. */
export const SIGINT = 2;
/** A signal with no meaning in the browser, which the worker handles by posting buffered output. */
export const SIGFLUSH = 10;

const HEADER_BYTES = 32;
/** Longest answer to input(), in UTF-8 bytes. */
export const MAX_INPUT_BYTES = 64 * 1024;

export function createSharedBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + MAX_INPUT_BYTES);
}

/** Views over the shared buffer, the same on both sides. */
export function sharedViews(buffer: SharedArrayBuffer): { slots: Int32Array; interrupt: Int32Array; data: Uint8Array } {
  return {
    slots: new Int32Array(buffer, 0, HEADER_BYTES / 4),
    interrupt: new Int32Array(buffer, 0, 1),
    data: new Uint8Array(buffer, HEADER_BYTES, MAX_INPUT_BYTES),
  };
}
