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
  let alarm: Worker | undefined;
  const stopAlarm = () => {
    void alarm?.terminate();
    alarm = undefined;
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
    emit: () => {},
  });
  const engine = new CheckEngine(py, {
    captureOutput: (s) => (sink = s),
    onCheckStart: (_index, timeoutMs) => {
      stopAlarm();
      alarm = new Worker(
        `const { workerData } = require('node:worker_threads');
         setTimeout(() => Atomics.store(workerData.buffer, 0, 2), workerData.ms);`,
        { eval: true, workerData: { buffer: interrupt, ms: timeoutMs } },
      );
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
