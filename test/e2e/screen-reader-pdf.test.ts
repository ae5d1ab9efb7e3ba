import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings, errorLines } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfPages } from '../support/pdf.js';
import {
  type Json,
  markedContentOrder,
  pageContents,
  paintedMarks,
  paintingByMark,
  pdfObjects,
  shown,
  standardTypes,
  structText,
  structureTypes,
  text,
} from '../support/tagging.js';

// The reference meetings, with a running header and a web link, as a screen reader meets them: the page
// furniture (page number, header, the members' "Lukket indhold" mark, the stamps of the combined
// document's attachment pages) is an artifact it passes over, every tag is one it knows, every link
// has a description, and an attachment's pages are tagged, each described by its label and page.
const { dir, meetings } = copyOfMeetings();
const header = 'Direktionen · sidehoved';
const oddTitle = 'Łukasz ≥ → α';
/** Each document and where its build writes it: the two meetings' PDFs to their default names under out/. */
const documents = [
  { name: '2023-11-22', out: 'out/2023-11-22-dagsorden.pdf' },
  { name: '2023-09-06', out: 'out/2023-09-06-referat.pdf' },
  { name: '2023-09-06 --samlet', out: '2023-09-06-samlet.pdf' },
  { name: '2023-09-06 --samlet --bilag-efter-punkt', out: '2023-09-06-samlet-bilag-efter-punkt.pdf' },
];
/** The builds that make them: both meetings in one (one browser prints the two), each combined document with its options. */
const builds = [
  ['build', '2023-11-22', '2023-09-06'],
  ['build', '2023-09-06', '--samlet', '--out', documents[2]!.out],
  ['build', '2023-09-06', '--samlet', '--bilag-efter-punkt', '--out', documents[3]!.out],
];
const combined = documents.filter(({ name }) => name.includes('--samlet'));
const webLink = { text: 'KL om KKR', url: 'https://www.kl.dk/kkr' };
const file = (name: string) => path.join(dir, documents.find((d) => d.name === name)!.out);

/** `read` of a document, made once for all the tests that ask: the documents do not change after beforeAll. */
function once<T>(read: (file: string) => T): (file: string) => T {
  const made = new Map<string, T>();
  return (f) => {
    if (!made.has(f)) made.set(f, read(f));
    return made.get(f)!;
  };
}
const pagesOf = once((f) => pdfPages(f));
const objectsOf = once(pdfObjects);
const contentsOf = once(pageContents);
const structTextOf = once(structText);

// Three builds, two of them the minutes with their attachments: on a machine shared with other runs, minutes.
beforeAll(() => {
  appendFileSync(path.join(meetings, 'udvalg.yaml'), `\nhusstil:\n  sidehoved: "{udvalg} · sidehoved"\n`);
  edit(path.join(meetings, '2023-09-06.yaml'), 'titel: Bfa trivsel i lederrollen', `titel: ${oddTitle}`);
  edit(
    path.join(meetings, '2023-11-22.yaml'),
    '- KKR-møde d. 21. november',
    `- KKR-møde d. 21. november, se [${webLink.text}](${webLink.url})`,
  );
  for (const args of builds) {
    const run = agenda(args, { cwd: dir });
    // A build of several meetings ends with its count on stderr ("built 2 of 2 documents in 9.1 s"): that line, all built, and nothing else.
    expect(errorLines(run.stderr).filter((line) => !/^built (\d+) of \1 documents in [\d.]+ s$/.test(line))).toEqual([]);
    expect(run.status).toBe(0);
  }
}, 300_000);

