import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeMeeting, meetingDates, writeArchive } from '../../bench/archive-repo.js';
import { agendaAsync, tempDir } from '../support/cli.js';
import { cacheWithSuiteConversions } from '../support/shared-build.js';
import { siteBytes, siteTimes } from '../support/site.js';
import { replaceBehind } from '../support/times.js';

// A republish takes a kept meeting's PDFs and its attachments' files unread (issue 33): a PDF of the
// site whose size and time are as the state file records, and an attachment's file whose size and time
// are as its last reading recorded, are not read or hashed again. So either changed behind its old size
// and time (`touch -r`) is not seen, the limit of the quick check, and `--force` reads and sees both.

const dir = tempDir('agenda-publish-unread-pdfs-');
const repo = path.join(dir, 'arkiv');
const site = path.join(dir, 'site');
const size = { committees: 2, years: 1, meetings: 3 };
// Its records in a cache of its own, with the suite's LibreOffice conversions (the records are the subject).
const env = { TZ: 'Europe/Copenhagen', XDG_CACHE_HOME: cacheWithSuiteConversions(path.join(dir, 'cache')) };
const publish = (more: string[] = []) => agendaAsync(['publish', '--out', site, ...more], { cwd: repo, env });

const garbage = (file: string) => Buffer.alloc(statSync(file).size, 'x');

/** The cases (`sag:`) a meeting file takes up. */
const cases = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*sag: (.+)$/gm)].map((m) => m[1]);

describe('a republish of PDFs and attachment files unread', () => {
  let committees: string[] = [];
  // A meeting of the first committee, whose reference has the attachment file garbled below.
  const kept = meetingDates(size, 0)[0] ?? '';
  const source = 'bilag/2023-11-22/2-1.pdf';
  let original = Buffer.alloc(0);
  let before = new Map<string, Buffer>();
  let tampered: string[] = [];
  let changed = '';
  let run = { status: 0 as number | null, stderr: '' };
  beforeAll(async () => {
    committees = writeArchive(repo, size);
    expect((await publish()).status).toBe(0);
    before = siteBytes(site);
    // The kept meeting's document and one of its attachments' PDFs, garbled in the site.
    const own = [...before.keys()].filter((f) => new RegExp(`^[^/]+/${kept}-.*\\.pdf$`).test(f));
    tampered = [own.find((f) => !f.includes('-bilag-')) ?? '', own.find((f) => f.includes('-bilag-3-')) ?? ''];
    for (const file of tampered) replaceBehind(path.join(site, file), garbage(path.join(site, file)));
    // The first committee's attachment file, garbled in the repository: no reading takes it.
    const attachment = path.join(committees[0] ?? '', source);
    original = readFileSync(attachment);
    replaceBehind(attachment, garbage(attachment));
    // A meeting of the other committee that shares no case with the first's (one that does has them read).
    const firsts = meetingDates(size, 0).flatMap((date) => cases(path.join(committees[0] ?? '', `${date}.yaml`)));
    changed =
      meetingDates(size, 1)
        .map((date) => path.join(committees[1] ?? '', `${date}.yaml`))
        .find((file) => !cases(file).some((sag) => firsts.includes(sag))) ?? '';
    expect(changed).not.toBe('');
    changeMeeting(changed, 'mødet flyttes til byrådssalen');
    run = await publish();
  }, 600_000);

  it('publishes the changed meeting and neither reads nor rewrites the PDFs and files kept', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(tampered.every((f) => f !== '')).toBe(true);
    const after = siteBytes(site);
    // The changed meeting's page is written; the garbled PDFs are not seen, so not printed again.
    const date = path.basename(changed, '.yaml');
    expect([...after].some(([f, bytes]) => f.includes(date) && f.endsWith('.html') && !before.get(f)?.equals(bytes))).toBe(true);
    for (const file of tampered) expect(after.get(file)?.equals(garbage(path.join(site, file)))).toBe(true);
    // No attachment PDF of the first committee is made again of its garbled file: each as it was.
    const attachments = [...before.keys()].filter((f) => f.includes('-bilag-') && !tampered.includes(f) && !f.includes('/sbsys/'));
    const first = attachments.filter((f) => meetingDates(size, 0).some((d) => f.includes(`/${d}-`)));
    expect(first.length).toBeGreaterThan(0);
    for (const file of first) expect(after.get(file)?.equals(before.get(file) ?? Buffer.alloc(0)), file).toBe(true);
  });

  it('with --force reads the attachment file, and fails naming it', async () => {
    const times = siteTimes(site);
    const forced = await publish(['--force']);
    expect(forced.status).not.toBe(0);
    expect(forced.stderr).toContain(source);
    expect(forced.stderr).not.toMatch(/\n\s+at /);
    expect(siteTimes(site)).toEqual(times);
  }, 600_000);

  it('with --force, the attachment file as it was, prints the garbled PDFs again: as they were', async () => {
    replaceBehind(path.join(committees[0] ?? '', source), original);
    const forced = await publish(['--force']);
    expect(forced.status, forced.stderr).toBe(0);
    const after = siteBytes(site);
    for (const file of tampered) expect(after.get(file)?.equals(before.get(file) ?? Buffer.alloc(0)), file).toBe(true);
  }, 600_000);
});
