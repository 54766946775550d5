// Paints a Scene on the visible canvas from retained layers: finished drawing
// is painted once into an ink layer, and each frame only composites the layers
// and draws the turtles on top, so a turtle moving over a big drawing costs
// the same as over an empty one.
//
// Fills: everything drawn after begin_fill() lies above the fill's polygon,
// which is known only at end_fill(). Each open fill starts a layer of its own;
// when it closes, its polygon is painted onto the layer below and the fill's
// layer is laid over it. Removing items (undo, clear) repaints from the items.
import type { Item, Points, Scene, SpritePoly } from './scene.ts';

interface Layer {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
  /** The open fill this layer starts at (undefined: the bottom layer). */
  fill?: Extract<Item, { k: 'fill' }>;
}

/**
 * Milliseconds of painting per frame: a huge batch is painted over several frames, none of them long (10,000
 * random lines across 800 × 600 take 100-170 ms to rasterise on a 2-core machine without a GPU).
 */
export const PAINT_MS_PER_FRAME = 8;
/**
 * Device pixels of line (length × width) rasterised per frame at most: a second bound, for strokes of a few
 * very long, wide lines, whose cost the time check would only see after the fact.
 */
export const PIXELS_PER_FRAME = 300_000;
/**
 * Lines stroked as one path at most, so the time can be checked between strokes. A stroke rasterises at once,
 * and one path of many crossing lines costs more than its lines would alone: 256 random lines across 800 × 600
 * took 14-30 ms in one stroke without a GPU; short connected segments gain from longer paths, up to about 64.
 */
const LINES_PER_STROKE = 64;

