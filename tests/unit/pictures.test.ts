// Pictures in the Output, run for real in Pyodide under Node through the
// runner: display() and the shell's echo (playground_display.py) and the
// matplotlib backend (playground_mpl.py), driven by a stand-in matplotlib
// (tests/support/matplotlib-standin.ts; the real wheel cannot be fetched here).
// Expectations follow Jupyter's display() and inline backend.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { PyodideAPI } from 'pyodide';
import type { PyProxy } from 'pyodide/ffi';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadAppPython, runScript, runShell } from '../support/app-python.ts';
import { MATPLOTLIB_STANDIN } from '../support/matplotlib-standin.ts';
import { makeTestWheel } from '../support/wheel.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const STANDIN_SITE = '/opt/matplotlib-standin';

interface Picture {
  kind: 'display';
  mime: string;
  data: Uint8Array;
  alt: string;
}
type Item = { kind: 'out' | 'err'; text: string } | Picture;

let py: PyodideAPI;
let runner: PyProxy & Record<string, (...args: unknown[]) => PyProxy>;
/** Everything the program sent, in order: text (consecutive writes joined) and pictures. */
const items: Item[] = [];

function text(kind: 'out' | 'err', chunk: string): void {
  const last = items.at(-1);
  if (last && last.kind === kind) last.text += chunk;
  else items.push({ kind, text: chunk });
}

const pictures = (): Picture[] => items.filter((item): item is Picture => item.kind === 'display');
const printed = (kind: 'out' | 'err' = 'out'): string =>
  items.map((item) => (item.kind === kind ? item.text : '')).join('');

beforeAll(async () => {
  py = await loadAppPython({ stdout: (t) => text('out', t), stderr: (t) => text('err', t) });
  for (const [path, source] of Object.entries(MATPLOTLIB_STANDIN)) {
    const file = `${STANDIN_SITE}/${path}`;
    py.FS.mkdirTree(file.slice(0, file.lastIndexOf('/')));
    py.FS.writeFile(file, source);
  }
  py.runPython(`import sys; sys.path.append(${JSON.stringify(STANDIN_SITE)})`);
  runner = py.pyimport('playground_runner') as typeof runner;
  runner.install({
    can_read: false,
    flush: () => {},
    request_input: () => {},
    wait_event: () => {
      throw new Error('would wait');
    },
    emit: (kind: string, payload: PyProxy) => {
      if (kind !== 'display') return; // explanations of errors are another feature's
      const fields = payload.toJs({ dict_converter: Object.fromEntries }) as Omit<Picture, 'kind'>;
      items.push({ kind: 'display', ...fields });
    },
  });
}, 60_000);

beforeEach(() => {
  items.length = 0;
});

interface Result {
  status: string;
  error: { type: string; message: string } | null;
}

function run(source: string | Record<string, string>): Result {
  return runScript<Result>(py, runner, typeof source === 'string' ? { 'main.py': source } : source);
}

function shell(code: string): Result {
  return runShell<Result>(runner, code);
}

const decode = (data: Uint8Array): string => new TextDecoder().decode(data);
/** Bytes as a string of the same char codes, to compare binary data readably. */
const latin1 = (data: Uint8Array): string => String.fromCharCode(...data);

