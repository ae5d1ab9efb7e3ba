import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, agendaAsync, copyOfMeetings, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfPages } from '../support/pdf.js';
import { exampleSend, giveAddresses, startSmtpServer } from '../support/smtp.js';

// In a repository of several committees, a committee's documents go out under names that begin with
// the committee's (meetings-2023-11-22-dagsorden.pdf), while the site names them in the committee's
// own folder. publish reads the send log under the names send wrote: a tillægsdagsorden and a
// corrected agenda are published as build makes them (both were lost in a review of session 22).

const { TZ, login } = exampleSend;
const late = 'Hasteindstilling om vinterberedskab';

describe('publish of a repository of two committees, after send', () => {
  const { dir, meetings } = copyOfMeetings();
  const meetingFile = path.join(meetings, '2023-11-22.yaml');
  const site = path.join(tempDir(), 'site');
  const sitePdf = (name: string) => path.join(site, 'direktionen', name);
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let env: NodeJS.ProcessEnv;
  const send = async () => {
    const result = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env });
    expect(result.status, result.stderr).toBe(0);
  };
  const publish = () => {
    const result = agenda(['publish', '--out', site, '--url', 'https://dagsorden.example.dk/'], { cwd: dir, env: { TZ } });
    expect(result.stderr).not.toContain('never sent');
    expect(result.status, result.stderr).toBe(0);
  };

  beforeAll(async () => {
    const udvalg = path.join(meetings, 'udvalg.yaml');
    giveAddresses(udvalg);
    // A second committee, with no meeting of its own: the first's documents now carry its name.
    const other = path.join(dir, 'udvalg', 'OK');
    cpSync(udvalg, path.join(other, 'udvalg.yaml'));
    edit(path.join(other, 'udvalg.yaml'), 'navn: Direktionen\n', 'navn: Økonomiudvalget\nkort: OK\n');
    smtp = await startSmtpServer(login);
    env = { TZ, ...smtp.settings(dir) };
    await send();
    expect(readFileSync(path.join(meetings, '2023-11-22.sendt.yaml'), 'utf8')).toContain('dokument: meetings-2023-11-22-dagsorden');
  });
  afterAll(() => smtp.close());

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
    writeFileSync(
      meetingFile,
      `${readFileSync(meetingFile, 'utf8')}  - titel: ${late}\n    tillæg: 1\n    sagsfremstilling: Beredskabet skal på plads inden næste møde.\n`,
    );
    expect(agenda(['check'], { cwd: dir, env: { TZ } }).status).toBe(0);
    await send();
    publish();
    const addendum = sitePdf('2023-11-22-tillaegsdagsorden-offentlig.pdf');
    expect(existsSync(addendum)).toBe(true);
    expect(pdfPages(addendum).join('\n')).toContain(late);
    expect(pdfPages(sitePdf('2023-11-22-dagsorden-offentlig.pdf')).join('\n')).not.toContain(late);
  });
});
