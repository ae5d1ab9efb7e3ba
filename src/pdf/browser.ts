import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
// puppeteer-core, not puppeteer: on being imported, puppeteer looks for a configuration in the
// working folder and above (.puppeteerrc, .puppeteerrc.js and more, package.json) and runs the
// one it finds, so a file the committee never named would steer, or run code in, every build.
// It is loaded only once the browser is starting (launch.ts).
import type { Browser, BrowserContext } from 'puppeteer-core';
import { AgendaError, EnvironmentError, messageOf, RenderError } from '../shared/errors.js';
import { onEndingSignal } from '../shared/ending-signals.js';
import { waitAtMost } from '../shared/wait.js';
import { browserUrlVariable, connectChromium, disconnectChromium, isBrowserUrl } from './connect.js';
import { killGroup, launchChromium, type Launched } from './launch.js';
import { dispose } from './profile.js';
import { isSandboxFailure, sandboxArgs } from './sandbox.js';

type Revisions = typeof import('puppeteer-core/internal/revisions.js');

/**
 * Each window (a command's context in a running browser, a started browser's first tab) made the address bar's
 * suggestions popup, a page of Chromium's own (chrome://omnibox-popup.top-chrome) in a renderer of its own, for a
 * window no one sees: two thirds of what a command cost a running browser (docs/develop/test-speed.md, Chromium
 * 156). launchArgs disables it, and the spare renderer Chromium starts ahead for a context's next tab: most commands
 * open one tab; where a build prints on more, each makes its renderer as it opens. (The tests' readers'
 * browsers disable the popup too.)
 */
export const unseenPopup = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/**
 * Flags for a headless print in a locked-down, offline browser: nothing waits on a GPU, and nothing
 * phones home. The page fetches nothing (print.ts refuses every request); these stop the browser's
 * own services (updates, sync, safe browsing, metrics, DNS prefetch, the probe of the network) and
 * make every host name resolve to nothing, so a build makes no connection and no DNS lookup at all.
 * The sandbox: see sandbox.ts.
 */
export const launchArgs = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-pings',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-default-apps',
  '--disable-extensions',
  '--metrics-recording-only',
  '--no-default-browser-check',
  '--dns-prefetch-disable',
  '--no-proxy-server',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  `--disable-features=${[...unseenPopup, 'SpareRendererForSitePerProcess'].join(',')}`,
];

/** Where browsers usually live, after the explicit settings and Puppeteer's own download. */
const systemPaths: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe'],
};

export const howToGetABrowser =
  'install Chromium (Debian/Ubuntu: apt-get install chromium) or Chrome (npx puppeteer browsers install chrome), or set PUPPETEER_EXECUTABLE_PATH to one';

export interface BrowserSearch {
  /** A path the user named on the command line. */
  explicit?: string;
  env?: NodeJS.ProcessEnv;
  platform?: string;
  exists?: (file: string) => boolean;
  /** Whether a file is a program this process may run. */
  runnable?: (file: string) => boolean;
  /** Where Puppeteer's own download would be. */
  downloaded?: () => string | undefined;
}

/**
 * The browser to print with, found the way users expect; one clear error when there is none. A
 * program's path, or the DevTools address of a running Chromium (AGENDA_BROWSER_URL, connect.ts):
 * a browser named on the command line wins, then that address, then the programs.
 */