/** A real PNG's width and height (from its IHDR chunk), after checking its signature. */
function pngSize(data: Uint8Array): [number, number] {
  expect([...data.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(decode(data.subarray(12, 16))).toBe('IHDR');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

/** Python classes whose pictures are made of their name, so a test can tell which repr was used. */
const PICTURE_CLASSES = `
class All:
    def _repr_svg_(self): return '<svg xmlns="http://www.w3.org/2000/svg"><title>svg</title></svg>'
    def _repr_jpeg_(self): return b"\\xff\\xd8\\xff jpeg"
    def _repr_png_(self): return b"\\x89PNG\\r\\n\\x1a\\n png"
    def __repr__(self): return "All()"

class NoPng(All):
    def _repr_png_(self): return None

class BrokenPng(All):
    def _repr_png_(self): raise ValueError("no png today")

class OnlySvg:
    def _repr_png_(self): return None
    def _repr_jpeg_(self): raise RuntimeError("no jpeg either")
    def _repr_svg_(self): return b'<svg xmlns="http://www.w3.org/2000/svg"><title>bytes</title></svg>'

class WithMetadata:
    def _repr_png_(self): return (b"\\x89PNG\\r\\n\\x1a\\n meta", {"width": 10})

class Plain:
    def __repr__(self): return "<Plain thing>"
`;

describe('display()', () => {
  it('shows the richest picture: PNG, then JPEG, then SVG, falling through reprs that give None or fail', () => {
    const { status } = run(
      PICTURE_CLASSES + 'display(All())\ndisplay(NoPng(), BrokenPng())\ndisplay(OnlySvg())\ndisplay(WithMetadata())',
    );
    expect(status).toBe('ok');
    expect(pictures().map((p) => [p.mime, latin1(p.data)])).toEqual([
      ['image/png', '\x89PNG\r\n\x1a\n png'],
      ['image/jpeg', '\xff\xd8\xff jpeg'],
      ['image/jpeg', '\xff\xd8\xff jpeg'],
      ['image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><title>bytes</title></svg>'],
      ['image/png', '\x89PNG\r\n\x1a\n meta'],
    ]);
    expect([...pictures()[0].data.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(printed('err')).toBe('');
  });

  it('prints the repr of an object without a picture (bytes too, even with a PNG signature)', () => {
    const { status } = run(PICTURE_CLASSES + 'display(Plain(), 42)\ndisplay(b"\\x89PNG\\r\\n\\x1a\\n")\ndisplay(All)');
    expect(status).toBe('ok');
    expect(pictures()).toEqual([]);
    expect(printed()).toBe("<Plain thing>\n42\nb'\\x89PNG\\r\\n\\x1a\\n'\n<class '__main__.All'>\n");
  });

  it('names the picture by alt=, else the object’s alt or title, else the line of the program that asked', () => {
    const { status } = run({
      'main.py': [
        PICTURE_CLASSES.trim(),
        'import helper',
        'def show_it(thing):',
        '    display(thing)',
        'display(All(), alt="A green square")',
        'a = All(); a.alt = "Alt attribute"; display(a)',
        't = All(); t.title = "Title attribute"; display(t)',
        'e = All(); e.title = "   "; e.alt = 3',
        'show_it(e)',
        'display(All(), alt="x" * 300)',
        'helper.draw(All())',
      ].join('\n'),
      'helper.py': '\ndef draw(thing):\n    display(thing)\n',
    });
    expect(status).toBe('ok');
    const displayLine = PICTURE_CLASSES.trim().split('\n').length + 3; // show_it's display()
    expect(pictures().map((p) => p.alt)).toEqual([
      'A green square',
      'Alt attribute',
      'Title attribute',
      `Image from line ${displayLine}`,
      'x'.repeat(199) + '…',
      'Image from line 3 of helper.py',
    ]);
  });

  it('is the shell’s echo: a picture named "Image from the shell", or the repr', () => {
    run(PICTURE_CLASSES + 'thing = All()');
    items.length = 0;
    expect(shell('thing').status).toBe('ok');
    expect(shell('Plain()').status).toBe('ok');
    expect(shell('[1, "two"]').status).toBe('ok');
    expect(shell('display(thing, alt="given")').status).toBe('ok');
    expect(items).toEqual([
      { kind: 'display', mime: 'image/png', data: expect.any(Uint8Array), alt: 'Image from the shell' },
      { kind: 'out', text: "<Plain thing>\n[1, 'two']\n" },
      { kind: 'display', mime: 'image/png', data: expect.any(Uint8Array), alt: 'given' },
    ]);
  });

  it('places pictures between the text printed before and after them', () => {
    run(PICTURE_CLASSES + 'print("one")\ndisplay(All())\nprint("two", end="")\ndisplay(OnlySvg())\nprint("three")');
    expect(items.map((item) => (item.kind === 'display' ? item.mime : item.text))).toEqual([
      'one\n',
      'image/png',
      'two',
      'image/svg+xml',
      'three\n',
    ]);
  });

  it('refuses a picture over 4 MB with a message, and the program goes on', () => {
    const { status } = run(
      [
        'class Huge:',
        '    def _repr_png_(self): return b"\\x89PNG\\r\\n\\x1a\\n" + bytes(5_200_000 - 8)',
        'print("before")',
        'display(Huge())',
        'print("after")',
        'display(Huge(), alt="again")',
      ].join('\n'),
    );
    expect(status).toBe('ok');
    expect(pictures()).toEqual([]);
    const message =
      'display(): this picture is 5.2 MB, and the Output shows pictures up to 4 MB. ' +
      'Make it smaller (fewer pixels, or JPEG) and try again.\n';
    expect(items).toEqual([
      { kind: 'out', text: 'before\n' },
      { kind: 'err', text: message },
      { kind: 'out', text: 'after\n' },
      { kind: 'err', text: message },
    ]);
  });

  it('says a size just over the limit as more than the limit', () => {
    run('class Over:\n    def _repr_png_(self): return b"\\x89PNG" + bytes(4_000_001 - 4)\ndisplay(Over())');
    expect(items).toEqual([{ kind: 'err', text: expect.stringContaining('this picture is 4.01 MB, and the Output') }]);
  });

  it('shows a picture of exactly 4 MB', () => {
    run('class Big:\n    def _repr_jpeg_(self): return b"\\xff\\xd8\\xff" + bytes(4_000_000 - 3)\ndisplay(Big())');
    expect(pictures().map((p) => [p.mime, p.data.byteLength])).toEqual([['image/jpeg', 4_000_000]]);
  });
});

describe('the matplotlib backend', () => {
  it('is what MPLBACKEND names, and matplotlib is the stand-in', () => {
    const { status } = run(
      'import os, matplotlib\nprint(os.environ["MPLBACKEND"], matplotlib.get_backend())\nprint(matplotlib.__doc__[:11])',
    );
    expect(status).toBe('ok');
    expect(printed()).toBe('module://playground_mpl module://playground_mpl\nTEST DOUBLE\n');
  });

  it('plt.show() shows every open figure as a PNG, in order, where it is called, then closes them', () => {
    const { status } = run(
      [
        'import matplotlib.pyplot as plt',
        'plt.plot([1, 2, 3], [20, 24, 19])',
        'plt.title("Temperatures")',
        'plt.figure()',
        'plt.bar(["a", "b", "c"], [3, 5, 2])',
        'plt.suptitle("Sales")',
        'fig, ax = plt.subplots()',
        'ax.scatter([1, 2, 3], [3, 1, 2])',
        'plt.figure(1)', // the active figure is not the first one shown
        'print("before")',
        'plt.show()', // line 11
        'print("after", plt.get_fignums())',
        'plt.plot([3, 2, 1])',
        'plt.show()', // line 14
      ].join('\n'),
    );
    expect(status).toBe('ok');
    expect(items.map((item) => (item.kind === 'display' ? `${item.mime} ${item.alt}` : item.text))).toEqual([
      'before\n',
      'image/png Plot: Temperatures',
      'image/png Plot: Sales',
      'image/png Figure 3, plotted from line 11',
      'after []\n',
      'image/png Plot from line 14',
    ]);
    const sizes = pictures().map((p) => pngSize(p.data));
    expect(sizes).toEqual([
      [640, 480],
      [640, 480],
      [640, 480],
      [640, 480],
    ]);
    // Different plots are different pictures.
    expect(new Set(pictures().map((p) => latin1(p.data))).size).toBe(4);
  });

  it('shows figures never shown when the program ends, once, in figure-number order', () => {
    const { status } = run(
      [
        'import matplotlib.pyplot as plt',
        'plt.figure(figsize=(3, 2))',
        'plt.plot([1, 2])',
        'plt.figure("Growth")',
        'plt.plot([2, 1])',
        'plt.figure(1)',
        'print("end of program")',
      ].join('\n'),
    );
    expect(status).toBe('ok');
    expect(items.map((item) => (item.kind === 'display' ? item.alt : item.text))).toEqual([
      'end of program\n',
      'Figure 1',
      'Plot: Growth',
    ]);
    expect(pngSize(pictures()[0].data)).toEqual([300, 200]);
    // Nothing is left over for the next run or the shell.
    items.length = 0;
    shell('import matplotlib.pyplot as plt; print(plt.get_fignums())');
    expect(items).toEqual([{ kind: 'out', text: '[]\n' }]);
  });

  it('fig.show() and display(fig) show a figure there, and it is not shown again at the end', () => {
    const { status } = run(
      [
        'import matplotlib.pyplot as plt',
        'fig, ax = plt.subplots()',
        'ax.plot([1, 4, 9])',
        'ax.set_title("Squares")',
        'fig.show()',
        'fig2, ax2 = plt.subplots()',
        'ax2.plot([9, 4, 1])',
        'print("between")',
        'display(fig2)',
        'print(len(plt.get_fignums()), "open")',
      ].join('\n'),
    );
    expect(status).toBe('ok');
    expect(items.map((item) => (item.kind === 'display' ? item.alt : item.text))).toEqual([
      'Plot: Squares',
      'between\n',
      'Plot from line 9',
      '2 open\n',
    ]);
    expect(printed('err')).toBe('');
  });

  it('savefig("plot.png") writes a PNG into the project folder', () => {
    const { status } = run(
      'import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.savefig("plot.png")\nplt.savefig("chart")\nplt.close()',
    );
    expect(status).toBe('ok');
    expect(pictures()).toEqual([]); // closed before the end: nothing to show
    const png = py.FS.readFile('/home/pyodide/project/plot.png') as Uint8Array;
    expect(pngSize(png)).toEqual([640, 480]);
    // As matplotlib: a name without an extension gets the default format's.
    expect(pngSize(py.FS.readFile('/home/pyodide/project/chart.png') as Uint8Array)).toEqual([640, 480]);
  });

  it('starts each run with no figures, even after a run that ended in an error', () => {
    const failed = run('import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.figure()\n1 / 0');
    expect(failed.status).toBe('error');
    expect(pictures()).toEqual([]); // an error ends the program before its figures are shown
    items.length = 0;
    const { status } = run('import matplotlib.pyplot as plt\nprint(plt.get_fignums())\nplt.plot([5, 6])');
    expect(status).toBe('ok');
    expect(items.map((item) => (item.kind === 'display' ? item.alt : item.text))).toEqual(['[]\n', 'Figure 1']);
  });

  it('shows a figure made at the shell prompt after that line', () => {
    run('import matplotlib.pyplot as plt');
    items.length = 0;
    expect(shell('lines = plt.plot([1, 2, 3]); t = plt.title("Typed")').status).toBe('ok');
    expect(shell('print(plt.get_fignums())').status).toBe('ok');
    expect(items.map((item) => (item.kind === 'display' ? item.alt : item.text))).toEqual(['Plot: Typed', '[]\n']);
  });
});

describe('the stand-in matplotlib wheel', () => {
  it('is written beside the test package, with a lock entry named "matplotlib"', () => {
    const { dir, lockExtra } = makeTestWheel(mkdtempSync(join(tmpdir(), 'standin-')));
    const { packages } = JSON.parse(readFileSync(lockExtra, 'utf8')) as {
      packages: Record<string, { file_name: string; sha256: string; imports: string[]; depends: string[] }>;
    };
    expect(Object.keys(packages)).toEqual(['playground-testpkg', 'matplotlib']);
    const entry = packages.matplotlib;
    expect([entry.imports, entry.depends]).toEqual([['matplotlib'], []]);
    const wheel = readFileSync(join(dir, entry.file_name));
    expect(createHash('sha256').update(wheel).digest('hex')).toBe(entry.sha256);
    const files = unzipSync(new Uint8Array(wheel));
    for (const [path, source] of Object.entries(MATPLOTLIB_STANDIN)) expect(strFromU8(files[path])).toBe(source);
    const record = Object.keys(files).find((name) => name.endsWith('.dist-info/RECORD'));
    expect(strFromU8(files[record!])).toContain('matplotlib/pyplot.py,sha256=');
  });
});
