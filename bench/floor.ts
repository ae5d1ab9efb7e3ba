// The floor for one document, run as its own process: import Puppeteer, launch a fresh Chromium with
// agenda's flags, print the finished HTML once with agenda's print options, write the PDF, close.
// Nothing of agenda's runs here; `npm run bench` times this against `agenda build`.
import { readFileSync, writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer';
import { sandboxArgs } from '../src/pdf/sandbox.js';

const [browserPath, ...pairs] = process.argv.slice(2);
const args = [...sandboxArgs(), '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];
const browser = await puppeteer.launch({ executablePath: browserPath, headless: true, pipe: true, args });
const page = await browser.newPage();
await page.setJavaScriptEnabled(false);
for (let i = 0; i < pairs.length; i += 2) {
  await page.setContent(readFileSync(pairs[i]!, 'utf8'), { waitUntil: 'load' });
  writeFileSync(pairs[i + 1]!, await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true }));
}
await browser.close();
