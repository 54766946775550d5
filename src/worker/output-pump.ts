// Collects what Python writes to stdout and stderr and posts it to the page in
// batches: often enough that output appears while the program runs, rarely
// enough that a flood of prints does not flood the page with messages.
import { appendPart, type OutputPart, type OutputStream } from '../runner/protocol.ts';

/** Post at most this often while output keeps coming (ms). */
export const FLUSH_INTERVAL_MS = 16;
/** Post at once when this many characters are waiting. */
export const FLUSH_CHARS = 256 * 1024;

export class OutputPump {
  private parts: OutputPart[] = [];
  private chars = 0;
  private lastPost = -Infinity;
  private readonly decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };

  /**
   * @param post sends a batch to the page
   * @param setPending tells the page whether output is waiting (so it can ask for a flush)
   * @param now clock, replaceable in tests
   */
  constructor(
    private readonly post: (parts: OutputPart[]) => void,
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
    appendPart(this.parts, stream, text);
    this.chars += text.length;
    const now = this.now();
    if (now - this.lastPost >= FLUSH_INTERVAL_MS || this.chars >= FLUSH_CHARS) this.flush(now);
    else this.setPending(true);
  }

  /** Posts whatever is waiting. */
  flush(now = this.now()): void {
    if (this.parts.length === 0) return;
    const parts = this.parts;
    this.parts = [];
    this.chars = 0;
    this.lastPost = now;
    this.setPending(false);
    this.post(parts);
  }
}
