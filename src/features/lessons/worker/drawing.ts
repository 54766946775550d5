// What a turtle program drew, read from the batches of commands it sent (the
// wire format of features/turtle/shared/ops.ts), and how a turtle check
// compares it with the lines and filled shapes it asks for. Judged here, in
// the worker's own code, from the commands themselves.
import { OP } from '../../turtle/shared/ops.ts';
import type { TurtleBatch } from '../../turtle/shared/ops.ts';

/** A straight piece of a line the turtle drew, in turtle coordinates. */
export interface DrawnSegment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
}

export interface DrawnFill {
  points: [number, number][];
  color: string;
}

export interface Drawing {
  segments: DrawnSegment[];
  fills: DrawnFill[];
}

type Item =
  | { kind: 'line'; id: number; owner: number; points: number[]; color: string }
  | { kind: 'fill'; id: number; owner: number; points: number[] | null; color: string };

/** Floats (with the op code) of the commands that have a fixed size and draw nothing a check looks at. */
const SKIP: Partial<Record<number, number>> = {
  [OP.SETUP]: 4,
  [OP.BGCOLOR]: 2,
  [OP.DOT]: 7,
  [OP.TEXT]: 9,
  [OP.SPRITE_GONE]: 2,
  [OP.TITLE]: 2,
  [OP.LISTEN]: 1,
  [OP.ASK]: 7,
  [OP.MEASURE]: 3,
  [OP.BYE]: 1,
  [OP.SAVE]: 2,
};

/** The lines and fills still on the screen once every batch is applied (deleted and cleared items gone). */
export function readDrawing(batches: TurtleBatch[]): Drawing {
  const items = new Map<number, Item>();
  let seq = 0;
  for (const { ops, strs } of batches) {
    const str = (k: number) => (k < 0 ? '' : (strs[k] ?? ''));
    let i = 0;
    while (i < ops.length) {
      const op = ops[i];
      if (op === OP.LINE || op === OP.POLY) {
        const k = ops[i + 3];
        const end = i + 4 + 2 * k;
        if (op === OP.LINE) {
          const points = Array.from(ops.subarray(i + 4, end));
          items.set(seq++, { kind: 'line', id: ops[i + 1], owner: ops[i + 2], points, color: str(ops[end + 1]) });
          i = end + 2;
        } else i = end + 3; // stamps: a turtle's shape, not a line it drew
      } else if (op === OP.FILL) {
        items.set(seq++, { kind: 'fill', id: ops[i + 1], owner: ops[i + 2], points: null, color: '' });
        i += 3;
      } else if (op === OP.FILLED) {
        const id = ops[i + 1];
        const k = ops[i + 2];
        const end = i + 3 + 2 * k;
        for (const item of items.values()) {
          if (item.kind === 'fill' && item.id === id) {
            item.points = k ? Array.from(ops.subarray(i + 3, end)) : null;
            item.color = k ? str(ops[end]) : '';
          }
        }
        i = end + 1;
      } else if (op === OP.DELETE || op === OP.DELETE_OWNER) {
        const target = ops[i + 1];
        for (const [key, item] of items) if ((op === OP.DELETE ? item.id : item.owner) === target) items.delete(key);
        i += 2;
      } else if (op === OP.CLEAR) {
        items.clear();
        i += 1;
      } else if (op === OP.SPRITE) {
        i += 6 + 2 * ops[i + 5] + 2;
        const polys = ops[i];
        i += 1;
        for (let p = 0; p < polys; p++) i += 1 + 2 * ops[i] + 3;
      } else {
        const size = SKIP[op];
        if (size === undefined) break; // not a command this reader knows: the rest of the batch is skipped
        i += size;
      }
    }
  }
  const drawing: Drawing = { segments: [], fills: [] };
  for (const item of items.values()) {
    if (item.kind === 'line') {
      for (let p = 0; p + 3 < item.points.length; p += 2) {
        const [x1, y1, x2, y2] = item.points.slice(p, p + 4);
        drawing.segments.push({ x1, y1, x2, y2, color: item.color });
      }
    } else if (item.points) {
      const points: [number, number][] = [];
      for (let p = 0; p + 1 < item.points.length; p += 2) points.push([item.points[p], item.points[p + 1]]);
      drawing.fills.push({ points, color: item.color });
    }
  }
  return drawing;
}

const distance = (ax: number, ay: number, bx: number, by: number) => Math.hypot(ax - bx, ay - by);

/** Distance from (px, py) to the segment from (ax, ay) to (bx, by). */
function toSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return distance(px, py, ax + t * dx, ay + t * dy);
}

/**
 * Whether the drawing covers the segment from (x1, y1) to (x2, y2): pieces lying along it (within
 * `tolerance`), in either direction, together cover it from end to end (gaps up to `tolerance` allowed).
 */
export function covers(segments: DrawnSegment[], want: [number, number, number, number], tolerance: number): boolean {
  const [x1, y1, x2, y2] = want;
  const length = distance(x1, y1, x2, y2);
  if (length <= tolerance) {
    return segments.some((s) => toSegment(x1, y1, s.x1, s.y1, s.x2, s.y2) <= tolerance);
  }
  const ux = (x2 - x1) / length;
  const uy = (y2 - y1) / length;
  const along = (x: number, y: number) => (x - x1) * ux + (y - y1) * uy;
  const off = (x: number, y: number) => Math.abs(-(x - x1) * uy + (y - y1) * ux);
  const intervals: [number, number][] = [];
  for (const s of segments) {
    if (off(s.x1, s.y1) > tolerance || off(s.x2, s.y2) > tolerance) continue;
    const a = along(s.x1, s.y1);
    const b = along(s.x2, s.y2);
    intervals.push([Math.min(a, b), Math.max(a, b)]);
  }
  intervals.sort((a, b) => a[0] - b[0]);
  let reached = tolerance; // the start may be missed by up to the tolerance
  for (const [from, to] of intervals) {
    if (from > reached + tolerance) break;
    reached = Math.max(reached, to);
    if (reached >= length - tolerance) return true;
  }
  return reached >= length - tolerance;
}

/** Whether a drawn fill is the shape with these corners: each corner is on it, and its outline follows theirs. */
export function sameShape(fill: DrawnFill, corners: [number, number][], tolerance: number): boolean {
  const onOutline = (x: number, y: number) =>
    corners.some((c, i) => {
      const [bx, by] = corners[(i + 1) % corners.length];
      return toSegment(x, y, c[0], c[1], bx, by) <= tolerance;
    });
  const isVertex = ([x, y]: [number, number]) => fill.points.some(([fx, fy]) => distance(x, y, fx, fy) <= tolerance);
  return corners.every(isVertex) && fill.points.every(([x, y]) => onOutline(x, y));
}

/** A point as a learner reads it: (100, 0), rounded. */
export function point(x: number, y: number): string {
  const r = (v: number) => String(Math.round(v * 10) / 10).replace(/^-0$/, '0');
  return `(${r(x)}, ${r(y)})`;
}
