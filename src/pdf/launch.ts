import { spawn, type ChildProcess } from 'node:child_process';
import type { Browser } from 'puppeteer-core';
import { browserEnvironment } from './browser-env.js';
import { outputRead, waitAtMost } from '../shared/wait.js';
import { dispose, newBrowserProfile } from './profile.js';

/**
 * The flags puppeteer.launch gives a headless Chromium (puppeteer-core 24's defaultArgs, without the
 * page to open): test/unit/browser.test.ts keeps them equal to the installed version's.
 */
export const puppeteerDefaultArgs = [
  '--allow-pre-commit-input',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--enable-automation',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--enable-features=PdfOopif',
  '--headless=new',
  '--hide-scrollbars',
  '--mute-audio',
  '--disable-extensions',
];

/**
 * Puppeteer's flags with `args` after them, as puppeteer.launch gives them: the features `args` disable are
 * added to the defaults' list, since Chromium reads only the last `--disable-features`. For a browser of the
 * command's own and for a service started with the same flags (the tests' one).
 */
export function chromiumArgs(args: string[]): string[] {
  const disable = '--disable-features=';
  const disabled = args.filter((arg) => arg.startsWith(disable)).map((arg) => arg.slice(disable.length));
  const merged = (arg: string) => (arg.startsWith(disable) ? [arg, ...disabled].join(',') : arg);
  return [...puppeteerDefaultArgs.map(merged), ...args.filter((arg) => !arg.startsWith(disable))];
}

/** A Chromium of this process: the browser, its process, and the profile folder it was given. */
export interface Launched {
  browser: Browser;
  child: ChildProcess;
  profile: string;
}

/**
 * Starts Chromium, then loads Puppeteer and connects to it over the child's pipe, as
 * puppeteer.launch does, but in the other order: loading Puppeteer (some 300 files) took 150 ms of
 * a cold build before the browser could begin starting, and the browser's start is what a cold
 * build waits for. The profile is a fresh folder, removed when the browser is done (`dispose`).
 *
 * It connects as puppeteer.connect does with a transport and the CDP protocol, through the same
 * function (_connectToCdpBrowser), which it imports alone: puppeteer-core's entry point also loads
 * its launchers, and with them @puppeteer/browsers, semver and ws (some 90 files, 150 ms of CPU),
 * none of which a connection over a pipe uses. An internal of puppeteer-core, as PipeTransport is:
 * every end-to-end test connects through it.
 */
export async function launchChromium(executablePath: string, args: string[], timeoutMs: number): Promise<Launched> {
  const profile = newBrowserProfile();
  const browserArgs = [...chromiumArgs(args), `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'];
  const child = spawnGuarded(executablePath, browserArgs, profile);
  let said = '';
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- spawned with stderr piped (spawnGuarded)
  child.stderr!.on('data', (chunk: Buffer) => (said = (said + chunk.toString()).slice(-4000)));
  const ended = new Promise<never>((_, reject) => {
    child.once('error', reject);
    // What it said last is read once its pipe closes (outputRead), its group killed first: a helper it started may hold it.
    child.once('exit', (code, signal) => {
      killGroup(child);
      void outputRead(child, endGraceMs / 2).then(() =>
        reject(new Error(`Failed to launch the browser process (it ended: ${signal ?? `code ${code}`}): ${lastLines(said)}`)),
      );
    });
  });
  ended.catch(() => undefined);
  let givenUp = false;
  try {
    const connecting = (async () => {
      const [{ _connectToCdpBrowser }, { PipeTransport }] = await Promise.all([
        import('puppeteer-core/internal/cdp/BrowserConnector.js'),
        import('puppeteer-core/internal/node/PipeTransport.js'),
      ]);
      if (givenUp) throw new Error('the browser ended before Puppeteer was loaded');
      // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- file descriptors 3 and 4 are the pipes spawnGuarded opened for the DevTools protocol
      const transport = new PipeTransport(child.stdio[3] as NodeJS.WritableStream, child.stdio[4] as NodeJS.ReadableStream);
      // Its internal class, declared apart from the public Browser type it implements.
      // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- its internal class, declared apart from the public Browser type it implements
      const browser = (await _connectToCdpBrowser(transport, '', { protocolTimeout: timeoutMs })) as unknown as Browser;
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- TargetType.PAGE is 'page'; importing the enum would load puppeteer-core's entry, which this file avoids
      await browser.waitForTarget((t) => t.type() === 'page', { timeout: timeoutMs });
      return browser;
    })();
    connecting.catch(() => undefined);
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), timeoutMs).unref(),
    );
    return { browser: await Promise.race([connecting, ended, timeout]), child, profile };
  } catch (err) {
    givenUp = true;
    // A browser that ends at its start closes its pipe a moment before its exit is seen: the connection's
    // "Target closed" says nothing, what the browser said as it ended does (`ended`).
    const why = await waitAtMost(
      endGraceMs,
      ended.catch((end: unknown) => end),
      err,
    );
    killGroup(child);
    // A connection still waiting for the browser's first answer has a timer of protocolTimeout:
    // closing its pipe ends it, or the command would wait that long after a start that failed.
    for (const stream of child.stdio) stream?.destroy();
    dispose(profile);
    throw why;
  }
}

/** How long a browser whose connection failed at its start is given to be seen to end. */
const endGraceMs = 500;

/**
 * Chromium leaves when its DevTools pipe closes, but only once it reads it: killed with SIGKILL, this
 * process left a browser that was still starting, busy or hung (a renderer stopped) running for
 * seconds, or for good. So on Linux and macOS it is started by a guard, a shell that runs Chromium in
 * its own process group (`exec`, so the browser keeps the guard's process id, its exit code, its
 * group) and, beside it, waits for the end of a pipe from this process, fd 5: once this process is
 * gone, however it ended, that read ends and the whole group is killed at once. The waiting shell
 * lets go of the browser's other pipes, or a browser that crashed would not be seen to close them.
 */
const guard = '(read _ <&5; kill -9 0) 2>/dev/null 3>&- 4>&- &\nexec "$@" 5<&-';

/**
 * Chromium, in its own process group (killed whole: browser.ts), under the guard, given only the
 * environment it needs. Its temporary folder is its profile's (on Linux: macOS's Chromium reads no TMPDIR):
 * what it makes there (a folder for its singleton socket, which it removes only on an orderly shutdown it
 * never gets) goes with the profile.
 */
export function spawnGuarded(executablePath: string, args: string[], profile: string): ChildProcess {
  const env = { ...browserEnvironment(process.env), TMPDIR: profile };
  if (process.platform === 'win32') return spawn(executablePath, args, { env, stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  const guarded = ['-c', guard, 'agenda-browser-guard', executablePath, ...args];
  return spawn('/bin/sh', guarded, { env, detached: true, stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe', 'pipe'] });
}

/** Kills the browser and every process it started (its process group); quietly, if they are gone. */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}

function lastLines(text: string): string {
  const lines = text.trim().split('\n');
  // Chromium's reason to stop (its FATAL line, without its log prefix) comes before what its crash handler says after it.
  const fatal = lines.find((line) => line.includes(':FATAL:'));
  if (fatal) return fatal.replace(/^\[[^\]]*\]\s*/, '');
  return lines.slice(-3).join(' ').trim() || 'it said nothing';
}
