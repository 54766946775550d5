import { chromium } from '@playwright/test';
const url = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const code = `import struct, zlib
def chunk(k, d):
    return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d))
class Stripes:
    alt = "Blue and orange stripes"
    def _repr_png_(self):
        rows = b"".join(b"\\x00" + (bytes([30, 90, 200]) if y % 20 < 10 else bytes([240, 140, 20])) * 160 for y in range(80))
        return b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 160, 80, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
print("Here is a picture:")
display(Stripes())
scores = {"ada": 3, "grace": 5}
print(scores["alan"])
`;
for (const [name, viewport, scheme, touch] of [
  ['phone-light', { width: 390, height: 844 }, 'light', true],
  ['tablet-dark', { width: 768, height: 1024 }, 'dark', true],
  ['laptop-light', { width: 1366, height: 768 }, 'light', false],
  ['laptop-dark', { width: 1366, height: 768 }, 'dark', false],
]) {
  const context = await browser.newContext({ viewport, colorScheme: scheme, hasTouch: touch, isMobile: touch });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('python-ready').length > 0, null, { timeout: 120000 });
  await page.getByRole('textbox', { name: 'Code editor' }).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
  const n = await page.evaluate(() => performance.getEntriesByName('run-end').length);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForFunction((n) => performance.getEntriesByName('run-end').length > n, n, { timeout: 60000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/shots14/${name}.png` });
  if (name === 'laptop-light') {
    await page.getByRole('button', { name: 'Enlarge picture: Blue and orange stripes' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `/tmp/shots14/${name}-viewer.png` });
  }
  await context.close();
}
await browser.close();
