import type { PDFDict, PDFDocument, PDFObject } from '@cantoo/pdf-lib';
import { dropUnreadAnnotations } from './annotations.js';
import { pdfLib } from './pdf-lib.js';

// An attachment's file goes onto the site and into the combined document as what a reader reads:
// its pages, text, fonts, images, tags, bookmarks and links. What else a PDF can carry runs, opens
// or holds something nobody sees on its pages: scripts, actions that start a program, fetch or send
// a file, files inside the file, and metadata that may name its author or the path it was saved at.
// The file is read as objects (pdf-lib's), and only what a reader needs is kept.

/** What the catalog keeps: the pages and how they are shown, labelled and named, the outline and the tags. */
const catalogKeys = ['Type', 'Version', 'Pages', 'PageLabels', 'PageLayout', 'PageMode', 'ViewerPreferences', 'Names', 'Dests', 'Outlines'];
const taggingKeys = ['StructTreeRoot', 'MarkInfo', 'Lang', 'OCProperties', 'OutputIntents'];
/** Of the name trees, the named destinations: not the scripts, embedded files, templates or pages to spawn. */
const nameTrees = ['Dests'];
/** Of the document information, what a reader's window shows; not the author, the programs, the dates or any other field. */
const infoKeys = ['Title', 'Subject', 'Keywords'];
/**
 * Dropped wherever they stand: actions run on an event (AA), associated and embedded files (AF, EF, FS),
 * a script's text (JS), XMP (Metadata), an editor's private data (PieceInfo), the path of an image's
 * original for prepress (OPI) and the action a web capture's link had (PA).
 */
const droppedKeys = ['AA', 'AF', 'EF', 'FS', 'JS', 'Metadata', 'PieceInfo', 'OPI', 'PA'];
/** A link to the web or an e-mail address: the one link out of the file it may keep (the house's `weblinks_i_bilag`). */
const webAddress = /^(https?|mailto):/i;

type Lib = typeof import('@cantoo/pdf-lib');

/**
 * Keeps of `doc` what a reader needs, and drops the rest: every action but a go-to within the file and
 * (`webLinks`) a link to a web or e-mail address, which are made anew from their destination or address
 * alone (what an action would do next is dropped with it); document scripts, the open action and the
 * actions on events; embedded files; XMP and private data on any object; all of the document
 * information but its title, subject and keywords. A link left going nowhere, and an annotation of
 * another kind than those a reader sees, is taken off its page (dropUnreadAnnotations).
 */
export async function dropActiveContent(doc: PDFDocument, webLinks: boolean): Promise<void> {
  const lib = await pdfLib();
  const { PDFDict, PDFName } = lib;
  const { context } = doc;
  keepOnly(doc.catalog, [...catalogKeys, ...taggingKeys]);
  const names = context.lookup(doc.catalog.get(PDFName.of('Names')));
  if (names instanceof PDFDict) keepOnly(names, nameTrees);
  const info = context.lookup(context.trailerInfo.Info);
  if (info instanceof PDFDict) keepOnly(info, infoKeys);
  // Every object, whether the catalog reaches it or not: the structure tree, a popup or an earlier
  // version may still refer to what is taken off a page.
  for (const [, object] of context.enumerateIndirectObjects()) scrub(lib, doc, object, webLinks);
  await dropUnreadAnnotations(doc);
}

function keepOnly(dict: PDFDict, keys: string[]): void {
  for (const key of dict.keys()) if (!keys.includes(key.decodeText())) dict.delete(key);
}

/** `object` and the dictionaries and arrays it holds directly without its dropped keys, each action made passive. */
function scrub(lib: Lib, doc: PDFDocument, object: PDFObject, webLinks: boolean): void {
  const { PDFArray, PDFDict, PDFName, PDFStream } = lib;
  if (object instanceof PDFArray) return object.asArray().forEach((o) => scrub(lib, doc, o, webLinks));
  const dict = object instanceof PDFStream ? object.dict : object;
  if (!(dict instanceof PDFDict)) return;
  for (const key of droppedKeys) dict.delete(PDFName.of(key));
  // An action is a dictionary with a type (S); a structure element's attributes (its A) are not.
  const action = doc.context.lookup(dict.get(PDFName.of('A')));
  if (action instanceof PDFDict && action.has(PDFName.of('S'))) {
    const passive = passiveAction(lib, doc, action, webLinks);
    if (passive) dict.set(PDFName.of('A'), passive);
    else dict.delete(PDFName.of('A'));
  }
  for (const [, value] of dict.entries()) scrub(lib, doc, value, webLinks);
}

/** A go-to within the file, or (`webLinks`) a link to a web or e-mail address, made anew; any other action is none. */
function passiveAction(lib: Lib, doc: PDFDocument, action: PDFDict, webLinks: boolean): PDFDict | undefined {
  const { PDFHexString, PDFName, PDFString } = lib;
  const type = action.get(PDFName.of('S'));
  const destination = action.get(PDFName.of('D'));
  if (type === PDFName.of('GoTo') && destination) return doc.context.obj({ S: 'GoTo', D: destination });
  const uri = doc.context.lookup(action.get(PDFName.of('URI')));
  const address = uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : '';
  if (webLinks && type === PDFName.of('URI') && webAddress.test(address)) return doc.context.obj({ S: 'URI', URI: uri });
  return undefined;
}
