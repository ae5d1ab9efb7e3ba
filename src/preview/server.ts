import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvironmentError } from '../shared/errors.js';

/** Answers one request to a known path; the query is the handler's. */
export type Handler = (request: IncomingMessage, response: ServerResponse, query: URLSearchParams) => void | Promise<void>;

export interface LocalServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  close(): Promise<void>;
}

// Loopback only: the preview shows closed (lukket) content, and nothing of it is for the network.
const loopback = '127.0.0.1';

/**
 * An HTTP server on 127.0.0.1 that answers GET for the paths of `routes` and nothing else. A request
 * whose Host is not the server's own is refused: a web page elsewhere could otherwise point a name of
 * its own at 127.0.0.1 (DNS rebinding) and read the preview from the clerk's browser.
 */
export async function serveLocally(port: number, routes: Record<string, Handler>): Promise<LocalServer> {
  const server = createServer((request, response) => {
    void answer(request, response, routes, ownHosts(server.address() as AddressInfo)).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, loopback, () => resolve());
  }).catch((err: NodeJS.ErrnoException) => {
    throw new EnvironmentError(`cannot serve the preview on ${loopback}:${port}: ${err.code === 'EADDRINUSE' ? 'the port is in use' : err.message}`);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${loopback}:${bound}/`,
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

async function answer(request: IncomingMessage, response: ServerResponse, routes: Record<string, Handler>, hosts: Set<string>): Promise<void> {
  if (!hosts.has((request.headers.host ?? '').toLowerCase())) return refuse(response, 421, 'not this server: the Host header names another');
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'the preview only shows');
  const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
  const handler = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
  if (!handler) return refuse(response, 404, 'not part of the preview');
  await handler(request, response, url.searchParams);
}

function refuse(response: ServerResponse, status: number, reason: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${reason}\n`);
}
