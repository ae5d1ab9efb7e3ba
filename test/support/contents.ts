import { pdfPages } from './pdf.js';

// A port of shared/tools/toc-check: every contents entry against the number printed where its heading stands.
// One difference: toc-check passes over every line that ends in a number when it looks for a heading
// (so as not to take a contents line for one), and so never finds an item whose title ends in a number
// ("Sundhedspolitik 2013"). Here only a line shaped like a contents entry, title, a gap of spaces or
// dots, then the number, is passed over.

export interface ContentsEntry {
  title: string;
  listed: number;
  printed?: number;
}

const norm = (s: string) =>
  s
    .replace(/\.{2,}/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

function printedNumber(lines: string[]): number | undefined {
  for (const l of lines) {
    const m = /^\s*side\s+(\d+)(\s*(af|\/)\s*\d+)?\s*$/i.exec(l);
    if (m) return Number(m[1]);
  }
  const body = lines.filter((l) => l.trim());
  for (const l of [...body.slice(0, 1), ...body.slice(-1)]) {
    const m = /^\s*(\d+)\s*(\/\s*\d+)?\s*$/.exec(l);
    if (m) return Number(m[1]);
  }
  return undefined;
}

export function contentsEntries(file: string): ContentsEntry[] {
  const pages = pdfPages(file, true).map((p) => p.split('\n').map((l) => l.trimEnd()));
  const start = pages.findIndex((p) => p.some((l) => l.toLowerCase().includes('indholdsfortegnelse')));
  if (start < 0) return [];
  const lines = pages[start]!;
  const entries: Array<{ title: string; listed: number; line: string }> = [];
  for (const l of lines.slice(lines.findIndex((l) => l.toLowerCase().includes('indholdsfortegnelse')) + 1)) {
    const m = /^\s*(\S.*?)[\s.]{2,}(\d+)\s*$/.exec(l);
    if (m && !/^side$/i.test(m[1]!.trim())) entries.push({ title: m[1]!.trim(), listed: Number(m[2]), line: l });
    else if (entries.length && l.trim() && !/^\s*side\s*$/i.test(l)) break;
  }
  return entries.map(({ title, listed, line }) => {
    const key = norm(title).slice(0, 40);
    const isHeading = (l: string) => l !== line && !/[\s.]{2,}\d+\s*$/.test(l) && norm(l).startsWith(key);
    const sheet = pages.findIndex((p, i) => i >= start && p.some(isHeading));
    return { title, listed, printed: sheet < 0 ? undefined : printedNumber(pages[sheet]!) };
  });
}
