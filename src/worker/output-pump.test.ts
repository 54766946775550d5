import { describe, expect, it } from 'vitest';
import type { OutputItem } from '../model/output.ts';
import { FLUSH_CHARS, FLUSH_INTERVAL_MS, OutputPump, transferables } from './output-pump.ts';

function setup() {
  let now = 1000;
  const posts: OutputItem[][] = [];
  const pending: boolean[] = [];
  const pump = new OutputPump(
    (items) => posts.push(items),
    (p) => pending.push(p),
    () => now,
  );
  return { pump, posts, pending, advance: (ms: number) => (now += ms) };
}

describe('OutputPump', () => {
  it('posts the first write at once, then batches writes within the interval', () => {
    const { pump, posts, pending, advance } = setup();
    pump.write('stdout', 'a\n');
    expect(posts).toEqual([[{ kind: 'text', stream: 'stdout', text: 'a\n' }]]);
    pump.write('stdout', 'b\n');
    pump.write('stderr', 'c\n');
    pump.write('stderr', 'd\n');
    expect(posts.length).toBe(1);
    expect(pending.at(-1)).toBe(true);
    advance(FLUSH_INTERVAL_MS);
    pump.write('stdout', 'e\n');
    expect(posts[1]).toEqual([
      { kind: 'text', stream: 'stdout', text: 'b\n' },
      { kind: 'text', stream: 'stderr', text: 'c\nd\n' },
      { kind: 'text', stream: 'stdout', text: 'e\n' },
    ]);
    expect(pending.at(-1)).toBe(false);
  });

  it('posts at once when a lot is waiting', () => {
    const { pump, posts } = setup();
    pump.write('stdout', 'first');
    pump.write('stdout', 'x'.repeat(FLUSH_CHARS));
    expect(posts.length).toBe(2);
  });

  it('flush posts what is waiting, and nothing when nothing is', () => {
    const { pump, posts } = setup();
    pump.write('stdout', '1');
    pump.write('stdout', '2');
    pump.flush();
    pump.flush();
    expect(posts).toEqual([
      [{ kind: 'text', stream: 'stdout', text: '1' }],
      [{ kind: 'text', stream: 'stdout', text: '2' }],
    ]);
  });

  it('decodes UTF-8 split across writes', () => {
    const { pump, posts } = setup();
    const bytes = new TextEncoder().encode('é🐍');
    pump.writeBytes('stdout', bytes.subarray(0, 1));
    pump.writeBytes('stdout', bytes.subarray(1, 3));
    pump.writeBytes('stdout', bytes.subarray(3));
    pump.flush();
    expect(
      posts
        .flat()
        .map((p) => (p.kind === 'text' ? p.text : ''))
        .join(''),
    ).toBe('é🐍');
  });

  it('keeps a picture between the text before and after it, and posts its bytes for transfer', () => {
    const { pump, posts, advance } = setup();
    pump.write('stdout', 'before\n');
    const data = new Uint8Array([137, 80, 78, 71]);
    pump.emit({ kind: 'display', mime: 'image/png', data, alt: 'a dot' });
    pump.write('stdout', 'after\n');
    advance(FLUSH_INTERVAL_MS);
    pump.flush();
    expect(posts.flat()).toEqual([
      { kind: 'text', stream: 'stdout', text: 'before\n' },
      { kind: 'display', mime: 'image/png', data, alt: 'a dot' },
      { kind: 'text', stream: 'stdout', text: 'after\n' },
    ]);
    expect(transferables(posts.flat())).toEqual([data.buffer]);
  });

  it('keeps drawing commands in order with text, transferred, and posts a big batch at once', () => {
    const { pump, posts } = setup();
    pump.write('stdout', 'drawing\n');
    const ops = new Float64Array(FLUSH_CHARS / 8);
    pump.emit({ kind: 'turtle', ops, strs: ['#000000'] });
    expect(posts.flat()).toEqual([
      { kind: 'text', stream: 'stdout', text: 'drawing\n' },
      { kind: 'turtle', ops, strs: ['#000000'] },
    ]);
    expect(transferables(posts.flat())).toEqual([ops.buffer]);
  });

  it('drops everything once muted', () => {
    const { pump, posts } = setup();
    pump.muted = true;
    pump.write('stdout', 'internal dump');
    pump.flush();
    expect(posts).toEqual([]);
  });
});
