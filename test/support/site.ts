import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { errorLines, type CliResult } from './cli.js';
import { markers, spellings } from './markers.js';
import { pdfByteForms } from './pdf.js';

/** Every file of a published site, by its path in the site ('/'-separated), sorted. */
export function siteFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(path.join(root, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

export const htmlPages = (root: string) => siteFiles(root).filter((f) => f.endsWith('.html'));

/** The site's files and their bytes, to compare two publications. */
export function siteBytes(root: string): Map<string, Buffer> {
  return new Map(siteFiles(root).map((f) => [f, readFileSync(path.join(root, f))]));
}

/** Each file's modification time, to see which files a publication rewrote. */
export function siteTimes(root: string): Map<string, number> {
  return new Map(siteFiles(root).map((f) => [f, statSync(path.join(root, f)).mtimeMs]));
}

/**
 * Every form of a site's file a reader may get at: a PDF's bytes (raw and uncompressed, pdfByteForms), a
 * Pagefind file unpacked (gzip'd; its index's words lower case, so upper-cased too), the rest as is.
 */
export function readableForms(file: string): string[] {
  if (file.endsWith('.pdf')) return pdfByteForms(file);
  const bytes = readFileSync(file);
  if (!/\.pf_\w+$/.test(file)) return [bytes.toString('latin1'), bytes.toString('utf8')];
  const text = gunzipSync(bytes).toString('utf8');
  return [text, text.toUpperCase()];
}

/**
 * Where the closed fixture's markers (and `extra`) stand in a site: in a file's name, or any form of its
 * bytes (readableForms) in any spelling (spellings); none in a site that keeps closed closed.
 */
export function closedMarkersIn(root: string, extra: string[] = []): string[] {
  const found: string[] = [];
  for (const file of siteFiles(root)) {
    const forms = readableForms(path.join(root, file));
    for (const m of [...markers, ...extra]) {
      if (file.includes(m)) found.push(`${m} in a file name`);
      for (const bytes of forms) for (const s of spellings(m)) if (bytes.includes(s)) found.push(`${m} in ${file} as ${s}`);
    }
  }
  return found;
}

/**
 * A publication refused with `error` among its located errors, no closed marker in what it says, and the
 * site as it was (`before`, siteBytes): every byte, none of them closed (the fixture's markers and `extra`).
 */
export function expectRefusedSiteKept(run: CliResult, error: string, site: string, before: Map<string, Buffer>, extra: string[]): void {
  expect(run.status).toBe(1);
  expect(errorLines(run.stderr)).toContainEqual(error);
  expect(run.stderr).not.toMatch(/XQZSECRET/);
  expect(siteBytes(site)).toEqual(before);
  expect(closedMarkersIn(site, extra)).toEqual([]);
}
