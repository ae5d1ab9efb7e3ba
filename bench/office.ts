// (l) LibreOffice's conversion of a 30-page .docx to PDF, cold (an empty cache: a fresh profile, the
// conversion, the PDF made reproducible) and cached (the same file again: read back from the cache).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { convertOffice, findOfficeConverter, type OfficeConverter } from '../src/pdf/office/convert.js';
import { loadPdf } from '../src/pdf/outline.js';

/** Some 30 A4 pages of text with a heading every few paragraphs, as a flat OpenDocument. */
function longText(): string {
  const paragraph =
    'Forvaltningen har gennemgået sagen og vurderer, at forslaget kan gennemføres inden for rammen. Udvalget orienteres løbende om økonomi, tidsplan og høringssvar fra borgere og foreninger. ';
  const body = Array.from(
    { length: 36 },
    (_, page) => `<text:h text:outline-level="1">Afsnit ${page + 1}</text:h>${`<text:p>${paragraph.repeat(4)}</text:p>`.repeat(5)}`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>${body}</office:text></office:body></office:document>`;
}

/** The text saved as .docx by LibreOffice itself. */
async function longDocx(converter: OfficeConverter, work: string): Promise<Buffer> {
  writeFileSync(path.join(work, 'lang.fodt'), longText());
  const profile = pathToFileURL(path.join(work, 'profile')).href;
  await promisify(execFile)(
    converter.program,
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'docx',
      '--outdir',
      work,
      path.join(work, 'lang.fodt'),
    ],
    { env: { ...process.env, HOME: work } },
  );
  return readFileSync(path.join(work, 'lang.docx'));
}

export async function officeBench(runs: number): Promise<void> {
  const converter = await findOfficeConverter();
  if (!converter) return console.log('(l) a 30-page .docx converted: not measured here (no LibreOffice)');
  const work = mkdtempSync(path.join(tmpdir(), 'agenda-bench-office-'));
  const bytes = await longDocx(converter, work);
  const file = {
    ref: { path: 'lang.docx', at: { file: 'bench', line: 1, col: 1, path: '' } },
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    extension: '.docx',
  };
  const cold: number[] = [];
  const cached: number[] = [];
  let pages = 0;
  for (let i = 0; i < runs; i++) {
    const cacheDir = path.join(work, `cache-${i}`);
    for (const times of [cold, cached]) {
      const start = performance.now();
      const { pdf } = await convertOffice(file, { converter, cacheDir });
      times.push(performance.now() - start);
      pages = (await loadPdf(pdf)).getPageCount();
    }
  }
  const median = (ms: number[]) => [...ms].sort((x, y) => x - y)[Math.floor(ms.length / 2)] ?? NaN;
  const shown = (ms: number[]) => `${(median(ms) / 1000).toFixed(2)} s  (runs: ${ms.map((m) => (m / 1000).toFixed(2)).join(', ')})`;
  console.log(`(l) a ${pages}-page .docx to PDF by ${converter.version}, cold: ${shown(cold)}`);
  console.log(`    the same, cached: ${shown(cached)}`);
  rmSync(work, { recursive: true, force: true });
}
