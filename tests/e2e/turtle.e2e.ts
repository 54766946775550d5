// Turtle graphics as a learner meets them: programs written for CPython's
// turtle, run through the UI, drawn in the Drawing panel. Pictures are compared
// with a reference the test draws itself from CPython's documented geometry
// (not with a screenshot saved once), within a small tolerance for anti-aliasing.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openApp, output, run, runCode, runEndCount, runStatus, setCode, waitForRunEnd } from './helpers.ts';

test.beforeEach(async ({ page }) => openApp(page));

const drawingCanvas = (page: Page) => page.getByRole('img', { name: 'Turtle drawing' });

/** What the reference draws, in turtle coordinates (centre origin, y up), with CPython's round caps and joins. */
type Shape =
  | { line: number[]; width: number; color: string }
  | { polygon: number[]; fill: string; rule?: 'evenodd' | 'nonzero' }
  | { dot: [number, number]; size: number; color: string };

/**
 * Compares the drawing on the page, pixel by pixel, with `shapes` drawn on a
 * fresh canvas of the same size: the share of differing pixels among those
 * either picture has ink on (a channel more than 80 apart counts).
 */
async function mismatch(page: Page, shapes: Shape[], background = '#ffffff'): Promise<{ ratio: number; ink: number }> {
  return page.evaluate(
    ({ shapes, background }) => {
      const shown = document.querySelector<HTMLCanvasElement>('canvas[aria-label="Turtle drawing"]')!;
      const { width, height } = shown;
      const ref = document.createElement('canvas');
      ref.width = width;
      ref.height = height;
      const ctx = ref.getContext('2d')!;
      // Pixels of the canvas per pixel of the drawing area: the device's pixel ratio (1 in these tests).
      const scale = devicePixelRatio;
      ctx.fillStyle = background;
      ctx.fillRect(0, 0, width, height);
      ctx.setTransform(scale, 0, 0, -scale, width / 2, height / 2);
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      for (const s of shapes) {
        ctx.beginPath();
        if ('line' in s) {
          ctx.moveTo(s.line[0], s.line[1]);
          for (let i = 2; i < s.line.length; i += 2) ctx.lineTo(s.line[i], s.line[i + 1]);
          ctx.lineWidth = s.width;
          ctx.strokeStyle = s.color;
          ctx.stroke();
        } else if ('polygon' in s) {
          ctx.moveTo(s.polygon[0], s.polygon[1]);
          for (let i = 2; i < s.polygon.length; i += 2) ctx.lineTo(s.polygon[i], s.polygon[i + 1]);
          ctx.closePath();
          ctx.fillStyle = s.fill;
          ctx.fill(s.rule ?? 'evenodd');
        } else {
          ctx.arc(s.dot[0], s.dot[1], s.size / 2, 0, 2 * Math.PI);
          ctx.fillStyle = s.color;
          ctx.fill();
        }
      }
      const a = shown.getContext('2d')!.getImageData(0, 0, width, height).data;
      const b = ctx.getImageData(0, 0, width, height).data;
      const bg = [1, 3, 5].map((i) => parseInt(background.slice(i, i + 2), 16));
      let ink = 0;
      let differ = 0;
      for (let i = 0; i < a.length; i += 4) {
        const inkA = Math.abs(a[i] - bg[0]) + Math.abs(a[i + 1] - bg[1]) + Math.abs(a[i + 2] - bg[2]) > 60;
        const inkB = Math.abs(b[i] - bg[0]) + Math.abs(b[i + 1] - bg[1]) + Math.abs(b[i + 2] - bg[2]) > 60;
        if (!inkA && !inkB) continue;
        ink++;
        if (Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2])) > 80)
          differ++;
      }
      return { ratio: ink ? differ / ink : 1, ink };
    },
    { shapes, background },
  );
}

/**
 * The points a turtle passes going `steps` times `length` forward from `start`, first heading `heading` (degrees,
 * counterclockwise from east) and turning `turn` degrees after each step: how CPython draws polygons and circles.
 */
function walk(start: [number, number], heading: number, steps: number, length: number, turn: number): number[] {
  const pts = [...start];
  for (let i = 0; i < steps; i++) {
    const [x, y] = pts.slice(-2);
    const a = ((heading + i * turn) * Math.PI) / 180;
    pts.push(x + length * Math.cos(a), y + length * Math.sin(a));
  }
  return pts;
}

