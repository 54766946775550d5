// Ties a run together: the runner's event stream, the transcript and its
// renderer, the status line, the error location and the User Timing marks
// (`run-start`, `run-end`) that tests and the benchmark rely on.
import { createSignal } from 'solid-js';
import type { OutputRenderer } from '../output/output-renderer.ts';
import { Transcript } from '../output/transcript.ts';
import { Emitter } from '../lib/emitter.ts';
import type { OutputItem, OutputKind, OutputStream, ShownItem } from '../model/output.ts';
import type { ProjectFile } from '../model/files.ts';
import type { DisplayInfo } from '../runner/protocol.ts';
import type { ErrorLocation } from '../model/run.ts';
import type { RunEvent } from '../runner/protocol.ts';
import { restartMessage, zoneFor, type PythonRunner } from '../runner/runner-client.ts';
import { TranscriptRecorder } from '../history/recorder.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { History } from './history.ts';

/** Seconds, as learners read them. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
}

/** The status line for a finished run. */
export function statusText(done: Extract<RunEvent, { type: 'done' }>): string {
  const time = formatSeconds(done.durationMs);
  switch (done.status) {
    case 'ok':
      return `Finished in ${time}`;
    case 'interrupted':
      return `Stopped after ${time}`;
    case 'restarted':
      return restartMessage(done.restartReason ?? 'crash');
    case 'error': {
      if (done.error?.type === 'StartupError') return 'Python could not start, so nothing ran.';
      if (done.error?.type === 'PackageUnavailable') return done.error.message;
      const where = done.error?.location ? ` at ${done.error.location.file}, line ${done.error.location.line}` : '';
      return `Error: ${done.error?.type ?? 'unknown error'}${where} (after ${time})`;
    }
  }
}

/** Takes the output items of one kind, in order. */
export type OutputSink<K extends OutputKind> = (item: Extract<OutputItem, { kind: K }>) => void;

/**
 * A feature that takes part in script runs besides the Output region (the
 * turtle's drawing): told when a run starts and ends, waited for before
 * `run-end`, asked what to keep in the history.
 */
export interface RunParticipant {
  /** A run of these files starts. */
  begin?(files: ProjectFile[]): void;
  /** Resolves once everything it was given for the run is on screen (run-end waits for it). */
  whenPainted?(): Promise<void>;
  /** The run ended. */
  end?(): void;
  /** What to keep with the run in the history (a picture of the drawing). */
  keep?(): Promise<ShownItem[]>;
  /** Where drawings are shown, for Python's default window size. */
  display?(): DisplayInfo;
}

const RUNNING = 'Running…';
const WAITING_INPUT = 'Waiting for your answer: type it in the Input box and press Enter.';

