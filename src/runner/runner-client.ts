// The page's side of the Python worker: starts it, runs jobs one at a time as
// event streams, delivers input() answers, and stops a program however it has
// to: a KeyboardInterrupt first, a fresh worker if that does not work.
import { EventQueue } from './event-queue.ts';
import { Emitter } from '../lib/emitter.ts';
import type { ProjectFile } from '../model/files.ts';
import type { Check, CheckOutcome } from '../model/lesson.ts';
import type { RestartReason } from '../model/run.ts';
import { canShareMemory, type RunnerHost } from './host.ts';
import type { CompletionItem, FromWorker, JobOptions, RunEvent, ToWorker } from './protocol.ts';
import {
  SNAPSHOT_CACHE,
  dropSnapshot,
  findSnapshot,
  hasSnapshot,
  saveSnapshot,
  snapshotKey,
} from './snapshot-store.ts';
import type { EventKind } from './shared-channel.ts';

/**
 * Where a program runs: `own` code (the learner's) in a worker on the app's
 * origin, the fast path; code from someone else in the sandboxed frame, where it
 * cannot reach the learner's work (see frame-host.ts and the README).
 */
export type RunnerZone = 'own' | 'sandbox';

/** The zone of a project's code: someone else's runs sandboxed. */
export const zoneFor = (foreign: boolean): RunnerZone => (foreign ? 'sandbox' : 'own');

/** What the runner is doing, for the UI. */
export type RunnerPhase = 'starting' | 'ready' | 'busy' | 'failed';

export interface RunnerOptions {
  /** Absolute URL of the versioned Pyodide folder. */
  indexURL: string;
  /** Makes a new place for Python to run, for code of the zone (see host.ts). */
  createHost: (zone: RunnerZone) => RunnerHost;
  /** What shapes the memory snapshot besides the Pyodide version (the build, the app's Python): its key. */
  snapshotKeyParts: string[];
  /** Start the worker in the constructor (default), or wait for start(). */
  autoStart?: boolean;
  /** Base URL packages are downloaded from, read when the worker starts (Settings can change it). */
  packageSource: () => string;
  /** Packages bundled with this build. */
  bundledPackages: string[];
  /**
   * Without shared memory, input() and sleep go through the service worker:
   * where it answers, and how to hand it the learner's answer.
   */
  bridge?: {
    url: () => string | undefined;
    /** Hands an event to the service worker for the worker on `channel`. */
    post: (channel: string, kind: EventKind, payload: string) => void;
    /** The worker on `channel` is gone. */
    close: (channel: string) => void;
  };
  /** The zone Python starts in: the one of the project that was open last time (a hint; runs still go by zone). */
  initialZone?: RunnerZone;
  /** Python moved to another zone (to remember it for the next start). */
  zoneChanged?: (zone: RunnerZone) => void;
  /** How long Stop waits for KeyboardInterrupt before restarting the worker (ms). */
  stopGraceMs?: number;
  /** How often the page asks a busy worker to post output it is holding (ms). */
  flushPollMs?: number;
}

export interface ReadyInfo {
  /** Pyodide's version. */
  version: string;
  /** Python's version, e.g. 3.14.2. */
  pythonVersion: string;
  startupMs: number;
  /** True for the first ready of this page, false after a restart. */
  first: boolean;
  /** Whether the worker itself is cross-origin isolated. */
  isolated: boolean;
  /** Restored from a memory snapshot rather than booted. */
  fromSnapshot: boolean;
  /** Where this Python runs: the learner's own code, or the sandbox for someone else's. */
  zone: RunnerZone;
  /** Worker milliseconds at the end of each start-up stage. */
  stages: Record<string, number>;
}

/** What the runner tells whoever listens (besides its phase). */
export type RunnerEvent = { type: 'ready'; info: ReadyInfo } | { type: 'load-error'; message: string };

