// The turtle's drawing commands, as the app's Python (features/turtle/worker/
// turtle.py) sends them to the page: a batch is a `turtle` output item holding
// a flat list of 64-bit floats (transferred, not copied) and a table of the
// strings it refers to. Python does all the geometry (modes, world
// coordinates, shapes, circles); the page only keeps and paints items.
//
// Coordinates are CSS pixels from the centre of the drawing area, y up. A
// string operand is an index into the batch's `strs` (-1: none). Colours are
// always `#rrggbb`, resolved by Python. Python's constants (OP_* in turtle.py)
// must match these numbers; a unit test checks that they do.

export const OP = {
  /**
   * `w h fit`: the drawing area's size; items are kept. fit 0: setup() in pixels, shown at 1:1 (the panel
   * scrolls); fit 1: the default or fractions of the window, shown whole, scaled down if the panel is smaller.
   */
  SETUP: 1,
  /** `color`: the background colour. */
  BGCOLOR: 2,
  /** Every item and every turtle is removed (Screen.clear(), reset()). */
  CLEAR: 3,
  /** `id owner n x1 y1 … xn yn width color`: a polyline, round caps and joins. */
  LINE: 4,
  /** `id owner n x1 y1 … xn yn fill outline width`: a polygon filled even-odd (stamps send several with one id). */
  POLY: 5,
  /** `id owner x y diameter color`: a filled circle. */
  DOT: 6,
  /** `id owner x y align color font text`: align 0 left, 1 centre, 2 right; (x, y) is the text's bottom. */
  TEXT: 7,
  /** `id owner`: begin_fill(): the place, in the stacking order, where the fill's polygon will appear. */
  FILL: 8,
  /** `id n x1 y1 … xn yn color`: end_fill(): the polygon for the place made by FILL (n 0: nothing to fill). */
  FILLED: 9,
  /** `id`: removes every item with this id (undo, clearstamp). */
  DELETE: 10,
  /** `owner`: removes every item a turtle drew (its clear()). */
  DELETE_OWNER: 11,
  /**
   * `owner wx wy heading trailN trail… trailWidth trailColor polys [n pts… fill outline width]…`: a turtle as
   * it is shown now. `wx wy heading` are its position and heading in the program's own units (for the text
   * alternative); the trail is the part of a line drawn so far during an animated move (trailN 0: none); polys
   * 0 is a hidden turtle.
   */
  SPRITE: 12,
  /** `owner`: the turtle is no longer shown at all. */
  SPRITE_GONE: 13,
  /** `text`: the window's title. */
  TITLE: 14,
  /** listen(): keyboard focus to the drawing. */
  LISTEN: 15,
  /** `kind title prompt default min max`: kind 0 text, 1 number; min and max NaN when absent. Answer: a `dialog` event. */
  ASK: 16,
  /** `font text`: the page answers with the text's width in a `dialog` event. */
  MEASURE: 17,
  /** bye(): the window is closed. */
  BYE: 18,
  /**
   * `name`: Screen().save(name) for a .png: the drawing as painted now is offered as a download of that name (a
   * project keeps text files only). Answer: a `dialog` event {saved: name} or {error: message}.
   */
  SAVE: 19,
} as const;

export type OpCode = (typeof OP)[keyof typeof OP];

/** A batch of commands, as it travels in a `turtle` output item. */
export interface TurtleBatch {
  ops: Float64Array;
  strs: string[];
}

/** Most floats one batch may carry (Python splits larger ones). */
export const MAX_BATCH_FLOATS = 1 << 20;
/** Most strings one batch may carry. */
export const MAX_BATCH_STRINGS = 1 << 16;

/**
 * Events the page sends to a running turtle program, as JSON in the mailbox
 * (shared-channel.ts): `key` {t: 'press' | 'release', k: Tk keysym},
 * `pointer` {t: 'down' | 'up' | 'drag', x, y, b} in the drawing's coordinates
 * (CSS px from the centre, y up; b: 1 left, 2 middle, 3 right),
 * `dialog` {v: answer or null when cancelled} for ASK, {w: width} for MEASURE, {saved} or {error} for SAVE.
 */
export type TurtleKeyEvent = { t: 'press' | 'release'; k: string };
export type TurtlePointerEvent = { t: 'down' | 'up' | 'drag'; x: number; y: number; b: number };
export type TurtleDialogEvent = { v: string | null } | { w: number } | { saved: string } | { error: string };
