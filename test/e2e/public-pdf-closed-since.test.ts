import { copyFileSync, cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, errorLines, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { writePdf } from '../support/attachments.js';
import { closedFixture } from '../support/markers.js';
import { closedMarkersIn, siteBytes } from '../support/site.js';

// A public PDF that records being made for the public alone, kept by hand in the site (arkiv/, a file server's
// .snapshot/) from before an item of its meeting was closed: its bytes hold that item's text (XQZSECRET21). Publish
// refuses it, located and naming the meeting, before anything is written, whether the meeting is read or kept unread
// by its records; a copy of what publish publishes now, and an old public PDF of a meeting that closes nothing, pass.
// A combined public PDF (--samlet) holds its attachments' files' pages: one whose file another meeting closes since
// is refused though its own meeting closes nothing (the clerk named another file there); a plain agenda passes.

const secret = 'XQZSECRET21';
const tail = 'served with the site: remove it, then publish again';
const message = (date: string) =>
  `a PDF agenda made for the public of the meeting of ${date} (Testudvalget), which publish did not write and whose bytes are none it publishes: the meeting closes something now, which this PDF, made before, may hold open, ${tail}`;

describe('an old public PDF in the site, of a meeting that closes an item since', () => {
  it('is refused by publish (read or kept unread), the site as it was; a current copy, and one of a meeting closing nothing, pass', () => {
    const dir = tempDir();
    const meetings = path.join(dir, 'meetings');
    const site = path.join(dir, 'site');
    cpSync(closedFixture, meetings, { recursive: true });
    // Its own meetings alone: the fixture's standing items and forward plan close something in every meeting.
    for (const file of ['2024-03-06.yaml', 'faste-punkter.yaml', 'plan.yaml']) rmSync(path.join(meetings, file));
    const closing = path.join(meetings, '2024-04-10.yaml');
    const open = path.join(meetings, '2024-05-15.yaml');
    writeFileSync(
      closing,
      `punkter:\n  - titel: Budget\n    sagsfremstilling: Åben sag.\n  - titel: Ansættelse\n    sagsfremstilling: Kandidaten ${secret} foreslås.\n`,
    );
    writeFileSync(open, 'punkter:\n  - titel: Vejene\n    sagsfremstilling: Vejene males.\n');
    const publish = () => agenda(['publish', '--meetings', meetings, '--out', site, '--url', 'https://moeder.example.dk/']);
    expect(publish().status).toBe(0);
    const pdfOf = (date: string) => {
      const name = readdirSync(path.join(site, 'testudvalget')).find((f) => f.startsWith(`${date}-`) && f.endsWith('-offentlig.pdf'));
      if (!name) throw new Error(`no public PDF of ${date}`);
      return path.join(site, 'testudvalget', name);
    };
    // Kept by hand: an archive's copy and a snapshot, each of the public PDFs as they are now.
    const kept = ['arkiv/2024-04-10.pdf', '.snapshot/testudvalget/2024-04-10.pdf', 'arkiv/2024-05-15.pdf'];
    const keep = () => {
      for (const file of kept) {
        mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
        copyFileSync(pdfOf(file.includes('2024-04-10') ? '2024-04-10' : '2024-05-15'), path.join(site, file));
      }
    };
    keep();
    // Copies of what publish publishes now hold nothing closed: they pass.
    const same = publish();
    expect(same.status, same.stderr).toBe(0);
    // The second item is closed since, and the open meeting's text changed (nothing closed in it).
    edit(closing, '  - titel: Ansættelse\n', '$&    lukket: true\n');
    edit(open, 'Vejene males.', 'Vejene males i maj.');
    expect(closedMarkersIn(site, [secret]).length).toBeGreaterThan(0);
    const refused = (run: ReturnType<typeof publish>) => {
      expect(run.status).toBe(1);
      expect(errorLines(run.stderr)).toEqual([
        `${path.join(site, '.snapshot/testudvalget/2024-04-10.pdf')}:1:1: ${message('2024-04-10')}`,
        `${path.join(site, 'arkiv/2024-04-10.pdf')}:1:1: ${message('2024-04-10')}`,
      ]);
      expect(run.stderr).not.toContain(secret);
    };
    const before = siteBytes(site);
    refused(publish());
    expect(siteBytes(site)).toEqual(before);
    rmSync(path.join(site, 'arkiv', '2024-04-10.pdf'));
    rmSync(path.join(site, '.snapshot'), { recursive: true });
    const published = publish();
    expect(published.status, published.stderr).toBe(0);
    expect(closedMarkersIn(site, [secret])).toEqual([]);
    // Put back, with the meeting kept unread by its records: refused all the same.
    mkdirSync(path.join(site, '.snapshot', 'testudvalget'), { recursive: true });
    for (const file of kept.slice(0, 2)) writeFileSync(path.join(site, file), before.get(file) ?? '');
    const again = siteBytes(site);
    refused(publish());
    expect(siteBytes(site)).toEqual(again);
  }, 180_000);

  it('refuses an old combined public PDF whose attachment file another meeting closes since; a plain agenda of the meeting passes', async () => {
    const dir = tempDir();
    const meetings = path.join(dir, 'meetings');
    const site = path.join(dir, 'site');
    cpSync(closedFixture, meetings, { recursive: true });
    for (const file of ['2024-03-06.yaml', 'faste-punkter.yaml', 'plan.yaml']) rmSync(path.join(meetings, file));
    const fileSecret = 'XQZFILE77';
    await writePdf(path.join(meetings, 'bilag', 'x.pdf'), { text: `Notat ${fileSecret}` });
    await writePdf(path.join(meetings, 'bilag', 'y.pdf'), { text: 'Et andet notat' });
    const first = path.join(meetings, '2024-04-10.yaml');
    const second = path.join(meetings, '2024-05-15.yaml');
    const item = (file: string) =>
      `  - titel: Budget\n    sagsfremstilling: Åben sag.\n    bilag:\n      - titel: Notat\n        fil: bilag/${file}\n`;
    writeFileSync(first, `punkter:\n${item('x.pdf')}`);
    writeFileSync(second, 'punkter:\n  - titel: Vejene\n    sagsfremstilling: Vejene males.\n');
    const publish = () => agenda(['publish', '--meetings', meetings, '--out', site, '--url', 'https://moeder.example.dk/']);
    expect(publish().status).toBe(0);
    // Kept by hand: the meeting's combined public PDF as built now, and its plain public agenda as published.
    mkdirSync(path.join(site, 'arkiv'));
    const combined = path.join(site, 'arkiv', 'samlet.pdf');
    const built = agenda(['build', '2024-04-10', '--meetings', meetings, '--public', '--samlet', '--out', path.join(dir, 'samlet.pdf')]);
    expect(built.status, built.stderr).toBe(0);
    copyFileSync(path.join(dir, 'samlet.pdf'), combined);
    const plain = readdirSync(path.join(site, 'testudvalget')).find((f) => f.startsWith('2024-04-10-') && f.endsWith('-offentlig.pdf'));
    copyFileSync(path.join(site, 'testudvalget', plain ?? ''), path.join(site, 'arkiv', 'dagsorden.pdf'));
    expect(closedMarkersIn(site, [fileSecret]).length).toBeGreaterThan(0);
    expect(publish().status).toBe(0);
    // The next meeting closes the file; the clerk names another in the first.
    writeFileSync(
      second,
      'punkter:\n  - titel: Vejene\n    sagsfremstilling: Vejene males.\n  - titel: Personalesag\n    lukket: true\n    sagsfremstilling: Sag.\n    bilag:\n      - titel: Notat\n        fil: bilag/x.pdf\n',
    );
    writeFileSync(first, `punkter:\n${item('y.pdf')}`);
    const before = siteBytes(site);
    const refused = publish();
    expect(refused.status).toBe(1);
    expect(errorLines(refused.stderr)).toEqual([
      `${combined}:1:1: a PDF agenda made for the public of "Testudvalget - Dagsorden 10. april 2024", with its attachments' pages, which publish did not write and whose bytes are none it publishes: a meeting of the archive closes a file now (lukket), maybe one of them, which this PDF, made before, may hold open, ${tail}`,
    ]);
    expect(siteBytes(site)).toEqual(before);
    rmSync(combined);
    const published = publish();
    expect(published.status, published.stderr).toBe(0);
    expect(closedMarkersIn(site, [fileSecret])).toEqual([]);
  }, 180_000);
});
