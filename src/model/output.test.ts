import { describe, expect, it } from 'vitest';
import { appendItem, appendText, itemsText, type ShownItem } from './output.ts';

describe('output items', () => {
  it('merge consecutive text of the same stream, ignore empty text, and keep pictures in place', () => {
    const items: ShownItem[] = [];
    appendText(items, 'stdout', 'a');
    appendText(items, 'stdout', 'b\n');
    appendText(items, 'stderr', '');
    const picture = { kind: 'display', mime: 'image/png', data: new Uint8Array([1, 2]), alt: 'a red dot' } as const;
    appendItem(items, picture);
    appendItem(items, { kind: 'text', stream: 'stdout', text: 'c' });
    appendText(items, 'stderr', 'd');
    expect(items).toEqual([
      { kind: 'text', stream: 'stdout', text: 'ab\n' },
      picture,
      { kind: 'text', stream: 'stdout', text: 'c' },
      { kind: 'text', stream: 'stderr', text: 'd' },
    ]);
    expect(itemsText(items)).toBe('ab\n[picture: a red dot]\ncd');
  });

  it('are structured-cloneable (what postMessage needs)', () => {
    const items: ShownItem[] = [
      { kind: 'text', stream: 'stdout', text: 'x' },
      { kind: 'display', mime: 'image/svg+xml', data: new TextEncoder().encode('<svg/>'), alt: '' },
    ];
    expect(structuredClone(items)).toEqual(items);
  });
});
