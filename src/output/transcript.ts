// The output of one run as lines, capped for the screen (the first and last
// lines are kept, the middle is counted) and as full text for copy and
// download (itself capped, so a program printing forever cannot exhaust memory).
import {
  itemText,
  type DisplayItem,
  type ExplanationItem,
  type ShownItem,
  type OutputStream,
} from '../model/output.ts';

/** What a piece of a line is: a program stream, the learner's input, or a message from the app itself. */
export type SegmentKind = OutputStream;

export interface Segment {
  kind: SegmentKind;
  text: string;
}

export interface Line {
  segments: Segment[];
  /** A picture the program showed: a line of its own. */
  picture?: Omit<DisplayItem, 'kind'>;
  /** An error's explanation: a line of its own, after the traceback. */
  explanation?: ExplanationItem;
  /** Characters shown (sum of segment lengths). */
  shown: number;
  /** Characters beyond the per-line cap, counted but not kept. */
  cut: number;
}

export interface TranscriptLimits {
  /** Lines kept from the start of the output. */
  headLines: number;
  /** Lines kept from the end of the output. */
  tailLines: number;
  /** Characters of one line kept for the screen. */
  maxLineChars: number;
  /** Characters kept for copy and download (half from the start, half from the end). */
  maxTextChars: number;
}

export const DEFAULT_LIMITS: TranscriptLimits = {
  headLines: 1000,
  tailLines: 1000,
  maxLineChars: 2_000,
  maxTextChars: 20_000_000,
};

function newLine(): Line {
  return { segments: [], shown: 0, cut: 0 };
}

/** Full text with a cap: keeps the first half of the budget and a rolling last half. */
class CappedText {
  private head = '';
  private tail: string[] = [];
  private tailChars = 0;
  private omitted = 0;

  constructor(private readonly maxChars: number) {}

  append(text: string): void {
    const headRoom = Math.floor(this.maxChars / 2) - this.head.length;
    if (headRoom > 0) {
      this.head += text.slice(0, headRoom);
      text = text.slice(headRoom);
      if (!text) return;
    }
    this.tail.push(text);
    this.tailChars += text.length;
    const tailBudget = this.maxChars - Math.floor(this.maxChars / 2);
    while (this.tailChars > tailBudget) {
      const excess = this.tailChars - tailBudget;
      const first = this.tail[0];
      if (first.length <= excess) {
        this.tail.shift();
        this.tailChars -= first.length;
        this.omitted += first.length;
      } else {
        this.tail[0] = first.slice(excess);
        this.tailChars -= excess;
        this.omitted += excess;
      }
    }
  }

  toString(): string {
    const tail = this.tail.join('');
    if (this.omitted === 0) return this.head + tail;
    return `${this.head}\n… [${this.omitted.toLocaleString('en')} characters omitted] …\n${tail}`;
  }
}

export class Transcript {
  private head: Line[] = [];
  /** The last lines, possibly more than tailLines until compacted. */
  private tail: Line[] = [];
  private count = 0;
  private open = false;
  private pendingCR = false;
  private dirtyFrom = Infinity;
  private text: CappedText;
  /** Characters appended, per kind: the run record and status use these. */
  readonly totals: Record<SegmentKind, number> = { stdout: 0, stderr: 0, stdin: 0, system: 0 };

  constructor(readonly limits: TranscriptLimits = DEFAULT_LIMITS) {
    this.text = new CappedText(limits.maxTextChars);
  }

  /** Number of lines, including an unfinished last line. */
  get lineCount(): number {
    return this.count;
  }

  /** Lines [0, headCount) are kept from the start. */
  get headCount(): number {
    return Math.min(this.count, this.limits.headLines);
  }

  /** Lines [tailStart, lineCount) are kept from the end. */
  get tailStart(): number {
    if (this.count <= this.limits.headLines) return this.count;
    return Math.max(this.limits.headLines, this.count - this.limits.tailLines);
  }

  /** Lines between the head and the tail, counted but not kept. */
  get hiddenLines(): number {
    return Math.max(0, this.tailStart - this.headCount);
  }

  /** True when the last line has no line break yet (a prompt, a progress bar). */
  get lastLineOpen(): boolean {
    return this.open;
  }

  /** Line `index`, if it is kept. */
  line(index: number): Line | undefined {
    if (index < 0 || index >= this.count) return undefined;
    if (index < this.limits.headLines) return this.head[index];
    if (index < this.tailStart) return undefined;
    return this.tail[index - (this.count - this.tail.length)];
  }

  /** The lowest line index changed since the last call (Infinity if none), for incremental rendering. */
  takeDirty(): number {
    const from = this.dirtyFrom;
    this.dirtyFrom = Infinity;
    return from;
  }

  /** The text for copy and download. */
  fullText(): string {
    return this.text.toString();
  }

  /** Adds an output item: text to the lines, a picture or an explanation as a line of its own. */
  appendItem(item: ShownItem): void {
    if (item.kind === 'text') return this.append(item.stream, item.text);
    this.text.append(itemText(item));
    if (this.open) this.endLine();
    this.pendingCR = false;
    const line = this.current();
    if (item.kind === 'display') line.picture = { mime: item.mime, data: item.data, alt: item.alt };
    else line.explanation = item;
    this.endLine();
  }

  append(kind: SegmentKind, text: string): void {
    if (!text) return;
    this.totals[kind] += text.length;
    this.text.append(text);
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch !== 10 && ch !== 13) continue;
      this.addText(kind, text.slice(start, i));
      if (ch === 10) {
        this.pendingCR = false;
        this.endLine();
      } else {
        this.pendingCR = true;
      }
      start = i + 1;
    }
    this.addText(kind, text.slice(start));
  }

  private current(): Line {
    if (!this.open) {
      const line = newLine();
      if (this.count < this.limits.headLines) this.head.push(line);
      else {
        this.tail.push(line);
        if (this.tail.length > 2 * this.limits.tailLines) this.tail.splice(0, this.tail.length - this.limits.tailLines);
      }
      this.count++;
      this.open = true;
      this.markDirty(this.count - 1);
    }
    return this.count - 1 < this.limits.headLines ? this.head[this.count - 1] : this.tail[this.tail.length - 1];
  }

  private addText(kind: SegmentKind, text: string): void {
    if (!text) return;
    const line = this.current();
    if (this.pendingCR) {
      // A lone carriage return: what follows overwrites the line, as on a terminal.
      this.pendingCR = false;
      line.segments = [];
      line.shown = 0;
      line.cut = 0;
    }
    const room = this.limits.maxLineChars - line.shown;
    const kept = room >= text.length ? text : text.slice(0, Math.max(0, room));
    line.cut += text.length - kept.length;
    if (kept) {
      const last = line.segments[line.segments.length - 1];
      if (last && last.kind === kind) last.text += kept;
      else line.segments.push({ kind, text: kept });
      line.shown += kept.length;
    }
    this.markDirty(this.count - 1);
  }

  private endLine(): void {
    if (!this.open) this.current();
    this.open = false;
    this.markDirty(this.count - 1);
  }

  private markDirty(index: number): void {
    if (index < this.dirtyFrom) this.dirtyFrom = index;
  }
}
