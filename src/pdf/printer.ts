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

  run<T>(work: (page: PrintPage) => Promise<T>): Promise<T> {
    return this.session.use(async (browser) => {
      const page = (this.page ??= await PrintPage.create(browser, this.options));
      try {
        return await work(page);
      } catch (err) {
        this.page = undefined;
        page.abandon();
        throw err;
      }
    });
  }

  async close(): Promise<void> {
    const page = this.page;
    this.page = undefined;
    await page?.close().catch(() => undefined);
  }
}
