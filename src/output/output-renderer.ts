// Draws a Transcript into the Output region incrementally, once per animation
// frame at most: new lines are appended, lines that fell out of the kept tail
// are removed, so the DOM stays small however much a program prints.
import { findFileReferences } from './traceback-links.ts';
import { LineBlocks } from './line-blocks.ts';
import { explanationElement, pictureElement } from './rich-items.ts';
import type { Line, Transcript } from './transcript.ts';

export interface RendererOptions {
  /** Whether a file name in a traceback is one of the learner's files (and so a link). */
  isLinkable: (file: string) => boolean;
  /** Called when the learner follows a traceback link. */
  onOpenLocation: (file: string, line: number) => void;
  /** Whether explanations start folded to one line (on a small screen). */
  foldExplanations?: () => boolean;
}

/**
 * Lines drawn per animation frame while output streams in. A flood prints far
 * more than this between frames: the newest lines are drawn first (that is
 * where the learner looks), older kept lines are filled in over the next frames.
 */
export const LINES_PER_FRAME = 300;

export class OutputRenderer {
  private readonly headEl: HTMLElement;
  private readonly gapEl: HTMLElement;
  private readonly tailEl: HTMLElement;
  /** Lines kept from the start: always [0, end). */
  private readonly head: LineBlocks;
  /** Lines kept from the end: a window ending at the transcript's last line. */
  private readonly tail: LineBlocks;
  /** Cancels the pending render, if one is scheduled. */
  private cancelFrame: (() => void) | undefined;
  /** Whether the screen showed every kept line after the last render. */
  private drawn = true;
  /** Callers of whenDrawn() waiting for the screen to catch up. */
  private waiters: (() => void)[] = [];
  private trailing: HTMLElement | null = null;
  /** An empty line made to hold `trailing` when the output ends with a line break. */
  private pendingLine: HTMLElement | null = null;

  constructor(
    private readonly root: HTMLElement,
    private transcript: Transcript,
    private readonly options: RendererOptions,
  ) {
    const doc = root.ownerDocument;
    this.headEl = doc.createElement('div');
    this.gapEl = doc.createElement('div');
    this.gapEl.className = 'out-gap';
    this.gapEl.hidden = true;
    this.tailEl = doc.createElement('div');
    this.head = new LineBlocks(this.headEl);
    this.tail = new LineBlocks(this.tailEl);
    root.replaceChildren(this.headEl, this.gapEl, this.tailEl);
    root.addEventListener('click', (event) => {
      const link = (event.target as Element).closest?.('a[data-file]') as HTMLAnchorElement | null;
      if (!link) return;
      event.preventDefault();
      this.options.onOpenLocation(link.dataset.file!, Number(link.dataset.line));
    });
  }

  /** Starts over with a new transcript. */
  reset(transcript: Transcript): void {
    this.cancel();
    // Whatever was waiting for the old output to be drawn waits no more: it is gone.
    this.settle();
    this.transcript = transcript;
    this.head.clear();
    this.tail.clear();
    this.headEl.replaceChildren();
    this.tailEl.replaceChildren();
    this.gapEl.hidden = true;
    this.pendingLine = null;
    this.placeTrailing();
  }

  /** Shows `element` (the input box) at the end of the last line, or removes it with null. */
  setTrailing(element: HTMLElement | null): void {
    if (this.trailing !== element) this.trailing?.remove();
    this.trailing = element;
    if (!element) {
      this.pendingLine?.remove();
      this.pendingLine = null;
    }
    this.renderNow();
  }

  /** Renders on the next animation frame, within the per-frame budget (and on later frames until done). */
  schedule(): void {
    this.drawn = false;
    if (this.cancelFrame) return;
    const tick = () => {
      this.cancelFrame = undefined;
      if (!this.render(LINES_PER_FRAME)) this.schedule();
    };
    // A hidden tab gets no animation frames: a timer keeps the output (and whoever waits for it) moving.
    if (this.root.ownerDocument.visibilityState === 'hidden') {
      const timer = setTimeout(tick, 50);
      this.cancelFrame = () => clearTimeout(timer);
    } else {
      const frame = requestAnimationFrame(tick);
      this.cancelFrame = () => cancelAnimationFrame(frame);
    }
  }

  /**
   * Draws one frame's budget now, the rest on later frames: for the end of a
   * run, whose last lines need not wait for a frame (a flood still draws in
   * budgeted steps).
   */
  flush(): void {
    this.cancel();
    if (!this.render(LINES_PER_FRAME)) this.schedule();
  }

  /** Renders everything appended so far, now. */
  renderNow(): void {
    this.cancel();
    this.render(Infinity);
  }