/** The colour of the drawing's pixel at turtle coordinates (x, y), as #rrggbb. */
async function pixel(page: Page, x: number, y: number): Promise<string> {
  return page.evaluate(
    ({ x, y }) => {
      const c = document.querySelector<HTMLCanvasElement>('canvas[aria-label="Turtle drawing"]')!;
      const scale = devicePixelRatio;
      const [r, g, b] = c
        .getContext('2d')!
        .getImageData(Math.round(c.width / 2 + x * scale), Math.round(c.height / 2 - y * scale), 1, 1).data;
      return '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
    },
    { x, y },
  );
}

test('a square: the panel opens, the canvas is the setup() size at 1:1, and the picture matches', async ({ page }) => {
  expect(
    await runCode(
      page,
      [
        'import turtle',
        'turtle.setup(300, 200)',
        't = turtle.Turtle()',
        't.hideturtle()',
        't.pensize(5)',
        't.pencolor("red")',
        'for _ in range(4):',
        '    t.forward(80)',
        '    t.left(90)',
      ].join('\n'),
    ),
  ).toBe('ok');
  const canvas = drawingCanvas(page);
  await expect(canvas).toBeVisible();
  const box = (await canvas.boundingBox())!;
  expect([Math.round(box.width), Math.round(box.height)]).toEqual([300, 200]);
  // Painted by the time run-end is marked (the public contract): no waiting here.
  const result = await mismatch(page, [{ line: [0, 0, 80, 0, 80, 80, 0, 80, 0, 0], width: 5, color: '#ff0000' }]);
  expect(result.ink).toBeGreaterThan(1000);
  expect(result.ratio).toBeLessThan(0.02);
  await expect(canvas).toHaveAccessibleDescription(/A drawing with 4 lines\. The turtle \(hidden\) is at \(0, 0\)/);
  await expect(runStatus(page)).toHaveText(/^Finished/);
});

test('a filled star is filled even-odd (its centre stays empty), under its outline; colormode(255)', async ({
  page,
}) => {
  const code = [
    'from turtle import *',
    'speed(0)',
    'hideturtle()',
    'colormode(255)',
    'color((0, 0, 255), (255, 200, 0))',
    'begin_fill()',
    'for _ in range(5):',
    '    forward(150)',
    '    right(144)',
    'end_fill()',
    'print(pencolor(), fillcolor())',
  ].join('\n');
  expect(await runCode(page, code)).toBe('ok');
  await expect(output(page)).toHaveText('(0.0, 0.0, 255.0) (255.0, 200.0, 0.0)');
  // The star's points, from heading 0 turning right 144° each time.
  const pts = walk([0, 0], 0, 5, 150, -144);
  const result = await mismatch(page, [
    { polygon: pts, fill: '#ffc800', rule: 'evenodd' },
    { line: pts, width: 1, color: '#0000ff' },
  ]);
  expect(result.ratio).toBeLessThan(0.03);
  // The pentagon in the middle is outside under the even-odd rule.
  expect(await pixel(page, 75, -25)).toBe('#ffffff');
  expect(await pixel(page, 20, -4)).toBe('#ffc800');
});

test('circle with extent and steps draws the polygon CPython draws, and ends where CPython ends', async ({ page }) => {
  const code = [
    'import turtle',
    't = turtle.Turtle()',
    't.speed(0)',
    't.hideturtle()',
    't.width(3)',
    't.circle(60, 180, 6)',
    'print(round(t.xcor(), 2), round(t.ycor(), 2), round(t.heading(), 2))',
    't.penup(); t.goto(-100, -50); t.pendown()',
    't.circle(-40)',
    'print(round(t.xcor(), 2), round(t.ycor(), 2))',
  ].join('\n');
  expect(await runCode(page, code)).toBe('ok');
  await expect(output(page)).toHaveText('0.0 120.0 180.0\n-100.0 -50.0');
  // A half circle in 6 chords: turn w/2 = 15°, then 6 chords of 2·60·sin(15°), turning 30° between them.
  const half = walk([0, 0], 15, 6, 2 * 60 * Math.sin((15 * Math.PI) / 180), 30);
  // circle(-40) from heading 180 (where the half circle left it): clockwise, so its centre is 40 to the right
  // of the turtle (north here); 1 + int(min(11 + 40/6, 59)) = 18 chords of 2·40·sin(10°), first turning -10°.
  const full = walk([-100, -50], 180 - 10, 18, 2 * 40 * Math.sin((10 * Math.PI) / 180), -20);
  // It rises to about 80 above where it starts: the centre is above, not below.
  expect(Math.max(...full.filter((_, i) => i % 2 === 1))).toBeGreaterThan(29);
  const result = await mismatch(page, [
    { line: half, width: 3, color: '#000000' },
    { line: full, width: 3, color: '#000000' },
  ]);
  expect(result.ratio).toBeLessThan(0.03);
});

