import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { PDFDocumentProxy } from 'pdfjs-dist';

const resolver = createRequire(import.meta.url);

/** pdfjs-dist's build for node, loaded once, when a first print is read. */
let pdfjs: Promise<typeof import('pdfjs-dist')> | undefined;

/**
 * pdfjs-dist's legacy build, with the worker it runs in this thread, the process's own JSON.parse,
 * JSON.stringify and Array.prototype.push kept. The build carries core-js, which on node 20 puts
 * JavaScript in their place (for JSON.rawJSON and parse with source, which node 20 lacks, and an edge
 * of push on a fixed length), none of which pdf.js uses: every JSON.stringify of the process after
 * the first print read was some 50 times slower (a republish's state file, records, Pagefind's
 * messages). What core-js adds that node 20 lacks (Promise.withResolvers, Uint8Array.toHex, ...) stays:
 * pdf.js uses it. But its Uint8Array.fromBase64, which Puppeteer then takes for each chunk of a print
 * (its stream of the PDF comes as base64), decodes in JavaScript: some 70 ms of CPU a document, a
 * fifth of a warm build's. Plain padded base64, all Chromium sends, is decoded by node's Buffer.
 */
async function loadPdfjs(): Promise<typeof import('pdfjs-dist')> {
  const { parse, stringify } = JSON;
  const { push } = Array.prototype;
  const nodeHadFromBase64 = 'fromBase64' in Uint8Array;
  try {
    // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- import() of a resolved path gives any: it is pdfjs-dist's own legacy build, which the package's types describe
    const lib = (await import(pathToFileURL(resolver.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href)) as typeof import('pdfjs-dist');
    // Its worker, which pdf.js would import at the first document (the same module: it sets globalThis.pdfjsWorker, which pdf.js takes), now, so that its core-js is undone too.
    await import(pathToFileURL(resolver.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href);
    return lib;
  } finally {
    Object.assign(JSON, { parse, stringify });
    Object.defineProperty(Array.prototype, 'push', { value: push });
    if (!nodeHadFromBase64) decodeBase64ByNode();
  }
}

/** Standard base64, padded, nothing else: what Buffer decodes to the same bytes as the standard's Uint8Array.fromBase64. */
const plainBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** core-js's Uint8Array.fromBase64 left to what Buffer does not decode the same way (options, white space, no padding, errors). */
function decodeBase64ByNode(): void {
  const polyfill: unknown = Reflect.get(Uint8Array, 'fromBase64');
  if (typeof polyfill !== 'function') return;
  Object.defineProperty(Uint8Array, 'fromBase64', {
    configurable: true,
    writable: true,
    value: function fromBase64(this: unknown, ...args: unknown[]): unknown {
      const [text] = args;
      if (args.length !== 1 || typeof text !== 'string' || !plainBase64.test(text)) return Reflect.apply(polyfill, this, args);
      const bytes = new Uint8Array(Buffer.byteLength(text, 'base64'));
      Buffer.from(bytes.buffer).write(text, 'base64');
      return bytes;
    },
  });
}

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
  pdfjs ??= loadPdfjs();
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