interface ActiveJob {
  id: number;
  events: EventQueue<RunEvent>;
  started: number;
  stopTimer?: ReturnType<typeof setTimeout>;
  /** The program waits in input(). */
  waitingInput?: boolean;
  /** A check job's secret: messages about its checks without it are a program's forgeries, and ignored. */
  nonce?: string;
  /** The running check's timer: past its time, Python is interrupted. */
  checkTimer?: ReturnType<typeof setTimeout>;
  /** Checks whose time ran out, with their time limit: they fail, even if the program caught the interrupt. */
  timedOut?: Map<number, number>;
}

/** A check that ran out of time, as the page reports it whatever Python said. */
function timedOutOutcome(outcome: CheckOutcome, timeoutMs: number): CheckOutcome {
  return {
    ...outcome,
    passed: false,
    timedOut: true,
    comparison: undefined,
    message: `Your code took longer than ${timeoutMs / 1000} seconds, so the check stopped it. Is there a loop that never ends?`,
  };
}

/** Restarts get a plain sentence the learner can understand. */
export function restartMessage(reason: RestartReason): string {
  switch (reason) {
    case 'unresponsive':
      return 'Python was restarted because your program did not stop within a second.';
    case 'memory':
      return 'Python was restarted because your program ran out of memory.';
    case 'stack':
      return 'Python was restarted because your program went too deep (too much recursion) and crashed the interpreter.';
    case 'no-isolation':
      return 'Python was restarted to stop your program.';
    case 'crash':
      return 'Python was restarted because the interpreter crashed.';
    case 'settings':
      return 'Python was restarted to use the new settings.';
    case 'check-stopped':
      return 'Checking stopped.';
  }
}

export class PythonRunner {
  private worker!: RunnerHost;
  private readyPromise!: Promise<void>;
  private readySettle!: { resolve: () => void; reject: (error: Error) => void };
  private phaseValue: RunnerPhase = 'starting';
  private active: ActiveJob | undefined;
  private nextId = 1;
  /** A program, a shell line or checks ran in this Python since it started. */
  private dirty = false;
  private everReady = false;
  private pendingRestart = false;
  private readonly completions = new Map<number, (items: CompletionItem[] | null) => void>();
  /** Without shared memory: the current worker's queue on the service worker's bridge. */
  private bridgeChannel: string | undefined;
  private readonly listeners = new Set<(phase: RunnerPhase) => void>();
  /** The zone of the current host: a job of the other zone first starts Python afresh in its own. */
  private zoneValue: RunnerZone = 'own';

  /** Each time a worker becomes ready, and when Python cannot start at all. */
  readonly events = new Emitter<RunnerEvent>();
  /** The latest ready, for a listener that comes after it (the UI loads while Python starts). */
  lastReady: ReadyInfo | undefined;

  /** Where this build's snapshot is kept. */
  private readonly snapshotKey: Promise<string>;

  constructor(private readonly options: RunnerOptions) {
    this.snapshotKey = snapshotKey(options.indexURL, options.snapshotKeyParts);
    this.zoneValue = options.initialZone ?? 'own';
    if (options.autoStart !== false) this.spawn();
    else this.readyPromise = new Promise((resolve, reject) => (this.readySettle = { resolve, reject }));
  }

  /** Starts the worker, when the constructor was told to wait. */
  start(): void {
    if (!this.worker) this.spawn();
  }

  /** True when Stop and input() work through shared memory. */
  get isolated(): boolean {
    return this.worker ? this.worker.channel !== undefined : canShareMemory();
  }

  get phase(): RunnerPhase {
    return this.phaseValue;
  }

