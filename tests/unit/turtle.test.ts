// The app's turtle module (features/turtle/worker/turtle.py), run for real in
// Pyodide under Node through the runner: what it sends the page, decoded per
// ops.ts. Expected figures come from CPython's documented behaviour (circle
// step counts, chord lengths, hop counts), not from this implementation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PyodideAPI } from 'pyodide';
import type { PyProxy } from 'pyodide/ffi';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OP } from '../../src/features/turtle/shared/ops.ts';
import { loadAppPython } from '../support/app-python.ts';

const root = join(import.meta.dirname, '../..');
const opsSource = readFileSync(join(root, 'src/features/turtle/shared/ops.ts'), 'utf8');

let py: PyodideAPI;
let runner: PyProxy & Record<string, (...args: unknown[]) => PyProxy>;
let out = '';
let err = '';
/** Scripted page events; ['stop', ''] stands for the Stop button. */
const events: [string, string][] = [];
const batches: { ops: Float64Array; strs: string[]; outBefore: string }[] = [];
const interrupt = new Int32Array(new SharedArrayBuffer(4));

beforeAll(async () => {
  py = await loadAppPython({ stdout: (text) => (out += text), stderr: (text) => (err += text) });
  py.setInterruptBuffer(interrupt);
  runner = py.pyimport('playground_runner') as typeof runner;
  runner.install({
    can_read: true,
    flush: () => {},
    request_input: () => {},
    // Scripted events come only to a wait that blocks (mainloop, a dialog), as a person acts while the program
    // waits: the short sleeps of animation frames would otherwise take them before handlers are bound.
    wait_event: (timeout?: number) => {
      const blocking = timeout === undefined || timeout === null;
      const next = blocking ? events.shift() : undefined;
      if (next?.[0] === 'stop') {
        interrupt[0] = 2; // SIGINT, as the worker's Stop does
        py.checkInterrupt();
        return undefined;
      }
      if (next) return next;
      if (blocking) throw new Error('would wait forever');
      return undefined;
    },
    emit: (kind: string, payload: PyProxy) => {
      if (kind === 'explanation') return; // an error's explanation (tested in explain.test.ts)
      expect(kind).toBe('turtle');
      const fields = payload.toJs({ dict_converter: Object.fromEntries }) as { ops: Uint8Array; strs: string[] };
      const floats = new Float64Array(fields.ops.byteLength / 8);
      new Uint8Array(floats.buffer).set(fields.ops);
      batches.push({ ops: floats, strs: fields.strs, outBefore: out });
    },
  });
}, 60_000);

beforeEach(() => {
  out = '';
  err = '';
  events.length = 0;
  batches.length = 0;
  interrupt[0] = 0;
});

interface Result {
  status: string;
  error: { type: string; message: string; location?: { file: string; line: number } } | null;
}

function run(source: string, display?: Record<string, number>): Result {
  const pairs = py.toPy([['main.py', source]]);
  const info = display ? py.toPy(display) : undefined;
  const proxy = runner.run_script(pairs, 'main.py', info);
  const result = proxy.toJs({ dict_converter: Object.fromEntries }) as Result;
  proxy.destroy();
  pairs.destroy();
  info?.destroy();
  return result;
}

// --- a decoder for the page protocol (ops.ts) ---------------------------------

type Pt = [number, number];
interface Poly {
  pts: Pt[];
  fill: string | null;
  outline: string | null;
  width: number;
}
type Op =
  | { op: 'SETUP'; w: number; h: number; fit: number }
  | { op: 'BGCOLOR'; color: string | null }
  | { op: 'CLEAR' | 'LISTEN' | 'BYE' }
  | { op: 'LINE'; id: number; owner: number; pts: Pt[]; width: number; color: string | null }
  | ({ op: 'POLY'; id: number; owner: number } & Poly)
  | { op: 'DOT'; id: number; owner: number; x: number; y: number; size: number; color: string | null }
  | {
      op: 'TEXT';
      id: number;
      owner: number;
      x: number;
      y: number;
      align: number;
      color: string | null;
      font: string | null;
      text: string | null;
    }
  | { op: 'FILL'; id: number; owner: number }
  | { op: 'FILLED'; id: number; pts: Pt[]; color: string | null }
  | { op: 'DELETE'; id: number }
  | { op: 'DELETE_OWNER' | 'SPRITE_GONE'; owner: number }
  | {
      op: 'SPRITE';
      owner: number;
      wx: number;
      wy: number;
      heading: number;
      trail: Pt[];
      trailWidth: number;
      trailColor: string | null;
      polys: Poly[];
    }
  | { op: 'TITLE'; text: string | null }
  | { op: 'SAVE'; name: string | null }
  | {
      op: 'ASK';
      kind: number;
      title: string | null;
      prompt: string | null;
      def: string | null;
      min: number;
      max: number;
    }
  | { op: 'MEASURE'; font: string | null; text: string | null };

const NAMES = Object.fromEntries(Object.entries(OP).map(([k, v]) => [v, k]));

