// The Python worker: owns one Pyodide interpreter and runs one job at a time
// (a script run, a shell line or a completion request). The page terminates
// and replaces it when it must (Stop that does not stop, fatal errors).
import type { PyodideAPI } from 'pyodide';
import type { PyProxy } from 'pyodide/ffi';
import type { ProjectFile } from '../model/files.ts';
import { DISPLAY_MIMES, MAX_DISPLAY_BYTES, MAX_EXPLANATION_CHARS, type DisplayMime } from '../model/output.ts';
import { MAX_BATCH_FLOATS, MAX_BATCH_STRINGS } from '../features/turtle/shared/ops.ts';
import type { RunError } from '../model/run.ts';
import type { CompletionItem, FromWorker, ToWorker } from '../runner/protocol.ts';
import { BRIDGE_EVENTS_PATH, BRIDGE_NOTHING_YET } from '../offline/sw-protocol.ts';
import {
  MAX_BATCHES_IN_FLIGHT,
  SIGINT,
  SLOT,
  sharedViews,
  takeEvent,
  type ChannelEvent,
} from '../runner/shared-channel.ts';
import { OutputPump, transferables } from './output-pump.ts';
import {
  importIndex,
  ownModules,
  packagesToLoad,
  unavailableMessage,
  withPackageSource,
  type LockEntry,
} from './packages.ts';
import { importAppPython, loadPython } from './load-python.ts';
import { fetched, importThroughPage, pageFetch } from './page-fetch.ts';
import type { ToWorkerFromFrame } from '../runner/frame/frame-protocol.ts';
import { packageOfflineExplanation } from '../features/explain/shared/package-offline.ts';
import { CheckEngine, type OutputSink } from '../features/lessons/worker/check-engine.ts';

declare const self: DedicatedWorkerGlobalScope;

type Views = ReturnType<typeof sharedViews>;
/** What the app's Python returns for a job: named fields, so later results (check outcomes) add a field. */
interface JobResult {
  status: 'ok' | 'error' | 'interrupted';
  error: RunError | null;
  /** Files the program wrote, as (path, content) pairs: text as a string, anything else as bytes (script runs only). */
  written?: [string, string | Uint8Array][];
}

/** Longest description of a picture kept. */
const MAX_ALT_CHARS = 1000;

let py: PyodideAPI | undefined;
let views: Views | undefined;
/** Without shared memory: where the service worker answers this worker's wait for events (see sw/bridge.ts). */
let bridgeURL: string | undefined;
let bridgeChannel = '';
let runner: PyProxy & Record<string, (...args: unknown[]) => PyProxy>;
let completer: PyProxy & Record<string, (...args: unknown[]) => PyProxy>;
let jobId = 0;
let packageSource = '';
let packageIndex = new Map<string, string>();
/** The learner's setting for the job being prepared: errors are explained in plain words. */
let explainErrors = true;
let findImports: (code: string) => PyProxy;
let batchesPosted = 0;

/**
 * Where the page is: the worker's creator, or in a sandboxed frame a port the frame hands over. Bound now,
 * before any learner code runs: a program that replaces `postMessage` (through `js`) cannot then alter what
 * the worker itself reports.
 */
let page: { postMessage(message: unknown, transfer: Transferable[]): void } = {
  postMessage: self.postMessage.bind(self) as (message: unknown, transfer: Transferable[]) => void,
};
/** Checks judge here, not in Python (made once the runner is installed). */
let checkEngine: CheckEngine | undefined;
/** While checks run, what Python prints goes to the check engine, not to the page. */
let checkSink: OutputSink | undefined;
const checkDecoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
/** The running check job's id and the page's secret for it (held here, out of Python's reach). */
let checkJob: { id: number; nonce: string } | undefined;
/** In a sandboxed frame, the shared memory comes from the frame (it cannot come from the page). */
let frameShared: SharedArrayBuffer | undefined;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  page.postMessage(message, transfer);
}

