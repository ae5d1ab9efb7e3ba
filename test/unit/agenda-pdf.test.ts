import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadPdf } from '../../src/pdf/outline.js';
import { isAgendaPdf } from '../../src/pdf/postprocess.js';
import { pdfBytes } from '../support/attachments.js';
import { tempDir } from '../support/cli.js';

// Parsing a PDF whole is what a republish paid for each foreign PDF in the site (site-strays.ts): 200 of pdfTeX's
// in site/arkiv/ took it from 0.7 to 2.4 s of processor time. Where the document information stands uncompressed,
// what it records is read in the bytes.
vi.mock('../../src/pdf/outline.js', async (original) => {
  const real = await original<typeof import('../../src/pdf/outline.js')>();
  return { ...real, loadPdf: vi.fn(real.loadPdf) };
});

/** A PDF of another program with its objects in object streams (qpdf's), its information in the stream or, as pdfTeX and Word leave it, written plain after it (an update). */
async function foreignPdf(plainInformation: boolean): Promise<Uint8Array> {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'a.pdf'), await pdfBytes({ text: 'Kommunens egen folder' }));
  execFileSync('qpdf', ['--object-streams=generate', path.join(dir, 'a.pdf'), path.join(dir, 'b.pdf')]);
  const bytes = readFileSync(path.join(dir, 'b.pdf'));
  if (!plainInformation) return bytes;
  return Buffer.concat([bytes, Buffer.from('\n90 0 obj\n<< /Producer (pdfTeX-1.40.22) >>\nendobj\ntrailer\n<< /Info 90 0 R >>\n')]);
}

describe('whether a PDF is agenda’s (isAgendaPdf)', () => {
  it('tells a foreign PDF with object streams by its plain information, without parsing it', async () => {
    vi.mocked(loadPdf).mockClear();
    expect(await isAgendaPdf(await foreignPdf(true))).toBe(false);
    expect(loadPdf).not.toHaveBeenCalled();
  });

  it('parses one whose information is compressed', async () => {
    vi.mocked(loadPdf).mockClear();
    expect(await isAgendaPdf(await foreignPdf(false))).toBe(false);
    expect(loadPdf).toHaveBeenCalledTimes(1);
  });
});
