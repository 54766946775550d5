import { describe, expect, it } from 'vitest';
import { contentFromBytes, fileBytes, isBinary, isPreviewImage, mimeOf, sameContent, sizeText } from './files.ts';

describe('file contents', () => {
  it('takes bytes as text only when they are UTF-8 without NUL bytes', () => {
    expect(contentFromBytes(new TextEncoder().encode('héllo 🐍'))).toBe('héllo 🐍');
    expect(contentFromBytes(new Uint8Array([104, 0, 105]))).toEqual(new Uint8Array([104, 0, 105]));
    expect(contentFromBytes(new Uint8Array([0xff, 0xfe]))).toEqual(new Uint8Array([0xff, 0xfe]));
    expect(isBinary(contentFromBytes(new Uint8Array([0x89, 0x50])))).toBe(true);
    expect(isBinary(contentFromBytes(new Uint8Array([0x50, 0x4e])))).toBe(false);
    expect(isBinary({ content: new Uint8Array([0x89, 0xff]) })).toBe(true);
  });

  it('measures text as UTF-8, compares bytes by value, and names sizes and types', () => {
    for (const text of ['', 'abc', 'é', '€', '🐍', 'a🐍é'])
      expect(fileBytes(text)).toBe(new TextEncoder().encode(text).length);
    expect(fileBytes(new Uint8Array(12))).toBe(12);
    expect(sameContent(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(sameContent(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(sameContent('\u0001\u0002', new Uint8Array([1, 2]))).toBe(false);
    expect([sizeText(1), sizeText(512), sizeText(12_345), sizeText(5_000_000), sizeText(3_420_000)]).toEqual([
      '1 byte',
      '512 bytes',
      '12 KB',
      '5 MB',
      '3.4 MB',
    ]);
    expect(mimeOf('out/Plot.PNG')).toBe('image/png');
    expect(mimeOf('beep.wav')).toBe('audio/wav');
    expect(mimeOf('.png')).toBe('application/octet-stream');
    expect(mimeOf('README')).toBe('application/octet-stream');
    expect(['a.svg', 'b.jpeg', 'c.webp', 'd.gif', 'e.bmp'].map(isPreviewImage)).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
  });
});
