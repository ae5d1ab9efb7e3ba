import { create } from 'xmlbuilder2';

/**
 * A spreadsheet laid out for A4, readable: each sheet as wide as its used columns are, portrait
 * where that fits the page's width at full size, else landscape, scaled down to the page's width, or
 * across as many pages side by side as keep the scale at 60 % or more. LibreOffice pages the rows
 * itself (whole rows per page, repeated heading rows kept). Done on the flat OpenDocument
 * LibreOffice saved the workbook as, read and written by an XML library: each sheet gets a page
 * style of its own (page layouts and master pages are ODF's), nothing else is changed.
 */
const ns = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  style: 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  fo: 'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0',
  loext: 'urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0',
};

const page = { short: 21, long: 29.7, margin: 1.5 };
const minScale = 0.6;

export interface SheetLayout {
  landscape: boolean;
  /** Pages side by side the sheet's width is scaled to; 0 where it prints at full size. */
  pagesWide: number;
}

/** The layout for a sheet whose used columns are `widthCm` wide. */
export function layoutFor(widthCm: number): SheetLayout {
  if (widthCm <= page.short - 2 * page.margin) return { landscape: false, pagesWide: 0 };
  const across = page.long - 2 * page.margin;
  return { landscape: true, pagesWide: widthCm <= across ? 0 : Math.ceil((widthCm * minScale) / across) };
}

export function fitSheetsToA4(fods: string): string {
  const doc = create(fods);
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- create() parses into xmlbuilder2's own DOM (@oozcitak/dom), whose document node implements the DOM's Document, but its type says only Node of that DOM
  const root = doc.node as unknown as Document;
  const automatic = root.getElementsByTagNameNS(ns.office, 'automatic-styles')[0];
  const masters = root.getElementsByTagNameNS(ns.office, 'master-styles')[0];
  if (!automatic || !masters) return fods;
  const widths = columnWidths(root);
  const tableStyles = new Map(styles(root, 'table').map((s) => [s.getAttributeNS(ns.style, 'name'), s]));
  const made = new Map<string, string>();
  const tables = Array.from(root.getElementsByTagNameNS(ns.table, 'table')).filter((t) => t.parentElement?.localName === 'spreadsheet');
  tables.forEach((table, i) => {
    const original = tableStyles.get(table.getAttributeNS(ns.table, 'style-name') ?? '');
    if (original?.getElementsByTagNameNS(ns.style, 'table-properties')[0]?.getAttributeNS(ns.table, 'display') === 'false') return;
    const layout = layoutFor(usedWidth(table, widths));
    const key = `${layout.landscape ? 'l' : 'p'}${layout.pagesWide}`;
    const master = made.get(key) ?? addPageStyle(root, automatic, masters, key, layout);
    made.set(key, master);
    const own = original ? copyOf(original) : element(root, 'style', 'style', { 'style:family': 'table' });
    own.setAttributeNS(ns.style, 'style:name', `agendaTable${i + 1}`);
    own.setAttributeNS(ns.style, 'style:master-page-name', master);
    automatic.appendChild(own);
    table.setAttributeNS(ns.table, 'table:style-name', `agendaTable${i + 1}`);
  });
  return doc.end({ headless: false });
}

/** A page layout and a master page (no header or footer: the stamp numbers the pages) for one layout; its name. */
function addPageStyle(root: Document, automatic: Element, masters: Element, key: string, layout: SheetLayout): string {
  const [width, height] = layout.landscape ? [page.long, page.short] : [page.short, page.long];
  const properties: Record<string, string> = {
    'fo:page-width': `${width}cm`,
    'fo:page-height': `${height}cm`,
    'style:print-orientation': layout.landscape ? 'landscape' : 'portrait',
    'fo:margin-top': `${page.margin}cm`,
    'fo:margin-bottom': `${page.margin}cm`,
    'fo:margin-left': `${page.margin}cm`,
    'fo:margin-right': `${page.margin}cm`,
    'style:print-page-order': 'ttb',
    'style:writing-mode': 'lr-tb',
  };
  // Fitting to a number of pages across is LibreOffice's extension of ODF (7.4 reads it in its own namespace only).
  if (layout.pagesWide > 0) Object.assign(properties, { 'loext:scale-to-X': String(layout.pagesWide), 'loext:scale-to-Y': '0' });
  const pageLayout = element(root, 'style', 'page-layout', { 'style:name': `agendaLayout-${key}` });
  pageLayout.appendChild(element(root, 'style', 'page-layout-properties', properties));
  automatic.appendChild(pageLayout);
  masters.appendChild(
    element(root, 'style', 'master-page', { 'style:name': `agendaPage-${key}`, 'style:page-layout-name': `agendaLayout-${key}` }),
  );
  return `agendaPage-${key}`;
}

