// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BLOCK_LINES } from './line-blocks.ts';
import { LINES_PER_FRAME, OutputRenderer } from './output-renderer.ts';
import { Transcript } from './transcript.ts';

/** Animation frames run by hand, so a test decides when each frame happens. */
let frames: FrameRequestCallback[] = [];
beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => {
    frames = [];
  });
});
afterEach(() => vi.unstubAllGlobals());

function runFrame(): void {
  const pending = frames;
  frames = [];
  for (const cb of pending) cb(0);
}

function runFrames(max = 1000): number {
  let n = 0;
  while (frames.length && n < max) {
    runFrame();
    n++;
  }
  return n;
}

function setup(limits = { headLines: 1000, tailLines: 1000, maxLineChars: 2000, maxTextChars: 1e7 }) {
  const root = document.createElement('div');
  document.body.append(root);
  const transcript = new Transcript(limits);
  const renderer = new OutputRenderer(root, transcript, { isLinkable: () => false, onOpenLocation: () => {} });
  const shownLines = () => [...root.querySelectorAll('.out-line')].map((el) => el.textContent);
  const gap = () =>
    (root.querySelector('.out-gap') as HTMLElement).hidden ? '' : root.querySelector('.out-gap')!.textContent;
  return { root, transcript, renderer, shownLines, gap };
}

