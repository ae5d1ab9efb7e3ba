import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { browserUrlVariable, startBrowserService } from './browser-service.js';

/** A running Chromium behind an address that counts the commands that use it. */
export interface CountedBrowser {
  /** The address to name in AGENDA_BROWSER_URL (http://127.0.0.1:PORT). */
  url: string;
  /** How many times a command asked for the browser. */
  uses(): number;
  close(): Promise<void>;
}

/**
 * The suite's Chromium (or, without it, one of this test's own) behind an address of the form http://host:port: a
 * command asks such an address for the browser's WebSocket (/json/version, src/pdf/connect.ts) once, when it is about
 * to print, so the count is how many commands used a browser, as a wrapper script counts how many started one, without
 * a browser started and a process loaded for each command (a test whose subject is whether a command needs a browser,
 * not how it starts one).
 */
export async function countedBrowser(): Promise<CountedBrowser> {
  const own = process.env[browserUrlVariable] ? undefined : await startBrowserService();
  const webSocket = own?.url ?? process.env[browserUrlVariable];
  let uses = 0;
  const server = createServer((request, response) => {
    if (request.url !== '/json/version') return void response.writeHead(404).end();
    uses++;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ webSocketDebuggerUrl: webSocket }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    uses: () => uses,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      own?.stop();
    },
  };
}
