// A worker in the sandboxed frame has no network (the frame's policy allows
// none): every file it needs, the Python runtime's included, and every request
// a program makes is asked of the page, which decides (see frame-host.ts).
// This stands in for `fetch` there, so Pyodide and a program's `js.fetch` or
// `pyodide.http.pyfetch` work unchanged when the page says yes.
import type { FetchedResponse, FromWorker } from '../runner/protocol.ts';

type Post = (message: FromWorker, transfer?: Transferable[]) => void;

const waiting = new Map<number, { resolve: (r: Response) => void; reject: (e: Error) => void }>();
let nextId = 1;

async function bodyBytes(body: BodyInit | null | undefined): Promise<Uint8Array | undefined> {
  if (body === undefined || body === null) return undefined;
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** A `fetch` that asks the page through `post`. */
export function pageFetch(post: Post): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input);
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const headers = [...new Headers(init?.headers ?? request?.headers).entries()];
    const body = await bodyBytes(init?.body ?? (request && method !== 'GET' ? await request.arrayBuffer() : null));
    const id = nextId++;
    return new Promise<Response>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      post({ type: 'fetch', id, url, method, headers, body }, body ? [body.buffer as ArrayBuffer] : []);
    });
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