export function createRunSession(options: {
  runner: PythonRunner;
  workspace: Workspace;
  history: History;
  onErrorLocation: (location: ErrorLocation | null) => void;
  participants?: RunParticipant[];
  /** Whether errors are explained in plain words (the learner's setting; on when absent). */
  explain?: () => boolean;
  /** Settles once the project is loaded: a Run pressed earlier waits for it (else it would run no files). */
  loaded?: Promise<void>;
}) {
  const participants = options.participants ?? [];
  const { runner, workspace } = options;
  /** What the layout reacts to: a run starting, output arriving, a program waiting for input. */
  const activity = new Emitter<'run-start' | 'output' | 'input'>();
  const [running, setRunning] = createSignal(false);
  const [waitingInput, setWaitingInput] = createSignal(false);
  const [status, setStatus] = createSignal('');
  /** Something ran since the output was last cleared (the empty Output explains itself until then). */
  const [used, setUsed] = createSignal(false);
  let transcript = new Transcript();
  let renderer: OutputRenderer | undefined;
  let controller: AbortController | undefined;
  /** Run was pressed before the project had loaded: it waits, and another press does nothing meanwhile. */
  let waitingForProject = false;
  let projectLoaded = options.loaded === undefined;
  void options.loaded?.then(() => (projectLoaded = true));
  /** The run being recorded for the history (shell lines after it are not). */
  let recorder: TranscriptRecorder | undefined;

  /**
   * Output goes to the sinks of its kind: adding a kind of output is adding a
   * sink, here or from outside (subscribe), not an edit along the whole way.
   */
  const sinks = new Map<OutputKind, Set<(item: OutputItem) => void>>();
  function subscribe<K extends OutputKind>(kind: K, sink: OutputSink<K>): () => void {
    let set = sinks.get(kind);
    if (!set) sinks.set(kind, (set = new Set()));
    const entry = sink as (item: OutputItem) => void;
    set.add(entry);
    return () => set.delete(entry);
  }
  function deliver(item: OutputItem): void {
    for (const sink of sinks.get(item.kind) ?? []) sink(item);
  }
  // The Output region shows text, pictures and explanations in order; the history records the same.
  const toScreen = (item: ShownItem) => transcript.appendItem(item);
  const toHistory = (item: ShownItem) => recorder?.add(item);
  for (const kind of ['text', 'display', 'explanation'] as const) {
    subscribe(kind, toScreen);
    subscribe(kind, toHistory);
  }

  /** Text from the app itself or the learner (an answer, a shell line), through the same sinks. */
  function append(stream: OutputStream, text: string): void {
    if (text) deliver({ kind: 'text', stream, text });
  }

  function say(text: string): void {
    append('system', (transcript.lastLineOpen ? '\n' : '') + text + '\n');
  }

  /** The status line while a script runs; shell lines leave it alone. */
  let liveStatus = false;

  /** Feeds one job's events into the transcript; returns its `done` event. */
  async function consume(events: AsyncIterable<RunEvent>): Promise<Extract<RunEvent, { type: 'done' }>> {
    for await (const event of events) {
      if (event.type === 'output') {
        for (const item of event.items) deliver(item);
        renderer?.schedule();
        activity.emit('output');
      } else if (event.type === 'started') {
        if (liveStatus) setStatus(RUNNING);
      } else if (event.type === 'input-request') {
        renderer?.renderNow();
        setWaitingInput(true);
        if (liveStatus) setStatus(WAITING_INPUT);
        activity.emit('input');
      } else if (event.type === 'done') {
        setWaitingInput(false);
        if (event.status === 'restarted') say(restartMessage(event.restartReason ?? 'crash'));
        // Not renderNow: after a flood that would draw every kept line at once, a visible stall.
        renderer?.flush();
        return event;
      }
    }
    throw new Error('the run ended without a result');
  }

  async function start(
    job: (signal: AbortSignal) => AsyncIterable<RunEvent>,
  ): Promise<Extract<RunEvent, { type: 'done' }>> {
    controller = new AbortController();
    setRunning(true);
    try {
      return await consume(job(controller.signal));
    } finally {
      controller = undefined;
      setRunning(false);
      setWaitingInput(false);
    }
  }

  return {
    running,
    waitingInput,
    status,
    used,
    subscribe,
    activity,
    transcript: () => transcript,

    attachRenderer(r: OutputRenderer): void {
      renderer = r;
      r.reset(transcript);
    },

    /** Runs the project's main file with a fresh transcript. */
    async run(): Promise<void> {
      if (running() || waitingForProject) return;
      if (!projectLoaded) {
        waitingForProject = true;
        setStatus('Waiting for Python to start…');
        try {
          await options.loaded?.catch(() => {}); // a project that could not load: run what there is
        } finally {
          waitingForProject = false;
        }
        if (running()) return;
      }
      const files = workspace.snapshot();
      const entry = workspace.state.main;
      const startedAt = Date.now();
      options.onErrorLocation(null);
      transcript = new Transcript();
      recorder = new TranscriptRecorder();
      renderer?.reset(transcript);
      setUsed(true);
      for (const p of participants) p.begin?.(files);
      activity.emit('run-start');
      performance.mark('run-start');
      // Code from someone else runs only in the sandbox (see runner-client's RunnerZone).
      const zone = zoneFor(workspace.state.foreign);
      const display = participants.find((p) => p.display)?.display?.();
      const explain = options.explain?.() ?? true;
      setStatus(runner.phase === 'ready' && runner.zone === zone ? RUNNING : 'Waiting for Python to start…');
      liveStatus = true;
      let done: Extract<RunEvent, { type: 'done' }>;
      try {
        done = await start((signal) => runner.run(files, entry, signal, zone, { display, explain }));
      } finally {
        liveStatus = false;
        for (const p of participants) p.end?.();
      }
      setStatus(statusText(done));
      if (done.error?.location) options.onErrorLocation(done.error.location);
      if (done.written?.length) await workspace.applyRunWrites(done.written);
      const { items, omittedChars } = recorder.result();
      recorder = undefined;
      // The public contract: run-end only once the Output region shows the run's whole output. The renderer
      // draws within a per-frame budget, so a run can end a few frames before its last lines are on screen.
      await Promise.all([renderer?.whenDrawn(), ...participants.map((p) => p.whenPainted?.())]);
      performance.mark('run-end', {
        detail: { status: done.status, workerMs: done.durationMs, restartReason: done.restartReason },
      });
      // Kept once drawn: hashing and the IndexedDB transaction would otherwise compete with the last frame.
      const kept = (await Promise.all(participants.map((p) => p.keep?.() ?? []))).flat();
      for (const item of kept) items.push(item);
      void options.history.record({
        entry,
        files: files.map((f) => ({ path: f.name, content: f.content })),
        startedAt,
        durationMs: done.durationMs,
        status: done.status,
        errorType: done.error?.type,
        items,
        omittedChars,
      });
    },

    /** Runs one line at the shell prompt, appending to the current transcript. */
    async shell(code: string): Promise<void> {
      if (running()) return;
      setUsed(true);
      append('stdin', `>>> ${code}\n`);
      renderer?.renderNow();
      const done = await start((signal) => runner.shell(code, signal, { explain: options.explain?.() ?? true }));
      if (done.status === 'restarted') setStatus(statusText(done));
    },

    /** Answers the input() the program waits in; the answer stays in the transcript. */
    answer(line: string): void {
      if (!waitingInput()) return;
      setWaitingInput(false);
      append('stdin', line + '\n');
      renderer?.renderNow();
      runner.sendInput(line);
      if (liveStatus) setStatus(RUNNING);
    },

    /** Stops the running job; false if nothing was running. */
    stop(): boolean {
      if (!controller) return false;
      controller.abort();
      return true;
    },

    clear(): void {
      if (running()) return;
      transcript = new Transcript();
      recorder = undefined;
      renderer?.reset(transcript);
      setStatus('');
      setUsed(false);
    },
  };
}

export type RunSession = ReturnType<typeof createRunSession>;