test('write() anchors text as Tk does (left, centre, right of its bottom); fonts are in points', async ({ page }) => {
  const code = [
    'import turtle',
    't = turtle.Turtle()',
    't.hideturtle()',
    't.penup()',
    't.goto(0, 40); t.write("Left", align="left", font=("Arial", 24, "bold"))',
    't.goto(0, 0); t.write("Centre", align="center", font=("Arial", 24, "normal"))',
    't.goto(0, -40); t.write("Right", align="right", font=("Arial", 24, "normal"))',
    't.goto(-150, -100); t.write("Move", move=True, font=("Arial", 18, "normal"))',
    'print(t.xcor() > -100, t.ycor())',
  ].join('\n');
  expect(await runCode(page, code)).toBe('ok');
  await expect(output(page)).toHaveText('True -100');
  // Where ink is, row by row, in the band above each anchor point.
  const spans = await page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas[aria-label="Turtle drawing"]')!;
    const ctx = c.getContext('2d')!;
    const s = devicePixelRatio;
    const band = (y: number) => {
      // From the anchor's y up 30 px (24 pt ≈ 32 px tall text with its descent).
      const data = ctx.getImageData(0, Math.round(c.height / 2 - (y + 30) * s), c.width, Math.round(30 * s)).data;
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] < 128) {
          const x = ((i / 4) % c.width) / s - c.width / s / 2;
          min = Math.min(min, x);
          max = Math.max(max, x);
        }
      }
      return [min, max];
    };
    return { left: band(40), centre: band(0), right: band(-40) };
  });
  expect(spans.left[0]).toBeGreaterThanOrEqual(-3);
  expect(spans.left[1]).toBeGreaterThan(40);
  expect(Math.abs(spans.centre[0] + spans.centre[1])).toBeLessThan(8);
  expect(spans.right[1]).toBeLessThanOrEqual(3);
  expect(spans.right[0]).toBeLessThan(-40);
  await expect(drawingCanvas(page)).toHaveAccessibleDescription(/Text written: "Left", "Centre", "Right", "Move"/);
});

test('onkey after listen() moves the turtle with the keyboard; Stop ends mainloop() quietly', async ({ page }) => {
  const code = [
    'import turtle',
    's = turtle.Screen()',
    't = turtle.Turtle()',
    't.speed(0)',
    'def up():',
    '    t.setheading(90)',
    '    t.forward(20)',
    '    print("up", t.ycor())',
    's.onkey(up, "Up")',
    's.onkeypress(lambda: print("space"), "space")',
    's.listen()',
    'turtle.mainloop()',
  ].join('\n');
  await setCode(page, code);
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  const canvas = drawingCanvas(page);
  await expect(canvas).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(output(page)).toHaveText('up 20.0');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  await expect(output(page)).toHaveText('up 20.0\nup 40.0\nspace');
  await expect(canvas).toHaveAccessibleDescription(/The turtle is at \(0, 40\), heading 90\./);
  // The program keeps running (mainloop) until Stop, which ends it without a traceback.
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await page.getByRole('button', { name: 'Stop' }).click();
  expect(await waitForRunEnd(page, before)).toBe('interrupted');
  await expect(output(page)).not.toContainText('Traceback');
  await expect(output(page)).not.toContainText('KeyboardInterrupt');
});

