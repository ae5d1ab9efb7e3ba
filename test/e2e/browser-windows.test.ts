import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withBrowser, type PageSource } from '../../src/pdf/browser.js';
import { PrintPage } from '../../src/pdf/print.js';
import { browserUrlVariable, startBrowserService, type BrowserService } from '../support/browser-service.js';

/**
 * What Chromium made beside the page a command prints on, by the DevTools protocol's list of every target
 * (Chromium's own pages included): in a running browser, only those of the command's own context.
 */
async function besidesThePage(source: PageSource): Promise<string[]> {
  const browser: Browser = 'browserContexts' in source ? source : source.browser();
  const context = 'browserContexts' in source ? undefined : source.id;
  const session = await browser.target().createCDPSession();
  const seen = new Set<string>();
  // A window makes its own pages as it opens, some of them a moment after the tab: looked for a while.
  for (const until = Date.now() + 2000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 200))) {
    const { targetInfos } = await session.send('Target.getTargets', { filter: [{}] });
    for (const target of targetInfos)
      if ((!context || target.browserContextId === context) && target.url !== 'about:blank') seen.add(`${target.type} ${target.url}`);
  }
  await session.detach();
  return [...seen];
}

const pageAndWhatIsBeside = (source: PageSource) =>
  PrintPage.create(source, { timeoutMs: 30_000 }).then(async (page) => {
    const beside = await besidesThePage(source);
    await page.close();
    return beside;
  });

describe("a command's browser window makes nothing but the page it prints on (launch.ts, browser.ts)", () => {
  // The suite's service where there is one (the flags of the tests' service, test/support/browser-service.ts), else one of this file's own.
  let service: BrowserService | undefined;
  beforeAll(async () => {
    if (!process.env[browserUrlVariable]) service = await startBrowserService();
  });
  afterAll(() => service?.stop());

  // The address bar's suggestions popup (chrome://omnibox-popup.top-chrome), a renderer of its own, was most of
  // what Chromium spent on a command (docs/develop/test-speed.md): no window shows it.
  it('in a browser the command starts', async () => {
    expect(await withBrowser('/usr/bin/chromium', 30_000, pageAndWhatIsBeside)).toEqual([]);
  });

  it("in the command's own context of a running browser", async () => {
    const url = service?.url ?? process.env[browserUrlVariable] ?? '';
    expect(await withBrowser(url, 30_000, pageAndWhatIsBeside)).toEqual([]);
  });
});