/** The namespaces by prefix, for an attribute's qualified name (every one given here has one of them). */
const namespaces: Partial<Record<string, string>> = ns;

function element(root: Document, prefix: keyof typeof ns, name: string, attributes: Record<string, string>): Element {
  const made = root.createElementNS(ns[prefix], `${prefix}:${name}`);
  for (const [qualified, value] of Object.entries(attributes))
    made.setAttributeNS(namespaces[qualified.split(':')[0] ?? ''] ?? null, qualified, value);
  return made;
}

const isElement = (n: Node): n is Element => n.nodeType === 1;

/** A deep copy of an element. */
function copyOf(original: Element): Element {
  const copy = original.cloneNode(true);
  if (!isElement(copy)) throw new Error('cloneNode gave a node that is not an element: a DOM copies an element as an element');
  return copy;
}

function styles(root: Document, family: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns.style, 'style')).filter((s) => s.getAttributeNS(ns.style, 'family') === family);
}

/** Each column style's width in cm. */
function columnWidths(root: Document): Map<string, number> {
  const widths = new Map<string, number>();
  for (const s of styles(root, 'table-column')) {
    const width = s.getElementsByTagNameNS(ns.style, 'table-column-properties')[0]?.getAttributeNS(ns.style, 'column-width');
    const name = s.getAttributeNS(ns.style, 'name');
    // A style without a name is named by no column (usedWidth looks columns' styles up by name).
    if (width && name !== null) widths.set(name, centimetres(width));
  }
  return widths;
}

const perUnit: Record<string, number> = { cm: 1, mm: 0.1, in: 2.54, pt: 2.54 / 72, pc: 2.54 / 6, px: 2.54 / 96 };
function centimetres(length: string): number {
  const [, value, unit] = /^([\d.]+)([a-z]+)$/.exec(length) ?? [];
  return Number(value) * (perUnit[unit ?? ''] ?? 0);
}

const repeated = (e: Element, attribute: string) => Number(e.getAttributeNS(ns.table, attribute) ?? 1) || 1;

/** The width of a sheet's columns up to its last one with something in it, hidden columns left out; 2.26 cm where a column names no width (LibreOffice's default). */
function usedWidth(table: Element, widths: Map<string, number>): number {
  let used = 0;
  for (const row of Array.from(table.getElementsByTagNameNS(ns.table, 'table-row'))) {
    let column = 0;
    for (const cell of childElements(row)) {
      const count = repeated(cell, 'number-columns-repeated');
      if (cell.hasAttributeNS(ns.office, 'value-type') || childElements(cell).length > 0) used = Math.max(used, column + count);
      column += count;
    }
  }
  let width = 0;
  let column = 0;
  for (const col of Array.from(table.getElementsByTagNameNS(ns.table, 'table-column'))) {
    if (column >= used) break;
    const count = Math.min(repeated(col, 'number-columns-repeated'), used - column);
    if (col.getAttributeNS(ns.table, 'visibility') !== 'collapse')
      width += count * (widths.get(col.getAttributeNS(ns.table, 'style-name') ?? '') ?? 2.258);
    column += count;
  }
  return width + Math.max(0, used - column) * 2.258;
}

/** An element's own child elements (xmlbuilder2's DOM gives every descendant as `children`). */
function childElements(parent: Element): Element[] {
  return Array.from(parent.childNodes).filter(isElement);
}
