import { describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../src/shared/errors.js';
import { findBrowser } from '../../src/pdf/browser.js';

const on =
  (...present: string[]) =>
  (file: string) =>
    present.includes(file);
const downloaded = () => '/cache/puppeteer/chrome';
const runnable = () => true;

describe('findBrowser', () => {
  it('takes --browser first, then PUPPETEER_EXECUTABLE_PATH', () => {
    const env = { PUPPETEER_EXECUTABLE_PATH: '/env/chrome' };
    expect(
      findBrowser({ explicit: '/opt/chrome', env, exists: on('/opt/chrome', '/env/chrome'), downloaded, runnable, platform: 'linux' }),
    ).toBe('/opt/chrome');
    expect(findBrowser({ env, exists: on('/env/chrome', '/usr/bin/chromium'), downloaded, runnable, platform: 'linux' })).toBe(
      '/env/chrome',
    );
  });

  it('then Puppeteer’s own download, then the system’s browsers', () => {
    expect(
      findBrowser({ env: {}, exists: on('/cache/puppeteer/chrome', '/usr/bin/chromium'), downloaded, runnable, platform: 'linux' }),
    ).toBe('/cache/puppeteer/chrome');
    expect(
      findBrowser({ env: {}, exists: on('/usr/bin/google-chrome', '/usr/bin/chromium'), downloaded, runnable, platform: 'linux' }),
    ).toBe('/usr/bin/chromium');
  });

  it('does not pass over a named browser that is not there', () => {
    expect(() =>
      findBrowser({
        env: { PUPPETEER_EXECUTABLE_PATH: '/gone' },
        exists: on('/usr/bin/chromium'),
        downloaded,
        runnable,
        platform: 'linux',
      }),
    ).toThrow(/^no browser at \/gone \(named by PUPPETEER_EXECUTABLE_PATH\); install Chromium/);
  });

  it('says in one line how to get one when there is none', () => {
    const find = () => findBrowser({ env: {}, exists: on(), downloaded, runnable, platform: 'linux' });
    expect(find).toThrow(EnvironmentError);
    expect(find).toThrow(
      /^no Chromium or Chrome found; install Chromium \(Debian\/Ubuntu: apt-get install chromium\)[^\n]*PUPPETEER_EXECUTABLE_PATH[^\n]*$/,
    );
  });
});

describe('the browser agenda starts itself', () => {
  it('gets the flags puppeteer.launch would give it, those of the installed Puppeteer', async () => {
    const { default: puppeteer } = await import('puppeteer-core');
    const { puppeteerDefaultArgs } = await import('../../src/pdf/launch.js');
    expect(puppeteerDefaultArgs).toEqual(puppeteer.defaultArgs({ headless: true }).filter((arg) => arg !== 'about:blank'));
  });

  it('with its own after them, the features it disables added to theirs, as puppeteer.launch merges them', async () => {
    const { default: puppeteer } = await import('puppeteer-core');
    const { chromiumArgs } = await import('../../src/pdf/launch.js');
    const { launchArgs } = await import('../../src/pdf/browser.js');
    const args = chromiumArgs(launchArgs);
    expect(args).toEqual(puppeteer.defaultArgs({ headless: true, args: [...launchArgs] }).filter((arg) => arg !== 'about:blank'));
    // Chromium reads the last one alone.
    expect(args.filter((arg) => arg.startsWith('--disable-features='))).toEqual([
      expect.stringMatching(/^--disable-features=Translate,.*,WebUIOmniboxPopup,/),
    ]);
  });
});
