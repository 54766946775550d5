// Background work (making the memory snapshot) waits until the learner's
// programs leave Python alone for a while, so it never competes with a run.
import type { RunnerPhase } from './runner-client.ts';

/** What whenQuiet needs of a runner. */
export interface PhaseSource {
  readonly phase: RunnerPhase;
  subscribe(listener: (phase: RunnerPhase) => void): () => void;
}

/** Resolves once the runner has stayed `ready` (nothing running) for `quietMs`; rejects if `signal` aborts first. */
export function whenQuiet(runner: PhaseSource, quietMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (phase: RunnerPhase) => {
      clearTimeout(timer);
      timer = phase === 'ready' ? setTimeout(done, quietMs) : undefined;
    };
    const unsubscribe = runner.subscribe(arm);
    const aborted = () => {
      cleanup();
      reject(signal!.reason);
    };
    function cleanup() {
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener('abort', aborted);
    }
    function done() {
      cleanup();
      resolve();
    }
    if (signal?.aborted) return aborted();
    signal?.addEventListener('abort', aborted);
    arm(runner.phase);
  });
}
