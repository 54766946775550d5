// QR codes: where one stops holding a text, and that the SVG made is a real code of that text — drawn to pixels
// from the SVG's own path and read back with a QR reader (jsQR), as a camera would.
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrFits, qrSvg, qrVersion, svgDataUrl } from './qr.ts';

/**
 * Draws the SVG the `qrcode` package writes: a white square, then the dark modules as one path of horizontal
 * strokes one module high (`M x y.5 h n m dx dy …`). Anything else in the SVG fails the test, so a change in the
 * library's output is noticed instead of read as a wrong code.
 */
function rasterise(svg: string, scale: number): { data: Uint8ClampedArray; size: number } {
  const view = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  expect(view, 'a square viewBox').not.toBeNull();
  const modules = Number(view![1]);
  expect(Number(view![2])).toBe(modules);
  expect(svg).toContain(`<path fill="#ffffff" d="M0 0h${modules}v${modules}H0z"/>`);
  const dark = /<path stroke="#000000" d="([^"]*)"\/>/.exec(svg);
  expect(dark, 'one path of dark modules').not.toBeNull();

  const size = modules * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  const paint = (x: number, y: number) => {
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const i = ((y * scale + dy) * size + x * scale + dx) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
    }
  };
  let x = 0;
  let y = 0;
  for (const [, command, args] of dark![1].matchAll(/([MmHh])([^MmHh]*)/g)) {
    const n = args
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    if (command === 'M') [x, y] = [n[0], n[1]];
    else if (command === 'm') [x, y] = [x + n[0], y + n[1]];
    else if (command === 'h') {
      const row = y - 0.5;
      expect(Number.isInteger(row)).toBe(true);
      for (let k = 0; k < n[0]; k++) paint(x + k, row);
      x += n[0];
    } else throw new Error(`unexpected path command ${command}`);
  }
  return { data, size };
}

async function decode(text: string, scale = 3): Promise<string | undefined> {
  const svg = await qrSvg(text);
  expect(svg).toBeDefined();
  const { data, size } = rasterise(svg!, scale);
  return jsQR(data, size, size, { inversionAttempts: 'dontInvert' })?.data;
}

describe('qrFits', () => {
  it('holds up to 2,953 bytes of text and not one more', () => {
    expect(qrFits('a'.repeat(2953))).toBe(true);
    expect(qrVersion('a'.repeat(2953))).toBe(40);
    expect(qrFits('a'.repeat(2954))).toBe(false);
    expect(qrVersion('a'.repeat(2954))).toBeUndefined();
  });

  it('counts bytes, not characters: text outside ASCII takes more room', () => {
    // “é” is two bytes in UTF-8.
    expect(qrFits('é'.repeat(1476))).toBe(true);
    expect(qrFits('é'.repeat(1477))).toBe(false);
  });

  it('holds nothing for empty text', () => {
    expect(qrFits('')).toBe(false);
  });

  it('chooses a small code for a short link', () => {
    expect(qrVersion('https://example.org/#report=abc')).toBeLessThanOrEqual(3);
  });
});

describe('qrSvg', () => {
  it('is an SVG document, black on white, with a white quiet zone of 4 modules', async () => {
    const svg = await qrSvg('https://example.org/');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" /);
    expect(svg).toMatch(/<\/svg>\s*$/);
    expect(svg).toContain('shape-rendering="crispEdges"');
    const { data, size } = rasterise(svg!, 1);
    // No dark pixel in the 4-module border on any side.
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const border = x < 4 || y < 4 || x >= size - 4 || y >= size - 4;
        if (border) expect(data[(y * size + x) * 4], `pixel ${x},${y}`).toBe(255);
      }
    }
    // The top-left finder pattern starts right inside it.
    expect(data[(4 * size + 4) * 4]).toBe(0);
  });

  it('decodes back to the text it was made from', async () => {
    const link = 'https://school.example/python/#report=' + 'AbC-_x9'.repeat(40);
    expect(await decode(link)).toBe(link);
  });

  it('decodes back for a large code too', async () => {
    const link = 'https://school.example/#report=' + 'Zq0_-'.repeat(300);
    expect(qrVersion(link)).toBeGreaterThan(20);
    expect(await decode(link, 4)).toBe(link);
  });

  it('is undefined when the text does not fit', async () => {
    expect(await qrSvg('a'.repeat(2954))).toBeUndefined();
    expect(await qrSvg('')).toBeUndefined();
  });
});

describe('svgDataUrl', () => {
  it('makes a data: URL that gives back the SVG', async () => {
    const svg = (await qrSvg('hi'))!;
    const url = svgDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toBe(svg);
    // Nothing in it a URL parser would end it at.
    expect(url).not.toMatch(/[#"\s]/);
  });
});
