// Pictures in the output: display() and the shell's echo show an object's
// richest picture (_repr_png_, _repr_jpeg_, _repr_svg_) inline, in order with
// the text, named for screen readers, enlargeable, downloadable, and kept in
// History.
import { expect, test } from './fixtures.ts';
import { openApp, output, runCode, reloadAndOpenHistory } from './helpers.ts';

test.beforeEach(async ({ page }) => openApp(page));

/** A real PNG made with the standard library only (no PIL on the device). */
const MAKE_PNG = `import struct, zlib

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

class Square:
    def __init__(self, rgb):
        self.rgb = rgb
    def _repr_png_(self):
        rows = (b"\\x00" + bytes(self.rgb) * 40) * 30
        head = chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 30, 8, 2, 0, 0, 0))
        return b"\\x89PNG\\r\\n\\x1a\\n" + head + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")

class Badge:
    alt = "A green badge"
    def _repr_svg_(self):
        return ('<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20">'
                '<rect width="60" height="20" fill="green"/>'
                '<script>parent.pwned = 1</script></svg>')
`;
const PROGRAM = `${MAKE_PNG}
print("first")
display(Square((255, 0, 0)))
print("second")
display(Badge())
print("third")
`;
const squareLine = PROGRAM.split('\n').findIndex((l) => l.startsWith('display(Square')) + 1;

test('display() shows PNG and SVG pictures inline, in order with the text; they stay in History after a reload', async ({
  page,
}) => {
  expect(await runCode(page, PROGRAM)).toBe('ok');
  const log = output(page);
  const square = log.getByRole('img', { name: `Image from line ${squareLine}` });
  const badge = log.getByRole('img', { name: 'A green badge' });
  await expect(square).toBeVisible();
  await expect(badge).toBeVisible();
  expect(await square.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([40, 30]);
  // Text and pictures interleave exactly as the program made them.
  const order = await log.evaluate((el) =>
    [...el.querySelectorAll('.out-line')].map((line) => line.querySelector('img')?.alt ?? line.textContent!.trim()),
  );
  expect(order).toEqual(['first', `Image from line ${squareLine}`, 'second', 'A green badge', 'third']);
  // An SVG is only ever an image: its script never ran.
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

  const dialog = await reloadAndOpenHistory(page);
  await dialog.getByRole('button', { name: /main\.py · finished/ }).click();
  const kept = dialog.getByLabel('Run output');
  await expect(kept.getByRole('img', { name: `Image from line ${squareLine}` })).toBeVisible();
  await expect(kept.getByRole('img', { name: 'A green badge' })).toBeVisible();
});

test('a picture can be enlarged and downloaded, by keyboard too', async ({ page }) => {
  expect(await runCode(page, `${MAKE_PNG}\ndisplay(Square((0, 0, 255)), alt="A blue square")\n`)).toBe('ok');
  const enlarge = output(page).getByRole('button', { name: 'Enlarge picture: A blue square' });
  await enlarge.focus();
  await page.keyboard.press('Enter');
  const viewer = page.getByRole('dialog', { name: 'Picture: A blue square' });
  await expect(viewer.getByRole('img', { name: 'A blue square' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
  await expect(enlarge).toBeFocused();

  const downloading = page.waitForEvent('download');
  await output(page).getByRole('button', { name: 'Download picture: A blue square' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('a-blue-square.png');
  const bytes = (await import('node:fs')).readFileSync(await download.path());
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
});

test('the shell shows a value that can draw itself as a picture', async ({ page }) => {
  expect(await runCode(page, MAKE_PNG)).toBe('ok');
  const prompt = page.getByRole('textbox', { name: 'Python shell' });
  await prompt.fill('Square((0, 128, 0))');
  await prompt.press('Enter');
  await expect(output(page).getByRole('img', { name: 'Image from the shell' })).toBeVisible();
  await prompt.fill('[1, 2]');
  await prompt.press('Enter');
  await expect(output(page)).toContainText('>>> [1, 2]\n[1, 2]');
});

test('a picture over the size limit is refused with a clear message, and the program goes on', async ({ page }) => {
  const code = `class Huge:
    def _repr_png_(self):
        return b"\\x89PNG\\r\\n\\x1a\\n" + bytes(5_000_000)

display(Huge())
print("still running")
`;
  expect(await runCode(page, code)).toBe('ok');
  await expect(output(page)).toContainText('display(): this picture is 5.0 MB');
  await expect(output(page)).toContainText('4 MB');
  await expect(output(page)).toContainText('still running');
  await expect(output(page).getByRole('img')).toHaveCount(0);
});
