import { Buffer } from 'node:buffer';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvironmentError } from '../shared/errors.js';

/** Answers one request to a known path; the query is the handler's. */
export type Handler = (request: IncomingMessage, response: ServerResponse, query: URLSearchParams) => void | Promise<void>;

export interface LocalServer {
  /** `http://127.0.0.1:PORT/KEY/`: the only address it answers under, KEY secret to whoever started it. */
  url: string;
  close(): Promise<void>;
}

// Loopback only: the preview shows closed (lukket) content, and nothing of it is for the network.
const loopback = '127.0.0.1';

/**
 * An HTTP server on 127.0.0.1 that answers GET for the paths of `routes` under a secret key and nothing
 * else. Every user of the machine can reach 127.0.0.1 (a terminal server is shared by many), so only a
 * request whose path starts with the key, known only from the address printed to the clerk, is served.
 * A request whose Host is not the server's own is refused: a web page elsewhere could otherwise point a
 * name of its own at 127.0.0.1 (DNS rebinding) and read the preview from the clerk's browser. The key
 * is in the path, not in a cookie: a browser sends 127.0.0.1's cookies to every port, another user's too.
 */
export async function serveLocally(port: number, routes: Record<string, Handler>): Promise<LocalServer> {
  const key = randomBytes(32).toString('base64url');
  const server = createServer((request, response) => {
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- a server listening on a TCP port has an AddressInfo (a string only for a pipe)
    void answer(request, response, routes, { hosts: ownHosts(server.address() as AddressInfo), key }).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, loopback, () => resolve());
  }).catch((err: NodeJS.ErrnoException) => {
    throw new EnvironmentError(
      `cannot serve the preview on ${loopback}:${port}: ${err.code === 'EADDRINUSE' ? 'the port is in use' : err.message}`,
    );
  });
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- a server listening on a TCP port has an AddressInfo (a string only for a pipe)
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${loopback}:${bound}/${key}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the event streams stay open otherwise
      }),
  };
}

function ownHosts({ port }: AddressInfo): Set<string> {
  return new Set([`${loopback}:${port}`, `localhost:${port}`]);
}

interface Own {
  hosts: Set<string>;
  key: string;
}

async function answer(request: IncomingMessage, response: ServerResponse, routes: Record<string, Handler>, own: Own): Promise<void> {
  const host = (request.headers.host ?? '').toLowerCase();
  if (!own.hosts.has(host)) return refuse(response, 421, 'not this server: the Host header names another');
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'the preview only shows');
  const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
  const [first, ...rest] = url.pathname.slice(1).split('/');
  if (!sameKey(first ?? '', own.key)) return refuse(response, 403, 'not yours: open the address agenda preview printed, key and all');
  // The page's own files are named relative to the key's folder.
  if (rest.length === 0) return void response.writeHead(308, { location: `/${own.key}/${url.search}` }).end();
  const pathname = `/${rest.join('/')}`;
  const handler = Object.hasOwn(routes, pathname) ? routes[pathname] : undefined;
  if (!handler) return refuse(response, 404, 'not part of the preview');
  await handler(request, response, url.searchParams);
}

/** Compared in constant time, so the time of a refusal tells nothing of how much of a guess was right. */
function sameKey(given: string, key: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(response: ServerResponse, status: number, reason: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${reason}\n`);
}