/** The commands of `from` (every batch sent so far by default), in order. */
function decode(...from: { ops: Float64Array; strs: string[] }[]): Op[] {
  const result: Op[] = [];
  for (const { ops, strs } of from.length ? from : batches) {
    let i = 0;
    const num = () => ops[i++];
    const str = () => {
      const k = ops[i++];
      return k < 0 ? null : strs[k];
    };
    const pts = (n: number) => Array.from({ length: n }, (): Pt => [num(), num()]);
    while (i < ops.length) {
      const name = NAMES[ops[i++]];
      switch (name) {
        case 'SETUP':
          result.push({ op: name, w: num(), h: num(), fit: num() });
          break;
        case 'BGCOLOR':
          result.push({ op: name, color: str() });
          break;
        case 'CLEAR':
        case 'LISTEN':
        case 'BYE':
          result.push({ op: name });
          break;
        case 'LINE': {
          const id = num(),
            owner = num(),
            p = pts(num());
          result.push({ op: name, id, owner, pts: p, width: num(), color: str() });
          break;
        }
        case 'POLY': {
          const id = num(),
            owner = num(),
            p = pts(num());
          result.push({ op: name, id, owner, pts: p, fill: str(), outline: str(), width: num() });
          break;
        }
        case 'DOT':
          result.push({ op: name, id: num(), owner: num(), x: num(), y: num(), size: num(), color: str() });
          break;
        case 'TEXT':
          result.push({
            op: name,
            id: num(),
            owner: num(),
            x: num(),
            y: num(),
            align: num(),
            color: str(),
            font: str(),
            text: str(),
          });
          break;
        case 'FILL':
          result.push({ op: name, id: num(), owner: num() });
          break;
        case 'FILLED': {
          const id = num(),
            p = pts(num());
          result.push({ op: name, id, pts: p, color: str() });
          break;
        }
        case 'DELETE':
          result.push({ op: name, id: num() });
          break;
        case 'DELETE_OWNER':
        case 'SPRITE_GONE':
          result.push({ op: name, owner: num() });
          break;
        case 'SPRITE': {
          const owner = num(),
            wx = num(),
            wy = num(),
            heading = num(),
            trail = pts(num()),
            trailWidth = num(),
            trailColor = str();
          const polys: Poly[] = [];
          for (let n = num(); n > 0; n--) {
            const p = pts(num());
            polys.push({ pts: p, fill: str(), outline: str(), width: num() });
          }
          result.push({ op: name, owner, wx, wy, heading, trail, trailWidth, trailColor, polys });
          break;
        }
        case 'TITLE':
          result.push({ op: name, text: str() });
          break;
        case 'ASK':
          result.push({ op: name, kind: num(), title: str(), prompt: str(), def: str(), min: num(), max: num() });
          break;
        case 'MEASURE':
          result.push({ op: name, font: str(), text: str() });
          break;
        case 'SAVE':
          result.push({ op: name, name: str() });
          break;
        default:
          throw new Error(`unknown op ${ops[i - 1]} at ${i - 1}`);
      }
    }
  }
  return result;
}

function only<K extends Op['op']>(ops: Op[], name: K): Extract<Op, { op: K }>[] {
  return ops.filter((o): o is Extract<Op, { op: K }> => o.op === name);
}

function expectPoint(p: Pt, x: number, y: number) {
  expect(p[0]).toBeCloseTo(x, 6);
  expect(p[1]).toBeCloseTo(y, 6);
}

const rad = (deg: number) => (deg * Math.PI) / 180;

// --- tests ------------------------------------------------------------------------

describe('the contract', () => {
  it('uses the op numbers of ops.ts', () => {
    const body = /export const OP = \{([\s\S]*?)\} as const/.exec(opsSource)![1];
    const pairs = [...body.matchAll(/^\s*([A-Z_]+): (\d+),/gm)].map((m) => [m[1], Number(m[2])] as const);
    expect(pairs.length).toBe(Object.keys(OP).length);
    const names = pairs.map(([n]) => `'${n}'`).join(',');
    const values = JSON.parse(
      py.runPython(`import json, turtle; json.dumps([getattr(turtle, 'OP_' + n) for n in [${names}]])`) as string,
    ) as number[];
    expect(values).toEqual(pairs.map(([, v]) => v));
  });
});