const pump = new OutputPump(
  (items) => {
    post({ type: 'output', id: jobId, items }, transferables(items));
    batchesPosted++;
    waitForPage();
  },
  (pending) => {
    if (views) Atomics.store(views.slots, SLOT.outputPending, pending ? 1 : 0);
  },
);

/**
 * Backpressure: a program can print far faster than the page can show it, so
 * the worker waits while too many batches are on their way. Stop still works.
 */
function waitForPage(): void {
  if (!views) return;
  const { slots } = views;
  for (;;) {
    const acked = Atomics.load(slots, SLOT.outputAcked);
    if (batchesPosted - acked <= MAX_BATCHES_IN_FLIGHT) return;
    if (Atomics.load(slots, SLOT.interrupt) === SIGINT) {
      py!.checkInterrupt();
      return;
    }
    Atomics.wait(slots, SLOT.outputAcked, acked, 50);
  }
}

/** The `io` object the Python runner calls back into. */
const io = {
  can_read: false,
  /** Why input() cannot wait, when it cannot (the learner reads it). */
  no_read_reason: '',
  flush(): void {
    pump.flush();
  },
  /** An output item other than text, from the app's Python (`emit`): checked here, where it enters. */
  emit(kind: string, payload: PyProxy): void {
    const fields = payload.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false }) as Record<
      string,
      unknown
    >;
    // During checks nothing reaches the page: a drawing goes to the check engine, anything else is dropped.
    if (checkJob && kind !== 'turtle') return;
    if (kind === 'display') {
      const { mime, data, alt } = fields;
      if (!(DISPLAY_MIMES as readonly unknown[]).includes(mime))
        throw new Error(`cannot show pictures of type ${mime}`);
      if (!(data instanceof Uint8Array) || data.byteLength === 0) throw new Error('a picture needs its bytes');
      if (data.byteLength > MAX_DISPLAY_BYTES) throw new Error('this picture is too large to show (over 4 MB)');
      const text = typeof alt === 'string' ? alt.slice(0, MAX_ALT_CHARS) : '';
      pump.emit({ kind: 'display', mime: mime as DisplayMime, data, alt: text });
      return;
    }
    if (kind === 'explanation') {
      const field = (name: string, max: number) => String(fields[name] ?? '').slice(0, max);
      const line = Number(fields.line);
      pump.emit({
        kind: 'explanation',
        case: field('case', 100),
        file: field('file', 1000),
        line: Number.isInteger(line) && line >= 0 ? line : 0,
        text: field('text', MAX_EXPLANATION_CHARS),
        hint: field('hint', MAX_EXPLANATION_CHARS),
      });
      return;
    }
    if (kind === 'turtle') {
      const { ops, strs } = fields;
      if (!(ops instanceof Uint8Array) || ops.byteLength % 8 !== 0 || ops.byteLength / 8 > MAX_BATCH_FLOATS)
        throw new Error('turtle commands must be a whole number of floats, at most 2**20');
      if (!Array.isArray(strs) || strs.length > MAX_BATCH_STRINGS || strs.some((s) => typeof s !== 'string'))
        throw new Error('turtle strings must be a list of at most 65536 strings');
      // A fresh, aligned buffer of its own: transferred to the page, not copied.
      const floats = new Float64Array(ops.byteLength / 8);
      new Uint8Array(floats.buffer).set(ops);
      if (checkJob) checkEngine?.takeTurtle({ ops: floats, strs: strs as string[] });
      else pump.emit({ kind: 'turtle', ops: floats, strs: strs as string[] });
      return;
    }
    throw new Error(`unknown output kind ${kind}`);
  },
  /** Tells the page the program waits for a line of input (the answer comes as an `input` event). */
  request_input(): void {
    pump.flush();
    post({ type: 'input-request', id: jobId });
  },
  /**
   * The one way Python waits for the page: the next event ([kind, payload]),
   * or undefined once `timeout` seconds have passed (none: wait as long as it
   * takes). Stop raises KeyboardInterrupt here at once.
   */
  wait_event(timeout?: number): [string, string] | undefined {
    pump.flush();
    const deadline = timeout === undefined || timeout === null ? Infinity : performance.now() + timeout * 1000;
    const event = views ? waitShared(views, deadline) : bridgeURL ? waitBridge(deadline) : spin(deadline);
    return event ? [event.kind, event.payload] : undefined;
  },
};

