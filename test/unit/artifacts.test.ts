import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { markPageFurniture, withArtifacts } from '../../src/pdf/artifacts.js';
import { pdfLib } from '../../src/pdf/pdf-lib.js';

/** A page's content as Chromium writes it: the box's text tagged, a page number and a border outside any marked content. */
const content = [
  '/P <</MCID 0>> BDC',
  'BT /F1 12 Tf 72 700 Td (Dagsorden \\(lukket\\) (1)) Tj ET',
  'EMC',
  '% a comment with Tj in it',
  '0 0 1 rg 10 10 100 100 re f',
  'BT /F1 9 Tf [(Side) -250 (2)] TJ ET',
  'q BI /W 1 /H 1 /BPC 8 /CS /G ID \x00Tj EI Q',
  '/Span <</MCID 1>> BDC <</A [1 2]>> /Name gs EMC',
  '',
].join('\n');

/** As the marking wrote it before it was made quicker (the same bytes): each run from the end of the operator before it. */
const marked = [
  '/P <</MCID 0>> BDC',
  'BT /F1 12 Tf 72 700 Td (Dagsorden \\(lukket\\) (1)) Tj ET',
  'EMC/Artifact BMC',
  '',
  '% a comment with Tj in it',
  '0 0 1 rg 10 10 100 100 re f',
  'BT /F1 9 Tf [(Side) -250 (2)] TJ ET',
  'q BI /W 1 /H 1 /BPC 8 /CS /G ID \x00Tj EI Q',
  'EMC',
  '',
  '/Span <</MCID 1>> BDC <</A [1 2]>> /Name gs EMC',
  '',
].join('\n');

describe("a page's furniture marked an artifact", () => {
  it('marks each painting run outside marked content, whatever its operands hold (strings, comments, an inline image)', () => {
    expect(withArtifacts(Buffer.from(content, 'latin1')).toString('latin1')).toBe(marked);
  });

  it('keeps an inline image without its EI as it is, to the end (before, the tokens began again at the start, for ever)', () => {
    const cut = '0 0 1 rg 10 10 100 100 re f\nq BI /W 1 /H 1 ID \x00 Tj';
    expect(withArtifacts(Buffer.from(cut, 'latin1')).toString('latin1')).toBe(`/Artifact BMC\n${cut}\nEMC\n`);
  });

  it("reads a page's content through any filter pdf-lib knows, and writes it Flate-compressed", async () => {
    // The product's pdf-lib (a build of its own), whose classes markPageFurniture knows the page's objects by.
    const { PDFDocument, PDFName, PDFRawStream } = await pdfLib();
    for (const filter of ['FlateDecode', 'ASCIIHexDecode']) {
      const doc = await PDFDocument.create();
      const page = doc.addPage();
      const stream =
        filter === 'FlateDecode'
          ? doc.context.flateStream(content)
          : doc.context.stream(`${Buffer.from(content, 'latin1').toString('hex')}>`, { Filter: filter });
      page.node.set(PDFName.of('Contents'), doc.context.register(stream));
      await markPageFurniture(doc);
      const written = doc.context.lookup(page.node.get(PDFName.of('Contents')));
      if (!(written instanceof PDFRawStream)) throw new Error(`${filter}: no stream written`);
      expect(written.dict.get(PDFName.of('Filter'))).toBe(PDFName.of('FlateDecode'));
      expect(inflateSync(written.contents).toString('latin1')).toBe(`${marked}\n`);
    }
  });
});
