import type { Browser } from 'puppeteer';

export interface PrintOptions {
  timeoutMs: number;
}

/**
 * Prints one self-contained HTML page to a tagged A4 PDF with an outline. The page runs no script and
 * may fetch nothing: the document carries its CSS and fonts inline, so every request is refused.
 */
export async function printPdf(browser: Browser, html: string, { timeoutMs }: PrintOptions): Promise<Uint8Array> {
  const page = await browser.newPage();
  page.setDefaultTimeout(timeoutMs);
  try {
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      void (request.url().startsWith('data:') ? request.continue() : request.abort('blockedbyclient'));
    });
    await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
    return await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: timeoutMs });
  } finally {
    await page.close();
  }
}