  subscribe(listener: (phase: RunnerPhase) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when Python can run code. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  /**
   * Runs `entry` from `files` as a script, in `zone` (Python starts afresh
   * there first if it runs in the other); the events end with exactly one `done`.
   */
  run(
    files: ProjectFile[],
    entry: string,
    signal?: AbortSignal,
    zone: RunnerZone = 'own',
    options: JobOptions = {},
  ): AsyncIterable<RunEvent> {
    return this.job((id) => ({ type: 'run', id, files, entry, ...options }), signal, zone);
  }

  /**
   * Runs an exercise's checks against `files`, in `zone`. Checks start in a
   * Python no program has run in since it started (one is started if needed),
   * so nothing an earlier run changed can stand between the code and a verdict.
   */
  check(
    files: ProjectFile[],
    entry: string,
    checks: Check[],
    signal?: AbortSignal,
    zone: RunnerZone = 'own',
  ): AsyncIterable<RunEvent> {
    const nonce = crypto.randomUUID();
    if (this.dirty && !this.active && this.worker && zone === this.zoneValue) this.replaceHost();
    return this.job((id) => ({ type: 'check', id, files, entry, checks, nonce }), signal, zone, nonce);
  }

  /** Where Python runs now. */
  get zone(): RunnerZone {
    return this.zoneValue;
  }

  /** Starts Python in `zone` ahead of a run there, if it is idle elsewhere (a project was opened). */
  prepareZone(zone: RunnerZone): void {
    if (zone === this.zoneValue || !this.worker || this.active) return;
    this.moveTo(zone);
  }

  /** Runs one line typed at the shell prompt in the last program's namespace. */
  shell(code: string, signal?: AbortSignal, options: Pick<JobOptions, 'explain'> = {}): AsyncIterable<RunEvent> {
    return this.job((id) => ({ type: 'shell', id, code, ...options }), signal);
  }

  /** Names to complete at `offset`, or null when Python is busy, not ready, or in another zone than `zone`. */
  complete(
    files: ProjectFile[],
    file: string,
    source: string,
    offset: number,
    zone: RunnerZone = 'own',
  ): Promise<CompletionItem[] | null> {
    if (this.phaseValue !== 'ready' || zone !== this.zoneValue) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.completions.set(id, resolve);
      this.send({ type: 'complete', id, files, file, source, offset });
    });
  }

  /** True while the running program waits in input(). */
  get waitingForInput(): boolean {
    return this.active?.waitingInput === true;
  }

  /** Answers the input() the program is waiting in. */
  sendInput(line: string): void {
    if (!this.waitingForInput) return;
    this.active!.waitingInput = false;
    this.sendEvent('input', line);
  }

  /**
   * Hands the running program an event (its input() answer; later key presses,
   * clicks, timers), through the mailbox it waits on. False if it was dropped
   * (the mailbox is full of events the program has not read).
   */
  sendEvent(kind: EventKind, payload: string): boolean {
    if (!this.active) return false;
    if (this.worker.channel) return this.worker.channel.post(kind, payload);
    if (!this.bridgeChannel || !this.options.bridge || !this.worker.bridge) return false;
    this.options.bridge.post(this.bridgeChannel, kind, payload);
    return true;
  }

  /** Stops the running job: KeyboardInterrupt, then a fresh worker if it does not stop in time. */
  stop(): void {
    const job = this.active;
    if (!job || job.stopTimer) return;
    const channel = this.worker.channel;
    if (!channel) {
      this.restart('no-isolation');
      return;
    }
    channel.interrupt();
    job.stopTimer = setTimeout(() => {
      if (this.active === job) this.restart('unresponsive');
    }, this.options.stopGraceMs ?? 1000);
  }

  /** Starts a fresh worker (to apply new settings) now if Python is idle, else after the running job. */
  restartForSettings(): void {
    if (!this.worker) return;
    if (this.active) this.pendingRestart = true;
    else this.restart('settings');
  }

  /** Ends the worker for good (tests, page unload). */
  dispose(): void {
    this.worker?.channel?.pollFlush(undefined);
    this.worker?.terminate();
  }

  private job(
    message: (id: number) => ToWorker,
    signal?: AbortSignal,
    zone?: RunnerZone,
    nonce?: string,
  ): AsyncIterable<RunEvent> {
    const events = new EventQueue<RunEvent>();
    const started = performance.now();
    const finish = (done: Extract<RunEvent, { type: 'done' }>) => {
      events.push(done);
      events.end();
    };
    void (async () => {
      try {
        await this.waitForReady(signal);
      } catch {
        const durationMs = performance.now() - started;
        if (signal?.aborted) finish({ type: 'done', status: 'interrupted', durationMs });
        else
          finish({
            type: 'done',
            status: 'error',
            durationMs,
            error: { type: 'StartupError', message: 'Python could not start' },
          });
        return;
      }
      if (signal?.aborted) {
        finish({ type: 'done', status: 'interrupted', durationMs: performance.now() - started });
        return;
      }
      if (this.active) {
        const error = { type: 'Busy', message: 'Another program is running.' };
        finish({ type: 'done', status: 'error', durationMs: 0, error });
        return;
      }
      if (zone && zone !== this.zoneValue) {
        // Never run code in the other zone's Python: start Python afresh where this code belongs.
        this.moveTo(zone);
        try {
          await this.waitForReady(signal);
        } catch {
          finish({
            type: 'done',
            status: signal?.aborted ? 'interrupted' : 'error',
            durationMs: performance.now() - started,
            error: signal?.aborted ? undefined : { type: 'StartupError', message: 'Python could not start' },
          });
          return;
        }
        if (this.active || this.zoneValue !== zone || signal?.aborted) {
          const error = { type: 'Busy', message: 'Another program is running.' };
          finish({ type: 'done', status: signal?.aborted ? 'interrupted' : 'error', durationMs: 0, error });
          return;
        }
      }
      const id = this.nextId++;
      this.active = { id, events, started: performance.now(), nonce, timedOut: nonce ? new Map() : undefined };
      // A Stop that came after the last job ended must not hit this one.
      this.worker.channel?.reset();
      signal?.addEventListener(
        'abort',
        () => {
          if (this.active?.id !== id) return;
          // Stop during checks ends them all: interrupting would only move on to the next check.
          if (nonce) this.restart('check-stopped');
          else this.stop();
        },
        { once: true },
      );
      // From here on, this Python has run someone's code: the next checks want a fresh one.
      this.dirty = true;
      this.setPhase('busy');
      this.worker.channel?.pollFlush(this.options.flushPollMs ?? 50);
      this.send(message(id));
      events.push({ type: 'started' });
    })();
    return events;
  }

  private async waitForReady(signal?: AbortSignal): Promise<void> {
    const aborted = new Promise<never>((_, reject) => {
      if (signal?.aborted) reject(new Error('aborted'));
      signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
    aborted.catch(() => {});
    // A restart replaces the ready promise while we wait: keep waiting for the current one.
    while (this.phaseValue === 'starting' || this.phaseValue === 'failed') {
      const current = this.readyPromise;
      await Promise.race([current.catch(() => {}), aborted]);
      if (this.phaseValue === 'failed') throw new Error('Python could not start');
    }
  }

  private spawn(): void {
    this.dirty = false;
    this.setPhase('starting');
    if (this.worker || !this.readySettle) {
      this.readyPromise = new Promise((resolve, reject) => (this.readySettle = { resolve, reject }));
    }
    this.readyPromise.catch(() => {});
    const worker = this.options.createHost(this.zoneValue);
    this.worker = worker;
    if (this.bridgeChannel) this.options.bridge?.close(this.bridgeChannel);
    this.bridgeChannel = !worker.channel && worker.bridge && this.options.bridge ? crypto.randomUUID() : undefined;
    worker.onMessage((message) => {
      if (this.worker === worker) this.handle(message);
    });
    worker.onError((message) => {
      if (this.worker !== worker) return;
      if (this.active) this.restart('crash');
      else this.failLoad(message);
    });
    void this.sendInit(worker);
  }

  /**
   * Starts Python in `host`: from the memory snapshot when there is one. The
   * snapshot's bytes follow the init message, so Python's host loads its own
   * files while the page reads them from Cache Storage.
   */
  private async sendInit(host: RunnerHost): Promise<void> {
    const key = await this.snapshotKey;
    if (!host.sandboxed) {
      // A worker on the app's origin reads the snapshot itself, off the page's main thread.
      const stored = await hasSnapshot(key);
      if (this.worker !== host) return;
      host.post({ ...this.initMessage('run'), snapshotCache: stored ? { cache: SNAPSHOT_CACHE, key } : undefined });
      return;
    }
    const snapshot = await findSnapshot(key);
    if (this.worker !== host) return;
    host.post({ ...this.initMessage('run'), snapshot: snapshot !== undefined });
    if (!snapshot) return;
    const bytes = await snapshot.bytes.catch(() => null);
    if (this.worker !== host) return;
    host.post({ type: 'snapshot', bytes }, bytes ? [bytes.buffer as ArrayBuffer] : []);
  }

  private failLoad(message: string): void {
    this.setPhase('failed');
    this.readySettle.reject(new Error(message));
    this.events.emit({ type: 'load-error', message });
  }

  private moveTo(zone: RunnerZone): void {
    this.zoneValue = zone;
    this.options.zoneChanged?.(zone);
    this.replaceHost();
  }

  /** Replaces an idle host with one for the current zone. */
  private replaceHost(): void {
    this.worker.channel?.pollFlush(undefined);
    this.worker.terminate();
    for (const resolve of this.completions.values()) resolve(null);
    this.completions.clear();
    this.spawn();
  }

  /** Replaces the worker; the running job, if any, ends as `restarted`. */
  private restart(reason: RestartReason): void {
    this.worker.channel?.pollFlush(undefined);
    this.worker.terminate();
    const job = this.active;
    this.active = undefined;
    if (job) {
      clearTimeout(job.stopTimer);
      clearTimeout(job.checkTimer);
      job.events.push({
        type: 'done',
        status: 'restarted',
        restartReason: reason,
        durationMs: performance.now() - job.started,
      });
      job.events.end();
    }
    for (const resolve of this.completions.values()) resolve(null);
    this.completions.clear();
    this.spawn();
  }

  private handle(msg: FromWorker): void {
    switch (msg.type) {
      case 'ready': {
        const first = !this.everReady;
        this.everReady = true;
        this.setPhase('ready');
        this.readySettle.resolve();
        const { version, pythonVersion, startupMs, isolated, fromSnapshot, stages } = msg;
        this.lastReady = {
          version,
          pythonVersion,
          startupMs,
          isolated,
          fromSnapshot,
          stages,
          first,
          zone: this.zoneValue,
        };
        this.events.emit({ type: 'ready', info: this.lastReady });
        break;
      }
      case 'load-error':
        this.failLoad(msg.message);
        break;
      case 'snapshot-unusable':
        void this.snapshotKey.then(dropSnapshot);
        break;
      case 'output':
        if (this.active?.id !== msg.id) break;
        // The consumer appends this to the transcript in a microtask, before the next message.
        this.active.events.push({ type: 'output', items: msg.items });
        this.worker.channel?.ack();
        break;
      case 'input-request':
        if (this.active?.id !== msg.id) break;
        this.active.waitingInput = true;
        this.active.events.push({ type: 'input-request' });
        break;
      case 'check-start': {
        const job = this.active;
        if (job?.id !== msg.id || !job.nonce || job.nonce !== msg.nonce) break;
        // The check before ended (an interrupt it got was answered): its Stop must not end this one.
        clearTimeout(job.stopTimer);
        job.stopTimer = undefined;
        clearTimeout(job.checkTimer);
        const { index, timeoutMs } = msg;
        job.checkTimer = setTimeout(() => {
          if (this.active !== job) return;
          job.timedOut!.set(index, timeoutMs);
          this.stop();
        }, timeoutMs);
        job.events.push({ type: 'check-start', index, timeoutMs });
        break;
      }
      case 'check-outcome': {
        const job = this.active;
        if (job?.id !== msg.id || !job.nonce || job.nonce !== msg.nonce) break;
        clearTimeout(job.checkTimer);
        job.events.push({ type: 'check-outcome', outcome: this.judged(job, msg.outcome) });
        break;
      }
      case 'done': {
        const job = this.active;
        if (job?.id !== msg.id) break;
        // A check job ends only with its own secret (a program could post a `done` of its own).
        if (job.nonce && job.nonce !== msg.nonce) break;
        clearTimeout(job.stopTimer);
        clearTimeout(job.checkTimer);
        this.worker.channel?.pollFlush(undefined);
        this.active = undefined;
        this.setPhase('ready');
        const { status, error, durationMs, written } = msg;
        const report = msg.report && {
          ...msg.report,
          outcomes: msg.report.outcomes.map((outcome) => this.judged(job, outcome)),
        };
        if (report) report.passed = report.outcomes.every((o) => o.passed);
        job.events.push({ type: 'done', status, error, durationMs, written, ...(report ? { report } : {}) });
        job.events.end();
        if (this.pendingRestart) {
          this.pendingRestart = false;
          this.restart('settings');
        } else if (job.nonce) {
          // Checks leave the learner's code behind in this Python: start the fresh one the next checks want
          // now, while the learner reads the results, rather than when they press Check again.
          this.replaceHost();
        }
        break;
      }
      case 'fatal':
        this.restart(msg.reason);
        break;
      case 'completions':
        this.completions.get(msg.id)?.(msg.items);
        this.completions.delete(msg.id);
        break;
    }
  }

  /** An outcome as the page judges it: a check whose time ran out here failed, whatever Python reported. */
  private judged(job: ActiveJob, outcome: CheckOutcome): CheckOutcome {
    const limit = job.timedOut?.get(outcome.index);
    if (limit === undefined || outcome.timedOut) return outcome;
    return timedOutOutcome(outcome, limit);
  }

  /** The init message for a worker (`mode` run, or make-snapshot). */
  private initMessage(mode: 'run' | 'make-snapshot'): Extract<ToWorker, { type: 'init' }> {
    return {
      type: 'init',
      mode,
      indexURL: this.options.indexURL,
      bridgeURL: mode === 'run' && this.bridgeChannel ? this.options.bridge?.url() : undefined,
      bridgeChannel: mode === 'run' ? this.bridgeChannel : undefined,
      packageSource: this.options.packageSource(),
      bundledPackages: this.options.bundledPackages,
    };
  }

  /**
   * Makes a memory snapshot of a freshly started interpreter, in a second,
   * short-lived worker, so that later starts are much faster. Resolves with
   * its size in bytes; the running worker is not disturbed.
   */
  prepareSnapshot(): Promise<number> {
    // No program ever runs in it, so the fast path does (the snapshot is the same in either zone).
    const host = this.options.createHost('own');
    return new Promise<Uint8Array>((resolve, reject) => {
      host.onMessage((msg) => {
        if (msg.type === 'snapshot-made' && msg.bytes instanceof Uint8Array) resolve(msg.bytes);
        else if (msg.type === 'load-error' || msg.type === 'fatal') reject(new Error(msg.message));
      });
      host.onError((message) => reject(new Error(message)));
      host.post(this.initMessage('make-snapshot'));
    })
      .finally(() => host.terminate())
      .then(async (bytes) => {
        await saveSnapshot(await this.snapshotKey, bytes);
        return bytes.length;
      });
  }

  private send(message: ToWorker): void {
    this.worker.post(message);
  }

  private setPhase(phase: RunnerPhase): void {
    if (this.phaseValue === phase) return;
    this.phaseValue = phase;
    for (const listener of this.listeners) listener(phase);
  }
}