test('onscreenclick gets the clicked point; an error in a handler ends the run with its traceback', async ({
  page,
}) => {
  const code = [
    'import turtle',
    'turtle.setup(400, 300)',
    's = turtle.Screen()',
    't = turtle.Turtle()',
    't.speed(0)',
    'def clicked(x, y):',
    '    print("click", round(x), round(y))',
    '    t.goto(x, y)',
    '    if x < 0:',
    '        undefined_name',
    's.onscreenclick(clicked)',
    'print("ready")',
    'turtle.done()',
  ].join('\n');
  await setCode(page, code);
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  const canvas = drawingCanvas(page);
  // Clicks before the program listens for them go nowhere, as on a desktop.
  await expect(output(page)).toHaveText('ready');
  await canvas.click({ position: { x: 250, y: 100 } });
  await expect(output(page)).toHaveText('ready\nclick 50 50');
  await expect(canvas).toHaveAccessibleDescription(/A drawing with 1 line\. The turtle is at \(50, 50\)/);
  await canvas.click({ position: { x: 100, y: 150 } });
  expect(await waitForRunEnd(page, before)).toBe('error');
  await expect(output(page)).toContainText('click -100 0');
  await expect(output(page)).toContainText('line 10, in clicked');
  await expect(output(page)).toContainText("NameError: name 'undefined_name' is not defined");
  await expect(runStatus(page)).toHaveText(/Error: NameError at main\.py, line 10/);
});

test('an ontimer animation runs until Stop; textinput asks in a dialog', async ({ page }) => {
  const code = [
    'import turtle',
    's = turtle.Screen()',
    'name = s.textinput("Hello", "Your name?")',
    'n = s.numinput("Size", "How many steps?", 3, minval=1, maxval=10)',
    'print(name, n)',
    't = turtle.Turtle()',
    't.speed(0)',
    'ticks = 0',
    'def tick():',
    '    global ticks',
    '    ticks += 1',
    '    t.left(10); t.forward(5)',
    '    if ticks == 5: print("ticking")',
    '    s.ontimer(tick, 20)',
    'tick()',
  ].join('\n');
  await setCode(page, code);
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  const ask = page.getByRole('dialog', { name: 'Hello' });
  await expect(ask).toBeVisible();
  await ask.getByRole('textbox', { name: 'Your name?' }).fill('Ada');
  await ask.getByRole('button', { name: 'OK' }).click();
  const size = page.getByRole('dialog', { name: 'Size' });
  await expect(size).toBeVisible();
  const field = size.getByRole('textbox', { name: 'How many steps?' });
  await expect(field).toHaveValue('3');
  await field.fill('99');
  await field.press('Enter');
  await expect(size.getByRole('alert')).toHaveText('The number must be at most 10.');
  await field.fill('4');
  await field.press('Enter');
  await expect(output(page)).toContainText('Ada 4.0\nticking');
  // The program's code has ended, but its timer keeps it live.
  await page.waitForTimeout(300);
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await page.getByRole('button', { name: 'Stop' }).click();
  expect(await waitForRunEnd(page, before)).toBe('interrupted');
  await expect(output(page)).not.toContainText('Traceback');
});

test('a tracer(0) game loop with update() and time.sleep shows its frames, and run-end has the last one', async ({
  page,
}) => {
  const code = [
    'import turtle, time',
    'turtle.setup(300, 200)',
    's = turtle.Screen()',
    's.tracer(0)',
    's.bgcolor("black")',
    'ball = turtle.Turtle()',
    'ball.hideturtle()',
    'ball.penup()',
    'x = -100',
    'for frame in range(20):',
    '    ball.clear()',
    '    ball.goto(x, 0)',
    '    ball.dot(20, "yellow")',
    '    s.update()',
    '    x += 10',
    '    time.sleep(0.03)',
  ].join('\n');
  await setCode(page, code);
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  // Frames show while the program runs: the ball is seen somewhere on the way.
  await expect.poll(() => pixel(page, -100 + 10 * 5, 0).catch(() => ''), { timeout: 10_000 }).not.toBe('');
  expect(await waitForRunEnd(page, before)).toBe('ok');
  // The last frame: one ball at x = 90, none left behind.
  expect(await pixel(page, 90, 0)).toBe('#ffff00');
  expect(await pixel(page, -100, 0)).toBe('#000000');
  expect(await pixel(page, 0, 0)).toBe('#000000');
  const result = await mismatch(page, [{ dot: [90, 0], size: 20, color: '#ffff00' }], '#000000');
  expect(result.ratio).toBeLessThan(0.05);
});

