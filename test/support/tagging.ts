import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './cli.js';

/** PDF 1.7's standard structure types (ISO 32000-1, 14.8.4). */
export const standardTypes = new Set(
  (
    'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody ' +
    'Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'
  ).split(' '),
);

/** Each page's content streams, uncompressed by qpdf (QDF), as text. */
export function pageContents(file: string): string[] {
  const qdf = path.join(tempDir(), 'qdf.pdf');
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
  const text = readFileSync(qdf).toString('latin1');
  const pages: string[] = [];
  for (const m of text.matchAll(/%% Contents for page (\d+)\n[^\n]*\n\d+ 0 obj\n[\s\S]*?stream\n([\s\S]*?)\nendstream/g)) {
    const n = Number(m[1]) - 1;
    pages[n] = (pages[n] ?? '') + m[2];
  }
  return pages;
}

const painting = new Set(['Tj', 'TJ', "'", '"', 'Do', 'f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*', 'sh', 'EI']);

/**
 * What a content stream paints outside any marked content (neither tagged nor an artifact), and what
 * it paints inside an /Artifact sequence: the number of painting operators of each.
 */
export function paintingByMark(content: string): { unmarked: number; artifact: number } {
  const tokens = content.match(/\((?:\\.|[^\\)])*\)|<<|>>|<[^>]*>|\/[^\s/()<>[\]]+|[^\s/()<>[\]]+/g) ?? [];
  const open: string[] = [];
  const counts = { unmarked: 0, artifact: 0 };
  tokens.forEach((t, i) => {
    if (t === 'BMC' || t === 'BDC') open.push(tokens.slice(0, i).reverse().find((x) => x.startsWith('/') && x !== '/MCID') ?? '');
    else if (t === 'EMC') open.pop();
    else if (painting.has(t) && open.length === 0) counts.unmarked++;
    else if (painting.has(t) && open.includes('/Artifact')) counts.artifact++;
  });
  return counts;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The structure tree's element types (/S), its role map, and the types of each list item's kids, read with qpdf's JSON. */
export function structureTypes(file: string): { types: Set<string>; roleMap: Record<string, string>; listItems: string[][] } {
  const out = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=qpdf', file], { encoding: 'utf8', maxBuffer: 1 << 28 })) as {
    qpdf: [unknown, Record<string, { value?: Json }>];
  };
  const objects = out.qpdf[1];
  const look = (v: Json | undefined): Json | undefined => (typeof v === 'string' && / 0 R$/.test(v) ? objects[`obj:${v}`]?.value : v);
  const dict = (v: Json | undefined) => {
    const d = look(v);
    return d && typeof d === 'object' && !Array.isArray(d) ? d : undefined;
  };
  const root = dict(dict(objects['trailer']?.value)?.['/Root']);
  const treeRoot = dict(root?.['/StructTreeRoot']);
  const types = new Set<string>();
  const listItems: string[][] = [];
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a structure type is a PDF name, which qpdf's JSON writes as a string
  const typeOf = (v: Json | undefined) => String(dict(v)?.['/S'] ?? '').slice(1);
  const seen = new Set<Json>();
  const walk = (v: Json | undefined): void => {
    const k = look(v);
    if (Array.isArray(k)) return k.forEach(walk);
    const d = dict(k);
    if (!d || seen.has(d)) return;
    seen.add(d);
    if (typeof d['/S'] === 'string') types.add(d['/S'].slice(1));
    const kids = look(d['/K']);
    if (d['/S'] === '/LI') listItems.push((Array.isArray(kids) ? kids : [kids ?? null]).map(typeOf));
    walk(d['/K']);
  };
  walk(treeRoot?.['/K']);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a role map's values are PDF names, which qpdf's JSON writes as strings
  const roleMap = Object.fromEntries(Object.entries(dict(treeRoot?.['/RoleMap']) ?? {}).map(([k, v]) => [k.slice(1), String(v).slice(1)]));
  return { types, roleMap, listItems };
}

/** The text of the structure tree, as poppler's pdfinfo -struct-text reads it. */
export function structText(file: string): string {
  return execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 });
}