describe('drawing', () => {
  it('draws a square as four lines through the right corners', () => {
    expect(
      run('import turtle\nt = turtle.Turtle()\nt.speed(0)\nfor _ in range(4):\n    t.forward(100)\n    t.left(90)')
        .status,
    ).toBe('ok');
    const lines = only(decode(), 'LINE');
    expect(lines.length).toBe(4);
    const corners: Pt[] = [
      [0, 0],
      [100, 0],
      [100, 100],
      [0, 100],
      [0, 0],
    ];
    lines.forEach((l, k) => {
      expect(l.pts.length).toBe(2);
      expectPoint(l.pts[0], ...corners[k]);
      expectPoint(l.pts[1], ...corners[k + 1]);
      expect(l.width).toBe(1);
      expect(l.color).toBe('#000000');
    });
    expect(new Set(lines.map((l) => l.id)).size).toBe(4);
  });

  it('sends the window size, background and title when the screen opens', () => {
    run('import turtle\nturtle.Screen()');
    const ops = decode();
    // CPython's default: 50 % × 75 % of an 800 × 600 window when the page says nothing, which the page may
    // shrink to fit its panel.
    expect(only(ops, 'SETUP')).toEqual([{ op: 'SETUP', w: 400, h: 450, fit: 1 }]);
    expect(only(ops, 'BGCOLOR')[0].color).toBe('#ffffff');
    expect(only(ops, 'TITLE')[0].text).toBe('Python Turtle Graphics');
  });

  it('makes the default window 50 % × 75 % of the browser window (at least 400 × 300) for the page to fit, and setup(w, h) exact pixels', () => {
    run(
      'import turtle\ns = turtle.Screen()\nprint(s.window_width(), s.window_height())\ns.setup(640, 480)\nprint(s.window_width(), s.window_height())',
      {
        width: 1000,
        height: 800,
      },
    );
    // 50 % × 75 % of 1000 × 800: the program sees 500 × 600 (the page shows it scaled down to fit its panel).
    expect(out).toBe('500 600\n640 480\n');
    expect(only(decode(), 'SETUP').map((s) => [s.w, s.h, s.fit])).toEqual([
      [500, 600, 1],
      [640, 480, 0],
    ]);
    // A phone's window: 50 % of 390 px is under CPython's 400 px canvas, so the area stays 400 wide.
    run('import turtle\ns = turtle.Screen()\nprint(s.window_width(), s.window_height())', {
      width: 390,
      height: 300,
    });
    expect(out).toBe('500 600\n640 480\n400 300\n');
  });

  it('draws circle(50) in 1+int(min(11+50/6, 59)) = 20 chords and comes back to the start', () => {
    run(
      'import turtle\nt = turtle.Turtle()\nt.speed(0)\nt.circle(50)\nprint(round(t.xcor(), 6) + 0, round(t.ycor(), 6) + 0, round(t.heading(), 6) % 360)',
    );
    const lines = only(decode(), 'LINE');
    expect(lines.length).toBe(20);
    // The first chord: turn w/2 = 9°, then go 2·50·sin(9°).
    const l = 2 * 50 * Math.sin(rad(9));
    expectPoint(lines[0].pts[1], l * Math.cos(rad(9)), l * Math.sin(rad(9)));
    expectPoint(lines[19].pts[1], 0, 0);
    // The centre is to the left (0, 50): every vertex lies on the circle.
    for (const line of lines) expect(Math.hypot(line.pts[1][0], line.pts[1][1] - 50)).toBeCloseTo(50, 6);
    expect(out).toBe('0.0 0.0 0.0\n');
  });

  it('goes clockwise for a negative radius (centre to the right)', () => {
    run('import turtle\nt = turtle.Turtle()\nt.speed(0)\nt.circle(-50)');
    const lines = only(decode(), 'LINE');
    expect(lines.length).toBe(20);
    for (const line of lines) {
      expect(line.pts[1][1]).toBeLessThan(1e-9);
      expect(Math.hypot(line.pts[1][0], line.pts[1][1] + 50)).toBeCloseTo(50, 6);
    }
    expect(Math.min(...lines.map((x) => x.pts[1][1]))).toBeCloseTo(-100, 6);
  });

  it('ends circle(100, 90) at (100, 100) heading 90, in 1+int(27.67·0.25) = 7 chords', () => {
    run(
      'import turtle\nt = turtle.Turtle()\nt.speed(0)\nt.circle(100, 90)\nprint("%.6f %.6f %.6f" % (t.xcor(), t.ycor(), t.heading()))',
    );
    expect(only(decode(), 'LINE').length).toBe(7);
    expect(out).toBe('100.000000 100.000000 90.000000\n');
  });

  it('draws circle(r, steps=6) as a hexagon of sides 2·r·sin(30°)', () => {
    run('import turtle\nt = turtle.Turtle()\nt.speed(0)\nt.circle(50, steps=6)');
    const lines = only(decode(), 'LINE');
    expect(lines.length).toBe(6);
    for (const line of lines) {
      const [[x1, y1], [x2, y2]] = line.pts;
      expect(Math.hypot(x2 - x1, y2 - y1)).toBeCloseTo(50, 6);
    }
  });

  it('in logo mode heads north at 0 and turns clockwise', () => {
    run(
      'import turtle\nturtle.mode("logo")\nt = turtle.Turtle()\nt.speed(0)\nprint(t.heading())\nt.forward(100)\nt.right(90)\nprint(t.heading())\nt.forward(100)\nt.setheading(180)\nprint(round(t.heading(), 6), turtle.mode())',
    );
    const lines = only(decode(), 'LINE');
    expectPoint(lines[0].pts[1], 0, 100);
    expectPoint(lines[1].pts[1], 100, 100);
    expect(out).toBe('0.0\n90.0\n180.0 logo\n');
  });

  it('maps world coordinates with unequal scales, keeping the pen width in pixels', () => {
    run(
      [
        'import turtle',
        's = turtle.Screen()',
        's.setworldcoordinates(0, 0, 10, 100)',
        't = turtle.Turtle()',
        't.speed(0)',
        't.pensize(5)',
        't.goto(10, 100)',
        'print(s.mode(), t.pos())',
      ].join('\n'),
    );
    // The canvas becomes the 400 × 450 window less 20 px: 380 × 430 for 10 × 100 units, centred.
    const [line] = only(decode(), 'LINE');
    expectPoint(line.pts[0], -190, -215);
    expectPoint(line.pts[1], 190, 215);
    expect(line.width).toBe(5);
    expect(out).toBe('world (10.00,100.00)\n');
  });

  it('rescales what is drawn when setworldcoordinates() is called again, as a Tk canvas does', () => {
    run(
      [
        'import turtle',
        's = turtle.Screen()',
        's.setworldcoordinates(0, 0, 100, 100)',
        't = turtle.Turtle()',
        't.hideturtle()',
        't.speed(0)',
        't.penup()',
        't.goto(10, 10)',
        't.pendown()',
        't.goto(50, 50)',
        't.dot(8, "red")',
        's.setworldcoordinates(0, 0, 50, 50)',
        't.goto(50, 0)',
      ].join('\n'),
    );
    // Figures read from CPython 3.13's Tk canvas (setup(400, 450), the same program): the first line ends at
    // (-114, -129) and (190, 215), the red dot (a zero-length line 8 wide there) at (190, 215).
    const ops = decode();
    const clear = ops.map((o) => o.op).lastIndexOf('CLEAR');
    expect(clear).toBeGreaterThan(0);
    const after = ops.slice(clear);
    const lines = only(after, 'LINE');
    expect(lines.length).toBe(2);
    expectPoint(lines[0].pts[0], -114, -129);
    expectPoint(lines[0].pts[1], 190, 215);
    expect(lines[0].width).toBe(1);
    const [dot] = only(after, 'DOT');
    expect([dot.x, dot.y, dot.size, dot.color]).toEqual([190, 215, 8, '#ff0000']);
    // Drawn after the change, in the new world's scale (7.6 × 8.6 px a unit).
    expectPoint(lines[1].pts[1], 190, -215);
    expect(only(after, 'BGCOLOR')[0].color).toBe('#ffffff');
  });

  it('measures angles in degrees or radians', () => {
    run(
      'import turtle, math\nt = turtle.Turtle()\nt.speed(0)\nt.radians()\nt.left(math.pi / 2)\nprint(round(t.heading(), 9))\nt.degrees()\nprint(round(t.heading(), 9))\nt.degrees(400)\nprint(round(t.heading(), 9))',
    );
    expect(out).toBe(`${Math.round((Math.PI / 2) * 1e9) / 1e9}\n90.0\n100.0\n`);
  });

  it('computes towards() and distance() as CPython documents', () => {
    run(
      'import turtle\nt = turtle.Turtle()\nprint(t.towards(0, 10), t.towards(-10, 0), t.distance(3, 4), t.distance((6, 8)))',
    );
    expect(out).toBe('90.0 180.0 5.0 10.0\n');
  });
});

