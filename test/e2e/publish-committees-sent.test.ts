import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { committeeThatSends, lateItem } from '../support/committee-sends.js';
import { edit } from '../support/edit.js';
import { pdfPages } from '../support/pdf.js';
import { exampleSend } from '../support/smtp.js';

// In a repository of several committees, a committee's documents go out under names that begin with
// the committee's (meetings-2023-11-22-dagsorden.pdf), while the site names them in the committee's
// own folder. publish reads the send log under the names send wrote: a tillægsdagsorden and a
// corrected agenda are published as build makes them (both were lost in a review of session 22).

const { TZ } = exampleSend;

describe('publish of a repository of two committees, after send', () => {
  const repository = committeeThatSends();
  const { dir, meetings, meetingFile, site } = repository;
  const sitePdf = (name: string) => path.join(site, 'direktionen', name);
  const send = async () => {
    const result = await repository.send();
    expect(result.status, result.stderr).toBe(0);
  };
  const publish = () => {
    const result = repository.publish();
    expect(result.stderr).not.toContain('never sent');
    expect(result.status, result.stderr).toBe(0);
  };

  beforeAll(async () => {
    await repository.start();
    // A second committee, with no meeting of its own: the first's documents now carry its name.
    repository.gainCommittee();
    await send();
    expect(readFileSync(path.join(meetings, '2023-11-22.sendt.yaml'), 'utf8')).toContain('dokument: meetings-2023-11-22-dagsorden');
  });
  afterAll(() => repository.close());

  it('a corrected agenda: the public PDF on the site says "Rettet dagsorden" on its front page, as build --public does', () => {
    edit(meetingFile, 'Oplæg til skabelon for aftalestyring 2024', 'Oplæg til skabelon for aftalestyring 2025');
    publish();
    const front = pdfPages(sitePdf('2023-11-22-dagsorden-offentlig.pdf'))[0] ?? '';
    expect(front).toContain('Rettet dagsorden');
  });

  it('the same where --meetings names the committee’s folder: diff finds what was sent, publish says "Rettet dagsorden"', () => {
    const diff = agenda(['diff', '2023-11-22', '--meetings', 'meetings'], { cwd: dir, env: { TZ } });
    expect(diff.status, diff.stderr).toBe(0);
    expect(diff.stdout).toContain('2025');
    const own = path.join(tempDir(), 'site');
    const result = agenda(['publish', '--meetings', 'meetings', '--out', own], { cwd: dir, env: { TZ } });
    expect(result.status, result.stderr).toBe(0);
    expect(pdfPages(path.join(own, 'direktionen', '2023-11-22-dagsorden-offentlig.pdf'))[0]).toContain('Rettet dagsorden');
  });

  it('a tillægsdagsorden sent: published, its item in its own public PDF, the agenda without it', async () => {
    repository.addLateItem();
    expect(agenda(['check'], { cwd: dir, env: { TZ } }).status).toBe(0);
    await send();
    publish();
    const addendum = sitePdf('2023-11-22-tillaegsdagsorden-offentlig.pdf');
    expect(existsSync(addendum)).toBe(true);
    expect(pdfPages(addendum).join('\n')).toContain(lateItem);
    expect(pdfPages(sitePdf('2023-11-22-dagsorden-offentlig.pdf')).join('\n')).not.toContain(lateItem);
  });
});
