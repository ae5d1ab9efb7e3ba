// npm run example-attachments: writes the example meetings' attachment files (meetings/bilag/), the
// `fil:` of each `bilag` entry in meetings/*.yaml, as small files of our own that carry the entry's
// title and document number. The real attachments are the municipality's; these stand in for them so
// that `agenda build 2023-09-06 --samlet` shows the combined document on a fresh clone. Most are PDFs;
// a `fil:` ending in .docx or .xlsx gets a Word document or a spreadsheet (see office-attachment.mjs),
// which the build converts with LibreOffice. The same meeting files give the same bytes.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts, rgb } from '@cantoo/pdf-lib';
import { parse } from 'yaml';
import { officeAttachment } from './office-attachment.mjs';

// This script's folder; not import.meta.dirname, which Node has only from 20.11 (package.json allows 20).
const here = path.dirname(fileURLToPath(import.meta.url));

// The example meetings, or (npm run bench) a copy of them named as the argument.
const meetings = process.argv[2] ? path.resolve(process.argv[2]) : path.join(here, '..', 'meetings');
const paragraph =
  'Dette er et eksempel på et bilag, lavet til eksempelmøderne i agenda. Det egentlige bilag ligger i kommunens ' +
  'sagssystem under dokumentnummeret ovenfor. Teksten her fylder siden ud, så den samlede dagsorden viser, hvordan ' +
  'bilagets sider nummereres, stemples i margenen og kan findes fra bilagsoversigten og bogmærkerne.';

for (const name of readdirSync(meetings)
  .filter((n) => /^\d{4}-\d{2}-\d{2}\.yaml$/.test(n))
  .sort()) {
  const meeting = parse(readFileSync(path.join(meetings, name), 'utf8'));
  (meeting.punkter ?? []).forEach((punkt, p) =>
    (punkt.bilag ?? []).forEach((bilag, b) => {
      if (!bilag.fil) return;
      const file = path.join(meetings, bilag.fil);
      const title = bilag.titel ?? 'Lukket bilag';
      // 2 to 8 pages, varying from one attachment to the next.
      if (file.endsWith('.pdf')) void write(file, title, bilag.dokument, 2 + ((p * 7 + b * 3) % 7));
      else writeFileSync(file, officeAttachment(path.extname(file), { title, dokument: bilag.dokument, paragraph }));
    }),
  );
}

async function write(file, title, dokument, pages) {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(title, { x: 56, y: 770, size: 18, font: bold, maxWidth: 480, lineHeight: 22 });
    if (dokument) page.drawText(`Dokument ${dokument}`, { x: 56, y: 720, size: 11, font, color: rgb(0.3, 0.3, 0.3) });
    for (let i = 0; i < 5; i++) page.drawText(paragraph, { x: 56, y: 680 - i * 120, size: 11, font, maxWidth: 480, lineHeight: 15 });
    page.drawText(`Bilagets side ${n} af ${pages}`, { x: 56, y: 40, size: 9, font });
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, await doc.save({ useObjectStreams: false }));
}