describe('colours', () => {
  it('reads Tk colour names with their X11 values, in any case and with spaces', () => {
    run(
      [
        'import turtle',
        't = turtle.Turtle()',
        't.speed(0)',
        'for c in ["gray", "green", "maroon", "purple", "gray25", "light blue", "LightBlue", "GREY100", "#f00", "#123456"]:',
        '    t.pencolor(c)',
        '    t.forward(1)',
      ].join('\n'),
    );
    expect(only(decode(), 'LINE').map((l) => l.color)).toEqual([
      '#bebebe',
      '#00ff00',
      '#b03060',
      '#a020f0',
      '#404040',
      '#add8e6',
      '#add8e6',
      '#ffffff',
      '#f00000',
      '#123456',
    ]);
  });

  it('gives back colours as they were given, tuples in the colour mode', () => {
    run(
      [
        'import turtle',
        't = turtle.Turtle()',
        't.pencolor("Red")',
        'print(t.pencolor())',
        't.pencolor((0.2, 0.4, 0.6))',
        'print(t.pencolor())',
        't.color("red", "yellow")',
        'print(t.color())',
        'turtle.colormode(255)',
        't.pencolor(255, 0, 0)',
        'print(t.pencolor(), turtle.colormode())',
        'for bad in [(256, 0, 0), (-1, 0, 0)]:',
        '    try:',
        '        t.pencolor(bad)',
        '    except turtle.TurtleGraphicsError as e:',
        '        print(e)',
        'try:',
        '    t.pencolor("notacolour")',
        'except turtle.TurtleGraphicsError as e:',
        '    print(e)',
        't.forward(10)',
      ].join('\n'),
    );
    expect(out).toBe(
      [
        'Red',
        '(0.2, 0.4, 0.6)',
        "('red', 'yellow')",
        '(255.0, 0.0, 0.0) 255',
        'bad color sequence: (256, 0, 0)',
        'bad color sequence: (-1, 0, 0)',
        'bad color string: notacolour',
        '',
      ].join('\n'),
    );
    expect(only(decode(), 'LINE').at(-1)!.color).toBe('#ff0000');
  });
});