describe.each(documents)('agenda $name, for a screen reader', ({ name }) => {
  it('prints the page number and the running header, outside the structure tree', () => {
    const pages = pagesOf(file(name));
    const numbered = pages.filter((p) => /Side \d+ af \d+/.test(p));
    expect(numbered.length).toBeGreaterThan(3);
    expect(pages.filter((p) => p.includes(header)).length).toBeGreaterThan(3);
    const tagged = structTextOf(file(name));
    expect(tagged).toContain('Beslutningsprotokoller og dagsordener');
    expect(tagged).not.toMatch(/Side \d+ af \d+/);
    expect(tagged).not.toContain(header);
  });

  it('paints nothing that is neither tagged nor an artifact, and marks its furniture as artifacts', () => {
    const pages = pagesOf(file(name));
    const counts = contentsOf(file(name)).map(paintingByMark);
    expect(counts.map((c) => c.unmarked)).toEqual(counts.map(() => 0));
    const numbered = counts.filter((_, i) => /Side \d+ af \d+/.test(pages[i] ?? ''));
    expect(numbered.map((c) => c.artifact > 0)).toEqual(numbered.map(() => true));
  });

  it('uses only standard structure types, or types its role map maps to one', () => {
    const { types, roleMap } = structureTypes(objectsOf(file(name)));
    expect(types.has('P')).toBe(true);
    for (const type of types) expect(standardTypes.has(type) || standardTypes.has(roleMap[type] ?? ''), type).toBe(true);
    for (const target of Object.values(roleMap)) expect(standardTypes.has(target), target).toBe(true);
  });

  it("holds each list item's content in a list body (LBody) after its label", () => {
    const { listItems } = structureTypes(objectsOf(file(name)));
    expect(listItems.length).toBeGreaterThan(10);
    for (const kids of listItems) expect(kids).toEqual(['Lbl', 'LBody']);
  });
});

describe.each(documents)('agenda $name, its links for a screen reader', ({ name }) => {
  it('describes every link (/Contents) with the text it prints, and tags it: a Link element, reached from the tree, refers to it', () => {
    const { look, dict, pages, parentTree, elements } = objectsOf(file(name));
    const printed = pagesOf(file(name)).map((p) => p.replace(/\s+/g, ' '));
    const links = pages.flatMap(({ page }, i) =>
      ((look(page['/Annots']) as Json[] | undefined) ?? []).map((ref) => ({ ref, annot: dict(ref)!, i, page })),
    );
    expect(links.length).toBeGreaterThan(4);
    for (const { ref, annot, i, page } of links) {
      expect(annot['/Subtype'], shown(ref)).toBe('/Link');
      const description = text(annot['/Contents']) ?? '';
      expect(description, shown(ref)).toMatch(/\S/);
      expect(printed[i], shown(ref)).toContain(description);
      const element = parentTree.get(Number(annot['/StructParent']));
      expect(typeof element === 'string' && elements.get(element)?.['/S'], shown(ref)).toBe('/Link');
      const kids = look(dict(element)?.['/K']);
      const objects = (Array.isArray(kids) ? kids : [kids ?? null]).map(dict).filter((k) => k?.['/Type'] === '/OBJR');
      expect(
        objects.map((o) => o?.['/Obj']),
        shown(ref),
      ).toEqual([ref]);
      // A reader tabs from link to link in the order of the structure tree.
      expect(page['/Tabs'], shown(ref)).toBe('/S');
    }
  });
});

describe('the web link of agenda 2023-11-22', () => {
  it('is described by its text', () => {
    const { dict, pages } = objectsOf(file('2023-11-22'));
    const annots = pages.flatMap(({ page }) => ((page['/Annots'] as Json[] | undefined) ?? []).map(dict));
    const web = annots.filter((a) => text(dict(a?.['/A'])?.['/URI']) === webLink.url);
    expect(web.map((a) => text(a?.['/Contents']))).toEqual([webLink.text]);
  });
});

