// What a turtle program has drawn, as the page keeps it: the items in stacking
// order (the canvas's retained "display list"), the turtles as they are shown
// now, and the drawing area's size. Built from the command batches Python sends
// (shared/ops.ts); painted by painter.ts. Plain data: tested without a canvas.
import { OP, type TurtleBatch } from '../shared/ops.ts';

export type Align = 0 | 1 | 2;

/** Points as x, y pairs. */
export type Points = Float64Array;

export type Item =
  | { k: 'line'; id: number; owner: number; pts: Points; width: number; color: string }
  | { k: 'poly'; id: number; owner: number; pts: Points; fill: string | null; outline: string | null; width: number }
  | { k: 'dot'; id: number; owner: number; x: number; y: number; d: number; color: string }
  | {
      k: 'text';
      id: number;
      owner: number;
      x: number;
      y: number;
      align: Align;
      color: string;
      font: string;
      text: string;
    }
  /** A fill's place in the stacking order; `pts` null while the fill is still open. */
  | { k: 'fill'; id: number; owner: number; pts: Points | null; color: string };

export interface SpritePoly {
  pts: Points;
  fill: string | null;
  outline: string | null;
  width: number;
}

export interface Sprite {
  owner: number;
  /** Position and heading in the program's own units. */
  wx: number;
  wy: number;
  heading: number;
  /** The line drawn so far during an animated move. */
  trail: Points | null;
  trailWidth: number;
  trailColor: string;
  /** Empty: hidden. */
  polys: SpritePoly[];
}

/** What a batch asks of the page besides drawing. */
export type SceneRequest =
  | { type: 'ask'; kind: 'text' | 'number'; title: string; prompt: string; initial: string; min?: number; max?: number }
  | { type: 'measure'; font: string; text: string }
  | { type: 'listen' }
  | { type: 'bye' }
  | { type: 'save'; name: string };

/** The drawing area before a program says otherwise (CPython's canvas default). */
export const DEFAULT_SIZE = { width: 400, height: 300 };
/** Largest drawing area accepted, per side (a canvas that big is already 64 MB at 2× pixels). */
export const MAX_SIDE = 4000;

export class Scene {
  width = DEFAULT_SIZE.width;
  height = DEFAULT_SIZE.height;
  /** The area may be shown scaled down to fit the panel (false: at 1:1, scrolling). */
  fit = true;
  background = '#ffffff';
  title = '';
  items: Item[] = [];
  readonly sprites = new Map<number, Sprite>();
  /**
   * Bumped when items were removed or changed in place other than a fill being
   * closed, or the area resized: the painter repaints everything.
   */
  structure = 0;
  /** Bumped at every change that shows (the painter composites again). */
  revision = 0;

