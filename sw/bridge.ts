// The synchronous bridge for a Python worker without SharedArrayBuffer: the
// worker blocks on a synchronous request that this service worker answers
// late, with the next event the page handed over for it (an input() answer,
// later key presses and clicks), or with "nothing yet" when the wait is over
// (which is also how sleep waits). The same mailbox as the shared-memory one,
// one queue per worker.
/// <reference lib="webworker" />
import { BRIDGE_EVENTS_PATH, BRIDGE_NOTHING_YET, BRIDGE_POLL_MS } from '../src/offline/sw-protocol.ts';

declare const self: ServiceWorkerGlobalScope;

interface BridgeEvent {
  kind: string;
  payload: string;
}

/** Most events kept for one worker that does not ask for them (older ones go first). */
const MAX_QUEUED = 1000;
/** Events the page handed over, per worker channel, and the worker's request waiting for one. */
const queues = new Map<string, BridgeEvent[]>();
const waiting = new Map<string, (event: BridgeEvent | undefined) => void>();

/** An event from the page for the worker on `channel`. */
export function queueEvent(channel: string, event: BridgeEvent): void {
  const resolve = waiting.get(channel);
  if (resolve) {
    waiting.delete(channel);
    resolve(event);
    return;
  }
  const queue = queues.get(channel) ?? [];
  queue.push(event);
  if (queue.length > MAX_QUEUED) queue.splice(0, queue.length - MAX_QUEUED);
  queues.set(channel, queue);
}

/** The worker on `channel` is gone. */
export function closeChannel(channel: string): void {
  queues.delete(channel);
  waiting.get(channel)?.(undefined);
  waiting.delete(channel);
}

async function nextEvent(channel: string, wait: number): Promise<Response> {
  let event = queues.get(channel)?.shift();
  if (!event && wait > 0) {
    event = await new Promise<BridgeEvent | undefined>((resolve) => {
      waiting.get(channel)?.(undefined); // an older request from the same worker has been given up
      waiting.set(channel, resolve);
      setTimeout(
        () => {
          if (waiting.get(channel) !== resolve) return;
          waiting.delete(channel);
          resolve(undefined);
        },
        Math.min(wait, BRIDGE_POLL_MS),
      );
    });
  }
  if (!event) return new Response(null, { status: BRIDGE_NOTHING_YET });
  return new Response(JSON.stringify(event), {
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
}

/** Answers the bridge's requests; everything else passes by. */
export function handleBridge(event: FetchEvent): void {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope).pathname;
  if (url.pathname !== scope + BRIDGE_EVENTS_PATH) return;
  const wait = Math.max(0, Number(url.searchParams.get('wait')) || 0);
  event.respondWith(nextEvent(url.searchParams.get('channel') ?? '', wait));
}
