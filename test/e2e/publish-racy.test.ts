import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeMeeting, meetingDates, writeArchive } from '../../bench/archive-repo.js';
import { pdfBytes, writePdf } from '../support/attachments.js';
import { agendaAsync, tempDir } from '../support/cli.js';
import { pdfPages } from '../support/pdf.js';
import { htmlPages, siteFiles } from '../support/site.js';
import { justSaved, replaceBehind, settle } from '../support/times.js';

// A file rewritten with its old size within the same tick of its file system's clock keeps its old
// time (on FAT and many shares a tick is 1-2 s): had its size and time been taken just before, the
// quick check would take it as unchanged ever after ("racy git"). A republish does not trust a file
// saved within seconds of when they were taken (src/pipeline/quick-check.ts): it reads it again, and
// trusts it once it has settled. The rewrite here keeps the file's very time (`touch -r`), as such a
// file system gives it; the file's time is set ahead (justSaved), so that it is within the margin when
// the publication takes it, however slowly this machine runs. And an attachment's file that is a
// symbolic link is told by the file it leads to, with that file's real path: recorded as a regular
// file is, read again where the link is repointed.

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

/** A one-meeting archive of its own, `name`: its folder, its site's, its committee's, its meeting's file and that of one of its attachments. */
const archive = (name: string) => {
  const repo = path.join(dir, name);
  const [committee = ''] = writeArchive(repo, size);
  // meetings/2023-11-22.yaml, the archive's first meeting, names it.
  const attachment = path.join(committee, 'bilag/2023-11-22/2-1.pdf');
  return { repo, site: path.join(dir, `${name}-site`), committee, meeting: path.join(committee, `${date}.yaml`), attachment };
};
type Archive = ReturnType<typeof archive>;

/** The text of the site's PDFs once republished after its meeting changed: read for a change of its own, its attachments' recorded hashes are what keeps their PDFs. */
const republishedPdfs = async (a: Archive, words: string) => {
  changeMeeting(a.meeting, words);
  await publish(a.repo, a.site);
  return pdfTexts(a.site);
};

/** `second` given `first`'s time (both settled), and `link` made a symbolic link to `first`: a link's two targets no quick check of size and time tells apart. */
const linkToOneOfTwo = (link: string, first: string, second: string) => {
  settle(first);
  execFileSync('touch', ['-r', first, second]);
  repoint(link, first);
};

/** `link` made anew as a symbolic link to `target`, relative to its folder. */
const repoint = (link: string, target: string) => {
  rmSync(link);
  symlinkSync(path.relative(path.dirname(link), target), link);
};

describe('a meeting file saved again just after a publication, of the same size and time', () => {
  let a: Archive;
  beforeAll(async () => {
    a = archive('meeting');
    // Saved, then published at once: its size and time are taken within a tick of its saving.
    changeMeeting(a.meeting, 'mødet begynder kl. 14.00');
    justSaved(a.meeting);
    await publish(a.repo, a.site);
    expect(pagesOf(a.site)).toContain('kl. 14.00');
  }, 600_000);

  it('is read by the next republish: the site shows its new text', async () => {
    replaceBehind(a.meeting, readFileSync(a.meeting, 'utf8').replace('kl. 14.00', 'kl. 15.00'));
    await publish(a.repo, a.site);
    expect(pagesOf(a.site)).toContain('kl. 15.00');
    expect(pagesOf(a.site)).not.toContain('kl. 14.00');
  }, 600_000);

  it('is trusted once settled: changed behind its size and time then, it is not read (the quick check, nothing more)', async () => {
    // An hour later (its time set back): read once more, now settled, so recorded as trusted.
    settle(a.meeting);
    await publish(a.repo, a.site);
    replaceBehind(a.meeting, readFileSync(a.meeting, 'utf8').replace('kl. 15.00', 'kl. 16.00'));
    await publish(a.repo, a.site);
    expect(pagesOf(a.site)).toContain('kl. 15.00');
  }, 600_000);
});

describe('an attachment file saved again just after a publication, of the same size and time', () => {
  let a: Archive;
  beforeAll(async () => {
    a = archive('attachment');
    // Saved, then published at once.
    await writePdf(a.attachment, { text: 'Budgettal kl. 14.00' });
    justSaved(a.attachment);
    await publish(a.repo, a.site);
    expect(pdfTexts(a.site)).toContain('Budgettal kl. 14.00');
  }, 600_000);

  it('is hashed by the next republish: the PDF of its new bytes is published', async () => {
    replaceBehind(a.attachment, Buffer.from(await pdfBytes({ text: 'Budgettal kl. 15.00' })));
    const texts = await republishedPdfs(a, 'mødet flyttes til byrådssalen');
    expect(texts).toContain('Budgettal kl. 15.00');
    expect(texts).not.toContain('Budgettal kl. 14.00');
  }, 600_000);
});

describe('an attachment file that is a symbolic link', () => {
  let a: Archive;
  let [first, second] = ['', ''];
  beforeAll(async () => {
    a = archive('link');
    // Two files of the same size and time; the attachment's file a link to the first.
    [first, second] = [path.join(a.committee, 'kilder', 'a.pdf'), path.join(a.committee, 'kilder', 'b.pdf')];
    await writePdf(first, { text: 'Kilde A kl. 14.00' });
    await writePdf(second, { text: 'Kilde B kl. 14.00' });
    linkToOneOfTwo(a.attachment, first, second);
    await publish(a.repo, a.site);
    expect(pdfTexts(a.site)).toContain('Kilde A kl. 14.00');
  }, 600_000);

  it('is recorded by the file it leads to: that file changed behind its size and time is not read (the quick check)', async () => {
    replaceBehind(first, Buffer.from(await pdfBytes({ text: 'Kilde E kl. 14.00' })));
    expect(await republishedPdfs(a, 'mødet flyttes til byrådssalen')).toContain('Kilde A kl. 14.00');
  }, 600_000);

  it('is read where it was repointed, to another file of the same size and time', async () => {
    repoint(a.attachment, second);
    const texts = await republishedPdfs(a, 'igen');
    expect(texts).toContain('Kilde B kl. 14.00');
    expect(texts).not.toContain('Kilde A kl. 14.00');
  }, 600_000);
});

describe('a meeting file that is a symbolic link', () => {
  let a: Archive;
  let [first, second] = ['', ''];
  beforeAll(async () => {
    a = archive('meeting-link');
    // Two versions of the meeting of the same size and time, kept beside the committee; its file a link to the first.
    [first, second] = [path.join(a.committee, 'kilder', 'a.yaml'), path.join(a.committee, 'kilder', 'b.yaml')];
    mkdirSync(path.dirname(first));
    changeMeeting(a.meeting, 'mødet begynder kl. 14.00');
    copyFileSync(a.meeting, first);
    copyFileSync(a.meeting, second);
    replaceBehind(second, readFileSync(second, 'utf8').replace('kl. 14.00', 'kl. 15.00'));
    linkToOneOfTwo(a.meeting, first, second);
    await publish(a.repo, a.site);
    expect(pagesOf(a.site)).toContain('kl. 14.00');
  }, 600_000);

  it('is read where it was repointed, to another file of the same size and time', async () => {
    repoint(a.meeting, second);
    await publish(a.repo, a.site);
    expect(pagesOf(a.site)).toContain('kl. 15.00');
    expect(pagesOf(a.site)).not.toContain('kl. 14.00');
  }, 600_000);
});
