import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const fontPackage = '@fontsource/source-sans-3';

/** The house font (Source Sans 3, shipped with the package) comes in subsets: each one's Unicode ranges, by its name. */
export function houseFontSubsets(): Record<string, string> {
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- the font package's table of subsets and their ranges
  return JSON.parse(readFileSync(require.resolve(`${fontPackage}/unicode.json`), 'utf8')) as Record<string, string>;
}

/** The file of one face of the house font in one subset: woff2 for the browser, WOFF (1.0) for a PDF's stamps (pdf/woff.ts). */
export function houseFontFile(subset: string, weight: number, style: string, format: 'woff' | 'woff2' = 'woff2'): string {
  return require.resolve(`${fontPackage}/files/source-sans-3-${subset}-${weight}-${style}.${format}`);
}
