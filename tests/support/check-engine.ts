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
  const deadline = new Float64Array(new SharedArrayBuffer(8));
  const wake = new Int32Array(new SharedArrayBuffer(4));
  const alarm = new Worker(
    `const { workerData } = require('node:worker_threads');
     const { interrupt, deadline, wake } = workerData;
     for (;;) {
       const at = deadline[0];
       const left = at === 0 ? 1000 : at - Date.now();
       if (at !== 0 && left <= 0) { Atomics.store(interrupt, 0, 2); deadline[0] = 0; continue; }
       Atomics.wait(wake, 0, Atomics.load(wake, 0), Math.min(left, 1000));
     }`,
    { eval: true, workerData: { interrupt, deadline, wake } },
  );
  alarm.unref();
  await new Promise((resolve) => alarm.once('online', resolve));
  const setDeadline = (ms: number) => {
    deadline[0] = ms;
    Atomics.add(wake, 0, 1);
    Atomics.notify(wake, 0);
  };
  const stopAlarm = () => {
    setDeadline(0);
    Atomics.store(interrupt, 0, 0);
  };
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
