// The synchronous bridge for a Python worker without SharedArrayBuffer: it
// blocks on a synchronous request that this service worker answers late, once
// the page hands over the learner's answer to input() (or once a sleep is over).
/// <reference lib="webworker" />
import {
  BRIDGE_CANCELLED,
  BRIDGE_INPUT_PATH,
  BRIDGE_NOTHING_YET,
  BRIDGE_POLL_MS,
  BRIDGE_SLEEP_PATH,
} from '../src/offline/sw-protocol.ts';

declare const self: ServiceWorkerGlobalScope;

/** Answers that arrived before the worker asked (null: cancelled), and workers waiting for one. */
const answers = new Map<string, string | null>();
const waiting = new Map<string, (line: string | null) => void>();

/** The page's answer (or null for Stop) to the input() waiting on `channel`. */
export function answerInput(channel: string, line: string | null): void {
  const resolve = waiting.get(channel);
  if (resolve) {
    waiting.delete(channel);
    resolve(line);
  } else answers.set(channel, line);
}

async function input(channel: string): Promise<Response> {
  let line: string | null | undefined;
  if (answers.has(channel)) {
    line = answers.get(channel);
    answers.delete(channel);
  } else {
    // No answer yet: hold the request, up to a limit after which the worker simply asks again.
    line = await new Promise<string | null | undefined>((resolve) => {
      waiting.set(channel, resolve);
      setTimeout(() => {
        if (waiting.get(channel) !== resolve) return;
        waiting.delete(channel);
        resolve(undefined);
      }, BRIDGE_POLL_MS);
    });
  }
  if (line === undefined) return new Response(null, { status: BRIDGE_NOTHING_YET });
  if (line === null) return new Response(null, { status: BRIDGE_CANCELLED });
  return new Response(line, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

async function sleep(ms: number): Promise<Response> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(ms, BRIDGE_POLL_MS))));
  return new Response(null, { status: 204 });
}

/** Answers the bridge's requests; everything else passes by. */
export function handleBridge(event: FetchEvent): void {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope).pathname;
  if (url.pathname === scope + BRIDGE_INPUT_PATH) event.respondWith(input(url.searchParams.get('channel') ?? ''));
  else if (url.pathname === scope + BRIDGE_SLEEP_PATH) event.respondWith(sleep(Number(url.searchParams.get('ms'))));
}
