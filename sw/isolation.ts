// Cross-origin isolation from the service worker: the headers any static host
// leaves out, and the page shown when the offline copy cannot serve the app.
/// <reference lib="webworker" />
import { ISOLATION_OFF_PARAM } from '../src/offline/sw-protocol.ts';

/** The headers that make the page (and its worker) cross-origin isolated. */
export function withIsolationHeaders(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Only navigations and worker scripts get the headers: re-wrapping every
 * response (the wasm too) defeats streaming compilation and the code cache.
 * `?isolation=off` on the page's address leaves them out (to test the fallback).
 */
export function needsIsolation(request: Request): boolean {
  if (request.destination === 'worker' || request.destination === 'sharedworker') return true;
  if (request.mode !== 'navigate') return false;
  return new URL(request.url).searchParams.get(ISOLATION_OFF_PARAM) !== 'off';
}

/** Shown only when the offline copy is damaged and the network is out of reach: never a blank page. */
export function repairPage(): Response {
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Python Playground needs repair</title>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5">
<h1>The offline copy needs repair</h1>
<p>Part of Python Playground's offline copy is missing from this device, and the network cannot be reached to fetch it again.</p>
<p>Connect to the internet, then <button onclick="location.reload()">Reload</button>. Your saved work is kept on this device.</p>
</body></html>`;
  return withIsolationHeaders(
    new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
  );
}
