// Draws the app's icons (PNG) from one SVG, with Chromium: run it after
// changing the design (`node scripts/make-icons.ts`), then commit the PNGs.
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** The mark: a prompt chevron and a cursor, Python's yellow on a deep blue. `inset` leaves room for maskable crops. */
function svg(size: number, { rounded, inset }: { rounded: boolean; inset: number }): string {
  const s = 512;
  const k = 1 - 2 * inset;
  const t = `translate(${s * inset} ${s * inset}) scale(${k})`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${s} ${s}">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#3a74a8"/><stop offset="1" stop-color="#234b70"/></linearGradient></defs>
  <rect width="${s}" height="${s}" rx="${rounded ? 112 : 0}" fill="url(#bg)"/>
  <g transform="${t}">
    <path d="M132 156 L262 256 L132 356" fill="none" stroke="#ffd43b" stroke-width="58" stroke-linecap="round" stroke-linejoin="round"/>
    <path d="M290 356 H392" stroke="#ffffff" stroke-width="58" stroke-linecap="round"/>
    <circle cx="392" cy="156" r="26" fill="#ffd43b" opacity="0.9"/>
  </g>
</svg>`;
}

const targets = [
  { file: 'public/icons/icon-192.png', size: 192, rounded: true, inset: 0 },
  { file: 'public/icons/icon-512.png', size: 512, rounded: true, inset: 0 },
  // Maskable: the platform crops to its own shape; keep the mark inside the central safe zone.
  { file: 'public/icons/maskable-512.png', size: 512, rounded: false, inset: 0.12 },
  { file: 'public/icons/apple-touch-icon.png', size: 180, rounded: false, inset: 0.06 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const page = await browser.newPage();
for (const t of targets) {
  await page.setViewportSize({ width: t.size, height: t.size });
  await page.setContent(`<body style="margin:0;background:transparent">${svg(t.size, t)}</body>`);
  writeFileSync(t.file, await page.locator('svg').screenshot({ omitBackground: true }));
}
writeFileSync('public/favicon.svg', svg(64, { rounded: true, inset: 0 }) + '\n');
await browser.close();
