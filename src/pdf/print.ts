/// <reference lib="dom" />
import type { CDPSession, Page } from 'puppeteer-core';
import type { PDFDocument } from '@cantoo/pdf-lib';
import type { HeadingPages, RenderedDocument } from '../shared/printable.js';
import { waitAtMost } from '../shared/wait.js';
import type { PageSource } from './browser.js';
import { guessHeadings } from './layout-guess.js';
import { loadPdf } from './outline.js';

export interface PrintOptions {
  timeoutMs: number;
}

/**
 * A page of the browser to print documents in, one after another: it runs no script and may fetch
 * nothing (a document carries its CSS and fonts inline, so every request is refused), and between
 * prints parts of a document can be replaced without laying out the rest anew.
 */
export class PrintPage {
  /** The CSS and fonts of the document the page holds. */
  private style?: string;
  /** The renderer collecting the garbage of the documents before. */
  private collecting?: Promise<unknown>;
  /** How many documents the page has printed. */
  private documents = 0;

  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly timeoutMs: number,
  ) {}

  static async create(browser: PageSource, { timeoutMs }: PrintOptions): Promise<PrintPage> {
    const page = await unusedPage(browser);
    try {
      page.setDefaultTimeout(timeoutMs);
      page.on('request', (request) => {
        if (request.isInterceptResolutionHandled()) return;
        void (request.url().startsWith('data:') ? request.continue() : request.abort('blockedbyclient'));
      });
      // Laid out for print on screen too, so that a guess of where its headings land (guessHeadings) sees what a print does.
      const [cdp] = await Promise.all([
        page.createCDPSession(),
        page.setJavaScriptEnabled(false),
        page.setRequestInterception(true),
        page.emulateMediaType('print'),
      ]);
      return new PrintPage(page, cdp, timeoutMs);
    } catch (err) {
      await page.close().catch(() => undefined);
      throw err;
    }
  }

  /**
   * Lays out a document, in place of the one before. A page that holds the same CSS and fonts has
   * its body and page-number parts replaced: the fonts are decoded and the CSS parsed once a page.
   */
  async load(doc: RenderedDocument): Promise<void> {
    await this.collecting;
    if (this.style === doc.style) {
      await this.replace('body', doc.body);
      for (const part of doc.numberedParts) await this.replace(part.selector, part.html);
      return;
    }
    this.style = undefined;
    await this.page.setContent(doc.html(), { waitUntil: 'load' });
    this.style = doc.style;
  }

  /** A tagged A4 PDF with an outline, as the page stands now: parsed, and its bytes to read its text from. */
  async print(): Promise<{ doc: PDFDocument; bytes: Uint8Array }> {
    const bytes = await this.page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    return { doc: await loadPdf(bytes), bytes };
  }

  /** Where the headings of the document the page holds would land in a print, guessed without printing (layout-guess.ts). */
  guessHeadings(): Promise<HeadingPages | undefined> {
    return guessHeadings(this.page);
  }

  /**
   * Done with a document: every third, the renderer collects what the bodies and prints before left
   * behind, while this process finishes the PDF; the next load waits for it. Without it a page's
   * renderer grows by some 100 MB over a year of meetings before it collects by itself. After every
   * document, it cost some 60 ms of the renderer's time a document; the year took some 0.8 s longer
   * than collecting every third, for a peak some 10 MB lower (every fourth: 0.3 s less, 20 MB more).
   */
  collectGarbage(): void {
    if (++this.documents % garbageEvery !== 0) return;
    this.collecting = this.cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
  }

  /**
   * Puts `html` in place of the element `selector` matches, by the DevTools protocol's Runtime (the
   * page itself runs no script). Not through its DOM domain: that reports every node of a new body
   * back over the pipe, which took as long again as the replacing and slowed the print after it.
   */
  async replace(selector: string, html: string): Promise<void> {
    if (!(await this.page.evaluate(replaceInPage, selector, html))) throw new Error(`the page has no ${selector} to replace`);
  }

  /** A renderer that no longer answers (stopped, hung) never confirms the close: it is not waited for beyond the timeout. */
  async close(): Promise<void> {
    await waitAtMost(
      this.timeoutMs,
      this.page.close().then(() => true),
      false,
    );
  }

  /**
   * Closes a page whose work failed without waiting: after a timeout its renderer is known not to
   * answer, and waiting again would double the time a hung print keeps the clerk.
   */
  abandon(): void {
    void this.page.close().catch(() => undefined);
  }
}

/** Documents a page prints between the times its renderer is made to collect its garbage. */
const garbageEvery = 3;

/** In the page: puts `html` in place of the element `selector` matches; false where there is none. */
function replaceInPage(selector: string, html: string): boolean {
  const element = document.querySelector(selector);
  if (!element) return false;
  element.outerHTML = html;
  return true;
}

/** Each source's one look for the blank tab it started with, which every later choice waits for. */
const startingTab = new WeakMap<PageSource, Promise<Page | undefined>>();

/**
 * The blank tab the browser starts with, to the first printer that asks (each tab costs a renderer's memory);
 * a new tab to every other. Only the first looks among the browser's pages: a tab being made is listed there
 * before newPage answers, so a printer looking meanwhile took another's tab, and two documents printed on
 * one page. The others wait for that one look alone, not for each other's tabs: a browser that does not
 * answer then keeps a build `--timeout` once, not once a printer.
 */
export async function unusedPage(source: PageSource): Promise<Page> {
  const looked = startingTab.get(source);
  if (looked) await looked.catch(() => undefined);
  else {
    const looking = source.pages().then((pages) => pages.find((page) => page.url() === 'about:blank'));
    startingTab.set(source, looking);
    const blank = await looking;
    if (blank) return blank;
  }
  return untilGone(source, source.newPage());
}

/**
 * `making`, or an error as soon as the browser disconnects: Puppeteer's newPage, where the browser dies just after
 * making the tab, waits 30 s for the tab's target (its waitForTarget does not see the connection end), and the
 * command would tell the user only then (the browser service's test killed it there on a busy machine).
 */
async function untilGone<T>(source: PageSource, making: Promise<T>): Promise<T> {
  const browser = 'browserContexts' in source ? source : source.browser();
  making.catch(() => undefined);
  let stopWatching = () => {};
  const gone = new Promise<never>((_, reject) => {
    const disconnected = () => reject(new Error('the browser disconnected'));
    browser.once('disconnected', disconnected);
    stopWatching = () => browser.off('disconnected', disconnected);
    if (!browser.connected) disconnected();
  });
  try {
    return await Promise.race([making, gone]);
  } finally {
    stopWatching();
  }
}