export class Painter {
  private readonly ctx: CanvasRenderingContext2D;
  private layers: Layer[] = [];
  /** The last complete layers, shown while the items are painted again from the start. */
  private stale: Layer[] | undefined;
  /** Layer canvases no longer used, kept for the next ones (a new canvas's first use allocates its pixels). */
  private spare: HTMLCanvasElement[] = [];
  /** Items already painted into the layers: [0, painted). */
  private painted = 0;
  private structure = -1;
  private revision = -1;
  private ratio = 1;
  private cancelFrame: (() => void) | undefined;
  private waiters: (() => void)[] = [];
  /** CSS pixels shown per pixel of the drawing area (below 1 when a default-sized area is fitted). */
  displayScale = 1;
  private fitted = true;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly scene: Scene,
    /** Called after each paint (the text alternative follows the drawing). */
    private readonly painted$: () => void = () => {},
    /** The room the panel has for the drawing, in CSS pixels. */
    private readonly room: () => { width: number; height: number } | undefined = () => undefined,
  ) {
    this.ctx = canvas.getContext('2d')!;
  }

  /** Sets the canvas's CSS size: 1:1 for setup() in pixels, else fitted into the panel's room. */
  layout(): void {
    const { width, height, fit } = this.scene;
    const room = this.room();
    this.displayScale = fit && room ? Math.min(1, room.width / width, room.height / height) : 1;
    if (!(this.displayScale > 0)) this.displayScale = 1;
    this.canvas.style.width = `${width * this.displayScale}px`;
    this.canvas.style.height = `${height * this.displayScale}px`;
  }

  /** Paints at the next animation frame. */
  schedule(): void {
    if (this.cancelFrame) return;
    const handle = requestAnimationFrame(() => {
      this.cancelFrame = undefined;
      this.paint();
    });
    this.cancelFrame = () => cancelAnimationFrame(handle);
  }

  /** Resolves once everything the scene holds now is on the canvas. */
  whenPainted(): Promise<void> {
    if (this.upToDate()) return Promise.resolve();
    this.schedule();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private upToDate(): boolean {
    return (
      this.structure === this.scene.structure &&
      this.revision === this.scene.revision &&
      this.painted === this.scene.items.length
    );
  }

  /** Paints now what changed (some of it, for a very large change: the rest at the next frames). */
  paint(): void {
    const scene = this.scene;
    const ratio = Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
    if (this.structure !== scene.structure || ratio !== this.ratio) this.restart(ratio);
    else if (this.fitted !== scene.fit) this.layout();
    this.fitted = scene.fit;
    this.closeFills();
    this.painted = this.paintItems(this.painted, scene.items.length, performance.now() + PAINT_MS_PER_FRAME);
    if (this.painted === scene.items.length && this.stale) this.release(this.stale);
    this.revision = scene.revision;
    this.composite();
    this.painted$();
    if (this.painted < scene.items.length) this.schedule();
    else if (this.upToDate()) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    } else this.schedule();
  }

  /** Paints everything now, however long it takes (a picture of the drawing as it is must be complete). */
  paintAll(): void {
    do this.paint();
    while (this.painted < this.scene.items.length);
    this.cancelFrame?.();
    this.cancelFrame = undefined;
  }

  /** The drawing as PNG bytes, as it is when called (turtles included). */
  pngNow(): Promise<Blob | null> {
    this.paintAll();
    return new Promise((resolve) => this.canvas.toBlob(resolve, 'image/png'));
  }

  /** The drawing as PNG bytes (what is on the canvas, turtles included). */
  async png(): Promise<Blob | null> {
    await this.whenPainted();
    return new Promise((resolve) => this.canvas.toBlob(resolve, 'image/png'));
  }

  dispose(): void {
    this.cancelFrame?.();
    this.cancelFrame = undefined;
  }

  private restart(ratio: number): void {
    const { width, height } = this.scene;
    const [w, h] = [Math.round(width * ratio), Math.round(height * ratio)];
    const sameSize = w === this.canvas.width && h === this.canvas.height;
    // While the items are painted again (over several frames, for a big drawing), the last complete picture
    // stays on screen: a game loop that clears one turtle each frame must not flicker.
    if (sameSize && !this.stale && this.painted > 0) this.stale = this.layers;
    else if (this.layers !== this.stale) this.release(this.layers);
    if (!sameSize) {
      if (this.stale) this.release(this.stale);
      this.spare = [];
      this.canvas.width = w;
      this.canvas.height = h;
    }
    this.ratio = ratio;
    this.structure = this.scene.structure;
    this.layout();
    this.layers = [this.makeLayer()];
    this.painted = 0;
  }

  /** Layers no longer shown go back to the spares (a few: each holds a whole drawing's pixels). */
  private release(layers: Layer[]): void {
    if (layers === this.stale) this.stale = undefined;
    for (const layer of layers) if (this.spare.length < 4) this.spare.push(layer.canvas);
  }

  private makeLayer(fill?: Extract<Item, { k: 'fill' }>): Layer {
    let canvas = this.spare.pop();
    let ctx: CanvasRenderingContext2D;
    if (canvas) {
      ctx = canvas.getContext('2d')!;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
    } else {
      canvas = document.createElement('canvas');
      canvas.width = this.canvas.width;
      canvas.height = this.canvas.height;
      ctx = canvas.getContext('2d')!;
    }
    this.setTransform(ctx);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    return { canvas, ctx, fill };
  }

  /** CSS pixels from the centre, y up, to the canvas's pixels. */
  private setTransform(ctx: CanvasRenderingContext2D): void {
    const { width, height } = this.scene;
    const r = this.ratio;
    ctx.setTransform(r, 0, 0, -r, (width / 2) * r, (height / 2) * r);
  }

  /** Fills closed since the last paint: their polygon goes under their layer, which joins the one below. */
  private closeFills(): void {
    for (let i = this.layers.length - 1; i >= 1; i--) {
      const layer = this.layers[i];
      if (!layer.fill?.pts) continue;
      const below = this.layers[i - 1];
      fillPolygon(below.ctx, layer.fill.pts, layer.fill.color);
      below.ctx.save();
      below.ctx.setTransform(1, 0, 0, 1, 0, 0);
      below.ctx.drawImage(layer.canvas, 0, 0);
      below.ctx.restore();
      this.layers.splice(i, 1);
      if (this.spare.length < 4) this.spare.push(layer.canvas);
    }
  }

  /** Paints items [from, to) until `deadline` (at least one stroke); returns where it stopped. */
  private paintItems(from: number, to: number, deadline: number): number {
    const items = this.scene.items;
    let ctx = this.layers[this.layers.length - 1].ctx;
    let i = from;
    let sinceCheck = 0;
    let pixels = 0;
    const ratio2 = this.ratio * this.ratio;
    while (i < to) {
      if (i > from && (sinceCheck >= LINES_PER_STROKE || pixels > PIXELS_PER_FRAME)) {
        sinceCheck = 0;
        if (pixels > PIXELS_PER_FRAME || performance.now() > deadline) return i;
      }
      const item = items[i];
      if (item.k === 'line') {
        // Lines of one colour and width in a row are stroked as one path: round caps and joins make that look
        // the same as one stroke each, at a fraction of the cost.
        ctx.beginPath();
        ctx.strokeStyle = item.color;
        ctx.lineWidth = penWidth(item.width);
        let j = i;
        const end = Math.min(to, i + LINES_PER_STROKE);
        const widthCost = Math.max(1, item.width) * ratio2;
        while (j < end && pixels <= PIXELS_PER_FRAME) {
          const line = items[j];
          if (line.k !== 'line' || line.color !== item.color || line.width !== item.width) break;
          tracePath(ctx, line.pts, false);
          pixels += pathLength(line.pts) * widthCost;
          j++;
        }
        ctx.stroke();
        // A stroke's cost grows with its lines' length, not their number: check the time after each one.
        sinceCheck = LINES_PER_STROKE;
        i = j;
        continue;
      }
      if (item.k === 'fill') {
        if (item.pts) fillPolygon(ctx, item.pts, item.color);
        else {
          const layer = this.makeLayer(item);
          this.layers.push(layer);
          ctx = layer.ctx;
        }
      } else drawItem(ctx, item);
      sinceCheck += 4;
      i++;
    }
    return i;
  }

  private composite(): void {
    const ctx = this.ctx;
    const { width, height } = this.scene;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = this.scene.background;
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    for (const layer of this.stale ?? this.layers) ctx.drawImage(layer.canvas, 0, 0);
    const r = this.ratio;
    ctx.setTransform(r, 0, 0, -r, (width / 2) * r, (height / 2) * r);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const sprite of this.scene.sprites.values()) {
      if (sprite.trail && sprite.trail.length >= 4) {
        ctx.beginPath();
        ctx.strokeStyle = sprite.trailColor;
        ctx.lineWidth = penWidth(sprite.trailWidth);
        tracePath(ctx, sprite.trail, false);
        ctx.stroke();
      }
      for (const poly of sprite.polys) drawPoly(ctx, poly);
    }
  }
}

