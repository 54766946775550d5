// Layout of the SharedArrayBuffer that page and worker share when the page is
// cross-origin isolated: how things reach a worker that is busy running Python
// synchronously. Stop goes through Pyodide's interrupt buffer (slot 0); every
// other event for Python (input() answers, and next key presses, clicks,
// timers, dialog answers) goes through one mailbox: a ring buffer of
// length-prefixed (kind, payload) records, written by the page, read by the
// worker, waited on with one Atomics.wait.

/** Int32 slots at the start of the buffer. */
export const SLOT = {
  /** Pyodide's interrupt buffer: a signal number, read and reset by the interpreter. */
  interrupt: 0,
  /** 1 while the worker holds output it has not posted yet. */
  outputPending: 1,
  /** Output batches the page has received: the worker waits when too far ahead (backpressure). */
  outputAcked: 2,
  /** Bytes ever written to the mailbox (wraps around as a 32-bit counter). */
  mailWrite: 3,
  /** Bytes ever read from the mailbox. */
  mailRead: 4,
  /** Bumped at every post and at Stop: what a waiting worker waits on. */
  mailSignal: 5,
  /** Events the page could not post because the mailbox was full (dropped, per the policy below). */
  mailDropped: 6,
} as const;

/** Output batches the worker may post before the page has received them. */
export const MAX_BATCHES_IN_FLIGHT = 8;

/** SIGINT: Python raises KeyboardInterrupt. */
export const SIGINT = 2;
/** A signal with no meaning in the browser, which the worker handles by posting buffered output. */
export const SIGFLUSH = 10;

/** What the mailbox carries. Answers are essential; the rest may be dropped when the mailbox is full. */
export const EVENT_KINDS = ['input', 'key', 'pointer', 'timer', 'dialog'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
const ESSENTIAL: readonly EventKind[] = ['input', 'dialog'];

export interface ChannelEvent {
  kind: EventKind;
  /** Text: an input() answer as it is, other events as JSON. */
  payload: string;
}

const HEADER_BYTES = 64;
/** Longest answer to input(), in UTF-8 bytes (a longer one is cut on a character boundary). */
export const MAX_INPUT_BYTES = 64 * 1024;
/** Longest payload of any other event. */
export const MAX_EVENT_BYTES = 4 * 1024;
/** A record's header: its length (4 bytes) and kind (1 byte). */
const RECORD_HEADER = 5;
/** The mailbox's size: room for many small events and, always, one whole answer. */
export const MAILBOX_BYTES = 256 * 1024;
/**
 * Full-buffer policy: an essential event (an answer) may use the whole mailbox;
 * any other event is refused (counted in mailDropped) if it would leave less
 * than room for one whole answer. Only one answer is ever awaited at a time, so
 * an answer always fits.
 */
const ANSWER_RESERVE = MAX_INPUT_BYTES + RECORD_HEADER;

export function createSharedBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + MAILBOX_BYTES);
}

export interface SharedViews {
  slots: Int32Array;
  interrupt: Int32Array;
  mail: Uint8Array;
}

/** Views over the shared buffer, the same on both sides. */
export function sharedViews(buffer: SharedArrayBuffer): SharedViews {
  return {
    slots: new Int32Array(buffer, 0, HEADER_BYTES / 4),
    interrupt: new Int32Array(buffer, 0, 1),
    mail: new Uint8Array(buffer, HEADER_BYTES, MAILBOX_BYTES),
  };
}

