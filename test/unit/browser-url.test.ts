import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/pdf/browser.js';

const on =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);
const url = 'ws://127.0.0.1:9222/devtools/browser/abc';
const search = {
  exists: on('/opt/chrome', '/env/chrome', '/usr/bin/chromium'),
  runnable: () => true,
  downloaded: () => undefined,
  platform: 'linux',
};

describe('AGENDA_BROWSER_URL among the places of a browser', () => {
  it('comes after --browser and before PUPPETEER_EXECUTABLE_PATH and the usual places', () => {
    const env = { AGENDA_BROWSER_URL: url, PUPPETEER_EXECUTABLE_PATH: '/env/chrome' };
    expect(findBrowser({ ...search, explicit: '/opt/chrome', env })).toBe('/opt/chrome');
    expect(findBrowser({ ...search, env })).toBe(url);
    expect(findBrowser({ ...search, env: { AGENDA_BROWSER_URL: 'http://10.0.0.5:9222' } })).toBe('http://10.0.0.5:9222');
    expect(findBrowser({ ...search, env: {} })).toBe('/usr/bin/chromium');
  });

  it('is a DevTools address, or one clear error', () => {
    expect(() => findBrowser({ ...search, env: { AGENDA_BROWSER_URL: '/usr/bin/chromium' } })).toThrow(
      /^AGENDA_BROWSER_URL is \/usr\/bin\/chromium, not the DevTools address of a running Chromium/,
    );
  });
});
