import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
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
 * Where the closed fixture's markers (and `extra`) stand in a site: in a file's name, its text, or a
 * PDF's bytes in any spelling (pdfByteForms, spellings); none in a site that keeps closed closed.
 */
export function closedMarkersIn(root: string, extra: string[] = []): string[] {
  const found: string[] = [];
  for (const file of siteFiles(root)) {
    const forms = file.endsWith('.pdf') ? pdfByteForms(path.join(root, file)) : [readFileSync(path.join(root, file)).toString('latin1')];
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const m of [...markers, ...extra]) {
      if (file.includes(m)) found.push(`${m} in a file name`);
      for (const bytes of forms) for (const s of spellings(m)) if (bytes.includes(s)) found.push(`${m} in ${file} as ${s}`);
      if (text.includes(m)) found.push(`${m} in ${file}`);
    }
  }
  return found;
}
