import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunnerPhase } from './runner-client.ts';
import { whenQuiet } from './when-quiet.ts';

function fakeRunner(phase: RunnerPhase) {
  const listeners = new Set<(p: RunnerPhase) => void>();
  return {
    phase,
    subscribe(listener: (p: RunnerPhase) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(p: RunnerPhase) {
      this.phase = p;
      for (const l of listeners) l(p);
    },
    listeners,
  };
}

describe('whenQuiet', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for the quiet time to pass with nothing running, starting again after each run', async () => {
    const runner = fakeRunner('starting');
    let quiet = false;
    void whenQuiet(runner, 1000).then(() => (quiet = true));
    await vi.advanceTimersByTimeAsync(5000);
    expect(quiet).toBe(false); // still starting

    runner.set('ready');
    await vi.advanceTimersByTimeAsync(600);
    runner.set('busy'); // a run starts before the quiet time is up
    await vi.advanceTimersByTimeAsync(5000);
    expect(quiet).toBe(false);

    runner.set('ready');
    await vi.advanceTimersByTimeAsync(999);
    expect(quiet).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(quiet).toBe(true);
    expect(runner.listeners.size).toBe(0);
  });
});
