// Python's state as the toolbar shows it (starting, ready with its version,
// failed with why), the `python-ready` mark of the public contract, and the
// memory snapshot made in the background after a slow start.
import { createSignal, onCleanup } from 'solid-js';
import type { PythonRunner, ReadyInfo } from '../runner/runner-client.ts';
import { whenQuiet } from '../runner/when-quiet.ts';

/** How long no program must run before the snapshot is made. */
const SNAPSHOT_AFTER_QUIET_MS = 4000;

export function createPythonStatus(runner: PythonRunner) {
  const [phase, setPhase] = createSignal(runner.phase);
  const [version, setVersion] = createSignal('');
  const [loadError, setLoadError] = createSignal('');
  onCleanup(runner.subscribe(setPhase));

  let snapshotRequested = false;
  const ready = (info: ReadyInfo) => {
    setVersion(info.pythonVersion);
    setLoadError('');
    if (info.first) {
      const { startupMs, isolated, fromSnapshot, stages, zone } = info;
      performance.mark('python-ready', { detail: { startupMs, isolated, fromSnapshot, stages, zone } });
    }
    // Booted the slow way: prepare a snapshot for next time, in a background worker, once no program has run
    // for a while (making it costs about as much as a start: on a 2-core laptop it would slow the first runs).
    if (!info.fromSnapshot && !snapshotRequested) {
      snapshotRequested = true;
      const make = () =>
        runner.prepareSnapshot().then(
          (bytes) => performance.mark('python-snapshot-saved', { detail: { bytes } }),
          () => {}, // no snapshot: the next start is simply a normal one
        );
      void whenQuiet(runner, SNAPSHOT_AFTER_QUIET_MS).then(() => {
        if ('requestIdleCallback' in window) requestIdleCallback(() => void make(), { timeout: 5000 });
        else void make();
      });
    }
  };
  onCleanup(
    runner.events.subscribe((event) => (event.type === 'ready' ? ready(event.info) : setLoadError(event.message))),
  );
  // The UI loads while Python starts: a ready that came first still counts.
  if (runner.lastReady) ready(runner.lastReady);

  return {
    phase,
    version,
    loadError,
    /** Code can run now (or is running). */
    ready: () => phase() === 'ready' || phase() === 'busy',
  };
}

export type PythonStatus = ReturnType<typeof createPythonStatus>;
