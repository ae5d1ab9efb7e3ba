// The floor, run as its own process: import Puppeteer, launch a fresh Chromium with agenda's flags,
// print the finished HTML files with agenda's print options on as many pages at once as agenda
// would use for them (the `jobs` argument), write the PDFs, close. Nothing of agenda's runs here;
// `npm run bench` times this against `agenda build`.
import { readFileSync, writeFileSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { launchArgs } from '../src/pdf/browser.js';
import { sandboxArgs } from '../src/pdf/sandbox.js';

const [browserPath, jobs, ...pairs] = process.argv.slice(2);
const args = [...sandboxArgs(), ...launchArgs];
const browser = await puppeteer.launch({ executablePath: browserPath, headless: true, pipe: true, args });
let next = 0;

/** One page printing the next file until none is left, as each of agenda's printers does; the first is the tab Chromium starts with. */
async function worker(browser: Browser, first: boolean): Promise<void> {
  const page = (first && (await browser.pages())[0]) || (await browser.newPage());
  await page.setJavaScriptEnabled(false);
  for (let i = next; i < pairs.length; i = next) {
    next += 2;
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- i < pairs.length, in the loop's condition
    await page.setContent(readFileSync(pairs[i]!, 'utf8'), { waitUntil: 'load' });
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- pairs come in twos (HTML, PDF): i + 1 is the PDF of i
    writeFileSync(pairs[i + 1]!, await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true }));
  }
}

await Promise.all(Array.from({ length: Number(jobs) }, (_, i) => worker(browser, i === 0)));
await browser.close();
