// Caps a run's transcript for the history: the start and the end are kept,
// the middle is counted, so a runaway program cannot fill the device.
import { appendPart, type OutputPart } from '../runner/protocol.ts';

/** Characters of transcript kept per run in the history. */
export const MAX_TRANSCRIPT_CHARS = 1_000_000;

/** Collects a run's output parts as they arrive, keeping at most `maxChars` (three quarters from the start). */
export class TranscriptRecorder {
  private head: OutputPart[] = [];
  private headChars = 0;
  private tail: OutputPart[] = [];
  private tailChars = 0;
  private omitted = 0;

  constructor(private readonly maxChars = MAX_TRANSCRIPT_CHARS) {}

  add(stream: OutputPart['stream'], text: string): void {
    const headBudget = Math.floor((this.maxChars * 3) / 4);
    if (this.headChars < headBudget) {
      const take = text.slice(0, headBudget - this.headChars);
      appendPart(this.head, stream, take);
      this.headChars += take.length;
      text = text.slice(take.length);
      if (!text) return;
    }
    appendPart(this.tail, stream, text);
    this.tailChars += text.length;
    const tailBudget = this.maxChars - headBudget;
    while (this.tailChars > tailBudget) {
      const first = this.tail[0];
      const excess = this.tailChars - tailBudget;
      if (first.text.length <= excess) {
        this.tail.shift();
        this.tailChars -= first.text.length;
        this.omitted += first.text.length;
      } else {
        first.text = first.text.slice(excess);
        this.tailChars -= excess;
        this.omitted += excess;
      }
    }
  }

  /** The parts kept, with a system note where the middle was left out. */
  result(): { parts: OutputPart[]; omittedChars: number } {
    const parts = this.head.map((p) => ({ ...p }));
    if (this.omitted > 0) {
      appendPart(
        parts,
        'system',
        `\n… [${this.omitted.toLocaleString('en')} characters of output not kept in the history] …\n`,
      );
    }
    for (const p of this.tail) appendPart(parts, p.stream, p.text);
    return { parts, omittedChars: this.omitted };
  }
}

/** The plain text of parts (for search, copy and download). */
export function partsText(parts: OutputPart[]): string {
  return parts.map((p) => p.text).join('');
}