describe('fills, undo, stamps and text', () => {
  const square = 'for _ in range(4):\n    t.forward(100)\n    t.left(90)\n';

  it('fills: FILL before the lines drawn after begin_fill, FILLED with the traced polygon', () => {
    run(
      `import turtle\nt = turtle.Turtle()\nt.speed(0)\nt.fillcolor("red")\nt.begin_fill()\n${square}t.end_fill()\nprint(t.filling())`,
    );
    const ops = decode().filter((o) => ['FILL', 'FILLED', 'LINE'].includes(o.op));
    expect(ops.map((o) => o.op)).toEqual(['FILL', 'LINE', 'LINE', 'LINE', 'LINE', 'FILLED']);
    const fill = ops[0] as Extract<Op, { op: 'FILL' }>;
    const filled = ops[5] as Extract<Op, { op: 'FILLED' }>;
    expect(filled.id).toBe(fill.id);
    expect(filled.color).toBe('#ff0000');
    expect(filled.pts.length).toBe(5);
    [
      [0, 0],
      [100, 0],
      [100, 100],
      [0, 100],
      [0, 0],
    ].forEach(([x, y], k) => expectPoint(filled.pts[k], x, y));
    expect(out).toBe('False\n');
  });

  it('fills with `with t.fill():`, and sends nothing to fill for fewer than 3 points', () => {
    run(
      `import turtle\nt = turtle.Turtle()\nt.speed(0)\nwith t.fill():\n${square.replace(/^/gm, '    ')}\nwith t.fill():\n    t.forward(10)`,
    );
    const filled = only(decode(), 'FILLED');
    expect(filled.map((f) => f.pts.length)).toEqual([5, 0]);
  });

  it('undoes a line, and a whole circle as one entry', () => {
    run(
      [
        'import turtle',
        't = turtle.Turtle()',
        't.speed(0)',
        't.forward(100)',
        'n = t.undobufferentries()',
        't.undo()',
        'print(n, t.pos())',
        't.circle(30)',
        'print(t.undobufferentries())',
        't.undo()',
        'print(t.pos(), t.heading(), t.undobufferentries())',
      ].join('\n'),
    );
    const ops = decode();
    const lines = only(ops, 'LINE');
    const deleted = only(ops, 'DELETE').map((d) => d.id);
    expect(deleted[0]).toBe(lines[0].id);
    const circleIds = new Set(lines.slice(1).map((l) => l.id));
    expect(lines.length).toBe(1 + 1 + Math.floor(Math.min(11 + 30 / 6, 59)));
    expect(new Set(deleted.slice(1))).toEqual(circleIds);
    // speed(0) is an entry of its own (pen changes are undoable), the line another.
    expect(out).toBe('2 (0.00,0.00)\n2\n(0.00,0.00) 0.0 1\n');
  });

  it('gives a clone the undo history of its original, as CPython’s deep copy does', () => {
    run(
      [
        'import turtle',
        't = turtle.Turtle()',
        't.fd(50)',
        't.lt(90)',
        'q = t.clone()',
        'q.rt(45)',
        'q.fd(10)',
        'print(t.undobufferentries(), q.undobufferentries())',
        'for _ in range(4):',
        '    q.undo()',
        'print(q.pos(), q.heading(), q.undobufferentries())',
      ].join('\n'),
    );
    // CPython 3.13 prints exactly this (rosette.py relies on it: its clones all undo back to heading 0).
    expect(out).toBe('2 4\n(0.00,0.00) 0.0 0\n');
  });

  it('stamps the shape as a polygon and clears the stamp by its id', () => {
    run('import turtle\nt = turtle.Turtle()\nt.speed(0)\nsid = t.stamp()\nt.clearstamp(sid)\nprint(sid > 0)');
    const ops = decode();
    const [poly] = only(ops, 'POLY');
    // The classic arrow ((0,0), (-5,-9), (0,-7), (5,-9)) points along +y; heading east maps (x, y) to (y, -x).
    [
      [0, 0],
      [-9, 5],
      [-7, 0],
      [-9, -5],
    ].forEach(([x, y], k) => expectPoint(poly.pts[k], x, y));
    expect(poly.fill).toBe('#000000');
    expect(poly.outline).toBe('#000000');
    expect(only(ops, 'DELETE')).toEqual([{ op: 'DELETE', id: poly.id }]);
    expect(out).toBe('True\n');
  });

  it('clears the last n stamps and all of them', () => {
    run(
      'import turtle\nt = turtle.Turtle()\nt.speed(0)\nids = [t.stamp() for _ in range(5)]\nt.clearstamps(-2)\nt.clearstamps()\nprint(ids)',
    );
    const ids = JSON.parse(out) as number[];
    expect(only(decode(), 'DELETE').map((d) => d.id)).toEqual([ids[3], ids[4], ids[0], ids[1], ids[2]]);
  });

  it('writes text with its alignment code and a CSS font in points', () => {
    run(
      [
        'import turtle',
        't = turtle.Turtle()',
        't.speed(0)',
        't.write("a")',
        't.write("b", align="center", font=("Courier", 20, "bold"))',
        't.write(3, False, "right", ("Times New Roman", 10, "italic"))',
      ].join('\n'),
    );
    const texts = only(decode(), 'TEXT');
    expect(texts.map((t) => [t.text, t.align, t.font, t.color])).toEqual([
      ['a', 0, 'normal 8pt Arial', '#000000'],
      ['b', 1, 'bold 20pt Courier', '#000000'],
      ['3', 2, 'italic 10pt "Times New Roman"', '#000000'],
    ]);
  });

  it('measures text for write(move=True) and moves the turtle by its width', () => {
    events.push(['dialog', '{"w": 40}']);
    run('import turtle\nt = turtle.Turtle()\nt.speed(0)\nt.write("hello", move=True)\nprint(t.pos())');
    const measure = only(decode(), 'MEASURE');
    expect(measure).toEqual([{ op: 'MEASURE', font: 'normal 8pt Arial', text: 'hello' }]);
    expect(out).toBe('(40.00,0.00)\n');
  });

  it('draws dots of the default size max(pensize+4, 2·pensize)', () => {
    run('import turtle\nt = turtle.Turtle()\nt.speed(0)\nt.dot()\nt.pensize(10)\nt.dot()\nt.dot(30, "blue")');
    expect(only(decode(), 'DOT').map((d) => [d.size, d.color])).toEqual([
      [5, '#000000'],
      [20, '#000000'],
      [30, '#0000ff'],
    ]);
  });
});

