import { startBrowser, type BrowserSession } from '../pdf/browser.js';
import type { PrintPage } from '../pdf/print.js';
import { Printer } from '../pdf/printer.js';

/**
 * A page to print in for as long as the preview runs. A command's browser lives as long as the command,
 * and one that crashes ends it; the preview's lives for hours, so a browser that crashed, hung or was
 * killed is closed (by force, with every process it started) and started again, and the print tried once
 * more on it.
 */
export class LastingPrinter {
  private session: BrowserSession;
  private printer: Printer;

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
    } catch {
      await this.restart();
      return this.printer.run(work);
    }
  }

  private async restart(): Promise<void> {
    await this.close();
    this.session = startBrowser(this.executablePath, this.timeoutMs, { closesOnSignal: false });
    this.printer = new Printer(this.session, { timeoutMs: this.timeoutMs });
  }

  async close(): Promise<void> {
    await this.printer.close();
    await this.session.close();
  }
}
