// A CouchDB-compatible server on loopback for tests (express-pouchdb over PouchDB's memory adapter): what class
// sync talks to, with no CouchDB installed. Its data lives in this process, so stopping and restarting it is what
// clients see as the class database going away and coming back. Plain Node ESM (no test runner's imports), so
// Playwright tests can start it too.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';

// These packages are CommonJS and mostly untyped: loaded through require, typed here as far as tests use them.
const require = createRequire(import.meta.url);

type Handler = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * PouchDB for Node with what class sync needs (memory storage, HTTP, replication, views): the constructor the
 * tests hand to `startClassSync` in place of the browser's.
 */
export function nodePouchDB(): PouchDB.Static {
  // Plugins change the one PouchDB class of the process, and refuse to be added twice.
  nodePouchDBClass ??= (require('pouchdb-core') as PouchDB.Static)
    .plugin(require('pouchdb-adapter-memory'))
    .plugin(require('pouchdb-adapter-http'))
    .plugin(require('pouchdb-replication'))
    .plugin(require('pouchdb-mapreduce'));
  return nodePouchDBClass;
}
let nodePouchDBClass: PouchDB.Static | undefined;

export interface CouchServer {
  /** The server's address, e.g. `http://127.0.0.1:5984` (no trailing slash): add `/<database>`. */
  url: string;
  port: number;
  /** Closes the listener and every open connection (live changes feeds hold theirs open). */
  stop(): Promise<void>;
  /** Listens again on the same port, with the same data. */
  restart(): Promise<void>;
}

/**
 * Answers CORS for any origin, with credentials, preflight included: the app (on another port, or a `file:`
 * page) is a cross-origin client of the class database, as a real CouchDB with CORS enabled lets it be.
 */
const cors: Handler = (req, res, next) => {
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Type, Cache-Control, ETag, Server, X-Couch-Request-ID');
  }
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST, HEAD, DELETE, COPY, OPTIONS');
    res.setHeader(
      'Access-Control-Allow-Headers',
      req.headers['access-control-request-headers'] ?? 'Accept, Authorization, Content-Type, Origin, Referer',
    );
    res.setHeader('Access-Control-Max-Age', '600');
    res.writeHead(204).end();
    return;
  }
  next();
};

/** Starts the server on 127.0.0.1 (`port` 0 or absent: any free port). */
export async function startCouch(options: { port?: number } = {}): Promise<CouchServer> {
  const express = require('express') as () => Handler & { use(handler: Handler): void };
  const expressPouchDB = require('express-pouchdb') as (
    PouchDB: ReturnType<PouchDB.Static['defaults']>,
    options: { mode: string; inMemoryConfig?: boolean },
  ) => Handler;
  // Each server's databases under a prefix of their own: the memory adapter keeps every database of the process
  // in one store, and the clients of the same test use it too.
  const ServerPouchDB = nodePouchDB().defaults({
    prefix: `couch-${randomUUID()}/`,
  } as PouchDB.Configuration.DatabaseConfiguration);
  const app = express();
  app.use(cors);
  // The routes replication needs, with no config or log file written to disk.
  app.use(expressPouchDB(ServerPouchDB, { mode: 'minimumForPouchDB', inMemoryConfig: true }));

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => app(req, res, () => res.writeHead(404).end()));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });

  const port = await listen(options.port ?? 0);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      if (!server.listening) return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await closed;
    },
    async restart() {
      if (server.listening) return;
      await listen(port);
    },
  };
}
