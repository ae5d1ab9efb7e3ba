import type { Browser, BrowserContext } from 'puppeteer-core';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { EnvironmentError, messageOf } from '../shared/errors.js';

/** The environment variable that names a running Chromium to print with (docs/install/browser.md). */
export const browserUrlVariable = 'AGENDA_BROWSER_URL';

/** Whether a browser's place is the DevTools address of a running one (ws://…/devtools/browser/…, http://host:port), not a program. */
export function isBrowserUrl(place: string): boolean {
  return /^(wss?|https?):\/\//i.test(place);
}

/** A command's own browser context in a Chromium it did not start, and the connection to that browser. */
export interface Connected {
  browser: Browser;
  context: BrowserContext;
}

/**
 * Connects to a running Chromium and opens a browser context of this command's own: no cookies, cache
 * or storage shared with another command printing there at the same time. The context goes when the
 * command closes it or its connection ends; the browser is never closed. It connects through the
 * function puppeteer.connect is (_connectToBrowser, which loads the WebSocket transport and ws), imported
 * alone: Puppeteer's entry point also loads its launchers (@puppeteer/browsers, semver, proxy-agent:
 * some 60 ms of a build's CPU), which a connection does not use. An internal of puppeteer-core, as
 * launch.ts's are.
 */
export async function connectChromium(url: string, timeoutMs: number): Promise<Connected> {
  let connected: Browser | undefined;
  let givenUp = false;
  const connecting = (async () => {
    const { _connectToBrowser } = await import('puppeteer-core/internal/common/BrowserConnector.js');
    const browserWSEndpoint = url.startsWith('ws') ? url : await webSocketOf(url, timeoutMs);
    // The same default viewport as a browser of its own (launch.ts), so the same layout and bytes.
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- its internal class, declared apart from the public Browser type it implements
    connected = (await _connectToBrowser({ browserWSEndpoint, protocolTimeout: timeoutMs })) as unknown as Browser;
    if (givenUp) await connected.disconnect();
    return { browser: connected, context: await connected.createBrowserContext() };
  })();
  connecting.catch(() => undefined);
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs).unref(),
  );
  try {
    return await Promise.race([connecting, timeout]);
  } catch (err) {
    givenUp = true;
    await connected?.disconnect().catch(() => undefined);
    // A refused WebSocket fails with an event, not an Error.
    const reason = err instanceof Error ? (messageOf(err).split('\n')[0] ?? '') : 'the connection failed';
    throw new EnvironmentError(
      `no browser answers at ${url} (named by ${browserUrlVariable}): ${reason}; start it (docs/install/browser.md) or unset ${browserUrlVariable} to start one per command`,
    );
  }
}

/**
 * The WebSocket address of the browser at http(s)://host:port, read from its /json/version as
 * puppeteer.connect does for a browserURL, but with Node's http: the fetch Puppeteer asks it with
 * loads undici, some 45 ms of CPU of every command.
 */
async function webSocketOf(url: string, timeoutMs: number): Promise<string> {
  const address = new URL('/json/version', url);
  const body = await new Promise<string>((resolve, reject) => {
    const request = (address.protocol === 'https:' ? httpsGet : httpGet)(address, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`${address.href} answered HTTP ${response.statusCode}`));
        return;
      }
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(text)).on('error', reject);
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error('timed out'))).on('error', reject);
  });
  const version: unknown = JSON.parse(body);
  const endpoint =
    typeof version === 'object' && version !== null && 'webSocketDebuggerUrl' in version ? version.webSocketDebuggerUrl : undefined;
  if (typeof endpoint !== 'string') throw new Error(`${address.href} names no webSocketDebuggerUrl`);
  return endpoint;
}

/** Lets go of the browser: this command's context is closed, the connection ended, the browser left running. */
export async function disconnectChromium({ browser, context }: Connected): Promise<void> {
  await context.close().catch(() => undefined);
  await browser.disconnect().catch(() => undefined);
}