export function findBrowser(search: BrowserSearch = {}): string {
  const {
    env = process.env,
    platform = process.platform,
    exists = existsSync,
    runnable = executable,
    downloaded = puppeteerDownload,
  } = search;
  if (!search.explicit && env[browserUrlVariable]) return runningBrowser(env[browserUrlVariable]);
  const program = search.explicit
    ? { path: search.explicit, by: '--browser' }
    : env.PUPPETEER_EXECUTABLE_PATH
      ? { path: env.PUPPETEER_EXECUTABLE_PATH, by: 'PUPPETEER_EXECUTABLE_PATH' }
      : undefined;
  if (program) {
    if (!exists(program.path)) throw new EnvironmentError(`no browser at ${program.path} (named by ${program.by}); ${howToGetABrowser}`);
    if (!runnable(program.path))
      throw new EnvironmentError(`${program.path} (named by ${program.by}) is not a program that can be run; ${howToGetABrowser}`);
    return program.path;
  }
  const found = [downloaded(), ...(systemPaths[platform] ?? [])].find((p) => p !== undefined && exists(p));
  if (found) return found;
  throw new EnvironmentError(`no Chromium or Chrome found; ${howToGetABrowser}`);
}

function runningBrowser(url: string): string {
  if (isBrowserUrl(url)) return url;
  throw new EnvironmentError(
    `${browserUrlVariable} is ${url}, not the DevTools address of a running Chromium (ws://host:port/devtools/browser/… or http://host:port)`,
  );
}

/** A file this process may run (a folder or a text file is not). */
export function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Where `npx puppeteer browsers install chrome` puts the Chrome of this Puppeteer version (in
 * PUPPETEER_CACHE_DIR, else ~/.cache/puppeteer). The library that knows its layout takes 60 ms to
 * load: it is asked only where such a download exists.
 */
function puppeteerDownload(): string | undefined {
  const cacheDir = process.env.PUPPETEER_CACHE_DIR ?? path.join(homedir(), '.cache', 'puppeteer');
  if (!existsSync(path.join(cacheDir, 'chrome'))) return undefined;
  try {
    const require = createRequire(import.meta.url);
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- require gives any; it is this package
    const { Browser: Installed, computeExecutablePath } = require('@puppeteer/browsers') as typeof import('@puppeteer/browsers');
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- require gives any; it is this module
    const { PUPPETEER_REVISIONS } = require('puppeteer-core/internal/revisions.js') as Revisions;
    return computeExecutablePath({ browser: Installed.CHROME, buildId: PUPPETEER_REVISIONS.chrome, cacheDir });
  } catch {
    return undefined;
  }
}

/** Where a command opens its pages: a browser of its own, or its own context in a running one (connect.ts). */
export type PageSource = Browser | BrowserContext;

/** One browser for a whole command, starting in the background while the command does other work. */
export interface BrowserSession {
  /** Lends the browser, once started, to `work`; a crash or hang becomes one clear error. */
  use<T>(work: (browser: PageSource) => Promise<T>): Promise<T>;
  /** Closes the browser, by force if it hangs, whether or not it was used. */
  close(): Promise<void>;
}

/**
 * By default Ctrl-C kills the browser and ends the process at once (Puppeteer's own handling); a
 * caller that closes down in order on Ctrl-C itself says `closesOnSignal: false`, and must close the session.
 */
export function startBrowser(place: string, timeoutMs: number, { closesOnSignal = true } = {}): BrowserSession {
  const launching = holdBrowser(place, timeoutMs);
  launching.catch(() => undefined); // the failure is told by use(), or does not matter to close()
  const stopOnSignal = closesOnSignal ? killOnSignal(launching) : () => undefined;
  return {
    async use(work) {
      const { browser, pages } = await launching;
      try {
        return await work(pages);
      } catch (err) {
        throw await asBrowserFault(err, browser, timeoutMs);
      }
    },
    async close() {
      stopOnSignal();
      const held = await launching.catch(() => undefined);
      await held?.close();
    },
  };
}

/** A browser the command holds: what it prints in, how it lets go in order, and at once (Ctrl-C). */
interface Held {
  browser: Browser;
  pages: PageSource;
  close(): Promise<void>;
  drop(): Promise<void> | void;
}