function penWidth(width: number): number {
  return width > 0 ? width : 1;
}

function tracePath(ctx: CanvasRenderingContext2D, pts: Points, close: boolean): void {
  if (pts.length < 2) return;
  ctx.moveTo(pts[0], pts[1]);
  // A single point still shows, as a round dot of the pen's width (as Tk shows a zero-length line).
  if (pts.length === 2) ctx.lineTo(pts[0], pts[1]);
  for (let i = 2; i + 1 < pts.length; i += 2) ctx.lineTo(pts[i], pts[i + 1]);
  if (close) ctx.closePath();
}

function pathLength(pts: Points): number {
  let length = 0;
  for (let i = 2; i + 1 < pts.length; i += 2) length += Math.hypot(pts[i] - pts[i - 2], pts[i + 1] - pts[i - 1]);
  return length;
}

function fillPolygon(ctx: CanvasRenderingContext2D, pts: Points, color: string): void {
  if (pts.length < 6) return;
  ctx.beginPath();
  tracePath(ctx, pts, true);
  ctx.fillStyle = color;
  ctx.fill('evenodd');
}

function drawPoly(ctx: CanvasRenderingContext2D, poly: SpritePoly): void {
  if (poly.pts.length < 4) return;
  ctx.beginPath();
  tracePath(ctx, poly.pts, true);
  if (poly.fill) {
    ctx.fillStyle = poly.fill;
    ctx.fill('evenodd');
  }
  if (poly.outline && poly.width > 0) {
    ctx.strokeStyle = poly.outline;
    ctx.lineWidth = poly.width;
    ctx.stroke();
  }
}

const ALIGN: CanvasTextAlign[] = ['left', 'center', 'right'];

function drawItem(ctx: CanvasRenderingContext2D, item: Exclude<Item, { k: 'line' | 'fill' }>): void {
  switch (item.k) {
    case 'poly':
      drawPoly(ctx, item);
      break;
    case 'dot':
      ctx.beginPath();
      ctx.arc(item.x, item.y, Math.max(0.5, item.d / 2), 0, 2 * Math.PI);
      ctx.fillStyle = item.color;
      ctx.fill();
      break;
    case 'text': {
      // Text is drawn upright: flip y back for it alone.
      ctx.save();
      ctx.translate(item.x, item.y);
      ctx.scale(1, -1);
      ctx.font = item.font || '8pt Arial';
      ctx.fillStyle = item.color;
      ctx.textAlign = ALIGN[item.align];
      // Tk anchors the text's box by its bottom (sw, s, se), descent included.
      ctx.textBaseline = 'alphabetic';
      const descent = ctx.measureText(item.text).fontBoundingBoxDescent || 0;
      const lines = item.text.split('\n');
      const lineHeight = (ctx.measureText('Mg').fontBoundingBoxAscent || 0) + descent;
      for (const [n, line] of lines.entries()) {
        ctx.fillText(line, item.align === 0 ? -1 : 0, -descent - (lines.length - 1 - n) * lineHeight);
      }
      ctx.restore();
      break;
    }
  }
}

/** The width in CSS pixels of `text` in `font` (for write(…, move=True)). */
let measuring: CanvasRenderingContext2D | undefined;
export function measureText(font: string, text: string): number {
  const ctx = (measuring ??= document.createElement('canvas').getContext('2d')!);
  ctx.font = font || '8pt Arial';
  let width = 0;
  for (const line of text.split('\n')) width = Math.max(width, ctx.measureText(line).width);
  return width;
}
