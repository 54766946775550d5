// The drawing panel's controller: keeps the scene a turtle program draws,
// paints it, answers what Python asks of the page (dialogs, text widths) and
// hands the program its key presses and clicks, through the run's event
// channel (the one input() uses). A module outside the component, as
// run-session.ts is.
import { createSignal } from 'solid-js';
import type { ShownItem, TurtleItem } from '../../../model/output.ts';
import type { EventKind } from '../../../runner/shared-channel.ts';
import type { DisplayInfo } from '../../../runner/protocol.ts';
import { Painter, measureText } from './painter.ts';
import { Scene, type SceneRequest } from './scene.ts';
import type { TurtleKeyEvent, TurtlePointerEvent } from '../shared/ops.ts';

export type Question = Extract<SceneRequest, { type: 'ask' }>;

/**
 * The file name a program's Screen().save() may download as: a plain `.png` name (the program may be someone
 * else's, and a forged command may ask for anything), or undefined.
 */
export function safePngName(requested: string): string | undefined {
  const name = (requested.split(/[\\/]/).pop() ?? '').replace(/[^\w .()-]+/g, '_').trim();
  return /^[^.].*\.png$/i.test(name) && name.length <= 120 ? name : undefined;
}

/** Whether a program's files use turtle graphics (the panel opens before Python draws). */
export function usesTurtle(files: { name: string; content: string }[]): boolean {
  return files.some(
    (f) => f.name.endsWith('.py') && /^\s*(import\s+[\w\s,.]*\bturtle\b|from\s+turtle\s+import)/m.test(f.content),
  );
}

export function createTurtleDrawing(options: {
  /** Hands the running program an event; false if it could not (no run, or the mailbox is full). */
  send: (kind: EventKind, payload: string) => boolean;
  /** Screen().save(name): offers the picture as a file (a download). */
  save: (name: string, png: Blob) => void;
}) {
  const scene = new Scene();
  let painter: Painter | undefined;
  let canvas: HTMLCanvasElement | undefined;
  let resized: ResizeObserver | undefined;
  const [shown, setShown] = createSignal(false);
  const [title, setTitle] = createSignal('');
  const [description, setDescription] = createSignal(scene.describe());
  const [question, setQuestion] = createSignal<Question | null>(null);
  /** A program is running that may use the keyboard and pointer. */
  const [live, setLive] = createSignal(false);
  /** Called when a program's drawing first arrives in a run (the layout brings the panel forward). */
  let onShow: () => void = () => {};

  let describeTimer: ReturnType<typeof setTimeout> | undefined;
  const painted = () => {
    setTitle(scene.title);
    // The text alternative follows the drawing, but not at every animation frame.
    describeTimer ??= setTimeout(() => {
      describeTimer = undefined;
      setDescription(scene.describe());
    }, 250);
  };

  function handle(request: SceneRequest): void {
    switch (request.type) {
      case 'ask':
        setQuestion(request);
        break;
      case 'measure':
        options.send('dialog', JSON.stringify({ w: measureText(request.font, request.text) }));
        break;
      case 'listen':
        canvas?.focus({ preventScroll: true });
        break;
      case 'bye':
        setQuestion(null);
        break;
      case 'save':
        void save(request.name);
        break;
    }
  }

  async function save(requested: string): Promise<void> {
    const name = safePngName(requested);
    if (!name) {
      options.send('dialog', JSON.stringify({ error: `Screen.save() can only write a .png picture: ${requested}` }));
      return;
    }
    const blob = await painter?.pngNow();
    if (blob) options.save(name, blob);
    const answer = blob ? { saved: name } : { error: 'the drawing could not be turned into a picture' };
    options.send('dialog', JSON.stringify(answer));
  }

  return {
    shown,
    title,
    description,
    question,
    live,

    /** The panel's canvas and its scrolling body, once mounted. */
    attach(element: HTMLCanvasElement, scroller: HTMLElement): void {
      canvas = element;
      painter?.dispose();
      resized?.disconnect();
      painter = new Painter(element, scene, painted, () => {
        const rect = scroller.getBoundingClientRect();
        // The body's padding and the canvas's outline stay visible.
        return rect.width > 0 ? { width: rect.width - 12, height: rect.height - 12 } : undefined;
      });
      painter.schedule();
      // A fitted drawing follows the panel's size (a window resized, a phone turned).
      resized = new ResizeObserver(() => painter?.layout());
      resized.observe(scroller);
    },

    onShow(listener: () => void): void {
      onShow = listener;
    },

    /** A run starts: the drawing is cleared; the panel shows if the program uses turtle graphics. */
    begin(files: { name: string; content: string }[]): void {
      scene.reset();
      setQuestion(null);
      setDescription(scene.describe());
      const uses = usesTurtle(files);
      setShown(uses);
      setLive(true);
      if (uses) onShow();
      painter?.schedule();
    },

    /** Commands from the program. */
    apply(item: TurtleItem): void {
      if (!shown()) {
        setShown(true);
        onShow();
      }
      for (const request of scene.apply(item)) handle(request);
      painter?.schedule();
    },

    /** The run ended: a question left open is gone, keys and clicks go nowhere. */
    end(): void {
      setQuestion(null);
      setLive(false);
      clearTimeout(describeTimer);
      describeTimer = undefined;
      setDescription(scene.describe());
    },

    /** Resolves once every command received is painted. */
    whenPainted(): Promise<void> {
      return painter?.whenPainted() ?? Promise.resolve();
    },

    /** The drawing as a picture for the history (nothing when the run drew nothing). */
    async keep(): Promise<ShownItem[]> {
      if (!shown() || !painter || scene.items.length === 0) return [];
      const blob = await painter.png();
      if (!blob) return [];
      const data = new Uint8Array(await blob.arrayBuffer());
      return [{ kind: 'display', mime: 'image/png', data, alt: `Turtle drawing: ${scene.describe()}` }];
    },

    /** The drawing as a PNG file, for the Download button. */
    png(): Promise<Blob | null> {
      return painter?.png() ?? Promise.resolve(null);
    },

    /** The window's size, for Python's default drawing area (the page fits that area into the panel). */
    display(): DisplayInfo {
      return { width: Math.round(window.innerWidth), height: Math.round(window.innerHeight) };
    },

    answer(value: string | null): void {
      if (!question()) return;
      setQuestion(null);
      options.send('dialog', JSON.stringify({ v: value }));
    },

    key(type: TurtleKeyEvent['t'], keysym: string): boolean {
      if (!live()) return false;
      return options.send('key', JSON.stringify({ t: type, k: keysym } satisfies TurtleKeyEvent));
    },

    /** A pointer event at CSS pixels (x, y) from the canvas's top left. */
    pointer(type: TurtlePointerEvent['t'], cssX: number, cssY: number, button: number): boolean {
      if (!live()) return false;
      const k = painter?.displayScale ?? 1;
      const [x, y] = [cssX / k, cssY / k];
      // Whole pixels, as Tk reports them (a browser's offsets can be fractions).
      const event: TurtlePointerEvent = {
        t: type,
        x: Math.round(x) - scene.width / 2,
        y: scene.height / 2 - Math.round(y),
        b: button,
      };
      return options.send('pointer', JSON.stringify(event));
    },
  };
}

export type TurtleDrawing = ReturnType<typeof createTurtleDrawing>;
