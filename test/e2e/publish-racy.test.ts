import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeMeeting, meetingDates, writeArchive } from '../../bench/archive-repo.js';
import { pdfBytes, writePdf } from '../support/attachments.js';
import { agendaAsync, tempDir } from '../support/cli.js';
import { pdfPages } from '../support/pdf.js';
import { htmlPages, siteFiles } from '../support/site.js';
import { replaceBehind, settle } from '../support/times.js';

// A file rewritten with its old size within the same tick of its file system's clock keeps its old
// time (on FAT and many shares a tick is 1-2 s): had its size and time been taken just before, the
// quick check would take it as unchanged ever after ("racy git"). A republish does not trust a file
// saved within seconds of when they were taken (src/pipeline/quick-check.ts): it reads it again, and
// trusts it once it has settled. The rewrite here keeps the file's very time (`touch -r`), as such a
// file system gives it. And an attachment's file that is a symbolic link is told by the file it leads
// to, with that file's real path: recorded as a regular file is, read again where the link is repointed.

const dir = tempDir('agenda-publish-racy-');
const env = { TZ: 'Europe/Copenhagen', XDG_CACHE_HOME: path.join(dir, 'cache') };
const size = { committees: 1, years: 1, meetings: 1 };
const date = meetingDates(size, 0)[0] ?? '';

/** A republish of `repo` into `site`, which must succeed. */
const publish = async (repo: string, site: string) => {
  const run = await agendaAsync(['publish', '--out', site], { cwd: repo, env });
  expect(run.status, run.stderr).toBe(0);
};

/** The text of the meeting's pages in the site. */
const pagesOf = (site: string) =>
  htmlPages(site)
    .filter((f) => f.includes(date))
    .map((f) => readFileSync(path.join(site, f), 'utf8'))
    .join('\n');

/** The text of the site's PDFs (not the SBSYS folder's copies of the files as given). */
const pdfTexts = (site: string) =>
  siteFiles(site)
    .filter((f) => f.endsWith('.pdf') && !f.includes('/sbsys/'))
    .map((f) => pdfPages(path.join(site, f)).join('\n'))
    .join('\n');

describe('a meeting file saved again just after a publication, of the same size and time', () => {
  const repo = path.join(dir, 'meeting');
  const site = path.join(dir, 'meeting-site');
  let file = '';
  beforeAll(async () => {
    const [committee = ''] = writeArchive(repo, size);
    file = path.join(committee, `${date}.yaml`);
    // Saved just now, then published at once: its size and time are taken within a tick of its saving.
    changeMeeting(file, 'mødet begynder kl. 14.00');
    await publish(repo, site);
    expect(pagesOf(site)).toContain('kl. 14.00');
  }, 600_000);

  it('is read by the next republish: the site shows its new text', async () => {
    replaceBehind(file, readFileSync(file, 'utf8').replace('kl. 14.00', 'kl. 15.00'));
    await publish(repo, site);
    expect(pagesOf(site)).toContain('kl. 15.00');
    expect(pagesOf(site)).not.toContain('kl. 14.00');
  }, 600_000);

  it('is trusted once settled: changed behind its size and time then, it is not read (the quick check, nothing more)', async () => {
    // An hour later (its time set back): read once more, now settled, so recorded as trusted.
    settle(file);
    await publish(repo, site);
    replaceBehind(file, readFileSync(file, 'utf8').replace('kl. 15.00', 'kl. 16.00'));
    await publish(repo, site);
    expect(pagesOf(site)).toContain('kl. 15.00');
  }, 600_000);
});

describe('an attachment file saved again just after a publication, of the same size and time', () => {
  const repo = path.join(dir, 'attachment');
  const site = path.join(dir, 'attachment-site');
  let meeting = '';
  let attachment = '';
  beforeAll(async () => {
    const [committee = ''] = writeArchive(repo, size);
    meeting = path.join(committee, `${date}.yaml`);
    // One of the meeting's attachments (meetings/2023-11-22.yaml names it), saved just now.
    attachment = path.join(committee, 'bilag/2023-11-22/2-1.pdf');
    await writePdf(attachment, { text: 'Budgettal kl. 14.00' });
    await publish(repo, site);
    expect(pdfTexts(site)).toContain('Budgettal kl. 14.00');
  }, 600_000);

  it('is hashed by the next republish: the PDF of its new bytes is published', async () => {
    replaceBehind(attachment, Buffer.from(await pdfBytes({ text: 'Budgettal kl. 15.00' })));
    // Its meeting read for a change of its own: the file's recorded hash is what would keep the old PDF.
    changeMeeting(meeting, 'mødet flyttes til byrådssalen');
    await publish(repo, site);
    expect(pdfTexts(site)).toContain('Budgettal kl. 15.00');
    expect(pdfTexts(site)).not.toContain('Budgettal kl. 14.00');
  }, 600_000);
});

describe('an attachment file that is a symbolic link', () => {
  const repo = path.join(dir, 'link');
  const site = path.join(dir, 'link-site');
  let meeting = '';
  let [link, a, b] = ['', '', ''];
  beforeAll(async () => {
    const [committee = ''] = writeArchive(repo, size);
    meeting = path.join(committee, `${date}.yaml`);
    // Two files of the same size and time; the attachment's file a link to the first.
    [a, b] = [path.join(committee, 'kilder', 'a.pdf'), path.join(committee, 'kilder', 'b.pdf')];
    await writePdf(a, { text: 'Kilde A kl. 14.00' });
    await writePdf(b, { text: 'Kilde B kl. 14.00' });
    settle(a);
    execFileSync('touch', ['-r', a, b]);
    link = path.join(committee, 'bilag/2023-11-22/2-1.pdf');
    rmSync(link);
    symlinkSync('../../kilder/a.pdf', link);
    await publish(repo, site);
    expect(pdfTexts(site)).toContain('Kilde A kl. 14.00');
  }, 600_000);

  it('is recorded by the file it leads to: that file changed behind its size and time is not read (the quick check)', async () => {
    replaceBehind(a, Buffer.from(await pdfBytes({ text: 'Kilde E kl. 14.00' })));
    // Its meeting read for a change of its own: the link's recorded hash is taken.
    changeMeeting(meeting, 'mødet flyttes til byrådssalen');
    await publish(repo, site);
    expect(pdfTexts(site)).toContain('Kilde A kl. 14.00');
  }, 600_000);

  it('is read where it was repointed, to another file of the same size and time', async () => {
    rmSync(link);
    symlinkSync('../../kilder/b.pdf', link);
    changeMeeting(meeting, 'igen');
    await publish(repo, site);
    expect(pdfTexts(site)).toContain('Kilde B kl. 14.00');
    expect(pdfTexts(site)).not.toContain('Kilde A kl. 14.00');
  }, 600_000);
});