/** A browser started for this command, or this command's context in the running one `place` names. */
async function holdBrowser(place: string, timeoutMs: number): Promise<Held> {
  if (isBrowserUrl(place)) {
    const connected = await connectChromium(place, timeoutMs);
    const close = () => disconnectChromium(connected);
    return { browser: connected.browser, pages: connected.context, close, drop: close };
  }
  const launched = await launchBrowser(place, timeoutMs);
  const drop = () => {
    killGroup(launched.child);
    dispose(launched.profile);
  };
  return { browser: launched.browser, pages: launched.browser, close: () => closeBrowser(launched), drop };
}

/**
 * Ctrl-C (or a SIGTERM or SIGHUP) kills the browser and its profile with it (or closes the command's
 * context in a running one, for a moment at most) before the process ends (onEndingSignal). Returns
 * what undoes it.
 */
function killOnSignal(launching: Promise<Held>): () => void {
  let held: Held | undefined;
  void launching.then(
    (h) => (held = h),
    () => undefined,
  );
  return onEndingSignal(() =>
    waitAtMost(
      dropGraceMs,
      Promise.resolve(held?.drop()).then(() => true),
      false,
    ),
  );
}

export async function withBrowser<T>(place: string, timeoutMs: number, work: (browser: PageSource) => Promise<T>): Promise<T> {
  const session = startBrowser(place, timeoutMs);
  try {
    return await session.use(work);
  } finally {
    await session.close();
  }
}

async function launchBrowser(executablePath: string, timeoutMs: number): Promise<Launched> {
  try {
    // The DevTools protocol over the child's own file descriptors, so no port is opened.
    const launch = (sandbox: string[]) => launchChromium(executablePath, [...launchArgs, ...sandbox], timeoutMs);
    const sandbox = sandboxArgs();
    return await launch(sandbox).catch((err: unknown) => {
      if (sandbox.length === 0 && isSandboxFailure(err)) return launch(['--no-sandbox']);
      throw err;
    });
  } catch (err) {
    const reason = isTimeout(err) ? `no answer within ${timeoutMs / 1000} s` : firstLine(err);
    throw new EnvironmentError(`the browser at ${executablePath} did not start: ${reason}`);
  }
}

/** A failure while printing, told in one line: a crash, a hang, or what the browser said. */
async function asBrowserFault(err: unknown, browser: Browser, timeoutMs: number): Promise<unknown> {
  if (err instanceof AgendaError) return err;
  if (!browser.connected) return new RenderError('the browser stopped while printing (it crashed or was killed)');
  if (isTimeout(err)) {
    return new RenderError(`the browser did not finish printing within ${timeoutMs / 1000} s (see --timeout)`);
  }
  // What the browser answered is its fault; anything else is agenda's own (an internal error).
  const { PuppeteerError } = await import('puppeteer-core');
  return err instanceof PuppeteerError ? new RenderError(`printing failed: ${firstLine(err)}`) : err;
}

/**
 * Ends the browser: its whole process group is killed (a renderer that was stopped, SIGSTOP, with
 * the rest), then its profile folder is removed. It is not asked to close first: nothing of it is
 * kept, and its orderly shutdown, writing out a profile that is removed anyway, cost some 0.3 s of
 * CPU of every command.
 */
async function closeBrowser({ child, profile }: Launched): Promise<void> {
  const exited =
    child.exitCode === null && child.signalCode === null
      ? new Promise<true>((resolve) => child.once('exit', () => resolve(true)))
      : Promise.resolve(true);
  killGroup(child);
  await waitAtMost(closeGraceMs, exited, false);
  dispose(profile);
}

const closeGraceMs = 3000;
/** How long Ctrl-C waits for a running browser to close the command's context. */
const dropGraceMs = 1000;

/** Puppeteer's own timeouts, and the DevTools protocol's ("Target.setDiscoverTargets timed out"). */
function isTimeout(err: unknown): boolean {
  return (err instanceof Error && err.name === 'TimeoutError') || /timed out/i.test(firstLine(err));
}

function firstLine(err: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- split() returns at least one string
  return messageOf(err).split('\n')[0]!;
}