function waitShared(shared: Views, deadline: number): ChannelEvent | undefined {
  const { slots, interrupt } = shared;
  for (;;) {
    const seen = Atomics.load(slots, SLOT.mailSignal);
    const event = takeEvent(shared);
    if (event) return event;
    if (Atomics.load(interrupt, 0) === SIGINT) {
      py!.checkInterrupt();
      return undefined;
    }
    consumeOtherSignal();
    const left = deadline - performance.now();
    if (left <= 0) return undefined;
    // Woken by a post, by Stop (it bumps the signal too), or after a while to serve a flush request.
    Atomics.wait(slots, SLOT.mailSignal, seen, Math.min(left, 250));
  }
}

/** Without shared memory: long-polls the service worker, which answers with the page's next event. */
function waitBridge(deadline: number): ChannelEvent | undefined {
  for (let failures = 0; failures < 3;) {
    const left = deadline - performance.now();
    if (left <= 0) return undefined;
    const wait = Number.isFinite(left) ? Math.ceil(left) : 60_000;
    const xhr = bridgeRequest(`${BRIDGE_EVENTS_PATH}?channel=${encodeURIComponent(bridgeChannel)}&wait=${wait}`);
    if (xhr?.status === 200) return JSON.parse(xhr.responseText) as ChannelEvent;
    if (xhr?.status !== BRIDGE_NOTHING_YET) failures++;
  }
  throw new Error(`input() could not reach the app's service worker at ${bridgeURL}`);
}

/** No way to wait at all (no shared memory, no service worker): only a sleep can be done, by spinning. */
function spin(deadline: number): undefined {
  if (!Number.isFinite(deadline)) return undefined;
  while (performance.now() < deadline) {
    // Busy: there is nothing to block on.
  }
  return undefined;
}

/** A synchronous GET to the service worker bridge; the worker blocks until it answers. */
function bridgeRequest(path: string): XMLHttpRequest | undefined {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', bridgeURL + path, false);
  try {
    xhr.send();
    return xhr;
  } catch {
    return undefined;
  }
}

/** A flush request arriving while we wait: serve it here, since Python is not running to see it. */
function consumeOtherSignal(): void {
  if (!views) return;
  const signal = Atomics.load(views.interrupt, 0);
  if (signal !== 0 && signal !== SIGINT) {
    Atomics.compareExchange(views.interrupt, 0, signal, 0);
    pump.flush();
  }
}

/**
 * Pyodide's signal check reads the interrupt buffer and then writes 0 to it,
 * unconditionally, many times a second in a busy loop: a Stop stored between
 * the two would be lost and the page would have to restart Python. This
 * stand-in clears only what was read (compare-and-exchange). Reads alone must
 * not clear: Pyodide also peeks at it to interrupt a blocking write (EINTR),
 * after which CPython checks for signals again and must still find SIGINT.
 */
function atomicSignalBuffer(buffer: Int32Array): Int32Array {
  let read = 0;
  const view = {
    get 0(): number {
      read = Atomics.load(buffer, 0);
      return read;
    },
    set 0(value: number) {
      Atomics.compareExchange(buffer, 0, read, value);
    },
    length: 1,
  };
  return view as unknown as Int32Array;
}

/** Turns Python's Stop checks off between jobs (after a fatal error the API throws: nothing to turn off). */
function stopListening(): void {
  try {
    py?.setInterruptBuffer(undefined as unknown as Int32Array);
  } catch {
    // The page replaces this worker.
  }
}

