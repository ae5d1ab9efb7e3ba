import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './cli.js';

/** The PDF's text as poppler's pdftotext reads it, one string per sheet. */
export function pdfPages(file: string, layout = false): string[] {
  const text = execFileSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

/** Each sheet's size as pdfinfo states it, e.g. "594.96 x 841.92 pts (A4)". */
export function sheetSizes(file: string): string[] {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', file], { encoding: 'utf8' });
  return [...out.matchAll(/^Page\s+\d+ size:\s+(.*)$/gm)].map((m) => m[1]!.trim());
}

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

/** The outline as qpdf reads it: each top-level entry's title and the 1-based sheet it points at. */
export function pdfOutline(file: string): Array<{ title: string; sheet: number; children: number }> {
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', file], { encoding: 'utf8' })) as {
    outlines: Array<{ title: string; destpageposfrom1: number; kids: unknown[] }>;
  };
  return json.outlines.map((o) => ({ title: o.title, sheet: o.destpageposfrom1, children: o.kids.length }));
}

/** The outline as qpdf reads it, every level: title, 1-based sheet, children. */
export interface OutlineEntry {
  title: string;
  sheet: number;
  kids: OutlineEntry[];
}
export function outline(file: string): OutlineEntry[] {
  type Raw = { title: string; destpageposfrom1: number; kids: Raw[] };
  const walk = (raw: Raw[]): OutlineEntry[] => raw.map((r) => ({ title: r.title, sheet: r.destpageposfrom1, kids: walk(r.kids) }));
  return walk(
    (JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', file], { encoding: 'utf8' })) as { outlines: Raw[] }).outlines,
  );
}

/**
 * A PDF's bytes as written and as qpdf writes them uncompressed, to search for what must not be in
 * it: qpdf's copy leaves out the objects nothing reaches, so it alone would miss them.
 */
export function pdfByteForms(file: string): string[] {
  const raw = path.join(tempDir('agenda-qdf-'), 'raw.pdf');
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, raw]);
  return [readFileSync(file).toString('latin1'), readFileSync(raw).toString('latin1')];
}

/** The images pdfimages lists, on one page or on all: the type, size, colour and encoding of each. */
export function pdfImages(file: string, page?: number): Array<{ type: string; width: number; height: number; color: string; enc: string }> {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  const rows = execFileSync('pdfimages', [...pages, '-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter(Boolean);
  return rows.map((row) => {
    const [, , type, width, height, color, , , enc] = row.trim().split(/\s+/);
    return { type: type!, width: Number(width), height: Number(height), color: color!, enc: enc! };
  });
}

/** Each sheet's page label as a viewer shows it ("Forside", "3"), as qpdf reads the /PageLabels. */
export function pageLabels(file: string): string[] {
  type Label = { '/P'?: string; '/S'?: string; '/St'?: number };
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=pages', file], { encoding: 'utf8' })) as {
    pages: Array<{ label?: Label }>;
  };
  return json.pages.map(({ label }) => `${label?.['/P']?.replace(/^u:/, '') ?? ''}${label?.['/S'] ? String(label['/St'] ?? 1) : ''}`);
}
