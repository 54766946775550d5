import { describe, expect, it } from 'vitest';
import { edgesOf, itemsInView, nearEdge } from './table-window.ts';

describe('itemsInView', () => {
  const edges = edgesOf([100, 100, 100, 100, 100, 100, 100, 100, 100, 100]);

  it('gives the items any part of which is in view, with the overscan either side', () => {
    expect(itemsInView(edges, 0, 250, 0)).toEqual({ start: 0, end: 3 });
    expect(itemsInView(edges, 150, 350, 0)).toEqual({ start: 1, end: 4 });
    // An item that ends where the view begins, or begins where it ends, is not in view.
    expect(itemsInView(edges, 200, 400, 0)).toEqual({ start: 2, end: 4 });
    expect(itemsInView(edges, 150, 350, 2)).toEqual({ start: 0, end: 6 });
  });

  it('stays within the items at both ends', () => {
    expect(itemsInView(edges, 900, 1400, 2)).toEqual({ start: 7, end: 10 });
    expect(itemsInView(edges, 5000, 5500, 1)).toEqual({ start: 9, end: 10 });
    expect(itemsInView([], 0, 500, 2)).toEqual({ start: 0, end: 0 });
  });

  it('reads items of different sizes', () => {
    expect(itemsInView(edgesOf([50, 300, 20, 20]), 360, 380, 0)).toEqual({ start: 2, end: 4 });
  });
});

describe('nearEdge', () => {
  it('says to draw again only when the view nears an end that has more items past it', () => {
    const drawn = { start: 10, end: 20 };
    expect(nearEdge(drawn, { start: 13, end: 17 }, 100, 1)).toBe(false);
    expect(nearEdge(drawn, { start: 10, end: 15 }, 100, 1)).toBe(true);
    expect(nearEdge(drawn, { start: 15, end: 20 }, 100, 1)).toBe(true);
    expect(nearEdge({ start: 0, end: 20 }, { start: 0, end: 5 }, 100, 1)).toBe(false);
    expect(nearEdge({ start: 80, end: 100 }, { start: 95, end: 100 }, 100, 1)).toBe(false);
  });
});
