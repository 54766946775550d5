// Draws a Transcript into the Output region incrementally, once per animation
// frame at most: new lines are appended, lines that fell out of the kept tail
// are removed, so the DOM stays small however much a program prints.
import { findFileReferences } from './traceback-links.ts';
import type { Line, Transcript } from './transcript.ts';

export interface RendererOptions {
  /** Whether a file name in a traceback is one of the learner's files (and so a link). */
  isLinkable: (file: string) => boolean;
  /** Called when the learner follows a traceback link. */
  onOpenLocation: (file: string, line: number) => void;
}

export class OutputRenderer {
  private readonly headEl: HTMLElement;
  private readonly gapEl: HTMLElement;
  private readonly tailEl: HTMLElement;
  private headRendered = 0;
  private tailFirst = 0;
  private tailEnd = 0;
  private frame = 0;
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
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.transcript = transcript;
    this.headEl.replaceChildren();
    this.tailEl.replaceChildren();
    this.gapEl.hidden = true;
    this.headRendered = this.tailFirst = this.tailEnd = 0;
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

  /** Renders on the next animation frame. */
  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderNow();
    });
  }

  /** Renders everything appended so far, now. */
  renderNow(): void {
    if (this.frame) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
    }
    const t = this.transcript;
    const stick = this.atBottom();
    const dirty = t.takeDirty();
    if (dirty !== Infinity && this.pendingLine) {
      // New output: the line holding the input box is rebuilt after the real lines.
      this.pendingLine.remove();
      this.pendingLine = null;
    }

    // Head: lines from the start, appended until the head is full; only the last can change.
    if (dirty < this.headRendered) {
      this.removeChildrenFrom(this.headEl, dirty);
      this.headRendered = dirty;
    }
    while (this.headRendered < t.headCount) {
      this.headEl.append(this.lineElement(t.line(this.headRendered)!, this.isClosed(this.headRendered)));
      this.headRendered++;
    }

    // Tail: a sliding window over the last lines.
    const start = t.tailStart;
    const end = t.lineCount;
    if (end > start) {
      if (this.tailEnd <= start || this.tailFirst > start) {
        this.tailEl.replaceChildren();
        this.tailFirst = this.tailEnd = start;
      } else {
        const changedFrom = Math.max(this.tailFirst, Math.min(dirty, this.tailEnd));
        this.removeChildrenFrom(this.tailEl, changedFrom - this.tailFirst);
        this.tailEnd = changedFrom;
        for (let n = start - this.tailFirst; n > 0; n--) this.tailEl.firstChild?.remove();
        this.tailFirst = start;
      }
      const lines: HTMLElement[] = [];
      for (let i = this.tailEnd; i < end; i++) lines.push(this.lineElement(t.line(i)!, this.isClosed(i)));
      this.tailEl.append(...lines);
      this.tailEnd = end;
    }

    const hidden = t.hiddenLines;
    this.gapEl.hidden = hidden === 0;
    if (hidden > 0) {
      this.gapEl.textContent = `… ${hidden.toLocaleString('en')} more ${hidden === 1 ? 'line' : 'lines'} not shown here (use Copy or Download for everything) …`;
    }
    this.placeTrailing();
    if (stick) this.root.scrollTop = this.root.scrollHeight;
  }

  private placeTrailing(): void {
    if (!this.trailing) return;
    const t = this.transcript;
    const container = t.lineCount > t.headCount ? this.tailEl : this.headEl;
    let last = container.lastElementChild as HTMLElement | null;
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

  private removeChildrenFrom(parent: HTMLElement, index: number): void {
    while (parent.children.length > index) parent.lastElementChild!.remove();
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
