// Collects what Python writes to stdout and stderr, and the other items it
// emits (pictures), and posts them to the page in order, in batches: often
// enough that output appears while the program runs, rarely enough that a
// flood of prints does not flood the page with messages.
import { appendText, type OutputItem, type OutputStream } from '../model/output.ts';

/** Post at most this often while output keeps coming (ms). */
export const FLUSH_INTERVAL_MS = 16;
/** Post at once when this much is waiting (characters of text, bytes of pictures). */
export const FLUSH_CHARS = 256 * 1024;

export class OutputPump {
  private items: OutputItem[] = [];
  private size = 0;
  private lastPost = -Infinity;
  private readonly decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };

  /**
   * @param post sends a batch to the page
   * @param setPending tells the page whether output is waiting (so it can ask for a flush)
   * @param now clock, replaceable in tests
   */
  constructor(
    private readonly post: (items: OutputItem[]) => void,
    private readonly setPending: (pending: boolean) => void = () => {},
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Bytes written by Python to one of its streams. */
  writeBytes(stream: 'stdout' | 'stderr', bytes: Uint8Array): void {
    this.write(stream, this.decoders[stream].decode(bytes, { stream: true }));
  }

  /** After a fatal error the interpreter dumps its own internals: nothing a learner should read. */
  muted = false;

  write(stream: OutputStream, text: string): void {
    if (!text || this.muted) return;
    appendText(this.items, stream, text);
    this.added(text.length);
  }

  /** An item other than text, after whatever text came before it. */
  emit(item: OutputItem): void {
    if (this.muted) return;
    if (item.kind === 'text') return this.write(item.stream, item.text);
    this.items.push(item);
    this.added(item.kind === 'display' ? item.data.byteLength : item.kind === 'turtle' ? item.ops.byteLength : 1);
  }

  private added(size: number): void {
    this.size += size;
    const now = this.now();
    if (now - this.lastPost >= FLUSH_INTERVAL_MS || this.size >= FLUSH_CHARS) this.flush(now);
    else this.setPending(true);
  }

  /** Posts whatever is waiting. */
  flush(now = this.now()): void {
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.size = 0;
    this.lastPost = now;
    this.setPending(false);
    this.post(items);
  }
}

/** The buffers to transfer (not copy) with a batch: the pictures' bytes. */
export function transferables(items: OutputItem[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const item of items) {
    if (item.kind === 'display' && item.data.buffer instanceof ArrayBuffer) buffers.push(item.data.buffer);
    if (item.kind === 'turtle' && item.ops.buffer instanceof ArrayBuffer) buffers.push(item.ops.buffer);
  }
  return buffers;
}