// Pyodide announces a fatal error on the console before dumping its C-level
// stack to stdout; mute that dump (the page restarts the worker anyway).
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('Pyodide has suffered a fatal error')) pump.muted = true;
  consoleError(...args);
};

/** XMLHttpRequest in the sandbox: every request fails with a reason a learner can act on. */
class SandboxedRequest {
  open(): void {
    throw new Error(
      'This program came from someone else, so it runs in a sandbox, where a program cannot wait for a web page ' +
        '(pyodide.http.open_url and other synchronous requests).',
    );
  }
}

async function init(msg: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  const { indexURL, bridgeURL: bridge } = msg;
  const shared = msg.shared ?? frameShared;
  let importModule: ((url: string) => Promise<unknown>) | undefined;
  if (msg.fetchThroughPage) {
    // Pyodide and programs call the global fetch: through the page, which decides.
    const fetcher = pageFetch(post);
    self.fetch = fetcher;
    // The frame starts this worker as a classic script, where Pyodide refuses to load if importScripts works;
    // it needs no script by URL here anyway (modules come through importThroughPage).
    (self as { importScripts?: unknown }).importScripts = undefined;
    // A worker started from here would be just as sandboxed (same origin, same policy), but nothing needs one.
    delete (self as { Worker?: unknown }).Worker;
    // A synchronous request (pyodide.http.open_url) cannot wait for the page's answer: say so instead of the
    // policy's bare "NetworkError".
    (self as { XMLHttpRequest?: unknown }).XMLHttpRequest = SandboxedRequest;
    importModule = (url) => importThroughPage(fetcher, url);
  }
  bridgeChannel = msg.bridgeChannel ?? '';
  const started = performance.now();
  packageSource = msg.packageSource;
  // The lock loads while the runtime does; loadPyodide takes it as a promise.
  const lock = fetch(indexURL + 'pyodide-lock.json').then(async (response) => {
    if (!response.ok) throw new Error(`pyodide-lock.json: HTTP ${response.status}`);
    const packages = withPackageSource(
      (await response.json()) as { packages: Record<string, LockEntry> },
      msg.packageSource,
      msg.bundledPackages,
    );
    packageIndex = importIndex(packages.packages);
    return packages;
  });
  const stages: Record<string, number> = { init: started };
  const stage = (name: string) => (stages[name] = performance.now());

  if (msg.mode === 'make-snapshot') {
    py = await loadPython({ indexURL, lock, makeSnapshot: true, importModule });
    importAppPython(py);
    const bytes = py.makeMemorySnapshot();
    post({ type: 'snapshot-made', bytes, ms: performance.now() - started }, [bytes.buffer as ArrayBuffer]);
    return;
  }

  let fromSnapshot = false;
  if (msg.snapshot || msg.snapshotCache) {
    try {
      const snapshot = msg.snapshotCache ? cachedSnapshot(msg.snapshotCache) : snapshotBytes();
      py = await loadPython({ indexURL, lock, snapshot, stage, importModule });
      if (py.runPython('1 + 1') !== 2) throw new Error('the restored interpreter does not compute');
      fromSnapshot = true;
    } catch {
      // A snapshot that cannot be used is forgotten (and made again later): start normally.
      post({ type: 'snapshot-unusable' });
      py = undefined;
    }
  }
  py ??= await loadPython({ indexURL, lock, stage, importModule });
  stage('runtime');
  await lock;
  stage('lock');
  const writer = (stream: 'stdout' | 'stderr') => ({
    write: (bytes: Uint8Array) => {
      if (checkSink) checkSink(stream, checkDecoders[stream].decode(bytes, { stream: true }));
      else pump.writeBytes(stream, bytes);
      return bytes.length;
    },
  });
  py.setStdout(writer('stdout'));
  py.setStderr(writer('stderr'));
  if (shared) {
    views = sharedViews(shared);
    io.can_read = true;
  } else if (bridge) {
    bridgeURL = bridge;
    io.can_read = true;
  } else if (msg.fetchThroughPage) {
    io.no_read_reason =
      'input() cannot wait for your answer here: this program came from someone else, so it runs in a sandbox, ' +
      'which can wait only on a cross-origin isolated page (this one was opened with isolation switched off).';
  }
  ({ runner, completer, findImports } = importAppPython(py));
  runner.install(io);
  checkEngine = new CheckEngine(py, {
    captureOutput: (sink) => (checkSink = sink),
    onCheckStart: (index, timeoutMs) => {
      if (checkJob) post({ type: 'check-start', id: checkJob.id, nonce: checkJob.nonce, index, timeoutMs });
    },
    onOutcome: (outcome) => {
      if (checkJob) post({ type: 'check-outcome', id: checkJob.id, nonce: checkJob.nonce, outcome });
    },
  });
  const packageNames = py.toPy([...packageIndex.keys()]) as PyProxy;
  runner.set_known_packages(packageNames);
  packageNames.destroy();
  stage('app');
  const pythonVersion = String(py.runPython('import sys; sys.version.split()[0]'));
  post({
    type: 'ready',
    version: py.version,
    pythonVersion,
    startupMs: performance.now() - started,
    isolated: self.crossOriginIsolated,
    fromSnapshot,
    stages,
  });
  warmUp();
}

