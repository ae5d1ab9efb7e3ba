import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { drawObject, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from '@cantoo/pdf-lib';
import type { PDFPage, PDFRef } from '@cantoo/pdf-lib';

// An attachment file with everything a PDF can carry besides what a reader reads: scripts, actions
// that run or open something, embedded files, metadata naming its author. Each of those holds a
// marker of its own, which must not reach the site or the combined document.

/** The markers of activePdf, one for each thing it hides (see there). */
export const activeMarkers = Array.from({ length: 16 }, (_, i) => `XQZACTIVE${String(i + 1).padStart(2, '0')}`);

/** Where the web link of activePdf goes: the one link out of it that may stay. */
export const webLink = 'https://www.norddjurs.dk/borger';

/** What activePdf's pages say, with the page's number after it. */
export const activeText = 'ACTIVEFILE budgettet';

/**
 * A tagged PDF of two pages (text ACTIVEFILE budgettet page N) with a bookmark to page 2, a link to
 * page 2 and a link to webLink; and, each holding one of activeMarkers: document JavaScript, an OpenAction
 * script, a page's /AA, a Launch link, a javascript: link, a file: link, a link to a script that goes
 * on with /Next, an embedded file, a file attachment annotation, the catalog's XMP and a drawn form's,
 * the page's and a form's private data, /Info's author and creator, a bookmark that runs a script,
 * a form field whose keystroke runs one, the form's OPI path and the web link's earlier action (PA).
 */
export async function activePdf(): Promise<Uint8Array> {
  const m = activeMarkers;
  const doc = await PDFDocument.create({ updateMetadata: false });
  const { context } = doc;
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const pages = [1, 2].map((n) => {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`${activeText} page ${n}`, { x: 40, y: 700, size: 14, font });
    return page;
  });
  const [first, second] = pages as [PDFPage, PDFPage];
  const script = (marker: string) => context.obj({ S: 'JavaScript', JS: PDFString.of(`app.alert('${marker}')`) });
  const ref = (o: Parameters<typeof context.register>[0]) => context.register(o);
  const xmp = (marker: string) => ref(context.stream(xmpPacket(marker), { Type: 'Metadata', Subtype: 'XML' }));

  doc.addJavaScript('start', `app.alert('${m[0]}')`);
  doc.catalog.set(PDFName.of('OpenAction'), script(m[1]!));
  first.node.set(PDFName.of('AA'), context.obj({ O: script(m[2]!) }));
  const link = (y: number, action: PDFDict | undefined, dest?: PDFRef) => {
    const target = action ? { A: action } : { Dest: [dest, 'Fit'] };
    return ref(context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [40, y, 300, y + 20], ...target }));
  };
  const uri = (address: string) => context.obj({ S: 'URI', URI: PDFString.of(address) });
  const web = link(600, uri(webLink));
  context.lookup(web, PDFDict).set(PDFName.of('PA'), uri(`javascript:alert('${m[15]}')`));
  const annots = [
    web,
    link(560, undefined, second.ref),
    link(520, context.obj({ S: 'Launch', F: PDFString.of(`C:\\Users\\${m[3]}\\run.exe`) })),
    link(480, uri(`javascript:alert('${m[4]}')`)),
    link(440, uri(`file:///home/${m[5]}/notes.txt`)),
    link(400, context.obj({ S: 'GoTo', D: [second.ref, 'Fit'], Next: script(m[6]!) })),
  ];

  await doc.attach(Buffer.from(`embedded ${m[7]}`), 'noter.txt', { mimeType: 'text/plain' });
  const embedded = ref(context.stream(`attached ${m[8]}`, { Type: 'EmbeddedFile' }));
  const spec = context.obj({ Type: 'Filespec', F: PDFString.of('bilag.txt'), EF: { F: embedded } });
  annots.push(ref(context.obj({ Type: 'Annot', Subtype: 'FileAttachment', Rect: [40, 300, 60, 320], FS: spec })));
  first.node.set(PDFName.of('Annots'), context.obj(annots));
  // Tagged as a word processor tags it: the structure tree reaches each link, the file: link too.
  const root = context.nextRef();
  const elements = annots.map((Obj) => context.obj({ Type: 'StructElem', S: 'Link', P: root, K: { Type: 'OBJR', Obj, Pg: first.ref } }));
  context.assign(root, context.obj({ Type: 'StructTreeRoot', K: { Type: 'StructElem', S: 'Document', P: root, K: elements } }));
  doc.catalog.set(PDFName.of('StructTreeRoot'), root);
  doc.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));

  doc.catalog.set(PDFName.of('Metadata'), xmp(m[9]!));
  // A form drawn on the first page, with its own XMP and an editor's private data.
  const form = context.stream('0 0 1 rg 0 0 20 20 re f', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 20, 20], Metadata: xmp(m[10]!) });
  form.dict.set(PDFName.of('PieceInfo'), context.obj({ Editor: { Private: PDFString.of(m[10]!) } }));
  form.dict.set(PDFName.of('OPI'), context.obj({ '1.3': { Type: 'OPI', Version: 1.3, F: PDFString.of(`C:\\Users\\${m[14]}\\logo.tif`) } }));
  first.node.setXObject(PDFName.of('Logo'), ref(form));
  first.pushOperators(drawObject('Logo'));
  first.node.set(PDFName.of('PieceInfo'), context.obj({ Editor: { Private: PDFString.of(m[10]!) } }));

  doc.setTitle('Budgetnotat');
  doc.setAuthor(m[11]!);
  doc.setCreator(`C:\\Users\\${m[11]}\\Documents`);

  const outlines = context.nextRef();
  const good = context.nextRef();
  const bad = ref(context.obj({ Title: PDFHexString.fromText('Kør'), Parent: outlines, Prev: good, A: script(m[12]!) }));
  const toPage2 = { S: 'GoTo', D: [second.ref, 'Fit'] };
  context.assign(good, context.obj({ Title: PDFHexString.fromText('Side to'), Parent: outlines, Next: bad, A: toPage2 }));
  context.assign(outlines, context.obj({ Type: 'Outlines', First: good, Last: bad, Count: 2 }));
  doc.catalog.set(PDFName.of('Outlines'), outlines);

  const field = doc.getForm().createTextField('beløb');
  field.setText('100');
  field.addToPage(second, { x: 40, y: 100, width: 200, height: 30, font });
  field.acroField.getWidgets()[0]?.dict.set(PDFName.of('AA'), context.obj({ K: script(m[13]!) }));
  return doc.save({ useObjectStreams: false });
}

/** An XMP packet naming `marker` as the author, and a path with it. */
function xmpPacket(marker: string): string {
  return [
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">',
    `<dc:creator><rdf:Seq><rdf:li>${marker}</rdf:li></rdf:Seq></dc:creator>`,
    `<xmpMM:DerivedFrom>C:\\Users\\${marker}\\Desktop\\budget.docx</xmpMM:DerivedFrom>`,
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>',
  ].join('\n');
}

export async function writeActivePdf(file: string): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, await activePdf());
}
