// A run of consecutive output lines in the DOM, grouped in blocks of
// BLOCK_LINES lines. Each block is its own layout unit: appending or dropping
// lines lays out only the blocks they touch, not every line on screen.

/** Lines per block: small enough that a changed block is cheap to lay out again. */
export const BLOCK_LINES = 64;

interface Block {
  /** Block number: the block holds lines [index * BLOCK_LINES, (index + 1) * BLOCK_LINES). */
  index: number;
  el: HTMLElement;
}

/** Lines [first, end) of the output, as line elements inside block elements inside `container`. */
export class LineBlocks {
  first = 0;
  end = 0;
  private blocks: Block[] = [];

  constructor(readonly container: HTMLElement) {}

  get size(): number {
    return this.end - this.first;
  }

  /** Removes every line; the next lines start at `at`. */
  clear(at = 0): void {
    for (const block of this.blocks) block.el.remove();
    this.blocks = [];
    this.first = this.end = at;
  }

  /** Removes lines [from, end). */
  truncate(from: number): void {
    if (from >= this.end) return;
    if (from <= this.first) return this.clear(this.first);
    for (let block = this.blocks.at(-1); block; block = this.blocks.at(-1)) {
      const keep = from - Math.max(block.index * BLOCK_LINES, this.first);
      if (keep <= 0) {
        block.el.remove();
        this.blocks.pop();
        continue;
      }
      while (block.el.childElementCount > keep) block.el.lastElementChild!.remove();
      break;
    }
    this.end = from;
  }

  /** Removes lines [first, to). */
  dropBefore(to: number): void {
    if (to <= this.first) return;
    if (to >= this.end) return this.clear(to);
    for (let block = this.blocks[0]; block; block = this.blocks[0]) {
      if (Math.min((block.index + 1) * BLOCK_LINES, this.end) <= to) {
        block.el.remove();
        this.blocks.shift();
        continue;
      }
      for (let n = to - Math.max(block.index * BLOCK_LINES, this.first); n > 0; n--) {
        block.el.firstElementChild!.remove();
      }
      break;
    }
    this.first = to;
  }

  /** Adds lines [end, to), made by `make`. */
  append(to: number, make: (index: number) => HTMLElement): void {
    if (this.size === 0) this.first = this.end;
    for (let i = this.end; i < to;) {
      const index = Math.floor(i / BLOCK_LINES);
      const stop = Math.min(to, (index + 1) * BLOCK_LINES);
      const lines: HTMLElement[] = [];
      for (; i < stop; i++) lines.push(make(i));
      const last = this.blocks.at(-1);
      if (last?.index === index) last.el.append(...lines);
      else {
        const block = this.newBlock(index, lines);
        // After the last block, or first in the container: anything else there (the input box's line) stays last.
        if (last) last.el.after(block.el);
        else this.container.prepend(block.el);
        this.blocks.push(block);
      }
    }
    this.end = Math.max(this.end, to);
  }

  /** Adds lines [from, first) before the first line, made by `make`. */
  prepend(from: number, make: (index: number) => HTMLElement): void {
    for (let i = this.first; i > from;) {
      const index = Math.floor((i - 1) / BLOCK_LINES);
      const start = Math.max(from, index * BLOCK_LINES);
      const lines: HTMLElement[] = [];
      for (let j = start; j < i; j++) lines.push(make(j));
      const head = this.blocks[0];
      if (head?.index === index) head.el.prepend(...lines);
      else {
        const block = this.newBlock(index, lines);
        this.container.prepend(block.el);
        this.blocks.unshift(block);
      }
      i = start;
    }
    this.first = Math.min(this.first, from);
  }

  /** The element of the last line, if any. */
  lastLine(): HTMLElement | null {
    return (this.blocks.at(-1)?.el.lastElementChild as HTMLElement | null) ?? null;
  }

  private newBlock(index: number, lines: HTMLElement[]): Block {
    const el = this.container.ownerDocument.createElement('div');
    el.className = 'out-block';
    el.append(...lines);
    return { index, el };
  }
}
