import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.ts';
import type { RunEvent } from './protocol.ts';

describe('protocol messages', () => {
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