describe('values programs see', () => {
  it('has Vec2D arithmetic and repr as in CPython', () => {
    run(
      'from turtle import Vec2D\na, b = Vec2D(1, 2), Vec2D(3, 4)\nprint(a + b, a - b, a * b, 2 * a, a * 2, abs(b), -a, Vec2D(1, 0).rotate(90), isinstance(a, tuple))',
    );
    expect(out).toBe('(4.00,6.00) (-2.00,-2.00) 11 (2.00,4.00) (2.00,4.00) 5.0 (-1.00,-2.00) (0.00,1.00) True\n');
  });

  it('maps speeds as CPython does', () => {
    run(
      [
        'import turtle',
        't = turtle.Turtle()',
        'r = [t.speed()]',
        'for s in ["fastest", "fast", "normal", "slow", "slowest", 11, 0.4, 5.6, 10]:',
        '    t.speed(s)',
        '    r.append(t.speed())',
        'print(r)',
      ].join('\n'),
    );
    expect(out).toBe('[3, 0, 10, 6, 3, 1, 0, 0, 6, 10]\n');
  });

  it('gives `from turtle import *` the names of CPython’s __all__', () => {
    run(
      [
        'from turtle import *',
        'names = ["forward", "fd", "Screen", "Turtle", "RawTurtle", "Vec2D", "Shape", "done", "mainloop",',
        '         "Terminator", "no_animation", "fill", "poly", "teleport", "save", "onscreenclick", "textinput"]',
        'print([n for n in names if n not in globals()])',
        'forward(10)',
        'print(pos(), isinstance(getturtle(), Turtle), getscreen() is Screen())',
      ].join('\n'),
    );
    expect(out).toBe('[]\n(10.00,0.00) True True\n');
  });

  it('refuses PostScript and non-PNG saves with clear messages', () => {
    run(
      [
        'import turtle',
        's = turtle.Screen()',
        'for f in [lambda: s.getcanvas().postscript(file="x.eps"), lambda: s.save("x.jpg"), lambda: s.bgpic("x.gif")]:',
        '    try:',
        '        f()',
        '    except turtle.TurtleGraphicsError as e:',
        '        print(e)',
      ].join('\n'),
    );
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe("saving PostScript is not supported here; use Screen().save('drawing.png')");
    expect(lines[1]).toContain('.png');
    expect(lines[1]).toContain('x.jpg');
    expect(lines[2]).toContain('not supported');
  });
});

describe('saving', () => {
  it('asks the page for a .png of the drawing as it is, and waits for its answer before drawing on', () => {
    events.push(['dialog', JSON.stringify({ saved: 'art.png' })]);
    run('import turtle\nturtle.dot(10)\nturtle.Screen().save("pictures/../art.png")\nturtle.dot(20)\nprint("after")');
    const saveAt = batches.findIndex((b) => decode(b).some((o) => o.op === 'SAVE'));
    expect(saveAt).toBeGreaterThanOrEqual(0);
    const decoded = decode(batches[saveAt]);
    // The save is the last command of its batch, and the first dot is already sent: nothing drawn after it
    // can be in the picture, everything before it is.
    expect(decoded.at(-1)).toEqual({ op: 'SAVE', name: 'art.png' });
    expect(decode(...batches.slice(0, saveAt + 1)).filter((o) => o.op === 'DOT')).toHaveLength(1);
    expect(out).toBe('after\n');
  });

  it("raises the page's error", () => {
    events.push(['dialog', JSON.stringify({ error: 'the drawing could not be turned into a picture' })]);
    run(
      'import turtle\ntry:\n    turtle.Screen().save("a.png")\nexcept turtle.TurtleGraphicsError as e:\n    print(e)',
    );
    expect(out).toBe('the drawing could not be turned into a picture\n');
  });
});