const numbers = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${from + i}\n`);

describe('OutputRenderer', () => {
  it('whenDrawn waits until a flood is drawn over several frames, then resolves', async () => {
    const { transcript, renderer, shownLines } = setup();
    await renderer.whenDrawn(); // nothing appended: at once
    transcript.append('stdout', numbers(0, 5_000).join(''));
    renderer.schedule();
    let done = false;
    const drawn = renderer.whenDrawn().then(() => (done = true));
    runFrame();
    await Promise.resolve();
    expect(done).toBe(false);
    runFrames();
    await drawn;
    expect(shownLines()).toEqual([...numbers(0, 1000), ...numbers(4000, 5000)]);
  });

  it('flush draws a short output at once, and a flood one budget now and the rest on later frames', async () => {
    const { transcript, renderer, shownLines } = setup();
    transcript.append('stdout', 'done\n');
    renderer.schedule();
    renderer.flush();
    expect(shownLines()).toEqual(['done\n']);
    expect(frames.length).toBe(0);
    await renderer.whenDrawn();

    transcript.append('stdout', numbers(0, 10_000).join(''));
    renderer.flush();
    expect(shownLines().length).toBeLessThanOrEqual(LINES_PER_FRAME + 1);
    expect(frames.length).toBe(1);
    runFrames();
    await renderer.whenDrawn();
    expect(shownLines().length).toBe(2000);
  });

  it('whenDrawn resolves when the output is reset, and at once after renderNow', async () => {
    const { transcript, renderer } = setup();
    transcript.append('stdout', 'one\n');
    renderer.schedule();
    const waiting = renderer.whenDrawn();
    renderer.reset(new Transcript());
    await waiting;
    renderer.schedule();
    renderer.renderNow();
    let done = false;
    await renderer.whenDrawn().then(() => (done = true));
    expect(done).toBe(true);
  });

  it('draws a flood newest first, within the frame budget, then fills in every kept line', () => {
    const { transcript, renderer, shownLines, gap } = setup();
    transcript.append('stdout', numbers(0, 100_000).join(''));
    renderer.schedule();
    runFrame();
    const first = shownLines();
    expect(first.length).toBeLessThanOrEqual(LINES_PER_FRAME);
    expect(first.at(-1)).toBe('99999\n');
    const frameCount = runFrames();
    expect(frameCount).toBeGreaterThan(1);
    expect(shownLines()).toEqual([...numbers(0, 1000), ...numbers(99_000, 100_000)]);
    expect(gap()).toContain('98,000 more lines not shown here');
    expect(frames.length).toBe(0); // nothing left to draw: no frame scheduled
  });

  it('keeps up with output arriving over many frames, in any chunking', () => {
    const { transcript, renderer, shownLines } = setup({
      headLines: 200,
      tailLines: 300,
      maxLineChars: 2000,
      maxTextChars: 1e7,
    });
    let next = 0;
    // Chunks of very different sizes, some ending mid-line.
    for (const size of [1, 7, 150, 3, 999, 40, 2500, 5, 64, 65, 128, 1, 700]) {
      const text = numbers(next, next + size).join('');
      const cut = size % 2 ? text.length - 2 : text.length;
      transcript.append('stdout', text.slice(0, cut));
      renderer.schedule();
      runFrame();
      transcript.append('stdout', text.slice(cut));
      next += size;
      renderer.schedule();
      runFrame();
    }
    runFrames();
    expect(shownLines()).toEqual([...numbers(0, 200), ...numbers(next - 300, next)]);
  });

  it('redraws a line that grows after it was drawn, and a carriage return rewrite', () => {
    const { transcript, renderer, shownLines } = setup();
    transcript.append('stdout', 'Progress: 1');
    renderer.renderNow();
    transcript.append('stdout', '0%');
    renderer.renderNow();
    expect(shownLines()).toEqual(['Progress: 10%']);
    transcript.append('stdout', '\rProgress: 100%\ndone\n');
    renderer.renderNow();
    expect(shownLines()).toEqual(['Progress: 100%\n', 'done\n']);
  });

  it('puts blocks of lines in order, across block boundaries and a growing last line', () => {
    const { root, transcript, renderer, shownLines } = setup();
    for (let i = 0; i < 3 * BLOCK_LINES + 5; i++) {
      transcript.append('stdout', `${i}`);
      renderer.renderNow();
      transcript.append('stdout', '\n');
      renderer.renderNow();
    }
    expect(shownLines()).toEqual(numbers(0, 3 * BLOCK_LINES + 5));
    expect(root.querySelectorAll('.out-block').length).toBe(4);
  });

  it('renderNow draws everything at once, and the input box sits at the end of the last line', () => {
    const { root, transcript, renderer, shownLines } = setup();
    transcript.append('stdout', numbers(0, 5000).join('') + 'Your name? ');
    const box = document.createElement('input');
    renderer.setTrailing(box);
    expect(shownLines().length).toBe(2000);
    expect(shownLines().at(-1)).toBe('Your name? ');
    expect(root.querySelector('input')).toBe(box);
    expect(box.parentElement!.textContent).toBe('Your name? ');
  });

  it('an input box after a finished line gets a line of its own, removed when output resumes', () => {
    const { root, transcript, renderer, shownLines } = setup();
    transcript.append('stdout', 'hello\n');
    const box = document.createElement('input');
    renderer.setTrailing(box);
    expect(box.parentElement!.className).toBe('out-line');
    expect(box.parentElement!.textContent).toBe('');
    renderer.setTrailing(null);
    transcript.append('stdout', 'world\n');
    renderer.schedule();
    runFrames();
    expect(shownLines()).toEqual(['hello\n', 'world\n']);
    expect(root.querySelector('input')).toBeNull();
  });

  it('reset starts over with a new transcript and cancels a pending frame', () => {
    const { transcript, renderer, shownLines } = setup();
    transcript.append('stdout', numbers(0, 3000).join(''));
    renderer.schedule();
    const fresh = new Transcript();
    renderer.reset(fresh);
    runFrames();
    expect(shownLines()).toEqual([]);
    fresh.append('stdout', 'again\n');
    renderer.schedule();
    runFrames();
    expect(shownLines()).toEqual(['again\n']);
  });

  it('an explanation follows the traceback as a note named Explanation, linking to its line; text keeps its place', () => {
    const root = document.createElement('div');
    document.body.append(root);
    const transcript = new Transcript();
    const opened: [string, number][] = [];
    const renderer = new OutputRenderer(root, transcript, {
      isLinkable: () => true,
      onOpenLocation: (file, line) => opened.push([file, line]),
      foldExplanations: () => true,
    });
    transcript.append('stderr', "NameError: name 'pritn' is not defined\n");
    transcript.appendItem({
      kind: 'explanation',
      case: 'name-misspelt',
      file: 'main.py',
      line: 3,
      text: 'Python does not know `pritn`.',
      hint: 'Did you mean `print`?',
    });
    transcript.append('stdout', 'after\n');
    renderer.renderNow();
    const lines = [...root.querySelectorAll('.out-line')];
    expect(lines.map((l) => l.className)).toEqual(['out-line', 'out-line out-explanation', 'out-line']);
    const note = lines[1];
    expect(note.getAttribute('role')).toBe('note');
    expect(note.getAttribute('aria-label')).toBe('Explanation');
    expect(note.querySelector('details')!.open).toBe(false); // folded on a small screen
    expect(note.querySelector('summary a')).toBeNull(); // tapping the folded line unfolds it, never navigates
    expect(note.textContent).toContain('Line 3 of main.py');
    expect([...note.querySelectorAll('code')].map((c) => c.textContent)).toEqual(['pritn', 'print']);
    (note.querySelector('a[data-file]') as HTMLElement).click();
    expect(opened).toEqual([['main.py', 3]]);
    expect(transcript.fullText()).toBe(
      "NameError: name 'pritn' is not defined\n" +
        'Explanation (main.py, line 3): Python does not know `pritn`.\nTry this: Did you mean `print`?\nafter\n',
    );
  });

  it('a picture is an img named by its description, with Enlarge and Download buttons', () => {
    const { root, transcript, renderer } = setup();
    const data = new Uint8Array([137, 80, 78, 71]);
    transcript.append('stdout', 'before\n');
    transcript.appendItem({ kind: 'display', mime: 'image/png', data, alt: 'Image from line 2' });
    transcript.append('stdout', 'after\n');
    renderer.renderNow();
    const lines = [...root.querySelectorAll('.out-line')];
    expect(lines).toHaveLength(3);
    const img = lines[1].querySelector('img')!;
    expect(img.alt).toBe('Image from line 2');
    // The log's text stays the program's output: the buttons' labels are drawn by CSS.
    expect(root.textContent).toBe('before\n\nafter\n');
    expect([...lines[1].querySelectorAll('button')].map((b) => b.getAttribute('aria-label'))).toEqual([
      'Enlarge picture: Image from line 2',
      'Download picture: Image from line 2',
    ]);
  });
});
