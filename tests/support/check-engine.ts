// The check engine over the app's real Python in Pyodide under Node, as the
// worker makes it; the page's timer is a thread that presses Stop (SIGINT in
// the interrupt buffer) when a check's time is up.
import { Worker } from 'node:worker_threads';
import type { PyodideAPI } from 'pyodide';
import type { PyProxy } from 'pyodide/ffi';
import { CheckEngine, type OutputSink } from '../../src/features/lessons/worker/check-engine.ts';
import type { Check, CheckReport } from '../../src/model/lesson.ts';
import { loadAppPython } from './app-python.ts';

export interface TestEngine {
  py: PyodideAPI;
  /** Runs checks against files (name → content), as one press of Check. */
  check(files: Record<string, string>, checks: Check[], main?: string): CheckReport;
  /** What Python printed outside any check (a check must leave nothing here). */
  outside(): string;
}

export async function loadCheckEngine(): Promise<TestEngine> {
  let sink: OutputSink | undefined;
  let outside = '';
  const interrupt = new Int32Array(new SharedArrayBuffer(4));
  // The alarm: one thread, started once and waited for, that presses Stop when the deadline written into
  // `deadline` (ms since the epoch; 0 for none) has passed. Starting a thread per check would put the
  // thread's own start-up, which a busy machine can delay for seconds, inside the check's time.
  // The deadline and the interrupt change only under `lock`: unlocked, an alarm thread paused by a busy machine
  // between pressing Stop for one check and clearing that check's deadline cleared the next check's deadline
  // instead, and an endless loop in that check then ran for ever (seen once in CI, with the thread's state read
  // from the hung process).
  const deadline = new Float64Array(new SharedArrayBuffer(8));
  const wake = new Int32Array(new SharedArrayBuffer(4));
  const lock = new Int32Array(new SharedArrayBuffer(4));
  const alarm = new Worker(
    `const { workerData } = require('node:worker_threads');
     const { interrupt, deadline, wake, lock } = workerData;
     for (;;) {
       const seen = Atomics.load(wake, 0);
       while (Atomics.compareExchange(lock, 0, 0, 1) !== 0);
       const at = deadline[0];
       const left = at === 0 ? 1000 : at - Date.now();
       if (at !== 0 && left <= 0) {
         Atomics.store(interrupt, 0, 2);
         deadline[0] = 0;
       }
       Atomics.store(lock, 0, 0);
       if (left > 0) Atomics.wait(wake, 0, seen, Math.min(left, 1000));
     }`,
    { eval: true, workerData: { interrupt, deadline, wake, lock } },
  );
  alarm.unref();
  await new Promise((resolve) => alarm.once('online', resolve));
  /** A new deadline (0: none); with none, a Stop pressed for the check before is taken back too. */
  const setDeadline = (ms: number) => {
    while (Atomics.compareExchange(lock, 0, 0, 1) !== 0);
    deadline[0] = ms;
    if (ms === 0) Atomics.store(interrupt, 0, 0);
    Atomics.store(lock, 0, 0);
    Atomics.add(wake, 0, 1);
    Atomics.notify(wake, 0);
  };
  const stopAlarm = () => setDeadline(0);
  const py = await loadAppPython({
    stdout: (text) => (sink ? sink('stdout', text) : (outside += text)),
    stderr: (text) => (sink ? sink('stderr', text) : (outside += text)),
  });
  py.setInterruptBuffer(interrupt);
  const runner = py.pyimport('playground_runner') as PyProxy & Record<string, (...a: unknown[]) => unknown>;
  runner.install({
    can_read: true,
    flush: () => {},
    request_input: () => {},
    wait_event: () => {
      throw new Error('a check never waits for the page');
    },
    // As the worker does: a drawing's commands go to the engine (engine is made just below, before any run).
    emit: (kind: string, payload: PyProxy) => {
      if (kind !== 'turtle') return;
      const fields = payload.toJs({ dict_converter: Object.fromEntries }) as { ops: Uint8Array; strs: string[] };
      const ops = new Float64Array(fields.ops.byteLength / 8);
      new Uint8Array(ops.buffer).set(fields.ops);
      engine.takeTurtle({ ops, strs: fields.strs });
    },
  });
  const engine: CheckEngine = new CheckEngine(py, {
    captureOutput: (s) => (sink = s),
    onCheckStart: (_index, timeoutMs) => {
      stopAlarm();
      setDeadline(Date.now() + timeoutMs);
    },
  });
  return {
    py,
    check(files, checks, main = 'main.py') {
      try {
        return engine.run(
          Object.entries(files).map(([name, content]) => ({ name, content })),
          main,
          checks,
        );
      } finally {
        stopAlarm();
      }
    },
    outside: () => outside,
  };
}
