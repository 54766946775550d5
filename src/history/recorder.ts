// Records a run's output for the history, capped: the start and the end are
// kept, the middle is counted, so a runaway program cannot fill the device.
// Pictures are kept up to a byte budget of their own.
import { appendItem, appendText, type ShownItem } from '../model/output.ts';

/** Characters of text kept per run in the history. */
export const MAX_TRANSCRIPT_CHARS = 1_000_000;
/** Bytes of pictures kept per run in the history. */
export const MAX_TRANSCRIPT_PICTURE_BYTES = 20_000_000;

/** Collects a run's output items as they arrive, keeping at most `maxChars` of text (three quarters from the start). */
export class TranscriptRecorder {
  private head: ShownItem[] = [];
  private headChars = 0;
  private tail: ShownItem[] = [];
  private tailChars = 0;
  private omitted = 0;
  private pictureBytes = 0;

  constructor(
    private readonly maxChars = MAX_TRANSCRIPT_CHARS,
    private readonly maxPictureBytes = MAX_TRANSCRIPT_PICTURE_BYTES,
  ) {}

  add(item: ShownItem): void {
    if (item.kind === 'display') {
      if (this.pictureBytes + item.data.byteLength > this.maxPictureBytes) {
        return this.add({ kind: 'text', stream: 'system', text: `[picture not kept in the history: ${item.alt}]\n` });
      }
      this.pictureBytes += item.data.byteLength;
      // A picture goes where the text around it goes: the start while it has room, else the end.
      const headBudget = Math.floor((this.maxChars * 3) / 4);
      if (this.headChars < headBudget) this.head.push(item);
      else this.tail.push(item);
      return;
    }
    if (item.kind === 'explanation') {
      // One per failed run or shell line, and small: kept with the text around it, outside the text budget.
      if (this.headChars < Math.floor((this.maxChars * 3) / 4)) this.head.push(item);
      else this.tail.push(item);
      return;
    }
    let text = item.text;
    const headBudget = Math.floor((this.maxChars * 3) / 4);
    if (this.headChars < headBudget) {
      const take = text.slice(0, headBudget - this.headChars);
      appendText(this.head, item.stream, take);
      this.headChars += take.length;
      text = text.slice(take.length);
      if (!text) return;
    }
    appendText(this.tail, item.stream, text);
    this.tailChars += text.length;
    const tailBudget = this.maxChars - headBudget;
    while (this.tailChars > tailBudget) {
      const first = this.tail[0];
      if (first.kind !== 'text') {
        this.tail.shift();
        continue;
      }
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

  /** The items kept, with a system note where the middle was left out. */
  result(): { items: ShownItem[]; omittedChars: number } {
    const items: ShownItem[] = this.head.map((i) => ({ ...i }));
    if (this.omitted > 0) {
      appendText(
        items,
        'system',
        `\n… [${this.omitted.toLocaleString('en')} characters of output not kept in the history] …\n`,
      );
    }
    for (const i of this.tail) appendItem(items, { ...i });
    return { items, omittedChars: this.omitted };
  }
}
