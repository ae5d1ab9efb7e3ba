import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file of a published site, by its path in the site ('/'-separated), sorted. */
export function siteFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[])
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