/**
 * Runs a tiny program through the same path as a learner's run, muted, right
 * after `ready`: the runtime compiles WebAssembly functions on first call, which
 * made the first run after a snapshot start take 150-190 ms in the worker
 * (later runs: ~2 ms). A run sent meanwhile simply waits its turn in the queue.
 */
function warmUp(): void {
  pump.muted = true;
  try {
    const files = [{ name: 'main.py', content: 'print(1)\n' }];
    const proxy = withFiles(files, (pairs) => runner.run_script(pairs, 'main.py'));
    proxy.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
    proxy.destroy();
    runner.forget();
  } catch {
    // Only a speed-up: a failure here shows itself on the learner's first run, if at all.
  } finally {
    pump.flush();
    pump.muted = false;
  }
}

/** True when the error means the interpreter itself is broken, not the learner's program. */
function fatalReason(error: unknown): 'stack' | 'memory' | 'crash' {
  const text = String((error as Error)?.message ?? error);
  if (/call stack|stack overflow|too much recursion/i.test(text)) return 'stack';
  if (/memory|allocation|out of bounds/i.test(text)) return 'memory';
  return 'crash';
}

/** A Python exception that reached JavaScript, with the interpreter still usable. */
function isPythonError(error: unknown): error is Error & { type: string } {
  if ((error as { pyodide_fatal_error?: boolean })?.pyodide_fatal_error) return false;
  try {
    return error instanceof py!.ffi.PythonError;
  } catch {
    return false; // after a fatal error every part of Pyodide's API throws
  }
}

/** Runs one job, streaming its output, and reports how it ended. */
function runJob(id: number, job: () => PyProxy): void {
  jobId = id;
  batchesPosted = 0; // the page resets its count when it starts a job
  const started = performance.now();
  let result: JobResult;
  // Python checks for Stop only during a job: a Stop that arrives while the
  // worker is still busy with something else (warm-up, a completion, loading
  // packages) waits in the buffer for the job instead of being swallowed there.
  if (views) py!.setInterruptBuffer(atomicSignalBuffer(views.interrupt));
  try {
    const proxy = job();
    result = proxy.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false }) as JobResult;
    proxy.destroy();
  } catch (error) {
    pump.flush();
    if (isPythonError(error)) {
      // Only KeyboardInterrupt can escape the runner's own handlers (Stop at the very end).
      const type = error.type;
      post({
        type: 'done',
        id,
        status: type === 'KeyboardInterrupt' ? 'interrupted' : 'error',
        error: { type, message: '' },
        durationMs: performance.now() - started,
      });
      return;
    }
    post({ type: 'fatal', id, reason: fatalReason(error), message: String((error as Error)?.message ?? error) });
    return;
  } finally {
    stopListening();
  }
  pump.flush();
  const { status, error, written } = result;
  if (error?.type === 'MemoryError') {
    // The heap may be exhausted or fragmented beyond use: a fresh interpreter is the safe next step.
    post({ type: 'fatal', id, reason: 'memory', message: error.message });
    return;
  }
  // Bytes come out of Python as fresh copies (toJs): their buffers can move to the page instead of being copied.
  const files = written?.map(([name, content]) => ({ name, content }));
  const buffers = (files ?? []).flatMap((f) =>
    typeof f.content === 'string' ? [] : [f.content.buffer as ArrayBuffer],
  );
  post(
    { type: 'done', id, status, error: error ?? undefined, durationMs: performance.now() - started, written: files },
    [...new Set(buffers)],
  );
}

