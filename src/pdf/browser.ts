import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer';
import { EnvironmentError } from '../errors.js';

/** Flags for a headless print in a locked-down, offline sandbox: nothing phones home, nothing waits on a GPU. */
const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Where browsers usually live, after the explicit settings and Puppeteer's own download. */
const systemPaths: Record<string, string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'],
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
  /** Where Puppeteer's own download would be. */
  downloaded?: () => string | undefined;
}

/** The browser to print with, found the way users expect; one clear error when there is none. */
export function findBrowser(search: BrowserSearch = {}): string {
  const { env = process.env, platform = process.platform, exists = existsSync, downloaded = puppeteerDownload } = search;
  const named = search.explicit ? { path: search.explicit, by: '--browser' } : env.PUPPETEER_EXECUTABLE_PATH ? { path: env.PUPPETEER_EXECUTABLE_PATH, by: 'PUPPETEER_EXECUTABLE_PATH' } : undefined;
  if (named) {
    if (exists(named.path)) return named.path;
    throw new EnvironmentError(`no browser at ${named.path} (named by ${named.by}); ${howToGetABrowser}`);
  }
  const found = [downloaded(), ...(systemPaths[platform] ?? [])].find((p) => p !== undefined && exists(p));
  if (found) return found;
  throw new EnvironmentError(`no Chromium or Chrome found; ${howToGetABrowser}`);
}

function puppeteerDownload(): string | undefined {
  try {
    return puppeteer.executablePath();
  } catch {
    return undefined;
  }
}

/** One browser for a whole command; every document it prints opens a page of its own. */
export async function launchBrowser(executablePath: string, timeoutMs: number): Promise<Browser> {
  try {
    return await puppeteer.launch({ executablePath, headless: true, args: launchArgs, timeout: timeoutMs, protocolTimeout: timeoutMs });
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0];
    throw new EnvironmentError(`the browser at ${executablePath} did not start: ${reason}`);
  }
}
