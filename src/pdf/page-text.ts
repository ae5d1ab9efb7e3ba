import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { PDFDocumentProxy } from 'pdfjs-dist';

const resolver = createRequire(import.meta.url);

/** pdfjs-dist's build for node, loaded once, when a first print is read. */
let pdfjs: Promise<typeof import('pdfjs-dist')> | undefined;

/**
 * One PDF read with pdf.js, opened when first asked for and closed with `close`: what a print is
 * read for after it is made (its pages' texts for the contents proof, its links' texts for their
 * descriptions) is read from one opening, its fonts and cross-references parsed once.
 */
export class PdfText {
  #doc: Promise<PDFDocumentProxy> | undefined;

  constructor(private readonly bytes: Uint8Array) {}

  /** The document, opened on the first call. */
  document(): Promise<PDFDocumentProxy> {
    this.#doc ??= open(this.bytes);
    return this.#doc;
  }

  /**
   * The text each page prints, in page order, as pdf.js reads it (the text a reader copies): what
   * proves a print against what it claims, whatever the templates and stylesheet made of it.
   */
  async pageTexts(): Promise<string[]> {
    const doc = await this.document();
    const texts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    }
    return texts;
  }

  /** Lets go of the document, if it was opened (again and again: only the first closes it). */
  async close(): Promise<void> {
    const doc = this.#doc;
    this.#doc = undefined;
    if (doc) await (await doc).destroy();
  }
}

async function open(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- import() of a resolved path gives any: it is pdfjs-dist's own legacy build, which the package's types describe
  pdfjs ??= import(pathToFileURL(resolver.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href) as Promise<typeof import('pdfjs-dist')>;
  const { getDocument } = await pdfjs;
  // A copy: pdf.js takes over the buffer it is given, and the print's bytes are written out after. A
  // Buffer's slice() is a view of the same memory (and pdf.js refuses a Buffer): a new Uint8Array copies.
  return getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
}

/** The text each page of a PDF prints (PdfText's pageTexts), the PDF opened for it alone. */
export async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const text = new PdfText(bytes);
  try {
    return await text.pageTexts();
  } finally {
    await text.close();
  }
}
