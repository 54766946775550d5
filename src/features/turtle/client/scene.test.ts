import { describe, expect, it } from 'vitest';
import { OP } from '../shared/ops.ts';
import { MAX_SIDE, Scene } from './scene.ts';

/** A batch from ops where strings are given inline (turned into indices into `strs`). */
function batch(...ops: (number | string | null)[]) {
  const strs: string[] = [];
  const floats = ops.map((op) => {
    if (op === null) return -1;
    if (typeof op === 'number') return op;
    strs.push(op);
    return strs.length - 1;
  });
  return { ops: new Float64Array(floats), strs };
}

describe('Scene', () => {
  it('keeps lines, dots, texts and stamps in stacking order', () => {
    const scene = new Scene();
    scene.apply(
      batch(
        OP.SETUP, 600, 400, 0,
        OP.LINE, 1, 7, 2, 0, 0, 100, 0, 1, '#000000',
        OP.DOT, 2, 7, 100, 0, 5, '#ff0000',
        OP.TEXT, 3, 7, 0, 0, 1, '#0000ff', 'normal 8pt Arial', 'hi',
        OP.POLY, 4, 7, 3, 0, 0, 10, 0, 0, 10, '#00ff00', '#000000', 1,
      ), // prettier-ignore
    );
    expect([scene.width, scene.height, scene.fit]).toEqual([600, 400, false]);
    expect(scene.items.map((i) => i.k)).toEqual(['line', 'dot', 'text', 'poly']);
    expect(scene.items[0]).toMatchObject({ pts: new Float64Array([0, 0, 100, 0]), width: 1, color: '#000000' });
    expect(scene.items[2]).toMatchObject({ align: 1, font: 'normal 8pt Arial', text: 'hi' });
    expect(scene.items[3]).toMatchObject({ fill: '#00ff00', outline: '#000000' });
    expect(scene.describe()).toBe('A drawing with 1 line, 1 dot, 1 stamp. Text written: "hi".');
  });

  it('gives a fill its polygon at the place begin_fill() made, under what came after', () => {
    const scene = new Scene();
    scene.apply(batch(OP.LINE, 1, 1, 2, 0, 0, 5, 5, 1, '#000', OP.FILL, 2, 1, OP.LINE, 3, 1, 2, 0, 0, 9, 9, 1, '#000'));
    expect(scene.items[1]).toMatchObject({ k: 'fill', pts: null });
    scene.apply(batch(OP.FILLED, 2, 3, 0, 0, 10, 0, 0, 10, '#ff0000'));
    expect(scene.items.map((i) => i.k)).toEqual(['line', 'fill', 'line']);
    expect(scene.items[1]).toMatchObject({ pts: new Float64Array([0, 0, 10, 0, 0, 10]), color: '#ff0000' });
    expect(scene.describe()).toContain('1 filled shape');
  });

  it('removes items by id (undo, clearstamp) and by turtle (clear), asking for a full repaint', () => {
    const scene = new Scene();
    scene.apply(batch(OP.DOT, 1, 1, 0, 0, 5, '#000', OP.DOT, 2, 2, 0, 0, 5, '#000', OP.POLY, 3, 1, 0, null, null, 1));
    const structure = scene.structure;
    scene.apply(batch(OP.DELETE, 3));
    expect(scene.items.map((i) => i.id)).toEqual([1, 2]);
    scene.apply(batch(OP.DELETE_OWNER, 1));
    expect(scene.items.map((i) => i.id)).toEqual([2]);
    expect(scene.structure).toBe(structure + 2);
    scene.apply(batch(OP.CLEAR));
    expect(scene.items).toEqual([]);
  });

  it('shows turtles with their trail, and says where they are', () => {
    const scene = new Scene();
    scene.apply(
      batch(OP.SPRITE, 5, 12.5, -3, 90, 2, 0, 0, 12.5, -3, 1, '#000000', 1, 3, 0, 0, 1, 1, 2, 0, '#000', '#000', 1),
    );
    const sprite = scene.sprites.get(5)!;
    expect(sprite.trail).toEqual(new Float64Array([0, 0, 12.5, -3]));
    expect(sprite.polys).toHaveLength(1);
    expect(scene.describe()).toBe('Nothing drawn yet. The turtle is at (12.5, -3), heading 90.');
    scene.apply(batch(OP.SPRITE_GONE, 5));
    expect(scene.sprites.size).toBe(0);
  });

  it('passes on what Python asks of the page', () => {
    const scene = new Scene();
    const requests = scene.apply(
      batch(
        OP.ASK, 1, 'Size', 'How big?', '10', 1, NaN,
        OP.MEASURE, 'bold 12pt Arial', 'Hello',
        OP.LISTEN,
        OP.TITLE, 'My window',
        OP.BYE,
      ), // prettier-ignore
    );
    expect(requests).toEqual([
      { type: 'ask', kind: 'number', title: 'Size', prompt: 'How big?', initial: '10', min: 1, max: undefined },
      { type: 'measure', font: 'bold 12pt Arial', text: 'Hello' },
      { type: 'listen' },
      { type: 'bye' },
    ]);
    expect(scene.title).toBe('My window');
  });

  it('stops reading a batch at a command it does not know, and caps the area', () => {
    const scene = new Scene();
    scene.apply(batch(OP.SETUP, 1e9, -5, 1, 999, OP.DOT, 1, 1, 0, 0, 5, '#000'));
    expect([scene.width, scene.height]).toEqual([MAX_SIDE, 1]);
    expect(scene.items).toEqual([]);
  });
});