describe('animation', () => {
  it('moves forward(100) at the default speed in 1+int(100/(3·1.1³·3)) = 9 frames of 10 ms', () => {
    run(
      [
        'import turtle, time',
        't = turtle.Turtle()',
        'slept = []',
        'time.sleep = slept.append',
        't.forward(100)',
        'print(slept)',
      ].join('\n'),
    );
    expect(out).toBe(`[${Array(9).fill('0.01').join(', ')}]\n`);
    const sprites = only(decode(), 'SPRITE');
    expect(sprites.length).toBe(1 + 9); // the turtle appearing, then the move
    const moving = sprites.slice(1);
    moving.slice(0, 8).forEach((s, k) => {
      expect(s.trail.length).toBe(2);
      expectPoint(s.trail[1], ((k + 1) * 100) / 9, 0);
      expect(s.wx).toBeCloseTo(((k + 1) * 100) / 9, 9);
    });
    expect(moving[8].trail.length).toBe(0);
    expect(moving[8].wx).toBe(100);
    expect(only(decode(), 'LINE').length).toBe(1);
  });

  it('turns left(90) in 1+int(90/(3·3)) = 11 steps plus the final update', () => {
    run(
      'import turtle, time\nt = turtle.Turtle()\nslept = []\ntime.sleep = slept.append\nt.left(90)\nprint(len(slept))',
    );
    expect(out).toBe('12\n');
  });

  it('at speed 0 draws each command in one frame, then waits the delay as CPython does; delay(0) waits not at all', () => {
    run(
      [
        'import turtle, time',
        't = turtle.Turtle()',
        't.speed(0)',
        'slept = []',
        'time.sleep = slept.append',
        't.forward(100)',
        't.left(90)',
        'print(slept)',
        'turtle.delay(0)',
        'slept.clear()',
        't.forward(100)',
        'print(slept)',
      ].join('\n'),
    );
    expect(out).toBe('[0.01, 0.01]\n[]\n');
  });

  it('sends everything at once under tracer(0) when update() is called', () => {
    run(
      [
        'import turtle',
        'turtle.tracer(0)',
        't = turtle.Turtle()',
        'for i in range(100):',
        '    t.forward(i)',
        '    t.left(59)',
        'print("before update")',
        'turtle.update()',
        'print("after update")',
      ].join('\n'),
    );
    expect(batches.length).toBe(1);
    expect(batches[0].outBefore).toBe('before update\n');
    const ops = decode();
    expect(only(ops, 'LINE').length).toBe(100);
    expect(only(ops, 'SPRITE').length).toBe(1);
  });

  // How fast these are is the benchmark's business (npm run bench); here, that nothing is lost.
  it('draws 10,000 segments under tracer(0), all of them', () => {
    run(
      'import turtle\nturtle.tracer(0)\nt = turtle.Turtle()\nfor i in range(10000):\n    t.forward(3)\n    t.left(1.3)\nturtle.update()',
    );
    expect(only(decode(), 'LINE').length).toBe(10000);
  });

  it('stamps 20,000 times under tracer(0), every stamp sent', () => {
    run(
      'import turtle\nturtle.tracer(0)\nt = turtle.Turtle()\nt.shape("turtle")\nfor i in range(20000):\n    t.stamp()\n    t.left(7)\nturtle.update()',
    );
    expect(only(decode(), 'POLY').length).toBe(20000);
  });
});

