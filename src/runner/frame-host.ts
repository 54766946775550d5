// Python in a sandboxed frame: code from anyone cannot touch the learner's work.
//
// Pyodide is not a sandbox: `import js` reaches whatever its realm can. So the
// worker runs inside an <iframe sandbox="allow-scripts" srcdoc=…>: an opaque
// origin, which has no IndexedDB, Cache Storage, localStorage or service
// worker of the app's, cannot script or navigate the page, and whose policy
// (below) allows no network at all. `allow="cross-origin-isolated"` keeps
// SharedArrayBuffer there, so input() and Stop work as on the app's origin.
// The frame can load nothing by URL: the page hands it the scripts, and answers
// every request of the worker (the runtime's files, packages, a program's own
// requests) itself, through `fetch` below, which decides what is allowed.
import frameScriptURL from './frame/frame-main.ts?worker&url';
import type { FrameBoot, FromFrame, ToFrame } from './frame/frame-protocol.ts';
import type { RunnerChannel, RunnerHost } from './host.ts';
import { canShareMemory } from './host.ts';
import { checkFromWorker } from './protocol-check.ts';
import type { FetchedResponse, FromWorker, ToWorker } from './protocol.ts';

export type FetchRequest = Omit<Extract<FromWorker, { type: 'fetch' }>, 'type' | 'id'>;

export interface FrameHostOptions {
  /** The built worker script's URL (read by the page, handed to the frame as text). */
  workerScript: string;
  /** Makes (or refuses, by throwing) a request from Python's side. */
  fetch(request: FetchRequest): Promise<FetchedResponse>;
  /** A message from Python's side did not match the protocol (it was dropped). */
  onRejected?(data: unknown): void;
}

interface Scripts {
  worker: string;
  html: string;
}
let scripts: Promise<Scripts> | undefined;

async function text(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

async function sha256(source: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(source)));
  return btoa(String.fromCharCode(...digest));
}

/**
 * The frame's document: its policy allows only its own script (by hash), the
 * worker and modules it makes from blobs, and compiling WebAssembly; no
 * network, no images, no frames, no forms. Workers made from blobs keep it.
 */
async function frameDocument(frameScript: string): Promise<string> {
  const script = frameScript.replace(/<\/script/gi, '<\\/script');
  const policy = [
    "default-src 'none'",
    `script-src 'sha256-${await sha256(script)}' blob: 'wasm-unsafe-eval'`,
    'worker-src blob:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return (
    `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${policy}">` +
    `<script type="module">${script}</script>`
  );
}

function loadScripts(workerScript: string): Promise<Scripts> {
  scripts ??= Promise.all([text(workerScript), text(frameScriptURL)]).then(async ([worker, frame]) => ({
    worker,
    html: await frameDocument(frame),
  }));
  scripts.catch(() => (scripts = undefined));
  return scripts;
}

export function frameHost(options: FrameHostOptions): RunnerHost {
  const toPython = new MessageChannel();
  const control = new MessageChannel();
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.setAttribute('allow', 'cross-origin-isolated');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.title = 'Python';
  frame.hidden = true;
  let listener: (message: FromWorker) => void = () => {};
  let errorListener: (message: string) => void = () => {};
  let ended = false;

  const answer = (id: number, response?: FetchedResponse, error?: string) => {
    const message: ToWorker = { type: 'fetched', id, response, error };
    toPython.port1.postMessage(message, response ? [response.bytes] : []);
  };
  toPython.port1.onmessage = (event: MessageEvent<unknown>) => {
    if (ended) return;
    const message = checkFromWorker(event.data);
    if (!message) return options.onRejected?.(event.data);
    if (message.type !== 'fetch') return listener(message);
    const { id, ...request } = message;
    options.fetch(request).then(
      (response) => !ended && answer(id, response),
      (error: unknown) => !ended && answer(id, undefined, String((error as Error)?.message ?? error)),
    );
  };
  control.port1.onmessage = ({ data }: MessageEvent<FromFrame>) => {
    if (!ended && data?.type === 'worker-error') errorListener(data.message);
  };

  void loadScripts(options.workerScript).then(
    ({ worker, html }) => {
      if (ended) return;
      frame.addEventListener(
        'load',
        () => {
          const boot: FrameBoot = { type: 'boot', worker, port: toPython.port2, control: control.port2 };
          // An opaque origin has no name to address: '*' is the only target, and the frame checks the source.
          frame.contentWindow?.postMessage(boot, '*', [toPython.port2, control.port2]);
        },
        { once: true },
      );
      frame.srcdoc = html;
      document.body.append(frame);
    },
    (error: unknown) => errorListener(`the Python sandbox could not start (${String(error)})`),
  );

  const send = (message: ToFrame) => control.port1.postMessage(message);
  const channel: RunnerChannel | undefined = canShareMemory()
    ? {
        interrupt: () => send({ op: 'interrupt' }),
        reset: () => send({ op: 'reset' }),
        // The mailbox is the frame's: whether it had room is known there (and counted), not here.
        post: (kind, payload) => (send({ op: 'event', kind, payload }), true),
        ack: () => send({ op: 'ack' }),
        pollFlush: (ms) => send({ op: 'poll', ms }),
      }
    : undefined;

  return {
    post: (message, transfer = []) =>
      toPython.port1.postMessage(message.type === 'init' ? { ...message, fetchThroughPage: true } : message, transfer),
    onMessage: (l) => (listener = l),
    onError: (l) => (errorListener = l),
    terminate: () => {
      ended = true;
      toPython.port1.close();
      control.port1.close();
      // Removing the frame ends its worker, even one stuck in a loop.
      frame.remove();
    },
    channel,
    bridge: false,
    sandboxed: true,
  };
}
