// The script of the sandboxed frame Python runs in (see frame-host.ts). It
// starts the worker from the script the page hands over, makes the shared
// memory (only something in the frame's own agent cluster can share memory
// with its worker), and acts on the page's Stop, events and acknowledgements.
// It accepts one message from its parent window, and nothing from the worker.
import { createSharedBuffer, sharedChannel, sharedViews } from '../shared-channel.ts';
import type { FrameBoot, FromFrame, ToFrame, ToWorkerFromFrame } from './frame-protocol.ts';

function boot(event: MessageEvent<FrameBoot>): void {
  if (event.source !== parent || event.data?.type !== 'boot') return;
  removeEventListener('message', boot);
  const { worker: source, port, control } = event.data;
  const shared = crossOriginIsolated && typeof SharedArrayBuffer === 'function' ? createSharedBuffer() : undefined;
  const channel = shared ? sharedChannel(sharedViews(shared)) : undefined;
  const script = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  // A classic worker: a module worker from a blob cannot start in an opaque origin (its script is fetched in
  // CORS mode, which a "null" origin fails). The worker's bundle has no static imports, so it loads as either.
  const worker = new Worker(script, { name: 'python' });
  const tell = (message: FromFrame) => control.postMessage(message);
  worker.onerror = (error) => {
    error.preventDefault();
    tell({ type: 'worker-error', message: error.message || 'the Python worker could not start' });
  };
  const connect: ToWorkerFromFrame = { type: 'connect', port, shared };
  worker.postMessage(connect, [port]);
  control.onmessage = ({ data }: MessageEvent<ToFrame>) => {
    if (!channel) return;
    switch (data?.op) {
      case 'interrupt':
        return channel.interrupt();
      case 'reset':
        return channel.reset();
      case 'event':
        return void channel.post(data.kind, data.payload);
      case 'ack':
        return channel.ack();
      case 'poll':
        return channel.pollFlush(data.ms);
    }
  };
}

addEventListener('message', boot);
