import { describe, expect, it } from 'vitest';
import { pictureFileName } from './rich-items.ts';

describe('pictureFileName', () => {
  it('makes a safe download name from the description and the type', () => {
    expect(pictureFileName({ alt: 'Image from line 3', mime: 'image/png' })).toBe('image-from-line-3.png');
    expect(pictureFileName({ alt: 'Plot: Temperatures (°C) / 2026', mime: 'image/svg+xml' })).toBe(
      'plot-temperatures-c-2026.svg',
    );
    expect(pictureFileName({ alt: '../../etc', mime: 'image/jpeg' })).toBe('etc.jpg');
    expect(pictureFileName({ alt: '', mime: 'image/gif' })).toBe('picture.gif');
  });
});
