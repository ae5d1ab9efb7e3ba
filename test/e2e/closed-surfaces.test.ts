import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, agendaAsync, tempDir, type CliResult } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { closedFixture, markersIn as markerIn, markersInMail } from '../support/markers.js';
import { pdfPages } from '../support/pdf.js';
import { password, testCertificate } from '../support/seal.js';
import { readableForms, siteFiles } from '../support/site.js';
import { startSmtpServer } from '../support/smtp.js';

// The surfaces added since the closed tests were written, each searched for the markers of every
// closed field (all begin XQZSECRET): closed sub-items and their attachments, a closed addition
// (tilføjelse), a closed item's earlier treatments, a member's reservation on the Godkendelsesside,
// the sealed public minutes, verify's messages, the site with its feeds, open data and search index,
// and the public diff after the clerk closed what had been open.

const date = '2024-03-06';
const prefix = 'XQZSECRET';
const added = [
  'SUB-OEK',
  'SUB-BILAG-TITEL',
  'SUB-BILAG-DOK',
  'SUB-TITEL',
  'SUB-TEKST',
  'SUB-LUKKET-BILAG',
  'TILFOEJELSE',
  'HIST-UDVALG',
  'HIST-TEKST',
  'HIST-BESLUTNING',
  'KOEB',
].map((m) => `${prefix}-${m}`);
const reservation = `Forbehold for ${prefix}-FORBEHOLD.`;

const moreItems = `
  - titel: Anlægsprojekter
    tidligere_behandlinger:
      - { udvalg: Byrådet, dato: 2023-06-16, punkt: 12 }
    sagsfremstilling: Tre projekter.
    underpunkter:
      - titel: Kloakering
        sagsfremstilling: Ledningerne er gamle.
        økonomiske_konsekvenser:
          tekst: Prisen fra ${prefix}-SUB-OEK.
          lukket: true
        bilag:
          - { titel: Projektbeskrivelse, dokument: "201/14" }
          - { titel: ${prefix}-SUB-BILAG-TITEL, dokument: ${prefix}-SUB-BILAG-DOK, lukket: true }
      - titel: Ekspropriation ${prefix}-SUB-TITEL
        offentlig_titel: Ekspropriation
        lukket: true
        sagsfremstilling: ${prefix}-SUB-TEKST om grundejerne.
        bilag:
          - { titel: ${prefix}-SUB-LUKKET-BILAG, dokument: "202/14" }
    beslutning: Godkendt.
    tilføjelser:
      - dato: 2024-03-20
        tekst: Åben tilføjelse.
      - dato: 2024-03-21
        tekst: Lukket tilføjelse ${prefix}-TILFOEJELSE.
        lukket: true

  - titel: Lukket sag med historie
    offentlig_titel: Sag med historie
    lukket: true
    tidligere_behandlinger:
      - { udvalg: ${prefix}-HIST-UDVALG, dato: 2023-01-11, punkt: 7 }
    sagsfremstilling: ${prefix}-HIST-TEKST.
    beslutning: ${prefix}-HIST-BESLUTNING.
`;

/** Where any closed marker stands in `bytes`, in any spelling a PDF gives it. */
const markersIn = (label: string, bytes: string) => markerIn(prefix, label, bytes);

function inSite(site: string): string[] {
  return siteFiles(site).flatMap((f) => [
    ...markersIn(`the name ${f}`, f),
    ...readableForms(path.join(site, f)).flatMap((form) => markersIn(f, form)),
  ]);
}

const said = (label: string, run: CliResult) => [...markersIn(`${label} stdout`, run.stdout), ...markersIn(`${label} stderr`, run.stderr)];

function ok(run: CliResult): CliResult {
  expect(run.status, run.stderr).toBe(0);
  return run;
}