const UTF8 = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 bytes of `text`, cut to at most `limit` bytes on a character boundary. */
function encodeCapped(text: string, limit: number): Uint8Array {
  const bytes = UTF8.encode(text);
  if (bytes.length <= limit) return bytes;
  let end = limit;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

function copyIn(mail: Uint8Array, at: number, bytes: Uint8Array): void {
  const start = at % mail.length;
  const first = Math.min(bytes.length, mail.length - start);
  mail.set(bytes.subarray(0, first), start);
  if (first < bytes.length) mail.set(bytes.subarray(first), 0);
}

function copyOut(mail: Uint8Array, at: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const start = at % mail.length;
  const first = Math.min(length, mail.length - start);
  out.set(mail.subarray(start, start + first));
  if (first < length) out.set(mail.subarray(0, length - first), first);
  return out;
}

/** Bytes in the mailbox not read yet. */
function used(slots: Int32Array): number {
  return (Atomics.load(slots, SLOT.mailWrite) - Atomics.load(slots, SLOT.mailRead)) >>> 0;
}

/** Wakes a worker waiting in the mailbox (after a post, or for Stop). */
export function signal(slots: Int32Array): void {
  Atomics.add(slots, SLOT.mailSignal, 1);
  Atomics.notify(slots, SLOT.mailSignal);
}

/** Page side: posts an event to the worker. False if it was dropped (the mailbox is full). */
export function postEvent(views: SharedViews, kind: EventKind, payload: string): boolean {
  const { slots, mail } = views;
  const essential = ESSENTIAL.includes(kind);
  const body = encodeCapped(payload, kind === 'input' ? MAX_INPUT_BYTES : MAX_EVENT_BYTES);
  const size = RECORD_HEADER + body.length;
  const free = mail.length - used(slots);
  if (size > free || (!essential && free - size < ANSWER_RESERVE)) {
    Atomics.add(slots, SLOT.mailDropped, 1);
    return false;
  }
  const at = Atomics.load(slots, SLOT.mailWrite) >>> 0;
  const header = new Uint8Array(RECORD_HEADER);
  new DataView(header.buffer).setUint32(0, body.length + 1, true);
  header[4] = EVENT_KINDS.indexOf(kind);
  copyIn(mail, at, header.subarray(0, 4));
  copyIn(mail, at + 4, header.subarray(4));
  copyIn(mail, at + RECORD_HEADER, body);
  // Published only once the bytes are in place: the reader never sees half a record.
  Atomics.store(slots, SLOT.mailWrite, (at + size) | 0);
  signal(slots);
  return true;
}

/** Worker side: the next event, if one is waiting (never blocks). */
export function takeEvent(views: SharedViews): ChannelEvent | undefined {
  const { slots, mail } = views;
  if (used(slots) < RECORD_HEADER) return undefined;
  const at = Atomics.load(slots, SLOT.mailRead) >>> 0;
  const header = copyOut(mail, at, RECORD_HEADER);
  const length = new DataView(header.buffer).getUint32(0, true);
  const kind = EVENT_KINDS[header[4]];
  const body = copyOut(mail, at + RECORD_HEADER, length - 1);
  Atomics.store(slots, SLOT.mailRead, (at + 4 + length) | 0);
  return kind ? { kind, payload: decoder.decode(body) } : undefined;
}

/** Forgets every waiting event, between jobs (nobody reads then): events were for the job before. */
export function clearEvents(views: SharedViews): void {
  Atomics.store(views.slots, SLOT.mailRead, Atomics.load(views.slots, SLOT.mailWrite));
}

/**
 * The page's (or the sandboxed frame's) side of the channel over a buffer it
 * shares with the worker: what RunnerChannel (host.ts) asks for.
 */
export function sharedChannel(views: SharedViews) {
  const { slots } = views;
  let flushTimer: ReturnType<typeof setInterval> | undefined;
  return {
    interrupt(): void {
      Atomics.store(slots, SLOT.interrupt, SIGINT);
      Atomics.notify(slots, SLOT.interrupt);
      // A program waiting for an event (input(), sleep) wakes at once and finds the Stop.
      signal(slots);
    },
    reset(): void {
      Atomics.store(slots, SLOT.interrupt, 0);
      clearEvents(views);
      Atomics.store(slots, SLOT.outputPending, 0);
      Atomics.store(slots, SLOT.outputAcked, 0);
    },
    post: (kind: EventKind, payload: string): boolean => postEvent(views, kind, payload),
    ack(): void {
      Atomics.add(slots, SLOT.outputAcked, 1);
      Atomics.notify(slots, SLOT.outputAcked);
    },
    pollFlush(ms: number | undefined): void {
      clearInterval(flushTimer);
      flushTimer = undefined;
      if (ms === undefined) return;
      flushTimer = setInterval(() => {
        // Only when Python holds output and no Stop waits: a Stop must never be overwritten.
        if (Atomics.load(slots, SLOT.outputPending) === 1) Atomics.compareExchange(slots, SLOT.interrupt, 0, SIGFLUSH);
      }, ms);
    },
  };
}