test('the drawing goes to History as a picture, downloads as PNG, and the next Run clears it', async ({ page }) => {
  expect(
    await runCode(page, 'import turtle\nturtle.hideturtle()\nturtle.speed(0)\nturtle.dot(40, "green")\nturtle.done()'),
  ).toBe('ok');
  expect(await pixel(page, 0, 0)).toBe('#00ff00');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download drawing' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('drawing.png');
  const bytes = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(bytes).subarray(1, 4).toString()).toBe('PNG');

  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('dialog', { name: 'History of My project' });
  await history.getByRole('button', { name: /main\.py · finished/ }).click();
  await expect(history.getByRole('img', { name: /Turtle drawing: A drawing with 1 dot/ })).toBeVisible();
  await page.keyboard.press('Escape');

  expect(await runCode(page, 'print("no drawing")')).toBe('ok');
  await expect(drawingCanvas(page)).toBeHidden();
  expect(await run(page)).toBe('ok');
});

test('Screen().save() gives the drawing as a .png file and refuses other names; postscript() says why not', async ({
  page,
}) => {
  const code = [
    'import turtle',
    'turtle.hideturtle()',
    'turtle.speed(0)',
    'turtle.dot(50, "purple")',
    'turtle.Screen().save("art.png")',
    'turtle.dot(80, "green")',
    'try:',
    '    turtle.getcanvas().postscript(file="x.eps")',
    'except turtle.TurtleGraphicsError as e:',
    '    print("postscript:", e)',
    'try:',
    '    turtle.Screen().save("drawing.jpg")',
    'except turtle.TurtleGraphicsError as e:',
    '    print("jpg:", e)',
  ].join('\n');
  await setCode(page, code);
  const downloading = page.waitForEvent('download');
  expect(await run(page)).toBe('ok');
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('art.png');
  // The picture is the drawing as it was at save(): the purple dot (Tk's purple is #A020F0), not the green one.
  const colour = await page.evaluate(
    async (path) => {
      const bytes = await (await fetch(path)).blob();
      const bitmap = await createImageBitmap(bytes);
      const c = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const [r, g, b] = ctx.getImageData(Math.floor(bitmap.width / 2), Math.floor(bitmap.height / 2), 1, 1).data;
      return [r, g, b];
    },
    `data:image/png;base64,${Buffer.concat(await (await file.createReadStream()).toArray()).toString('base64')}`,
  );
  expect(colour).toEqual([0xa0, 0x20, 0xf0]);
  await expect(page.getByRole('status').filter({ hasText: 'saved its drawing as art.png' })).toBeVisible();
  await expect(output(page)).toContainText(
    "postscript: saving PostScript is not supported here; use Screen().save('drawing.png')",
  );
  await expect(output(page)).toContainText('jpg:');
  await expect(output(page)).toContainText('.png');
  expect(await pixel(page, 0, 0)).toBe('#00ff00');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a Drawing tab joins Code and Output, comes to the front as the program draws, and leaves with it', async ({
    page,
  }) => {
    await setCode(page, 'import turtle\nturtle.speed(0)\nturtle.circle(50)\nprint("round")');
    const before = await runEndCount(page);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const tab = page.getByRole('tab', { name: 'Drawing' });
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    expect(await waitForRunEnd(page, before)).toBe('ok');
    const canvas = drawingCanvas(page);
    await expect(canvas).toBeVisible();
    // The default drawing area fits the phone's panel.
    const box = (await canvas.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(390);
    expect(box.x).toBeGreaterThanOrEqual(0);
    await page.getByRole('tab', { name: 'Output' }).click();
    await expect(output(page)).toHaveText('round');
    await expect(canvas).toBeHidden();
    await page.getByRole('tab', { name: 'Code' }).click();
    await setCode(page, 'print("plain")');
    const again = await runEndCount(page);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    expect(await waitForRunEnd(page, again)).toBe('ok');
    await expect(page.getByRole('tab', { name: 'Output' })).toHaveAttribute('aria-selected', 'true');
    await expect(tab).toHaveCount(0);
  });
});
