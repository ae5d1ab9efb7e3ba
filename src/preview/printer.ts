import { startBrowser, type BrowserSession } from '../pdf/browser.js';
import type { PrintPage } from '../pdf/print.js';
import { Printer } from '../pdf/printer.js';
import { RenderError } from '../shared/errors.js';

/**
 * A page to print in for as long as the preview runs. A command's browser lives as long as the command,
 * and one that crashes ends it; the preview's lives for hours, so a browser that crashed, hung or was
 * killed is closed (by force, with every process it started) and started again, and the print tried once
 * more on it.
 */
export class LastingPrinter {
  private session: BrowserSession;
  private printer: Printer;
  private closed = false;

  constructor(
    private readonly executablePath: string,
    private readonly timeoutMs: number,
  ) {
    this.session = startBrowser(executablePath, timeoutMs, { closesOnSignal: false });
    this.printer = new Printer(this.session, { timeoutMs });
  }

  async run<T>(work: (page: PrintPage) => Promise<T>): Promise<T> {
    try {
      return await this.printer.run(work);
    } catch (err) {
      // A print cut short by close() (the preview stopping mid-rebuild) is no crash: no new browser then.
      if (this.closed) throw err;
      await this.restart();
      return this.printer.run(work);
    }
  }

  private async restart(): Promise<void> {
    await this.closeSession();
    if (this.closed) throw new RenderError('the preview stopped');
    this.session = startBrowser(this.executablePath, this.timeoutMs, { closesOnSignal: false });
    this.printer = new Printer(this.session, { timeoutMs: this.timeoutMs });
  }

  /** For good: a print under way fails, and none starts a browser again. */
  async close(): Promise<void> {
    this.closed = true;
    await this.closeSession();
  }

  private async closeSession(): Promise<void> {
    await this.printer.close();
    await this.session.close();
  }
}
