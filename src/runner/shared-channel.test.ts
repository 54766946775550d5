import { describe, expect, it } from 'vitest';
import {
  MAILBOX_BYTES,
  MAX_INPUT_BYTES,
  SLOT,
  clearEvents,
  createSharedBuffer,
  postEvent,
  sharedViews,
  takeEvent,
} from './shared-channel.ts';

const fresh = () => sharedViews(createSharedBuffer());

describe('the event mailbox', () => {
  it('delivers events in order, each once, and wakes a waiter at every post', () => {
    const views = fresh();
    expect(takeEvent(views)).toBeUndefined();
    expect(postEvent(views, 'key', '{"key":"a"}')).toBe(true);
    expect(postEvent(views, 'input', 'Ada Lovelace ✓')).toBe(true);
    expect(Atomics.load(views.slots, SLOT.mailSignal)).toBe(2);
    expect(takeEvent(views)).toEqual({ kind: 'key', payload: '{"key":"a"}' });
    expect(takeEvent(views)).toEqual({ kind: 'input', payload: 'Ada Lovelace ✓' });
    expect(takeEvent(views)).toBeUndefined();
  });

  it('wraps around the end of the ring, also inside a record, and past 2^32 bytes', () => {
    const views = fresh();
    // Start near the end of the ring and near the 32-bit wrap of the counters.
    const start = 2 ** 32 - 3 * MAILBOX_BYTES - 7;
    Atomics.store(views.slots, SLOT.mailWrite, start | 0);
    Atomics.store(views.slots, SLOT.mailRead, start | 0);
    const seen: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const text = `event ${i} `.repeat(1 + (i % 40));
      expect(postEvent(views, 'pointer', text)).toBe(true);
      seen.push(takeEvent(views)!.payload);
      expect(seen.at(-1)).toBe(text);
    }
    expect(takeEvent(views)).toBeUndefined();
  });

  it('when full, drops other events but always keeps room for an answer', () => {
    const views = fresh();
    let posted = 0;
    while (postEvent(views, 'key', 'x'.repeat(1000))) posted++;
    expect(posted).toBeGreaterThan(100);
    expect(Atomics.load(views.slots, SLOT.mailDropped)).toBe(1);
    const answer = 'y'.repeat(MAX_INPUT_BYTES);
    expect(postEvent(views, 'input', answer)).toBe(true);
    for (let i = 0; i < posted; i++) expect(takeEvent(views)!.kind).toBe('key');
    expect(takeEvent(views)).toEqual({ kind: 'input', payload: answer });
  });

  it('cuts an over-long answer on a character boundary', () => {
    const views = fresh();
    postEvent(views, 'input', 'é'.repeat(MAX_INPUT_BYTES));
    const { payload } = takeEvent(views)!;
    expect(payload).toBe('é'.repeat(MAX_INPUT_BYTES / 2));
  });

  it('forgets waiting events when a new job starts', () => {
    const views = fresh();
    postEvent(views, 'input', 'stale');
    clearEvents(views);
    expect(takeEvent(views)).toBeUndefined();
    postEvent(views, 'input', 'fresh');
    expect(takeEvent(views)!.payload).toBe('fresh');
  });
});