  /**
   * Resolves once the screen shows everything appended so far (drawn within the
   * frame budget, over as many frames as that takes), or the output was reset.
   */
  whenDrawn(): Promise<void> {
    if (this.drawn && !this.cancelFrame) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private cancel(): void {
    this.cancelFrame?.();
    this.cancelFrame = undefined;
  }

  private settle(): void {
    this.drawn = true;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Draws up to `budget` lines, newest first; true when the screen shows every kept line. */
  private render(budget: number): boolean {
    const t = this.transcript;
    const stick = this.atBottom();
    const dirty = t.takeDirty();
    if (dirty !== Infinity && this.pendingLine) {
      // New output: the line holding the input box is rebuilt after the real lines.
      this.pendingLine.remove();
      this.pendingLine = null;
    }
    const make = (i: number) => this.lineElement(t.line(i)!, this.isClosed(i));
    const end = t.lineCount;
    const headEnd = t.headCount;
    const tailStart = t.tailStart;

    // Changed lines (only the last line changes once drawn) are drawn again.
    this.head.truncate(dirty);
    this.tail.truncate(dirty);

    // The tail: the newest lines first; lines that left the kept window go.
    if (end > tailStart) {
      // More new lines than the budget: start the drawn window afresh, nearer the end.
      if (this.tail.end < Math.max(tailStart, end - budget)) this.tail.clear(Math.max(tailStart, end - budget));
      this.tail.dropBefore(tailStart);
      budget -= end - this.tail.end;
      this.tail.append(end, make);
    } else if (this.tail.size > 0) {
      this.tail.clear(end);
    }

    // The head, in order from the first line.
    if (this.head.end < headEnd && budget > 0) {
      const to = Math.min(headEnd, this.head.end + budget);
      budget -= to - this.head.end;
      this.head.append(to, make);
    }

    // Older lines of the tail, filled in backwards.
    if (end > tailStart && this.tail.first > tailStart && budget > 0) {
      this.tail.prepend(Math.max(tailStart, this.tail.first - budget), make);
    }

    const hidden = (end > tailStart ? this.tail.first : end) - this.head.end;
    this.gapEl.hidden = !(t.hiddenLines > 0 && hidden > 0);
    if (!this.gapEl.hidden) {
      this.gapEl.textContent = `… ${hidden.toLocaleString('en')} more ${hidden === 1 ? 'line' : 'lines'} not shown here (use Copy or Download for everything) …`;
    }
    this.placeTrailing();
    if (stick) this.root.scrollTop = this.root.scrollHeight;
    const complete = this.head.end === headEnd && (end <= tailStart || this.tail.first === tailStart);
    if (complete) this.settle();
    else this.drawn = false;
    return complete;
  }

  private placeTrailing(): void {
    if (!this.trailing) return;
    const t = this.transcript;
    const lines = t.lineCount > t.headCount ? this.tail : this.head;
    const container = lines.container;
    let last = this.pendingLine ?? lines.lastLine();
    if (!last || !t.lastLineOpen) {
      last = this.pendingLine ?? this.root.ownerDocument.createElement('span');
      last.className = 'out-line';
      this.pendingLine = last;
      if (last.parentElement !== container) container.append(last);
    }
    // Moving a focused element would blur it: only move it when it is not already in place.
    if (last.lastChild !== this.trailing) last.append(this.trailing);
  }

  private atBottom(): boolean {
    const r = this.root;
    return r.scrollHeight - r.scrollTop - r.clientHeight < 24;
  }

  private isClosed(index: number): boolean {
    return index < this.transcript.lineCount - 1 || !this.transcript.lastLineOpen;
  }

  /**
   * A line is an inline span ending in a real line break, so the log's text
   * (copy, screen readers, textContent) reads exactly like the program's output.
   */
  private lineElement(line: Line, closed: boolean): HTMLElement {
    const doc = this.root.ownerDocument;
    const el = doc.createElement('span');
    el.className = 'out-line';
    if (line.picture) return pictureElement(doc, line.picture);
    if (line.explanation) {
      return explanationElement(doc, line.explanation, {
        onOpenLocation: this.options.onOpenLocation,
        folded: this.options.foldExplanations?.() ?? false,
      });
    }
    for (const segment of line.segments) {
      const span = doc.createElement('span');
      span.className = `out-${segment.kind}`;
      if (segment.kind === 'stderr') this.appendWithLinks(span, segment.text);
      else span.textContent = segment.text;
      el.append(span);
    }
    if (line.cut > 0) {
      const more = doc.createElement('span');
      more.className = 'out-cut';
      more.textContent = ` … [${line.cut.toLocaleString('en')} more characters on this line]`;
      el.append(more);
    }
    if (closed) el.append('\n');
    return el;
  }

  private appendWithLinks(span: HTMLElement, text: string): void {
    const refs = findFileReferences(text, this.options.isLinkable);
    if (refs.length === 0) {
      span.textContent = text;
      return;
    }
    const doc = this.root.ownerDocument;
    let at = 0;
    for (const ref of refs) {
      span.append(text.slice(at, ref.start));
      const a = doc.createElement('a');
      a.href = '#';
      a.dataset.file = ref.file;
      a.dataset.line = String(ref.line);
      a.textContent = text.slice(ref.start, ref.end);
      a.title = `Go to ${ref.file}, line ${ref.line}`;
      span.append(a);
      at = ref.end;
    }
    span.append(text.slice(at));
  }
}
