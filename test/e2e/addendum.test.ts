import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { agenda, agendaAsync, copyOfOneMeeting, errorLines, tempDir } from '../support/cli.js';
import { contentsEntries } from '../support/contents.js';
import { edit } from '../support/edit.js';
import { canMakeImmutable } from '../support/immutable.js';
import { importedBulletPoints } from '../support/os2web-importer.js';
import { pdfPages } from '../support/pdf.js';
import { closedMarkersIn } from '../support/site.js';
import { startSmtpServer } from '../support/smtp.js';
import { packageRoot } from '../../src/shared/paths.js';

// The tillægsdagsorden (issue 30): on a copy of the example meeting of 22 November, the agenda is
// sent, an item is added after it, and the addendum is built, sent, published and taken into the
// minutes; each read back from the PDF, the mail, the site's data and the SBSYS XML.

const login = { user: 'sekretariat', password: 'hemmeligt-Kodeord-4711' };
const members = ['jonas@example.org', 'lene@example.org', 'kim@example.org'];
const names = ['Jonas Kroustrup', 'Lene Mehlsen Thomsen', 'Kim Bruun Nielsen'];
/** In the closed item added late: in no public output. */
const secret = 'XQZADDENDUMSECRET';
const late = 'Hasteindstilling om vinterberedskab';
const lateItems = `
  - titel: ${late}
    tillæg:
      begrundelse: Vejdirektoratet varsler frost fra 25. november.
    sagsfremstilling: Beredskabet skal på plads inden næste møde.
    bilag:
      - titel: Beredskabsplan vinter 2023
        fil: bilag/2023-11-22/3-1.pdf
  - titel: Personalesag ${secret}
    offentlig_titel: Personalesag
    lukket: true
    tillæg:
      begrundelse: Fristen udløber ${secret}.
    sagsfremstilling: Sagen ${secret}.
`;

const tocCheck = ['/work/shared/tools/toc-check', path.join(packageRoot, '..', 'shared', 'tools', 'toc-check')].find(existsSync);

