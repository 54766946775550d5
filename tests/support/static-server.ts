// A plain static file server for tests, like any static host: no special
// headers. Tests start and stop it (to go offline), point it at another build
// (updates), and make single files fail (broken deployments).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.whl': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  port: number;
  /** Serve another folder from now on. */
  setRoot(root: string): void;
  /** Answer this path (relative, e.g. `assets/x.js`) with a status instead of the file; undefined to undo. */
  failPath(path: string, status: number | undefined): void;
  /** Paths requested so far (for assertions on what went over the network). */
  requests: string[];
  /** Bytes of file content sent so far. */
  bytesServed(): number;
  /** Extra response headers (e.g. CORS for a stand-in CDN). */
  headers: Record<string, string>;
  /** Limit the speed of every response, in bytes per second (0: unlimited), to watch download progress. */
  setRate(bytesPerSecond: number): void;
  close(): Promise<void>;
}

export async function startStaticServer(root: string, port = 0): Promise<StaticServer> {
  let base = resolve(root);
  const failures = new Map<string, number>();
  const requests: string[] = [];
  const headers: Record<string, string> = {};
  let rate = 0;
  let served = 0;
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    requests.push(path);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const status = failures.get(path);
    if (status) {
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end(`failing on purpose: ${status}`);
      return;
    }
    let file = normalize(join(base, path || 'index.html'));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-cache',
      });
      const stream = createReadStream(file, { highWaterMark: 64 * 1024 });
      stream.on('data', (chunk) => (served += chunk.length));
      if (!rate) stream.pipe(res);
      else stream.pipe(throttle(rate)).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    requests,
    headers,
    setRoot: (next) => (base = resolve(next)),
    setRate: (bytesPerSecond) => (rate = bytesPerSecond),
    bytesServed: () => served,
    failPath: (path, code) => (code ? failures.set(path, code) : failures.delete(path)),
    close: () =>
      new Promise<void>((ok) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => ok());
      }),
  };
}

/** Passes chunks on no faster than `bytesPerSecond`. */
function throttle(bytesPerSecond: number): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      setTimeout(() => done(null, chunk), (chunk.length / bytesPerSecond) * 1000);
    },
  });
}
