// What a sandboxed Python may fetch through the page (see frame-host.ts): the
// runtime's own files and packages, always; anything else only on the
// network, never from the app's own origin, and only when the learner allows
// it (`network`). Requests carry no cookies or credentials.
import type { FetchRequest } from './frame-host.ts';
import type { FetchedResponse } from './protocol.ts';

export interface FetchPolicy {
  /** Absolute URL of the versioned Pyodide folder. */
  indexURL: string;
  /** Base URL packages come from (read for each request: Settings can change it). */
  packageSource: () => string;
  /** Whether a program may make this request; may ask the learner first. */
  network: (url: URL) => Promise<boolean>;
}

/** Why a program's request did not go out (it reaches the program as the request's error). */
export class RequestRefused extends Error {}

/** The runtime's own files, besides the packages the lock file names. */
const RUNTIME_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

/** Every file name the runtime may ask for: its own files and each package's (from the lock file). */
async function runtimeFileNames(indexURL: string): Promise<Set<string>> {
  const names = new Set(RUNTIME_FILES);
  const response = await fetch(indexURL + 'pyodide-lock.json');
  if (!response.ok) return names;
  const lock = (await response.json()) as { packages?: Record<string, { file_name?: unknown }> };
  for (const entry of Object.values(lock.packages ?? {})) {
    if (typeof entry.file_name === 'string') names.add(entry.file_name);
  }
  return names;
}

export function policyFetch(policy: FetchPolicy): (request: FetchRequest) => Promise<FetchedResponse> {
  let runtimeNames: Promise<Set<string>> | undefined;
  /** Whether `url` is exactly one of the runtime's files, in the Pyodide folder or the package source. */
  const isRuntimeFile = async (url: URL): Promise<boolean> => {
    const base = [policy.indexURL, policy.packageSource()].find((b) => b && url.href.startsWith(b));
    if (!base || url.search || url.hash) return false;
    runtimeNames ??= runtimeFileNames(policy.indexURL).catch(() => new Set(RUNTIME_FILES));
    return (await runtimeNames).has(url.href.slice(base.length));
  };
  return async ({ url: address, method, headers, body }) => {
    let url: URL;
    try {
      // No relative addresses: a sandboxed program has no address of its own to resolve them against.
      url = new URL(address);
    } catch {
      throw new RequestRefused(`${address} is not a full web address`);
    }
    const runtime = method === 'GET' && (await isRuntimeFile(url));
    if (!runtime) {
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new RequestRefused(`only http and https addresses can be fetched, not ${url.protocol}`);
      }
      if (url.origin === location.origin) throw new RequestRefused('a program cannot make requests to the app itself');
      if (!(await policy.network(url))) {
        throw new RequestRefused(`this program may not use the network (it asked for ${url.host})`);
      }
    }
    const response = await fetch(url, {
      method,
      headers: runtime ? undefined : headers,
      body: body as BodyInit | undefined,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    return {
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers.entries()],
      bytes: await response.arrayBuffer(),
    };
  };
}