describe('the tillægsdagsorden', () => {
  const { dir, meetings } = copyOfOneMeeting('2023-11-22');
  const meetingFile = path.join(meetings, '2023-11-22.yaml');
  const out = (name: string) => path.join(dir, 'out', name);
  const bilagYaml = path.join(meetings, 'arkiv', '2023-11-22', 'bilag.yaml');
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let env: NodeJS.ProcessEnv;
  const run = (args: string[]) => agenda(args, { cwd: dir, env });
  const send = () => agendaAsync(['send', '2023-11-22'], { cwd: dir, env });

  beforeAll(async () => {
    const udvalg = path.join(meetings, 'udvalg.yaml');
    names.forEach((name, i) => edit(udvalg, `    navn: ${name}\n`, `    navn: ${name}\n    email: ${members[i]}\n`));
    // The agenda with one attachment file (2-1.pdf), so that its send records it; the late item brings a file of its own.
    edit(meetingFile, /^ +fil: bilag\/2023-11-22\/(?:2-2|3-1|3-2)\.pdf\n/gm, '');
    smtp = await startSmtpServer(login);
    env = { TZ: 'Europe/Copenhagen', ...smtp.settings(dir) };
  });
  afterAll(() => smtp.close());

  it('is refused, located, for a meeting whose agenda was never sent; nothing is built or sent', async () => {
    const sent = readFileSync(meetingFile, 'utf8');
    writeFileSync(meetingFile, sent + lateItems);
    const build = run(['build', '2023-11-22']);
    expect(build.status).not.toBe(0);
    // Each at its tillæg: key, on the lines the file has them.
    const at = readFileSync(meetingFile, 'utf8')
      .split('\n')
      .flatMap((line, i) => (line === '    tillæg:' ? [i + 1] : []));
    const refusal = (line: number | undefined, place: number) =>
      `meetings/2023-11-22.yaml:${line}:5: punkter[${place}].tillæg: an item added in a tillægsdagsorden, but the agenda was never sent (2023-11-22.sendt.yaml holds no 2023-11-22-dagsorden.pdf or 2023-11-22-dagsorden-samlet.pdf): without tillæg the item is on the agenda`;
    expect(errorLines(build.stderr).filter((l) => l.startsWith('meetings/'))).toEqual([refusal(at[0], 3), refusal(at[1], 4)]);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    const mail = await send();
    expect(mail.status).not.toBe(0);
    expect(mail.stderr).toContain('punkter[4].tillæg: an item added in a tillægsdagsorden, but the agenda was never sent');
    expect(smtp.received).toEqual([]);
    expect(existsSync(path.join(meetings, '2023-11-22.sendt.yaml'))).toBe(false);
    writeFileSync(meetingFile, sent);
  });

  it('follows the agenda sent: built numbered on from its last item, with its own contents and the reason it is late', async () => {
    const sent = await send();
    expect(errorLines(sent.stderr)).toEqual([]);
    expect(smtp.received.map((r) => r.mail.attachments.map((a) => a.filename))).toEqual(
      members.map(() => ['2023-11-22-dagsorden-samlet.pdf']),
    );
    expect(Object.keys(parse(readFileSync(bilagYaml, 'utf8')) as object)).toEqual(['bilag/2023-11-22/2-1.pdf']);
    writeFileSync(meetingFile, readFileSync(meetingFile, 'utf8') + lateItems);
    const build = run(['build', '2023-11-22']);
    expect(build.status, build.stderr).toBe(0);
    const pages = pdfPages(out('2023-11-22-tillaegsdagsorden.pdf'));
    expect(pages[0]).toContain('TILLÆGSDAGSORDEN');
    expect(contentsEntries(out('2023-11-22-tillaegsdagsorden.pdf')).map((e) => [e.title, e.listed === e.printed])).toEqual([
      [`5. ${late}`, true],
      [`6. Personalesag ${secret}`, true],
      ['Bilagsoversigt', true],
    ]);
    const text = pages.join('\n');
    expect(text).toContain('Begrundelse for tillægspunktet: Vejdirektoratet varsler frost fra 25. november.');
    expect(text).not.toContain('Beslutningsprotokoller og dagsordener');
    if (tocCheck)
      expect(execFileSync(tocCheck, [out('2023-11-22-tillaegsdagsorden.pdf')], { encoding: 'utf8' })).toMatch(/toc 3\/3 entries right/);
    // The agenda keeps the items it was sent with.
    const agendaText = pdfPages(out('2023-11-22-dagsorden.pdf')).join('\n');
    expect(agendaText).toContain('4. Eventuelt');
    expect(agendaText).not.toContain(late);
  });

  it('gives the same bytes from the same inputs, alone and combined, members and public', () => {
    const samlet = run(['build', '2023-11-22', '--both', '--samlet']);
    expect(samlet.status, samlet.stderr).toBe(0);
    const files = [
      '2023-11-22-tillaegsdagsorden.pdf',
      '2023-11-22-tillaegsdagsorden-samlet.pdf',
      '2023-11-22-tillaegsdagsorden-offentlig-samlet.pdf',
    ];
    const before = files.map((f) => readFileSync(out(f)));
    // Printed again (--force); the addendum alone is printed again below, where its bytes are compared.
    expect(run(['build', '2023-11-22', '--both', '--samlet', '--force']).status).toBe(0);
    files.forEach((f, i) => expect(Buffer.compare(readFileSync(out(f)), before[i]!), f).toBe(0));
    // The agenda kept, its addendum gone: a build without --force makes the addendum again, the same bytes.
    rmSync(out(files[0]!));
    expect(run(['build', '2023-11-22']).status).toBe(0);
    expect(Buffer.compare(readFileSync(out(files[0]!)), before[0]!)).toBe(0);
    const publicText = pdfPages(out('2023-11-22-tillaegsdagsorden-offentlig-samlet.pdf')).join('\n');
    expect(publicText).toContain('6. Personalesag');
    expect(publicText).not.toContain(secret);
  });

  it.runIf(canMakeImmutable())(
    'a freeze whose own write failed changed nothing, and is not told as left so: bilag.yaml as it was',
    async () => {
      const before = readFileSync(bilagYaml, 'utf8');
      const refusing = await startSmtpServer(login, members);
      execFileSync('chattr', ['+i', bilagYaml]);
      try {
        const failed = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env: { ...env, ...refusing.settings(tempDir()) } });
        expect(failed.status, failed.stderr).not.toBe(0);
        expect(errorLines(failed.stderr)).toEqual([expect.stringMatching(/^cannot write meetings\/arkiv\/2023-11-22\/bilag\.yaml: /)]);
      } finally {
        execFileSync('chattr', ['-i', bilagYaml]);
        await refusing.close();
      }
      expect(refusing.received).toEqual([]);
      expect(readFileSync(bilagYaml, 'utf8')).toBe(before);
    },
  );

  it('is what agenda send mails then, to every member, not the agenda again', async () => {
    // First to a server that refuses each member: nothing went, so its file is not recorded as sent.
    const refusing = await startSmtpServer(login, members);
    const refused = await agendaAsync(['send', '2023-11-22'], { cwd: dir, env: { ...env, ...refusing.settings(tempDir()) } });
    await refusing.close();
    expect(refused.status, refused.stderr).toBe(5);
    expect(Object.keys(parse(readFileSync(bilagYaml, 'utf8')) as object)).toEqual(['bilag/2023-11-22/2-1.pdf']);
    const before = smtp.received.length;
    const sent = await send();
    expect(errorLines(sent.stderr), sent.stderr).toEqual([]);
    const mails = smtp.received.slice(before);
    expect(
      mails
        .map((r) => r.to)
        .flat()
        .sort(),
    ).toEqual([...members].sort());
    // With its attachment's file, as the combined document (samlet), as the agenda would go.
    const pdf = readFileSync(out('2023-11-22-tillaegsdagsorden-samlet.pdf'));
    for (const { mail } of mails) {
      expect(mail.subject).toBe('Tillægsdagsorden til Direktionens møde onsdag den 22. november 2023');
      expect(mail.text).toContain('Hermed tillægsdagsordenen til Direktionens møde onsdag den 22. november 2023');
      expect(mail.attachments.map((a) => a.filename)).toEqual(['2023-11-22-tillaegsdagsorden-samlet.pdf']);
      expect(Buffer.compare(mail.attachments[0]!.content, pdf)).toBe(0);
    }
    const log = parse(readFileSync(path.join(meetings, '2023-11-22.sendt.yaml'), 'utf8')) as Array<{ dokument: string; punkter: string[] }>;
    expect(log.at(-1)?.punkter).toEqual([late, `Personalesag ${secret}`]);
    // The late item's file is recorded as it went out, beside the agenda's.
    expect(Object.keys(parse(readFileSync(bilagYaml, 'utf8')) as object)).toEqual(['bilag/2023-11-22/2-1.pdf', 'bilag/2023-11-22/3-1.pdf']);
    // agenda diff compares the agenda with the agenda sent, not with the addendum sent since: nothing changed.
    const diff = run(['diff', '2023-11-22', '--json']);
    expect(diff.stderr).toBe('');
    expect((JSON.parse(diff.stdout) as { changes: unknown[] }).changes).toEqual([]);
  });

  it("agenda diff counts and lists the items of the addenda as the agenda's: one changed since it was sent, one of an addendum not sent", () => {
    const sent = readFileSync(meetingFile, 'utf8');
    try {
      edit(meetingFile, 'Beredskabet skal på plads inden næste møde.', 'Beredskabet skal på plads inden første frost.');
      writeFileSync(
        meetingFile,
        `${readFileSync(meetingFile, 'utf8')}  - titel: Saltlager\n    tillæg: 2\n    sagsfremstilling: Et nyt saltlager.\n`,
      );
      const text = run(['diff', '2023-11-22']);
      expect(text.stderr).toBe('');
      expect(text.stdout.split('\n').slice(1)).toEqual([
        `item 5 ${late} (tillægsdagsorden 1): Sagsfremstilling changed`,
        '  Beredskabet skal på plads inden [-næste-]{+første+} [-møde-]{+frost+}.',
        'item 7 Saltlager (tillægsdagsorden 2): added',
        '',
      ]);
      expect(text.stdout.split('\n')[0]).toMatch(/^changes in the members' version since the version sent .+: 2$/);
      const json = JSON.parse(run(['diff', '2023-11-22', '--json']).stdout) as { changes: Array<Record<string, unknown>> };
      expect(json.changes.map(({ type, number, title, addendum }) => ({ type, number, title, addendum }))).toEqual([
        { type: 'text-changed', number: 5, title: late, addendum: 1 },
        { type: 'item-added', number: 7, title: 'Saltlager', addendum: 2 },
      ]);
      // The public diff the same two, and nothing of the closed item added late.
      const open = run(['diff', '2023-11-22', '--public']);
      expect(open.stdout.split('\n')[0]).toMatch(/: 2$/);
      expect(open.stdout).not.toContain(secret);
    } finally {
      writeFileSync(meetingFile, sent);
    }
  });

  it('refuses, located, an item moved out of the addendum it was sent in; nothing is written', () => {
    const sent = readFileSync(meetingFile, 'utf8');
    rmSync(path.join(dir, 'out'), { recursive: true });
    edit(meetingFile, '    tillæg:\n      begrundelse: Vejdirektoratet varsler frost fra 25. november.\n', '');
    const build = run(['build', '2023-11-22']);
    expect(build.status).not.toBe(0);
    expect(errorLines(build.stderr)[0]).toMatch(
      new RegExp(
        `^meetings/2023-11-22\\.yaml:\\d+:\\d+: punkter\\[3\\]: ${late} went out in 2023-11-22-tillaegsdagsorden-samlet\\.pdf, sent already; it cannot be moved to 2023-11-22-dagsorden\\.pdf`,
      ),
    );
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    writeFileSync(meetingFile, sent);
  });

  it('is published: on the meeting page, in the open data and as an addendum in the SBSYS folder; nothing closed', () => {
    const site = path.join(tempDir(), 'site');
    const published = run(['publish', '--meetings', meetings, '--out', site, '--url', 'https://dagsordener.example.dk/']);
    expect(published.status, published.stderr).toBe(0);
    expect(readFileSync(path.join(site, 'direktionen', '2023-11-22.html'), 'utf8')).toContain(
      'href="2023-11-22-tillaegsdagsorden-offentlig.pdf"',
    );
    const data = JSON.parse(readFileSync(path.join(site, 'data', 'direktionen', '2023-11-22.json'), 'utf8')) as {
      auxiliaryFile: Array<{ fileName: string }>;
      agendaItem: Array<{ number: string; 'agenda:addendum'?: number }>;
    };
    expect(data.auxiliaryFile.map((f) => f.fileName)).toEqual(['2023-11-22-tillaegsdagsorden-offentlig.pdf']);
    expect(data.agendaItem.map((i) => [i.number, i['agenda:addendum']])).toEqual([
      ['1', undefined],
      ['2', undefined],
      ['3', undefined],
      ['4', undefined],
      ['5', 1],
      ['6', 1],
    ]);
    const sbsys = path.join(site, 'sbsys');
    expect(readdirSync(sbsys).filter((f) => f.startsWith('direktionen-2023-11-22'))).toEqual([
      'direktionen-2023-11-22',
      'direktionen-2023-11-22-tillaeg-1',
    ]);
    const xml = (folder: string) => readFileSync(path.join(sbsys, folder, `${folder}.xml`), 'utf8');
    const addendum = xml('direktionen-2023-11-22-tillaeg-1');
    expect(importedBulletPoints(addendum).map((p) => [p.number, p.title, p.access])).toEqual([
      ['5', late, true],
      ['6', 'Personalesag', false],
    ]);
    expect(importedBulletPoints(xml('direktionen-2023-11-22')).map((p) => p.number)).toEqual(['1', '2', '3', '4']);
    // Each folder holds the files of its own items' attachments, which the importer copies by their BilagUrl.
    expect(readdirSync(path.join(sbsys, 'direktionen-2023-11-22-tillaeg-1')).sort()).toEqual([
      '2023-11-22-bilag-5-1.pdf',
      'dagsorden.html',
      'direktionen-2023-11-22-tillaeg-1.xml',
    ]);
    expect(addendum).toContain('BilagUrl="2023-11-22-bilag-5-1.pdf"');
    // One meeting (MødeID), two agendas (DagsordenID): the importer makes the second an addendum of the first.
    expect(/MødeID="([^"]+)"/.exec(addendum)?.[1]).toBe('direktionen-2023-11-22');
    expect(/DagsordenID="([^"]+)"/.exec(addendum)?.[1]).toBe('direktionen-2023-11-22-tillaeg-1');
    expect(closedMarkersIn(site, [secret])).toEqual([]);
  });

  it('is in the minutes: every item in order, the late ones marked as the house marks them', () => {
    edit(
      meetingFile,
      '    sagsfremstilling: Beredskabet skal på plads inden næste møde.\n',
      '    sagsfremstilling: Beredskabet skal på plads inden næste møde.\n    beslutning: Godkendt.\n',
    );
    const build = run(['build', '2023-11-22']);
    expect(build.status, build.stderr).toBe(0);
    const minutes = out('2023-11-22-referat.pdf');
    const entries = contentsEntries(minutes);
    expect(entries.map((e) => e.title.replace(/\.\s.*$/, ''))).toEqual(['1', '2', '3', '4', '5', '6', 'Bilagsoversigt']);
    for (const e of entries) expect(e.printed, e.title).toBe(e.listed);
    const text = pdfPages(minutes).join('\n');
    expect(text).toMatch(/\n5\. Hasteindstilling om vinterberedskab\s+Åben sag\s+Punktet blev optaget på dagsordenen som tillægspunkt\.\s/);
    // The minutes are the meeting's one document now: no addendum is built beside them.
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['2023-11-22-referat.pdf']);
  });
});