  /** Applies one batch; returns what it asks of the page, in order. */
  apply(batch: TurtleBatch): SceneRequest[] {
    const { ops, strs } = batch;
    const requests: SceneRequest[] = [];
    const str = (i: number) => (i >= 0 && i < strs.length ? strs[i] : '');
    const color = (i: number) => (i >= 0 && i < strs.length ? strs[i] : null);
    let at = 0;
    const next = () => ops[at++];
    // A copy of its own (a fast block copy: a batch of 10,000 lines is read in a few milliseconds).
    const points = (n: number) => {
      const pts = ops.slice(at, at + 2 * n);
      at += 2 * n;
      return pts;
    };
    while (at < ops.length) {
      const op = next();
      switch (op) {
        case OP.SETUP: {
          const w = clampSide(next());
          const h = clampSide(next());
          this.fit = next() === 1;
          if (w !== this.width || h !== this.height) {
            this.width = w;
            this.height = h;
            this.structure++;
          }
          break;
        }
        case OP.BGCOLOR:
          this.background = str(next()) || '#ffffff';
          break;
        case OP.CLEAR:
          this.items = [];
          this.sprites.clear();
          this.structure++;
          break;
        case OP.LINE: {
          const id = next();
          const owner = next();
          const pts = points(next());
          this.items.push({ k: 'line', id, owner, pts, width: next(), color: str(next()) });
          break;
        }
        case OP.POLY: {
          const id = next();
          const owner = next();
          const pts = points(next());
          const fill = color(next());
          const outline = color(next());
          this.items.push({ k: 'poly', id, owner, pts, fill, outline, width: next() });
          break;
        }
        case OP.DOT: {
          const [id, owner, x, y, d] = [next(), next(), next(), next(), next()];
          this.items.push({ k: 'dot', id, owner, x, y, d, color: str(next()) });
          break;
        }
        case OP.TEXT: {
          const [id, owner, x, y, align] = [next(), next(), next(), next(), next()];
          const [c, font, text] = [str(next()), str(next()), str(next())];
          this.items.push({ k: 'text', id, owner, x, y, align: clampAlign(align), color: c, font, text });
          break;
        }
        case OP.FILL: {
          const id = next();
          this.items.push({ k: 'fill', id, owner: next(), pts: null, color: '#000000' });
          break;
        }
        case OP.FILLED: {
          const id = next();
          const pts = points(next());
          const c = str(next());
          const place = findLast(this.items, (item) => item.k === 'fill' && item.id === id);
          if (place?.k === 'fill') {
            place.pts = pts;
            place.color = c;
          }
          break;
        }
        case OP.DELETE: {
          const id = next();
          const before = this.items.length;
          this.items = this.items.filter((item) => item.id !== id);
          if (this.items.length !== before) this.structure++;
          break;
        }
        case OP.DELETE_OWNER: {
          const owner = next();
          const before = this.items.length;
          this.items = this.items.filter((item) => item.owner !== owner);
          if (this.items.length !== before) this.structure++;
          break;
        }
        case OP.SPRITE: {
          const [owner, wx, wy, heading] = [next(), next(), next(), next()];
          const trailN = next();
          const trail = trailN > 0 ? points(trailN) : null;
          const trailWidth = next();
          const trailColor = str(next());
          const polys: SpritePoly[] = [];
          for (let n = next(); n > 0; n--) {
            const pts = points(next());
            polys.push({ pts, fill: color(next()), outline: color(next()), width: next() });
          }
          this.sprites.set(owner, { owner, wx, wy, heading, trail, trailWidth, trailColor, polys });
          break;
        }
        case OP.SPRITE_GONE:
          this.sprites.delete(next());
          break;
        case OP.TITLE:
          this.title = str(next());
          break;
        case OP.LISTEN:
          requests.push({ type: 'listen' });
          break;
        case OP.ASK: {
          const kind = next() === 1 ? 'number' : 'text';
          const [title, prompt, initial] = [str(next()), str(next()), str(next())];
          const [min, max] = [next(), next()];
          requests.push({
            type: 'ask',
            kind,
            title,
            prompt,
            initial,
            min: Number.isNaN(min) ? undefined : min,
            max: Number.isNaN(max) ? undefined : max,
          });
          break;
        }
        case OP.MEASURE:
          requests.push({ type: 'measure', font: str(next()), text: str(next()) });
          break;
        case OP.BYE:
          requests.push({ type: 'bye' });
          break;
        case OP.SAVE:
          requests.push({ type: 'save', name: str(next()) });
          break;
        default:
          // A command this page does not know: the rest of the batch cannot be read safely.
          at = ops.length;
      }
    }
    this.revision++;
    return requests;
  }

  /** Starts over for a new run. */
  reset(): void {
    this.items = [];
    this.sprites.clear();
    this.width = DEFAULT_SIZE.width;
    this.height = DEFAULT_SIZE.height;
    this.fit = true;
    this.background = '#ffffff';
    this.title = '';
    this.structure++;
    this.revision++;
  }

  /** The drawing in words, for screen readers (the canvas's text alternative). */
  describe(): string {
    let lines = 0;
    let fills = 0;
    let dots = 0;
    let shapes = 0;
    const texts: string[] = [];
    for (const item of this.items) {
      if (item.k === 'line') lines += Math.max(1, item.pts.length / 2 - 1);
      else if (item.k === 'fill' && item.pts && item.pts.length >= 6) fills++;
      else if (item.k === 'dot') dots++;
      else if (item.k === 'poly') shapes++;
      else if (item.k === 'text') texts.push(item.text);
    }
    if (lines + fills + dots + shapes + texts.length === 0 && this.sprites.size === 0) return 'Nothing drawn yet.';
    const parts: string[] = [];
    const count = (n: number, one: string, many: string) => n > 0 && parts.push(`${n} ${n === 1 ? one : many}`);
    count(lines, 'line', 'lines');
    count(fills, 'filled shape', 'filled shapes');
    count(dots, 'dot', 'dots');
    count(shapes, 'stamp', 'stamps');
    let text = parts.length ? `A drawing with ${parts.join(', ')}.` : 'Nothing drawn yet.';
    if (texts.length) {
      const shown = texts.slice(0, 10).map((t) => `"${t.slice(0, 80)}"`);
      text += ` Text written: ${shown.join(', ')}${texts.length > 10 ? `, and ${texts.length - 10} more` : ''}.`;
    }
    const turtles = [...this.sprites.values()];
    const round = (n: number) => Math.round(n * 100) / 100;
    for (const [i, t] of turtles.slice(0, 5).entries()) {
      const who = turtles.length === 1 ? 'The turtle' : `Turtle ${i + 1}`;
      const shown = t.polys.length ? '' : ' (hidden)';
      text += ` ${who}${shown} is at (${round(t.wx)}, ${round(t.wy)}), heading ${round(t.heading)}.`;
    }
    return text;
  }
}

function clampSide(n: number): number {
  return Number.isFinite(n) ? Math.min(MAX_SIDE, Math.max(1, Math.round(n))) : DEFAULT_SIZE.width;
}

function clampAlign(n: number): Align {
  return n === 1 || n === 2 ? n : 0;
}

function findLast<T>(items: T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return items[i];
  return undefined;
}
