import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRef } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { attachmentPdf, openAttachment } from '../../src/pdf/attachments.js';
import { pdfBytes } from '../support/attachments.js';
import { tempDir } from '../support/cli.js';
import { spellings } from '../support/markers.js';
import { pdfByteForms } from '../support/pdf.js';

/**
 * The page's content replaced by an incremental update, as an editor saves a change: a new content
 * stream (uncompressed, so its text stands in the file's bytes), the page anew pointing at it, and an
 * xref section for them after the file. The stream before stays in the file, unreachable.
 */
async function withIncrementalUpdate(bytes: Uint8Array, text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const page = doc.getPage(0);
  const font = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict).keys()[0]!.asString();
  const content = `BT ${font} 14 Tf 40 400 Td (${text}) Tj ET`;
  const stream = PDFRef.of(doc.context.largestObjectNumber + 1);
  const dict = page.node.clone();
  dict.set(PDFName.of('Contents'), stream);
  const previous = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(Buffer.from(bytes).toString('latin1'))![1];
  let out = Buffer.from(bytes).toString('latin1');
  const offsets: Array<[number, number]> = [];
  offsets.push([stream.objectNumber, out.length]);
  out += `\n${stream.objectNumber} 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`;
  offsets.push([page.ref.objectNumber, out.length]);
  out += `\n${page.ref.objectNumber} 0 obj\n${dict.toString()}\nendobj\n`;
  const xref = out.length;
  out += `xref\n0 1\n0000000000 65535 f \n${offsets.map(([n, at]) => `${n} 1\n${String(at + 1).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${stream.objectNumber + 1} /Root ${doc.context.trailerInfo.Root!.toString()} /Prev ${previous} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe("an attachment's file as published", () => {
  it('holds what its pages show now, not what an incremental save replaced', async () => {
    const dir = tempDir();
    const first = await withIncrementalUpdate(await pdfBytes({ text: 'udkast' }), 'OLDVERSION01 udkast');
    const source = await withIncrementalUpdate(first, 'NEWVERSION02 endelig');
    // A reader shows the last version; the earlier one is still in the clerk's file.
    writeFileSync(path.join(dir, 'source.pdf'), source);
    expect(execFileSync('pdftotext', [path.join(dir, 'source.pdf'), '-'], { encoding: 'utf8' })).toContain('NEWVERSION02 endelig');
    expect(Buffer.from(source).toString('latin1')).toContain('OLDVERSION01');

    const ref = { path: 'bilag/notat.pdf', at: { file: 'møde.yaml', line: 1, col: 1, path: 'punkter[0].bilag[0].fil' } };
    const published = await attachmentPdf(await openAttachment({ ref, kind: 'pdf', bytes: source, sha256: '' }, true));
    writeFileSync(path.join(dir, 'published.pdf'), published);
    expect(execFileSync('pdftotext', [path.join(dir, 'published.pdf'), '-'], { encoding: 'utf8' })).toContain('NEWVERSION02 endelig');
    for (const bytes of pdfByteForms(path.join(dir, 'published.pdf'))) {
      for (const s of spellings('OLDVERSION01')) expect(bytes.includes(s), s).toBe(false);
      expect(bytes).toContain('NEWVERSION02');
    }
  });
});
