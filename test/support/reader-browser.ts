import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer-core';
import { unseenPopup } from '../../src/pdf/browser.js';

/**
 * A Chromium that reads a site or a preview as a reader's browser does, for the tests that open its pages. Without
 * the address bar's popup page, which its window made in a renderer of its own (some 0.65 s of CPU a browser, its
 * pages' tabs share the window: docs/develop/test-speed.md); puppeteer.launch adds them to its own --disable-features.
 */
export function launchReader(options: LaunchOptions = {}): Promise<Browser> {
  const args = ['--no-sandbox', `--disable-features=${unseenPopup.join(',')}`, ...(options.args ?? [])];
  return puppeteer.launch({ executablePath: '/usr/bin/chromium', ...options, args });
}
