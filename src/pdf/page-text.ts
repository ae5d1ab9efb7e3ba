import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const resolver = createRequire(import.meta.url);

/** pdfjs-dist's build for node, loaded once, when a first print is read. */
let pdfjs: Promise<typeof import('pdfjs-dist')> | undefined;

/**
 * The text each page of a PDF prints, in page order, as pdf.js reads it (the text a reader copies):
 * what proves a print against what it claims, whatever the templates and stylesheet made of it.
 */
export async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- import of a URL gives any; it is the legacy build of pdfjs-dist
  pdfjs ??= import(pathToFileURL(resolver.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href) as Promise<typeof import('pdfjs-dist')>;
  const { getDocument } = await pdfjs;
  // A copy: pdf.js takes over the buffer it is given, and the print's bytes are written out after.
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const texts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    }
    return texts;
  } finally {
    await doc.destroy();
  }
}