/** Runs an exercise's checks; outcomes go to the page one by one, and together in `done`. */
function runChecks(msg: Extract<ToWorker, { type: 'check' }>): void {
  const started = performance.now();
  checkJob = { id: msg.id, nonce: msg.nonce };
  if (views) py!.setInterruptBuffer(atomicSignalBuffer(views.interrupt));
  try {
    const report = checkEngine!.run(msg.files, msg.entry, msg.checks);
    post({
      type: 'done',
      id: msg.id,
      status: 'ok',
      durationMs: performance.now() - started,
      report,
      nonce: msg.nonce,
    });
  } catch (error) {
    if (isPythonError(error)) {
      post({
        type: 'done',
        id: msg.id,
        status: error.type === 'KeyboardInterrupt' ? 'interrupted' : 'error',
        error: { type: error.type, message: '' },
        durationMs: performance.now() - started,
        nonce: msg.nonce,
      });
    } else {
      post({
        type: 'fatal',
        id: msg.id,
        reason: fatalReason(error),
        message: String((error as Error)?.message ?? error),
      });
    }
  } finally {
    stopListening();
    checkJob = undefined;
    checkSink = undefined;
  }
}

/**
 * Loads the Pyodide packages the files import (numpy, …) before the program
 * runs. False, with the run reported as failed, when one cannot be had.
 */
async function loadPackages(id: number, files: ProjectFile[], entry: string, nonce?: string): Promise<boolean> {
  const imports: string[] = [];
  for (const file of files) {
    if ((!file.name.endsWith('.py') && file.name !== '<shell>') || typeof file.content !== 'string') continue;
    const found = findImports(file.content);
    imports.push(...(found.toJs() as string[]));
    found.destroy();
  }
  const wanted = packagesToLoad(imports, packageIndex, py!.loadedPackages, ownModules(files.map((f) => f.name)));
  if (wanted.length === 0) return true;
  const started = performance.now();
  pump.write('system', `Loading ${wanted.join(', ')}…\n`);
  pump.flush();
  try {
    await py!.loadPackage(wanted, { messageCallback: () => {}, errorCallback: () => {} });
  } catch {
    // Reported below from what did not load.
  }
  const missing = wanted.filter((name) => !(name in py!.loadedPackages));
  if (missing.length === 0) return true;
  const message = unavailableMessage(missing, navigator.onLine, packageSource);
  pump.write('system', message + '\n');
  const modules = new Set([...packageIndex].filter(([, key]) => missing.includes(key)).map(([name]) => name));
  const explanation = explainErrors ? packageOfflineExplanation(files, modules, entry) : undefined;
  if (explanation) pump.emit(explanation);
  pump.flush();
  post({
    type: 'done',
    id,
    status: 'error',
    error: {
      type: 'PackageUnavailable',
      message,
      location: explanation && { file: explanation.file, line: explanation.line },
    },
    durationMs: performance.now() - started,
    ...(nonce ? { nonce } : {}),
  });
  return false;
}

/**
 * Calls `use` with the project's files as a Python list of (name, content) pairs, then frees the list.
 * Text arrives as str; bytes (a Uint8Array) as a memoryview over a copy, which Python turns into bytes.
 */
