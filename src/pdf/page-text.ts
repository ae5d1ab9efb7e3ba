import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { PDFDocumentProxy } from 'pdfjs-dist';

const resolver = createRequire(import.meta.url);

/** pdfjs-dist's build for node, loaded once, when a first print is read. */
let pdfjs: Promise<typeof import('pdfjs-dist')> | undefined;

/** `bytes` opened with pdf.js for `read`, and closed after. */
export async function readWithPdfjs<T>(bytes: Uint8Array, read: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- import() of a resolved path gives any: it is pdfjs-dist's own legacy build, which the package's types describe
  pdfjs ??= import(pathToFileURL(resolver.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href) as Promise<typeof import('pdfjs-dist')>;
  const { getDocument } = await pdfjs;
  // A copy: pdf.js takes over the buffer it is given, and the print's bytes are written out after. A
  // Buffer's slice() is a view of the same memory (and pdf.js refuses a Buffer): a new Uint8Array copies.
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    return await read(doc);
  } finally {
    await doc.destroy();
  }
}

/**
 * The text each page of a PDF prints, in page order, as pdf.js reads it (the text a reader copies):
 * what proves a print against what it claims, whatever the templates and stylesheet made of it.
 */
export async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  return readWithPdfjs(bytes, async (doc) => {
    const texts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    }
    return texts;
  });
}
