import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePdf } from '../support/attachments.js';
import { agenda, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { closedFixture } from '../support/markers.js';
import { closedMarkersIn, siteBytes } from '../support/site.js';

// Session 26's adversary: a closed attachment's file copied into the site after a publication (filer/notat.pdf, a
// hidden .arkiv/) passed a republish with a warning, or with nothing; a closed office file or picture was never
// looked at. A file publish did not write whose bytes are a closed attachment's, of any name, in any folder it
// walks, is an error naming both, before anything is written.

const date = '2024-03-06';
const secret = ['XQZSECRET20', 'XQZSECRET21'];
const closedPdf = 'bilag/hemmelig.pdf';
const closedDocx = 'bilag/personale.docx';

describe('a closed attachment’s file copied into the site', () => {
  const dir = tempDir();
  const meetings = path.join(dir, 'meetings');
  const site = path.join(dir, 'site');
  const publish = () => agenda(['publish', '--meetings', 'meetings', '--out', 'site'], { cwd: dir });

  beforeAll(async () => {
    cpSync(closedFixture, meetings, { recursive: true });
    const file = path.join(meetings, `${date}.yaml`);
    // Item 1's closed attachment, and one of the closed item 2 (closed by its item), each with a file.
    await writePdf(path.join(meetings, closedPdf), { text: 'Tilbud fra XQZSECRET20' });
    edit(file, '        dokument: XQZSECRET03\n', `$&        fil: ${closedPdf}\n`);
    writeFileSync(path.join(meetings, closedDocx), Buffer.from('PK\u0003\u0004 word/document.xml Sagen om XQZSECRET21', 'latin1'));
    edit(file, '        dokument: XQZSECRET10\n', `$&        fil: ${closedDocx}\n`);
    const first = publish();
    expect(first.status, first.stderr).toBe(0);
  }, 300_000);

  it('is an error at each copy, of whatever name and folder, naming the closed file; nothing is written', () => {
    const copies = {
      'filer/notat.pdf': closedPdf,
      '.arkiv/2-2.pdf': closedPdf,
      'filer/personale.docx': closedDocx,
      'testudvalget/billede.png': closedDocx,
    };
    for (const [copy, closed] of Object.entries(copies)) {
      mkdirSync(path.dirname(path.join(site, copy)), { recursive: true });
      cpSync(path.join(meetings, closed), path.join(site, copy));
    }
    // Of a closed file's size, other bytes: not a copy, let be (and hashed, to be told apart).
    const size = readFileSync(path.join(meetings, closedDocx)).length;
    writeFileSync(path.join(site, 'filer', 'andet.bin'), Buffer.alloc(size, 'x'));
    expect(closedMarkersIn(site, secret).length).toBeGreaterThan(0);
    const before = siteBytes(site);
    const refused = publish();
    expect(refused.status, refused.stderr).toBe(1);
    expect(refused.stderr.split('\n').filter(Boolean)).toEqual(
      Object.entries(copies)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(
          ([copy, closed]) =>
            `${path.join('site', copy)}:1:1: the very bytes of ${path.join('meetings', closed)}, the file of a closed attachment (lukket), served with the site: remove it, then publish again`,
        ),
    );
    expect(siteBytes(site)).toEqual(before);
    for (const copy of Object.keys(copies)) rmSync(path.join(site, copy));
    const again = publish();
    expect(again.status, again.stderr).toBe(0);
    expect(closedMarkersIn(site, secret)).toEqual([]);
  });
});
