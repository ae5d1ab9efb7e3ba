import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launchReader } from '../support/reader-browser.js';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/cli.js';
import { sharedExampleSite, sharedRepositorySite } from '../support/shared-build.js';
import { htmlPages } from '../support/site.js';
import { serveFolder } from '../support/static-server.js';
import { exampleRoot } from '../support/examples.js';

// The published site as a reader sees it on a phone (320 CSS px) and in a 1280-pixel window at 400 %
// zoom (the same 320 CSS px, each drawn with 4 device pixels): WCAG 2.1 1.4.10 Reflow. Screenshots of
// every page go to a folder the log names, to look at.

const municipality = (parse(readFileSync(path.join(exampleRoot(), 'eksempel', 'kommune.yaml'), 'utf8')) as { navn: string }).navn;
const sites = { repository: '', example: '' };
const screenshots = tempDir('agenda-site-screens-');
const screens = [
  { name: '320px', viewport: { width: 320, height: 640, deviceScaleFactor: 1 } },
  { name: '1280px-400pct', viewport: { width: 320, height: 256, deviceScaleFactor: 4 } },
];
// Shown: the front page and a meeting's page with every kind of table (facts, time plan, forward plan, attachments).
const shown = new Set(['index.html', 'direktionen/2023-11-22.html']);
const servers: Array<{ origin: string; close: () => Promise<void> }> = [];
let browser: Browser;

beforeAll(async () => {
  // Only read: the sites as published once for the suite (test/support/shared-build.ts).
  const repository = sharedRepositorySite();
  const example = sharedExampleSite();
  for (const { run } of [repository, example]) expect(run.status, run.stderr).toBe(0);
  Object.assign(sites, { repository: repository.out, example: example.out });
  servers.push(await serveFolder(sites.repository), await serveFolder(sites.example));
  browser = await launchReader();
  console.log(`screenshots of the site at 320 px and at 400 % zoom: ${screenshots}`);
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});

interface Layout {
  /** Words of a table whose letters stand on more than one line: "Dag/sord/en", the line breaks as '/'. */
  brokenWords: string[];
  /** Elements that reach past the window's sides outside a scroll container of their own. */
  overflowing: string[];
  tableWords: number;
}

/**
 * Reads the laid-out page: every word of every table's visible text, character by character
 * (Range.getClientRects), must keep its letters on one line, except after a hyphen, a slash or a soft
 * hyphen; and no element may stand outside the window unless inside an element that scrolls.
 */
function readLayout(): Layout {
  const breakAfter = new Set(['-', '‐', '–', '/', '\u00ad']);
  const hidden = (e: Element | null) => e !== null && e.closest('.skjult, [hidden]') !== null;
  const brokenWords: string[] = [];
  let tableWords = 0;
  for (const table of document.querySelectorAll('table')) {
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node as Text;
      if (hidden(text.parentElement)) continue;
      for (const word of text.data.matchAll(/\S+/g)) {
        tableWords++;
        let drawn = '';
        let broken = false;
        let lineTop: number | undefined;
        for (let i = 0; i < word[0].length; i++) {
          const range = document.createRange();
          range.setStart(text, word.index + i);
          range.setEnd(text, word.index + i + 1);
          const rect = range.getBoundingClientRect();
          if (lineTop !== undefined && Math.abs(rect.top - lineTop) > rect.height / 2) {
            drawn += '/';
            broken ||= !breakAfter.has(word[0][i - 1] ?? '');
          }
          lineTop = rect.top;
          drawn += word[0][i];
        }
        if (broken) brokenWords.push(drawn);
      }
    }
  }
  const scrolls = (e: Element) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
  const inScroller = (e: Element) => {
    for (let up = e.parentElement; up && up !== document.body; up = up.parentElement) if (scrolls(up)) return true;
    return false;
  };
  const overflowing = [...document.body.querySelectorAll('*')]
    .filter((e) => !hidden(e) && !e.matches('.spring-over'))
    .filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && (r.right > window.innerWidth + 0.5 || r.left < -0.5) && !inScroller(e);
    })
    .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? '').trim().slice(0, 40)}`);
  return { brokenWords, overflowing, tableWords };
}

/**
 * `file` in `page`, its font loaded. One page a screen goes from file to file, as a reader clicks on: the same site in
 * the same renderer, not a tab (and its renderer) made and closed for each page.
 */
async function show(page: Page, origin: string, file: string): Promise<void> {
  await page.goto(`${origin}/${file}`, { waitUntil: 'load' });
  // The layout and the picture are the house font's: without this the text may still be invisible, its font loading.
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
}

describe('the site on a phone and at 400 % zoom', () => {
  it('breaks no word of a table inside it and reaches past the window nowhere but in a scroll container', async () => {
    const faults: string[] = [];
    let words = 0;
    for (const [name, root] of Object.entries(sites)) {
      const origin = servers[name === 'repository' ? 0 : 1]!.origin;
      for (const screen of screens) {
        const page = await browser.newPage();
        await page.setViewport(screen.viewport);
        for (const file of htmlPages(root)) {
          await show(page, origin, file);
          const shot = path.join(screenshots, `${name}-${file.replace(/\//g, '-')}-${screen.name}.png`);
          // At 400 % the first screen and the first table, 1280 device pixels wide: the whole page would be tens of thousands tall.
          const zoomed = screen.viewport.deviceScaleFactor > 1;
          if (shown.has(file)) await page.screenshot({ path: shot, fullPage: !zoomed });
          if (shown.has(file) && zoomed) await (await page.$('main table'))?.screenshot({ path: shot.replace('.png', '-table.png') });
          const layout = await page.evaluate(readLayout);
          words += layout.tableWords;
          faults.push(...layout.brokenWords.map((w) => `${name} ${file} at ${screen.name}: "${w}" broken`));
          faults.push(...layout.overflowing.map((e) => `${name} ${file} at ${screen.name}: ${e} outside the window`));
        }
        await page.close();
      }
    }
    expect(faults).toEqual([]);
    // The check read the tables: the index's meetings, each meeting's facts and its attachments.
    expect(words).toBeGreaterThan(200);
    console.log(`${words} words of the site's tables read at 320 px and at 400 % zoom: none broken inside, nothing past the window`);
  });
});

describe("the site's name", () => {
  it("is the municipality's (kommune.yaml's navn) in every page's title and header, not a committee's", () => {
    for (const file of htmlPages(sites.repository).filter((f) => !f.startsWith('sbsys/'))) {
      const html = readFileSync(path.join(sites.repository, file), 'utf8');
      expect(/<title>([^<]*)<\/title>/.exec(html)?.[1], file).toMatch(new RegExp(` – ${municipality}$`));
      expect(/<p class="afsender"><a [^>]*>([^<]*)<\/a>/.exec(html)?.[1], file).toBe(`${municipality}: dagsordener og referater`);
    }
  });
});
