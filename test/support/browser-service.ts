import type { ChildProcess } from 'node:child_process';
import { browserUrlVariable } from '../../src/pdf/connect.js';
import { launchArgs } from '../../src/pdf/browser.js';
import { chromiumArgs, killGroup, spawnGuarded } from '../../src/pdf/launch.js';
import { dispose, newBrowserProfile } from '../../src/pdf/profile.js';
import { sandboxArgs } from '../../src/pdf/sandbox.js';

export { browserUrlVariable };

/** A Chromium running as a service (docs/install/browser.md), as a test or the suite starts one. */
export interface BrowserService {
  url: string;
  child: ChildProcess;
  stop(): void;
}

/**
 * Starts Chromium with the flags the product gives its own (launch.ts, browser.ts, sandbox.ts) and a
 * DevTools port of the system's choice, under the product's guard (its whole group dies with this
 * process), and reads the address from what it says on stderr.
 */
export async function startBrowserService(executablePath = '/usr/bin/chromium'): Promise<BrowserService> {
  const sandbox = sandboxArgs();
  // As the product does, once more without the sandbox where a start with it fails (browser.ts).
  return start(executablePath, sandbox).catch((err: unknown) => {
    if (sandbox.length === 0) return start(executablePath, ['--no-sandbox']);
    throw err;
  });
}

function start(executablePath: string, sandbox: string[]): Promise<BrowserService> {
  const profile = newBrowserProfile('agenda-service-');
  const args = [...chromiumArgs([...launchArgs, ...sandbox]), `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'];
  const child = spawnGuarded(executablePath, args, profile);
  const stop = () => {
    killGroup(child);
    dispose(profile);
  };
  return new Promise((resolve, reject) => {
    let said = '';
    const failed = (why: string) => {
      stop();
      reject(new Error(`the browser service did not start: ${why}: ${said.slice(-2000)}`));
    };
    child.once('exit', (code, signal) => failed(`it ended (${signal ?? code})`));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      said += chunk;
      const url = /DevTools listening on (ws:\/\/\S+)/.exec(said)?.[1];
      if (!url) return;
      child.removeAllListeners('exit');
      child.stderr?.removeAllListeners('data').resume();
      resolve({ url, child, stop });
    });
  });
}
