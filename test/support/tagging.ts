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

/** A marked-content sequence open where something is painted: its tag ("/Figure", "/Artifact") and MCID, if it has one. */
export interface Mark {
  tag: string;
  mcid?: number;
}

/** Each painting operator of a content stream, with the marked-content sequences open around it, outermost first. */
export function paintedMarks(content: string): Array<{ op: string; marks: Mark[] }> {
  const tokens = content.match(/\((?:\\.|[^\\)])*\)|<<|>>|<[^>]*>|\/[^\s/()<>[\]]+|[^\s/()<>[\]]+/g) ?? [];
  const open: Mark[] = [];
  const painted: Array<{ op: string; marks: Mark[] }> = [];
  tokens.forEach((t, i) => {
    if (t === 'BMC' || t === 'BDC') {
      const before = tokens.slice(0, i).reverse();
      const at = before.indexOf('/MCID');
      const mcid = t === 'BDC' && tokens[i - 1] === '>>' && at > 0 && at < before.indexOf('<<') ? Number(before[at - 1]) : undefined;
      open.push({ tag: before.find((x) => x.startsWith('/') && x !== '/MCID') ?? '', ...(mcid === undefined ? {} : { mcid }) });
    } else if (t === 'EMC') open.pop();
    else if (painting.has(t)) painted.push({ op: t, marks: [...open] });
  });
  return painted;
}

/**
 * What a content stream paints outside any marked content (neither tagged nor an artifact), and what
 * it paints inside an /Artifact sequence: the number of painting operators of each.
 */
export function paintingByMark(content: string): { unmarked: number; artifact: number } {
  const painted = paintedMarks(content);
  return {
    unmarked: painted.filter((p) => p.marks.length === 0).length,
    artifact: painted.filter((p) => p.marks.some((m) => m.tag === '/Artifact')).length,
  };
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Dict = { [key: string]: Json };

/** A value of qpdf's JSON as text: a reference ("12 0 R"), name or number as it is, an array or a dictionary as JSON. */
export const shown = (v: Json | undefined): string => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

/** A PDF's objects as qpdf's JSON gives them, with what reads them: references followed, the catalog, the pages, the structure tree. */
export interface PdfObjects {
  look: (v: Json | undefined) => Json | undefined;
  dict: (v: Json | undefined) => Dict | undefined;
  /** Each page, by its reference ("12 0 R"), in order. */
  pages: Array<{ ref: string; page: Dict }>;
  treeRoot: Dict | undefined;
  /** The parent tree's entries, by key. */
  parentTree: Map<number, Json>;
  /** Every structure element the tree's root reaches, by reference (a direct one by its place), in reading order (depth first). */
  elements: Map<string, Dict>;
}

export function pdfObjects(file: string): PdfObjects {
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
  const pages: Array<{ ref: string; page: Dict }> = [];
  const addPages = (ref: Json | undefined): void => {
    const node = dict(ref);
    if (node?.['/Type'] === '/Pages') for (const kid of (node['/Kids'] as Json[]) ?? []) addPages(kid);
    else if (node) pages.push({ ref: shown(ref), page: node });
  };
  addPages(root?.['/Pages']);
  const treeRoot = dict(root?.['/StructTreeRoot']);
  const parentTree = new Map<number, Json>();
  const addNums = (node: Dict | undefined): void => {
    const nums = (look(node?.['/Nums']) as Json[] | undefined) ?? [];
    for (let i = 0; i + 1 < nums.length; i += 2) parentTree.set(Number(nums[i]), nums[i + 1]!);
    for (const kid of (look(node?.['/Kids']) as Json[] | undefined) ?? []) addNums(dict(kid));
  };
  addNums(dict(treeRoot?.['/ParentTree']));
  const elements = new Map<string, Dict>();
  const seen = new Set<Dict>();
  const walk = (v: Json | undefined): void => {
    const k = look(v);
    if (Array.isArray(k)) return k.forEach(walk);
    const d = dict(k);
    if (!d || typeof d['/S'] !== 'string' || seen.has(d)) return;
    seen.add(d);
    elements.set(typeof v === 'string' ? v : `direct ${elements.size}`, d);
    walk(d['/K']);
  };
  walk(treeRoot?.['/K']);
  return { look, dict, pages, treeRoot, parentTree, elements };
}

/** A string as qpdf's JSON writes it ("u:" and its text). */
export const text = (v: Json | undefined) => (typeof v === 'string' ? v.replace(/^u:/, '') : undefined);

/** The structure tree's element types (/S), its role map, and the types of each list item's kids, of a PDF's objects (pdfObjects). */
export function structureTypes({ look, dict, treeRoot, elements }: PdfObjects): {
  types: Set<string>;
  roleMap: Record<string, string>;
  listItems: string[][];
} {
  const typeOf = (v: Json | undefined) => shown(dict(v)?.['/S'] ?? '').slice(1);
  const types = new Set([...elements.values()].map(typeOf));
  const listItems = [...elements.values()]
    .filter((d) => d['/S'] === '/LI')
    .map((d) => {
      const kids = look(d['/K']);
      return (Array.isArray(kids) ? kids : [kids ?? null]).map(typeOf);
    });
  const roleMap = Object.fromEntries(Object.entries(dict(treeRoot?.['/RoleMap']) ?? {}).map(([k, v]) => [k.slice(1), shown(v).slice(1)]));
  return { types, roleMap, listItems };
}

/** The text of the structure tree, as poppler's pdfinfo -struct-text reads it. */
export function structText(file: string): string {
  return execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 });
}

/**
 * The structure tree's marked content in reading order: for each, the page it is on (its index; -1 for
 * a page not in the document) and the element holding it.
 */
export function markedContentOrder({ look, dict, pages, treeRoot }: PdfObjects): Array<{ page: number; element: string }> {
  const index = new Map(pages.map(({ ref }, i) => [ref, i]));
  const order: Array<{ page: number; element: string }> = [];
  const seen = new Set<Dict>();
  const walk = (v: Json | undefined, page: Json | undefined, element: string): void => {
    const k = look(v);
    if (Array.isArray(k)) return k.forEach((kid) => walk(kid, page, element));
    if (typeof k === 'number') return void order.push({ page: index.get(shown(page)) ?? -1, element });
    const d = dict(k);
    if (!d || seen.has(d)) return;
    seen.add(d);
    const own = d['/Pg'] ?? page;
    if (d['/Type'] === '/MCR') order.push({ page: index.get(shown(own)) ?? -1, element });
    else if (typeof d['/S'] === 'string') walk(d['/K'], own, typeof v === 'string' ? v : element);
  };
  walk(treeRoot?.['/K'], undefined, '');
  return order;
}
