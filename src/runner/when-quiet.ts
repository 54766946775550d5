// Background work (making the memory snapshot) waits until the learner's
// programs leave Python alone for a while, so it never competes with a run.
import type { RunnerPhase } from './runner-client.ts';

/** What whenQuiet needs of a runner. */
export interface PhaseSource {
  readonly phase: RunnerPhase;
  subscribe(listener: (phase: RunnerPhase) => void): () => void;
}

/** Resolves once the runner has stayed `ready` (nothing running) for `quietMs`. */
export function whenQuiet(runner: PhaseSource, quietMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = runner.subscribe(arm);
    function arm(phase: RunnerPhase) {
      clearTimeout(timer);
      timer = phase === 'ready' ? setTimeout(done, quietMs) : undefined;
    }
    function done() {
      unsubscribe();
      resolve();
    }
    arm(runner.phase);
  });
}