describe('events and the run', () => {
  it('runs onkey handlers in mainloop until bye()', () => {
    events.push(
      ['key', '{"t": "press", "k": "Up"}'],
      ['key', '{"t": "release", "k": "Up"}'],
      ['key', '{"t": "release", "k": "q"}'],
    );
    const { status } = run(
      [
        'import turtle',
        't = turtle.Turtle()',
        't.speed(0)',
        's = turtle.Screen()',
        's.onkey(lambda: t.forward(10), "Up")',
        's.onkeypress(lambda: t.left(90), "Up")',
        's.onkey(s.bye, "q")',
        's.listen()',
        'turtle.mainloop()',
        'print("after", t.heading())',
      ].join('\n'),
    );
    expect(status).toBe('ok');
    const ops = decode();
    expect(ops.some((o) => o.op === 'LISTEN')).toBe(true);
    const [line] = only(ops, 'LINE');
    expectPoint(line.pts[1], 0, 10); // turned on press, moved on release
    expect(ops.at(-1)!.op).toBe('BYE');
    expect(out).toBe('after 90.0\n');
  });

  it('calls click handlers with world coordinates, on the screen and on a turtle', () => {
    events.push(
      ['pointer', '{"t": "down", "x": 100, "y": 50, "b": 1}'],
      ['pointer', '{"t": "up", "x": 100, "y": 50, "b": 1}'],
      ['pointer', '{"t": "down", "x": -3, "y": 1, "b": 1}'],
      ['pointer', '{"t": "drag", "x": 20, "y": 30, "b": 1}'],
      ['pointer', '{"t": "up", "x": 20, "y": 30, "b": 1}'],
      ['key', '{"t": "release", "k": "Escape"}'],
    );
    const { status } = run(
      [
        'import turtle',
        's = turtle.Screen()',
        't = turtle.Turtle()',
        's.onclick(lambda x, y: print("screen", x, y))',
        't.onclick(lambda x, y: print("turtle", x, y))',
        't.ondrag(lambda x, y: print("drag", x, y))',
        't.onrelease(lambda x, y: print("release", x, y))',
        's.onkey(s.bye, "Escape")',
        'turtle.done()',
      ].join('\n'),
    );
    expect(status).toBe('ok');
    expect(out).toBe('screen 100.0 50.0\nturtle -3.0 1.0\nscreen -3.0 1.0\ndrag 20.0 30.0\nrelease 20.0 30.0\n');
  });

  it('fires timers, in mainloop and after the program’s own code ends', () => {
    const { status } = run(
      [
        'import turtle',
        't = turtle.Turtle()',
        't.speed(0)',
        'def tick(n=3):',
        '    t.forward(10)',
        '    if n > 1:',
        '        turtle.ontimer(lambda: tick(n - 1), 5)',
        'turtle.ontimer(tick, 5)',
      ].join('\n'),
    );
    expect(status).toBe('ok');
    expect(only(decode(), 'LINE').length).toBe(3);
  });

  it('asks through textinput and numinput', () => {
    events.push(['dialog', '{"v": "Ada"}'], ['dialog', '{"v": "42"}'], ['dialog', '{"v": null}']);
    run(
      [
        'import turtle',
        's = turtle.Screen()',
        'print(s.textinput("Name", "Your name?"))',
        'print(s.numinput("Age", "Your age?", 10, minval=0, maxval=120))',
        'print(turtle.textinput("T", "P"))',
      ].join('\n'),
    );
    expect(out).toBe('Ada\n42.0\nNone\n');
    const asks = only(decode(), 'ASK');
    expect(asks[0]).toEqual({ op: 'ASK', kind: 0, title: 'Name', prompt: 'Your name?', def: null, min: NaN, max: NaN });
    expect(asks[1]).toEqual({ op: 'ASK', kind: 1, title: 'Age', prompt: 'Your age?', def: '10', min: 0, max: 120 });
  });

  it('ends quietly when stopped in mainloop', () => {
    events.push(['stop', '']);
    const { status } = run(
      'import turtle\ns = turtle.Screen()\ns.onkey(lambda: None, "a")\ns.mainloop()\nprint("never")',
    );
    expect(status).toBe('interrupted');
    expect(err).toBe('');
    expect(out).toBe('');
  });

  it('ends quietly when stopped in the end-of-program event loop', () => {
    events.push(['stop', '']);
    const { status } = run('import turtle\nturtle.onkey(lambda: None, "a")');
    expect(status).toBe('interrupted');
    expect(err).toBe('');
  });

  it('reports an error inside a handler with its traceback', () => {
    events.push(['key', '{"t": "release", "k": "space"}']);
    const { status, error } = run(
      'import turtle\ndef boom():\n    1 / 0\nturtle.onkey(boom, "space")\nturtle.mainloop()',
    );
    expect(status).toBe('error');
    expect(error?.type).toBe('ZeroDivisionError');
    expect(err).toContain('File "main.py", line 3, in boom');
  });

  it('raises Terminator after bye()', () => {
    const { status } = run(
      'import turtle\nt = turtle.Turtle()\nturtle.bye()\ntry:\n    t.forward(10)\nexcept turtle.Terminator:\n    print("terminated")',
    );
    expect(status).toBe('ok');
    expect(out).toBe('terminated\n');
  });

  it('starts every run with a fresh screen and no turtles', () => {
    run('import turtle\nt = turtle.Turtle()\nt.forward(5)\nturtle.onkey(None, "a")\nturtle.Screen().tracer(0)');
    batches.length = 0;
    run('import turtle\ns = turtle.Screen()\nprint(len(s.turtles()), s.tracer(), turtle.Turtle._pen)');
    expect(out).toBe('0 1 None\n');
    expect(only(decode(), 'SETUP').length).toBe(1);
  });

  it('does not block when the program ends without handlers', () => {
    const { status } = run('import turtle\nturtle.forward(10)\nturtle.done()\nprint("done")');
    expect(status).toBe('ok');
    expect(out).toBe('done\n');
  });
});
