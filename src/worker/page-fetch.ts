// A worker in the sandboxed frame has no network (the frame's policy allows
// none): every file it needs, the Python runtime's included, and every request
// a program makes is asked of the page, which decides (see frame-host.ts).
// This stands in for `fetch` there, so Pyodide and a program's `js.fetch` or
// `pyodide.http.pyfetch` work unchanged when the page says yes.
import type { FetchedResponse, FromWorker } from '../runner/protocol.ts';

type Post = (message: FromWorker, transfer?: Transferable[]) => void;

const waiting = new Map<number, { resolve: (r: Response) => void; reject: (e: Error) => void }>();
let nextId = 1;

/** The body's bytes now, when it can be had without waiting (nothing, text, bytes, URL parameters). */
function bodyNow(body: BodyInit | null | undefined): Uint8Array | undefined | 'later' {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof URLSearchParams) return new TextEncoder().encode(body.toString());
  if (body instanceof ArrayBuffer) return new Uint8Array(body.slice(0));
  if (ArrayBuffer.isView(body))
    return new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
  return 'later';
}

/**
 * A `fetch` that asks the page through `post`. The request is posted before
 * the call returns when it can be: a program usually goes on running (or
 * waits in input()) without giving the worker's event loop a turn, and the
 * page should hear of the request (and ask the learner) meanwhile.
 */
export function pageFetch(post: Post): typeof fetch {
  const send = (url: string, method: string, headers: [string, string][], body: Uint8Array | undefined) => {
    const id = nextId++;
    return new Promise<Response>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      post({ type: 'fetch', id, url, method, headers, body }, body ? [body.buffer as ArrayBuffer] : []);
    });
  };
  return (input: RequestInfo | URL, init?: RequestInit) => {
    try {
      const request = input instanceof Request ? input : undefined;
      const url = request ? request.url : String(input);
      const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
      const headers = [...new Headers(init?.headers ?? request?.headers).entries()];
      const hasRequestBody = request !== undefined && init?.body === undefined && method !== 'GET' && method !== 'HEAD';
      const body = hasRequestBody ? 'later' : bodyNow(init?.body);
      if (body !== 'later') return send(url, method, headers, body);
      const bytes = hasRequestBody ? request.arrayBuffer() : new Response(init!.body).arrayBuffer();
      return bytes.then((b) => send(url, method, headers, new Uint8Array(b)));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new TypeError(String(error)));
    }
  };
}

/** The page's answer to a request. */
export function fetched(id: number, response: FetchedResponse | undefined, error: string | undefined): void {
  const pending = waiting.get(id);
  if (!pending) return;
  waiting.delete(id);
  if (!response) return pending.reject(new TypeError(error ?? 'the request was refused'));
  const { status, statusText, headers, bytes } = response;
  const empty = status === 204 || status === 205 || status === 304;
  pending.resolve(new Response(empty ? null : bytes, { status, statusText, headers }));
}

/** Imports a module whose text the page hands over (an import by URL would need the network). */
export async function importThroughPage(fetcher: typeof fetch, url: string): Promise<unknown> {
  const response = await fetcher(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const blob = new Blob([await response.arrayBuffer()], { type: 'text/javascript' });
  const blobURL = URL.createObjectURL(blob);
  try {
    return (await import(/* @vite-ignore */ blobURL)) as unknown;
  } finally {
    URL.revokeObjectURL(blobURL);
  }
}
