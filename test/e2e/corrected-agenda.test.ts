import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { agenda, agendaAsync, copyOfMeetings } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfPages } from '../support/pdf.js';
import { startSmtpServer } from '../support/smtp.js';

// "Rettet dagsorden" (issue 30): an agenda changed after it was sent says so on its front page, with
// the day of the correction, as the house style decides; read back from the PDFs with pdftotext.

const TZ = 'Europe/Copenhagen';
const login = { user: 'sekretariat', password: 'hemmeligt-Kodeord-4711' };
const members = ['jonas@example.org', 'lene@example.org', 'kim@example.org'];
const names = ['Jonas Kroustrup', 'Lene Mehlsen Thomsen', 'Kim Bruun Nielsen'];
/** Today as the house's title dates write it ("6. december 2026"), on the clock of `zone`. */
const dayIn = (zone: string) =>
  new Intl.DateTimeFormat('da-DK', { timeZone: zone, day: 'numeric', month: 'long', year: 'numeric' }).format(new Date());
const today = dayIn(TZ);
/** A zone where it is another day than in Copenhagen now: 25 hours lie between these two, so one of them always is. */
const otherZone = ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].find((zone) => dayIn(zone) !== today) ?? TZ;

describe('a corrected agenda', () => {
  const { dir, meetings } = copyOfMeetings();
  const meetingFile = path.join(meetings, '2023-11-22.yaml');
  const udvalg = path.join(meetings, 'udvalg.yaml');
  const frontPage = (name: string) => pdfPages(path.join(dir, 'out', name))[0] ?? '';
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let env: NodeJS.ProcessEnv;
  // The members' version only, unless a test reads the public one too (--both): each document printed costs.
  const build = (...args: string[]) => buildIn(TZ, ...args);
  const buildIn = (zone: string, ...args: string[]) => {
    const result = agenda(['build', '2023-11-22', ...args], { cwd: dir, env: { TZ: zone } });
    expect(result.status, result.stderr).toBe(0);
  };
  const send = async (zone = TZ) => {
    const result = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env: { ...env, TZ: zone } });
    expect(result.status, result.stderr).toBe(0);
  };
  const logged = () => parse(readFileSync(path.join(meetings, '2023-11-22.sendt.yaml'), 'utf8')) as Array<{ version?: number }>;

  beforeAll(async () => {
    names.forEach((name, i) => edit(udvalg, `    navn: ${name}\n`, `    navn: ${name}\n    email: ${members[i]}\n`));
    smtp = await startSmtpServer(login);
    env = { TZ, ...smtp.settings(dir) };
  });
  afterAll(() => smtp.close());

  /** The closed attachment 2.2's file replaced by another PDF: not a byte copy of an open one's (that is refused: a closed file named open). */
  const replaceClosedAttachment = (from: string) => {
    const folder = path.join(meetings, 'bilag', '2023-11-22');
    writeFileSync(path.join(folder, '2-2.pdf'), Buffer.concat([readFileSync(path.join(folder, from)), Buffer.from('% replaced\n')]));
  };

  it('is not marked as long as it reads as sent; the send log says version 1', async () => {
    await send();
    expect(logged().map((e) => e.version)).toEqual([1, 1, 1]);
    build();
    expect(frontPage('2023-11-22-dagsorden.pdf')).not.toContain('Rettet');
  });

  it("a closed attachment replaced: the members' front page says so, the public one nothing", () => {
    // An attachment that went out is replaced only in a reopened meeting (its archive deleted).
    rmSync(path.join(meetings, 'arkiv', '2023-11-22'), { recursive: true });
    replaceClosedAttachment('2-1.pdf');
    build('--both');
    expect(frontPage('2023-11-22-dagsorden.pdf')).toContain('Rettet dagsorden');
    expect(frontPage('2023-11-22-dagsorden.pdf')).not.toContain('Rettet dagsorden den');
    expect(frontPage('2023-11-22-dagsorden-offentlig.pdf')).not.toContain('Rettet');
  });

  it('a figure changed: both front pages say "Rettet dagsorden", with no day until it goes out, so any day gives the same bytes', () => {
    edit(meetingFile, 'Oplæg til skabelon for aftalestyring 2024', 'Oplæg til skabelon for aftalestyring 2025');
    const bytes = () =>
      ['2023-11-22-dagsorden.pdf', '2023-11-22-dagsorden-offentlig.pdf'].map((f) => readFileSync(path.join(dir, 'out', f)));
    buildIn(otherZone, '--both', '--force');
    const otherDay = bytes();
    build('--both', '--force');
    expect(bytes()).toEqual(otherDay);
    for (const file of ['2023-11-22-dagsorden.pdf', '2023-11-22-dagsorden-offentlig.pdf']) {
      expect(frontPage(file).replace(/\s+/g, ' '), file).toContain('DAGSORDEN Rettet dagsorden');
      expect(frontPage(file), file).not.toContain('Rettet dagsorden den');
    }
  });

  it("in the house's own words, or not at all where the house says nej", () => {
    const own = readFileSync(udvalg, 'utf8');
    writeFileSync(udvalg, `${own}\nhusstil:\n  ord:\n    rettet_dagsorden_udateret: "Erstatter udsendte dagsorden – ændret"\n`);
    build();
    expect(frontPage('2023-11-22-dagsorden.pdf')).toContain('Erstatter udsendte dagsorden – ændret');
    writeFileSync(udvalg, `${own}\nhusstil:\n  rettet_forside: nej\n`);
    build();
    expect(frontPage('2023-11-22-dagsorden.pdf')).not.toContain('ændret');
    expect(frontPage('2023-11-22-dagsorden.pdf')).not.toContain('Rettet');
    writeFileSync(udvalg, own);
  });

  it('the corrected version sent goes out as version 2, and built again it keeps the day it went out', async () => {
    await send();
    expect(logged().map((e) => e.version)).toEqual([1, 1, 1, 2, 2, 2]);
    // Made again from the same inputs, it is the very PDF the members got: the day is the one it went out.
    build('--samlet', '--force');
    expect(frontPage('2023-11-22-dagsorden-samlet.pdf')).toContain(`Rettet dagsorden den ${today}`);
    const [mail] = smtp.received.slice(-1);
    expect(mail?.mail.attachments.map((a) => a.filename)).toEqual(['2023-11-22-dagsorden-samlet.pdf']);
    const pdf = readFileSync(path.join(dir, 'out', '2023-11-22-dagsorden-samlet.pdf'));
    expect(Buffer.compare(mail?.mail.attachments[0]?.content ?? Buffer.alloc(0), pdf)).toBe(0);
  });

  it("a closed part changed and sent on another day moves the members' day, not the public one's", async () => {
    expect(otherZone).not.toBe(TZ);
    rmSync(path.join(meetings, 'arkiv', '2023-11-22'), { recursive: true });
    replaceClosedAttachment('3-1.pdf');
    await send(otherZone);
    expect(logged().map((e) => e.version)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
    build('--both', '--force');
    expect(frontPage('2023-11-22-dagsorden.pdf')).toContain(`Rettet dagsorden den ${dayIn(otherZone)}`);
    expect(frontPage('2023-11-22-dagsorden-offentlig.pdf')).toContain(`Rettet dagsorden den ${today}`);
  });
});