function withFiles<T>(files: ProjectFile[], use: (pairs: PyProxy) => T): T {
  const pairs = py!.toPy(files.map((f) => [f.name, f.content])) as PyProxy;
  try {
    return use(pairs);
  } finally {
    pairs.destroy();
  }
}

function complete(msg: Extract<ToWorker, { type: 'complete' }>): void {
  let items: CompletionItem[] = [];
  try {
    const proxy = withFiles(msg.files, (files) => completer.complete(files, msg.file, msg.source, msg.offset));
    items = proxy.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false }) as CompletionItem[];
    proxy.destroy();
  } catch {
    // Completion is a convenience: an error here must never disturb the learner.
  }
  post({ type: 'completions', id: msg.id, items });
}

/** The snapshot's bytes, which the page sends after `init` (read while Pyodide loads its own files). */
let receiveSnapshot!: (bytes: Uint8Array | null) => void;
const snapshotArrived = new Promise<Uint8Array | null>((resolve) => (receiveSnapshot = resolve));
/** A snapshot the page left in Cache Storage (a worker on the app's origin reads it there itself). */
async function cachedSnapshot({ cache, key }: { cache: string; key: string }): Promise<Uint8Array> {
  const response = await (await caches.open(cache)).match(key);
  if (!response) throw new Error('the snapshot is gone');
  return new Uint8Array(await response.arrayBuffer());
}

async function snapshotBytes(): Promise<Uint8Array> {
  const bytes = await snapshotArrived;
  if (!bytes) throw new Error('the snapshot could not be read');
  return bytes;
}

// Messages are handled strictly one after another: a job must not start while init is still loading.
let queue: Promise<void> = Promise.resolve();
function receive(event: MessageEvent<ToWorker>): void {
  const msg = event.data;
  // Outside the queue: init waits for these.
  if (msg.type === 'snapshot') return receiveSnapshot(msg.bytes);
  if (msg.type === 'fetched') return fetched(msg.id, msg.response, msg.error);
  queue = queue
    .then(async () => {
      switch (msg.type) {
        case 'init':
          try {
            await init(msg);
          } catch (error) {
            post({ type: 'load-error', message: String((error as Error)?.message ?? error) });
          }
          break;
        case 'run':
          jobId = msg.id;
          explainErrors = msg.explain ?? true;
          if (await loadPackages(msg.id, msg.files, msg.entry)) {
            runJob(msg.id, () =>
              withFiles(msg.files, (files) => {
                const display = py!.toPy(msg.display ?? {}) as PyProxy;
                try {
                  return runner.run_script(files, msg.entry, display, msg.explain ?? true);
                } finally {
                  display.destroy();
                }
              }),
            );
          }
          break;
        case 'shell':
          jobId = msg.id;
          explainErrors = msg.explain ?? true;
          if (await loadPackages(msg.id, [{ name: '<shell>', content: msg.code }], '<shell>')) {
            runJob(msg.id, () => runner.shell(msg.code, msg.explain ?? true));
          }
          break;
        case 'check':
          jobId = msg.id;
          explainErrors = false;
          if (await loadPackages(msg.id, msg.files, msg.entry, msg.nonce)) runChecks(msg);
          break;
        case 'complete':
          complete(msg);
          break;
      }
    })
    .catch((error: unknown) => {
      // A bug of ours, not the learner's: report it as a crash so the page starts afresh.
      post({ type: 'fatal', reason: 'crash', message: String((error as Error)?.message ?? error) });
    });
}

self.onmessage = (event: MessageEvent<ToWorker | ToWorkerFromFrame>) => {
  const msg = event.data;
  if (msg.type === 'connect') {
    // In a sandboxed frame: from now on the page speaks through this port only.
    frameShared = msg.shared;
    page = { postMessage: msg.port.postMessage.bind(msg.port) as typeof page.postMessage };
    msg.port.onmessage = receive;
    self.onmessage = null;
    return;
  }
  receive(event as MessageEvent<ToWorker>);
};
