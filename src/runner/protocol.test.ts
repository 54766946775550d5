import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.ts';
import { appendPart, type OutputPart, type RunEvent } from './protocol.ts';

describe('appendPart', () => {
  it('merges consecutive text of the same stream and ignores empty text', () => {
    const parts: OutputPart[] = [];
    appendPart(parts, 'stdout', 'a');
    appendPart(parts, 'stdout', 'b');
    appendPart(parts, 'stderr', '');
    appendPart(parts, 'stderr', 'c');
    appendPart(parts, 'stdout', 'd');
    expect(parts).toEqual([
      { stream: 'stdout', text: 'ab' },
      { stream: 'stderr', text: 'c' },
      { stream: 'stdout', text: 'd' },
    ]);
  });

  it('keeps messages structured-cloneable (what postMessage needs)', () => {
    const event: RunEvent = {
      type: 'done',
      status: 'error',
      durationMs: 12,
      error: { type: 'ZeroDivisionError', message: 'division by zero', location: { file: 'main.py', line: 2 } },
    };
    expect(structuredClone(event)).toEqual(event);
  });
});

describe('EventQueue', () => {
  it('delivers items pushed before and after the reader waits, then ends', async () => {
    const queue = new EventQueue<number>();
    queue.push(1);
    const seen: number[] = [];
    const reading = (async () => {
      for await (const n of queue) seen.push(n);
    })();
    await Promise.resolve();
    queue.push(2);
    queue.push(3);
    queue.end();
    queue.push(4);
    await reading;
    expect(seen).toEqual([1, 2, 3]);
  });
});