describe('minutes with closed sub-items, a closed addition, closed earlier treatments and a reservation', () => {
  const dir = tempDir();
  const meetings = path.join(dir, 'meetings');
  const run = (...args: string[]) => agenda([...args, '--meetings', meetings], { cwd: dir, env: { TZ: 'Europe/Copenhagen' } });
  const runs: Record<string, CliResult> = {};

  beforeAll(() => {
    cpSync(closedFixture, meetings, { recursive: true });
    const file = path.join(meetings, `${date}.yaml`);
    edit(file, /$/, moreItems);
    edit(file, '    sagsfremstilling: Forhandling med sælger XQZSECRET13.\n', '$&    beslutning: Købet af XQZSECRET-KOEB blev godkendt.\n');
    edit(path.join(meetings, 'udvalg.yaml'), /$/, 'husstil:\n  godkendelse:\n    side: godkendelsesside\n');
    runs.godkend = ok(run('godkend', date, '--af', 'Anna Andersen', '--forbehold', reservation));
    runs.build = ok(run('build', date, '--both', '--json'));
    runs.publish = ok(run('publish', '--out', path.join(dir, 'site'), '--url', 'https://moeder.example.dk/', '--samlet'));
    ok(run('finalize', date));
    const cert = testCertificate();
    runs.forsegl = ok(
      agenda(['forsegl', date, '--certifikat', cert.p12, '--meetings', meetings], { cwd: dir, env: { AGENDA_CERTIFIKAT_KODE: password } }),
    );
    runs.verify = ok(run('verify', date));
  }, 600_000);

  it('shows the members every closed part, the reservation on the Godkendelsesside (so the search can find them)', () => {
    const text = pdfPages(path.join(dir, 'out', `${date}-referat-godkendt.pdf`)).join('\n');
    for (const m of [...added, reservation]) expect(text, m).toContain(m);
  });

  it('leaves none of them in the public minutes, the sealed ones, or what build, publish and verify print', () => {
    const found = [
      ...readableForms(path.join(dir, 'out', `${date}-referat-offentlig.pdf`)).flatMap((f) => markersIn('the public PDF', f)),
      ...readableForms(path.join(meetings, 'arkiv', date, `${date}-referat-offentlig.pdf`)).flatMap((f) => markersIn('the sealed PDF', f)),
      ...said('build --both --json', runs.build!),
      ...said('publish', runs.publish!),
      ...said('verify', runs.verify!),
    ];
    expect(found).toEqual([]);
    const text = pdfPages(path.join(dir, 'out', `${date}-referat-offentlig.pdf`)).join('\n');
    expect(text).toContain('b. Ekspropriation');
    expect(text).toContain('Åben tilføjelse.');
  });

  it('leaves none of them anywhere in the site: pages, PDFs, open data, SBSYS, calendar and Atom feeds, the search index', () => {
    const site = path.join(dir, 'site');
    expect(siteFiles(site).some((f) => f.endsWith('.atom'))).toBe(true);
    expect(siteFiles(site).some((f) => f.endsWith('.pf_index'))).toBe(true);
    expect(inSite(site)).toEqual([]);
    console.log(
      `closed surfaces: no ${prefix} marker in ${siteFiles(site).length} files of the site, the public and sealed PDFs, or build, publish and verify's output`,
    );
  });
});

describe('agenda diff --public after the clerk closed what went out open', () => {
  const dir = tempDir();
  const meetings = path.join(dir, 'meetings');
  const file = path.join(meetings, `${date}.yaml`);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Sekretariatet', '-c', 'user.email=s@example.org', ...args], { cwd: dir, stdio: 'pipe' });
  const diff = (...args: string[]) =>
    agenda(['diff', date, '--meetings', meetings, '--fra', 'HEAD', ...args], { cwd: dir, env: { TZ: 'Europe/Copenhagen' } });

  beforeAll(() => {
    cpSync(closedFixture, meetings, { recursive: true });
    edit(
      file,
      /$/,
      `
  - titel: Glemt lukket ${prefix}-GLEMT-TITEL
    sagsfremstilling: Sagen om ${prefix}-GLEMT-TEKST.
    bilag:
      - { titel: ${prefix}-GLEMT-BILAG, dokument: "77/24" }
    beslutning: Godkendt.

  - titel: Åbent punkt med en glemt lukket tekst
    sagsfremstilling: Åben tekst.
    indstilling: Det indstilles, at ${prefix}-GLEMT-INDSTILLING.
    tidsplan:
      - tid: 10.00
        punkt: Åben drøftelse.
      - tid: 10.15
        punkt: Drøftelse af ${prefix}-GLEMT-RAEKKE.
    bilag:
      - { titel: Åbent bilag, dokument: "78/24" }
      - { titel: ${prefix}-GLEMT-BILAG2, dokument: "79/24" }
    beslutning: Godkendt.
`,
    );
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'The meeting, as it went out');
    // The clerk closes, too late, an item, a section, a timetable row and an attachment, and changes an open text.
    edit(file, `  - titel: Glemt lukket ${prefix}-GLEMT-TITEL\n`, '$&    lukket: true\n');
    edit(
      file,
      `    indstilling: Det indstilles, at ${prefix}-GLEMT-INDSTILLING.\n`,
      `    indstilling:\n      tekst: Det indstilles, at ${prefix}-GLEMT-INDSTILLING.\n      lukket: true\n`,
    );
    edit(file, `        punkt: Drøftelse af ${prefix}-GLEMT-RAEKKE.\n`, '$&        lukket: true\n');
    edit(
      file,
      `      - { titel: ${prefix}-GLEMT-BILAG2, dokument: "79/24" }`,
      `      - { titel: ${prefix}-GLEMT-BILAG2, dokument: "79/24", lukket: true }`,
    );
    edit(file, '    sagsfremstilling: Åben tekst.\n', '    sagsfremstilling: Åben tekst, rettet.\n');
  });

  it('quotes none of what is closed now, in the terminal, the JSON, the PDF or the HTML; the open change is there', () => {
    const [pdf, html] = [path.join(dir, 'p.pdf'), path.join(dir, 'p.html')];
    const terminal = ok(diff('--public'));
    const data = ok(diff('--public', '--json', '--pdf', pdf, '--html', html));
    const found = [
      ...said('the terminal', terminal),
      ...said('--json', data),
      ...readableForms(pdf).flatMap((f) => markersIn('the PDF', f)),
      ...markersIn('the HTML', readFileSync(html, 'latin1')),
    ];
    expect(found).toEqual([]);
    // Whom the PDF is for, in plain form, as every PDF agenda writes records it.
    expect(readFileSync(pdf, 'latin1')).toContain('/AgendaAudience (offentlig)');
    expect(terminal.stdout).toContain('{+, rettet+}');
    const changes = (JSON.parse(data.stdout) as { changes: Array<{ number: number; type: string }> }).changes;
    expect(changes.map((c) => [c.number, c.type])).toEqual([[6, 'text-changed']]);
  });
});