describe.each(combined)("agenda $name, its attachments' pages for a screen reader", ({ name }) => {
  const attachmentPages = () =>
    pagesOf(file(name)).flatMap((p, i) => (/^Bilag \d+\.\d+: /.test(p) ? [{ i, label: p.split('\n')[0]! }] : []));

  it('draws each attachment page as the marked content of a Figure the structure tree reaches, described by its label and page', () => {
    const objects = objectsOf(file(name));
    const { look, pages, parentTree, elements } = objects;
    const contents = contentsOf(file(name));
    const attached = attachmentPages();
    expect(attached.length).toBeGreaterThan(20);
    let next = 1;
    for (const { i, label } of attached) {
      const drawn = paintedMarks(contents[i]!).filter((p) => p.op === 'Do');
      expect(
        drawn.map((d) => d.marks),
        label,
      ).toEqual([[{ tag: '/Figure', mcid: 0 }]]);
      const figure = (look(parentTree.get(Number(pages[i]!.page['/StructParents']))) as Json[] | undefined)?.[0];
      const element = typeof figure === 'string' ? elements.get(figure) : undefined;
      expect(element?.['/S'], label).toBe('/Figure');
      expect(element?.['/Pg'], label).toBe(pages[i]!.ref);
      // The stamp is cut with an ellipsis where the label is long; the description is never cut.
      const alt = text(element?.['/Alt']) ?? '';
      expect(alt.startsWith(label.replace(/…$/, '')), `${alt} / ${label}`).toBe(true);
      const [, n, m] = /, side (\d+) af (\d+)$/.exec(alt) ?? [];
      expect(Number(n), alt).toBe(next);
      next = Number(n) === Number(m) ? 1 : next + 1;
    }
    expect(next).toBe(1);
  });

  it('reads each attachment page at its place: everything before it in the structure tree is on earlier pages, everything after on later ones', () => {
    const order = markedContentOrder(objectsOf(file(name)));
    const pages = new Set(attachmentPages().map(({ i }) => i));
    order.forEach(({ page }, at) => {
      if (!pages.has(page)) return;
      expect(
        order.slice(0, at).filter((o) => o.page >= page),
        `page ${page + 1}`,
      ).toEqual([]);
      expect(
        order.slice(at + 1).filter((o) => o.page <= page),
        `page ${page + 1}`,
      ).toEqual([]);
    });
  });

  it('gives the attachment title outside Latin-1 whole to a screen reader', () => {
    const figures = [...objectsOf(file(name)).elements.values()].filter((e) => e['/S'] === '/Figure').map((e) => text(e['/Alt']));
    expect(figures).toContain(`Bilag 3.2: ${oddTitle}, 91142/23, side 1 af 5`);
  });
});

describe("the members' agenda 2023-11-22 for a screen reader", () => {
  it('shows "Lukket indhold" on a closed item\'s page, outside the structure tree', () => {
    const pages = pagesOf(file('2023-11-22'));
    // At the top of the page, beside the running header (both in the margins' font, read in either order).
    expect(pages.some((p) => p.split('\n').slice(0, 3).includes('Lukket indhold'))).toBe(true);
    expect(structTextOf(file('2023-11-22'))).not.toContain('Lukket indhold');
  });
});

describe("the stamps of a combined document's attachment pages", () => {
  it('are in embedded fonts only', () => {
    const fonts = execFileSync('pdffonts', [file('2023-09-06 --samlet')], { encoding: 'utf8' });
    const stampFonts = fonts.split('\n').filter((l) => /^SourceSans3|^DejaVu|^Liberation/.test(l));
    expect(stampFonts.length).toBeGreaterThan(0);
    for (const line of stampFonts) expect(line.split(/\s+/).at(-5), line).toBe('yes');
  });

  it('read an attachment title outside Latin-1 back whole on its stamped page', () => {
    const pages = pagesOf(file('2023-09-06 --samlet'));
    const stamped = pages.filter((p) => p.includes('Bilag 3.2: '));
    expect(stamped.length).toBeGreaterThan(0);
    for (const page of stamped) expect(page).toContain(`Bilag 3.2: ${oddTitle}, 91142/23`);
  });
});
