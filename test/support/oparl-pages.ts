import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { siteFiles } from './site.js';

// What the OParl tests read of a published site's open data (test/e2e/oparl.test.ts), and the republish's test of
// an archive of several years, whose list of all meetings has a page a year (test/e2e/republish.test.ts).

type Json = Record<string, unknown>;

/** The address the OParl test publishes with (--url). */
export const url = 'https://moeder.example.dk/kommune/';

export const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/**
 * A reference of the data as a file of the site, resolved as a client resolves it: under --url's
 * address, or relative to the document `from` (a path of the site) that holds it.
 */
export function fileOf(root: string, reference: string, from: string): string {
  const site = 'https://site.invalid/';
  const address = reference.startsWith(url) ? `${site}${reference.slice(url.length)}` : new URL(reference, new URL(from, site)).href;
  expect(address, `${reference} in ${from} is not under the site's address`).toMatch(new RegExp(`^${site}`));
  return path.join(root, decodeURI(new URL(address).pathname));
}

/**
 * The Body's list of meetings, a page a year (OParl's pagination): from its first page by `links.next`,
 * each page linking back (`prev`) and to the first and last, every meeting of the site once, newest first.
 */
export function checkMeetingPages(root: string): number {
  const body = 'data/oparl/body.json';
  const first = fileOf(root, String((readJson(path.join(root, body)) as Json).meeting), body);
  const pages: string[] = [];
  const listed: Array<{ id: string; start: string }> = [];
  for (let page: string | undefined = first; page !== undefined;) {
    expect(pages, `${page}: a page twice`).not.toContain(page);
    pages.push(page);
    const doc = readJson(page) as { data: Array<{ id: string; start: string }>; links: Json; pagination: Json };
    const from = path.relative(root, page);
    const link = (name: string) => {
      const to = doc.links[name];
      return typeof to === 'string' ? fileOf(root, to, from) : undefined;
    };
    expect(doc.pagination, from).toEqual({ currentPage: pages.length, totalPages: expect.any(Number) });
    expect(link('first'), from).toBe(first);
    expect(link('prev'), from).toBe(pages.at(-2));
    listed.push(...doc.data.map((m) => ({ id: fileOf(root, m.id, from), start: m.start })));
    page = link('next');
    if (page === undefined) {
      expect(link('last'), from).toBe(pages.at(-1));
      expect(doc.pagination.totalPages, from).toBe(pages.length);
    }
  }
  const meetings = siteFiles(root).filter((f) => /^data\/[^/]+\/\d{4}-\d\d-\d\d\.json$/.test(f));
  expect(listed.map((m) => m.id).sort()).toEqual(meetings.map((f) => path.join(root, f)).sort());
  const starts = listed.map((m) => Date.parse(m.start));
  expect(starts).toEqual([...starts].sort((a, b) => b - a));
  return pages.length;
}