describe('the mail of a corrected version', () => {
  const dir = tempDir();
  const meetings = path.join(dir, 'meetings');
  const file = path.join(meetings, `${date}.yaml`);
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const send = () =>
    agendaAsync(['send', date, '--meetings', meetings], { cwd: dir, env: { TZ: 'Europe/Copenhagen', ...smtp.settings(dir) } });

  beforeAll(async () => {
    cpSync(closedFixture, meetings, { recursive: true });
    const udvalg = path.join(meetings, 'udvalg.yaml');
    edit(udvalg, '    navn: Anna Andersen\n', '$&    email: anna@example.org\n');
    edit(udvalg, '    navn: Bo Bech\n', '$&    email: bo@example.org\n');
    // A closed item's sub-item, not itself marked lukket: closed with its item.
    edit(
      file,
      'Forhandling med sælger XQZSECRET13.\n',
      `$&    underpunkter:\n      - titel: Grunden ${prefix}-SUBMAIL\n        sagsfremstilling: Før.\n`,
    );
    smtp = await startSmtpServer({ user: 'sekretariat', password: 'hemmeligt-Kodeord-4711' });
    ok(await send());
    // After it went out: a closed attachment in an open item, an attachment in a closed item, a closed item's text changed.
    edit(
      file,
      '        offentlig_note: jf. offentlighedslovens § 30\n',
      `$&      - { titel: Tilbud ${prefix}-MAIL-BILAG, dokument: "12/24", lukket: true }\n`,
    );
    edit(file, '        dokument: XQZSECRET10\n', `$&      - { titel: Udtalelse ${prefix}-MAIL-LUKKET-PUNKT, dokument: "13/24" }\n`);
    edit(file, 'Forhandling med sælger XQZSECRET13.', `Forhandling med sælger ${prefix}-MAIL-TEKST.`);
    edit(file, '        sagsfremstilling: Før.\n', '        sagsfremstilling: Efter.\n');
  }, 300_000);
  afterAll(() => smtp.close());

  it('names a closed attachment by its number, a closed item by its public title, and quotes nothing closed', async () => {
    const before = smtp.received.length;
    ok(await send());
    const mails = smtp.received.slice(before);
    expect(mails).toHaveLength(2);
    for (const { mail } of mails) {
      expect(mail.subject).toMatch(/^Rettet: /);
      expect(mail.text).toContain(
        // The whole list, each once: an attachment added is not also a change of the table's document numbers; the closed
        // sub-item's text changed too (its own line).
        [
          ':',
          '- Punkt 1: bilag 1.3 er tilføjet',
          '- Punkt 2: bilag 2.2 er tilføjet',
          '- Punkt 3 Lukket punkt: Sagsfremstilling er ændret',
          '- Punkt 3, underpunkt a. Lukket punkt: Sagsfremstilling er ændret\n',
        ].join('\n'),
      );
      expect(markersInMail(prefix, mail)).toEqual([]);
    }
  });
});
