import { describe, expect, it } from 'vitest';
import { progressText } from './units.ts';

describe('download progress', () => {
  it('never reads as finished before the last byte', () => {
    expect(progressText(14_270_000, 14_320_000)).toBe('14.2 of 14.3 MB');
    expect(progressText(14_310_000, 14_320_000)).toBe('14.2 of 14.3 MB');
    expect(progressText(14_320_000, 14_320_000)).toBe('14.3 of 14.3 MB');
    expect(progressText(5_990_000, 14_320_000)).toBe('5.9 of 14.3 MB');
    expect(progressText(0, 14_320_000)).toBe('0.0 of 14.3 MB');
  });
});
