import type { BrowserSession } from './browser.js';
import { PrintPage, type PrintOptions } from './print.js';

/**
 * One page of the command's browser, kept for documents printed one after another (a fresh page per
 * document costs more than the document). A page whose print failed is closed and replaced.
 */
export class Printer {
  private page?: PrintPage;

  constructor(
    private readonly session: BrowserSession,
    private readonly options: PrintOptions,
  ) {}

  /** `work` on the page; once more on a new page where Chromium's print failed of itself (isPassingPrintFailure). */
  run<T>(work: (page: PrintPage) => Promise<T>): Promise<T> {
    return this.session.use(async (browser) => {
      for (let attempt = 1; ; attempt++) {
        const page = (this.page ??= await PrintPage.create(browser, this.options));
        try {
          return await work(page);
        } catch (err) {
          this.page = undefined;
          page.abandon();
          if (attempt > 1 || !isPassingPrintFailure(err)) throw err;
        }
      }
    });
  }

  async close(): Promise<void> {
    const page = this.page;
    this.page = undefined;
    await page?.close().catch(() => undefined);
  }
}

/**
 * Chromium's general answer where a print went wrong beside the document: the page's renderer frame went away
 * under it, or the print compositor (a utility process that makes the PDF) failed: a new page prints it. A
 * document that fails so every time fails twice, and the clerk is told.
 */
function isPassingPrintFailure(err: unknown): boolean {
  return err instanceof Error && err.message === 'Protocol error (Page.printToPDF): Printing failed';
}
