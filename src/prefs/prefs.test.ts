import { describe, expect, it } from 'vitest';
import { DEFAULT_FONT_SIZE, FONT_SIZES, stepFontSize } from './prefs.ts';

describe('stepFontSize', () => {
  it('steps through the sizes and stops at the ends', () => {
    expect(stepFontSize(DEFAULT_FONT_SIZE, 1)).toBe(18);
    expect(stepFontSize(DEFAULT_FONT_SIZE, -1)).toBe(14);
    expect(stepFontSize(FONT_SIZES[0], -1)).toBe(FONT_SIZES[0]);
    expect(stepFontSize(FONT_SIZES.at(-1)!, 1)).toBe(FONT_SIZES.at(-1));
    expect(stepFontSize(17, 1)).toBe(18);
  });
});
