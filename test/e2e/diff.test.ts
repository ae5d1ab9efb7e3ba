import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, agendaAsync, copyOfMeetings, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { closedFixture, markers, spellings } from '../support/markers.js';
import { pdfByteForms, pdfPages } from '../support/pdf.js';
import { startSmtpServer } from '../support/smtp.js';
import { commitAll } from '../support/git.js';

const TZ = 'Europe/Copenhagen';
const login = { user: 'sekretariat', password: 'hemmeligt-Kodeord-4711' };
const jonas = 'jonas@example.org';
const lene = 'lene@example.org';
const kim = 'kim@example.org';

const json = (stdout: string) =>
  JSON.parse(stdout) as { ok: boolean; changes: Array<Record<string, unknown>>; from: Record<string, string> };

describe('agenda diff, and a corrected agenda sent honestly', () => {
  const { dir, meetings } = copyOfMeetings();
  const meetingFile = path.join(meetings, '2023-11-22.yaml');
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let env: NodeJS.ProcessEnv;
  const run = (args: string[]) => agenda(args, { cwd: dir, env: { TZ } });
  const ran = (args: string[]) => {
    const result = run(args);
    expect(result.stderr).toBe('');
    return result;
  };
  const send = () => agendaAsync(['send', '2023-11-22'], { cwd: dir, env });

  beforeAll(async () => {
    const udvalg = path.join(meetings, 'udvalg.yaml');
    edit(udvalg, '    navn: Jonas Kroustrup\n', `    navn: Jonas Kroustrup\n    email: ${jonas}\n`);
    edit(udvalg, '    navn: Lene Mehlsen Thomsen\n', `    navn: Lene Mehlsen Thomsen\n    email: ${lene}\n`);
    edit(udvalg, '    navn: Kim Bruun Nielsen\n', `    navn: Kim Bruun Nielsen\n    email: ${kim}\n`);
    smtp = await startSmtpServer(login);
    env = { TZ, ...smtp.settings(dir) };
    const first = await send();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    commitAll(dir, 'Dagsordenen til 22. november, sendt');
  });
  afterAll(() => smtp.close());

  it('keeps what the version sent said, and finds nothing changed before anything is', () => {
    expect(readdirSync(path.join(meetings, 'arkiv', 'sendt', '2023-11-22'))).toHaveLength(1);
    const result = run(['diff', '2023-11-22']);
    expect(result.stdout).toMatch(/^changes in the members' version since the version sent .* to kim@example.org: 0\n$/);
    expect(result.status).toBe(0);
  });

  it("the public diff names neither the members' PDF (its SHA-256) nor the address it went to", () => {
    const terminal = ran(['diff', '2023-11-22', '--public']);
    expect(terminal.stdout).toMatch(/^changes in the public version since the version sent \d{4}-\d{2}-\d{2} \d{2}:\d{2}: 0\n$/);
    const data = json(ran(['diff', '2023-11-22', '--public', '--json']).stdout);
    expect(Object.keys(data.from)).toEqual(['sentAt']);
    const sent = readdirSync(path.join(meetings, 'arkiv', 'sendt', '2023-11-22'))[0]?.replace('.yaml', '') ?? 'none';
    for (const output of [terminal.stdout, JSON.stringify(data)]) {
      expect(output).not.toContain(sent);
      expect(output).not.toContain('@example.org');
    }
  });

  describe('after a figure of item 2 is changed, an attachment replaced and an item added', () => {
    beforeAll(() => {
      edit(meetingFile, 'Oplæg til skabelon for aftalestyring 2024', 'Oplæg til skabelon for aftalestyring 2025');
      // An attachment that went out is replaced only in a reopened meeting (its archive deleted, as agenda finalize says).
      rmSync(path.join(meetings, 'arkiv', '2023-11-22'), { recursive: true });
      const bilag = path.join(meetings, 'bilag', '2023-11-22');
      copyFileSync(path.join(bilag, '2-1.pdf'), path.join(bilag, '3-1.pdf'));
      edit(meetingFile, /\n*$/, '\n\n  - titel: Vintertjeneste\n    sagsfremstilling: Drøftelse af vintertjenesten.\n');
    });

    it('the terminal shows exactly those three changes, words marked as git marks them', () => {
      const result = ran(['diff', '2023-11-22']);
      expect(result.status).toBe(0);
      const lines = result.stdout.split('\n').filter((l) => /^\S/.test(l));
      expect(lines).toEqual([
        expect.stringMatching(/^changes in the members' version since the version sent .*: 3$/),
        'item 2 Økonomi: Sagsfremstilling changed',
        'item 3 Punkter til behandling: attachment 3.1 Anerkendelse af gennemført DOL replaced',
        'item 4 Vintertjeneste: added',
      ]);
      expect(result.stdout).toContain('Oplæg til skabelon for aftalestyring [-2024-]{+2025+}');
      // Not a terminal: no colour.
      expect(result.stdout).not.toContain('\x1b');
    });

    it('--json gives the same three changes, the words added and removed in their parts', () => {
      const result = json(ran(['diff', '2023-11-22', '--json']).stdout);
      expect(result.ok).toBe(true);
      expect(result.changes.map((c) => [c.type, c.number])).toEqual([
        ['text-changed', 2],
        ['attachment-replaced', 3],
        ['item-added', 4],
      ]);
      const parts = result.changes[0]?.parts as Array<{ text: string; added?: true; removed?: true }>;
      expect(parts.filter((p) => p.added || p.removed)).toEqual([
        { text: '2024', removed: true },
        { text: '2025', added: true },
      ]);
      expect(parts.map((p) => (p.added ? '' : p.text)).join('')).toContain('aftalestyring 2024');
    });

    it('--pdf and --html: a page a member can read, changes marked in words, the same bytes from the same inputs', () => {
      const [pdf, again, html] = [path.join(dir, 'a.pdf'), path.join(dir, 'b.pdf'), path.join(dir, 'a.html')] as const;
      const result = ran(['diff', '2023-11-22', '--pdf', pdf, '--html', html]);
      expect(result.status).toBe(0);
      const text = pdfPages(pdf).join('\n');
      // The heading names the document as every output does (its line may wrap).
      expect(text.replace(/\s+/g, ' ')).toContain('Ændringer i Dagsorden for Direktionens møde den 22. november 2023');
      expect(text).toContain('Punkt 2 Økonomi: Sagsfremstilling er ændret');
      expect(text).toContain('aftalestyring Fjernet: 2024 Tilføjet: 2025');
      expect(text).toContain('Punkt 3: bilag 3.1 Anerkendelse af gennemført DOL er erstattet af en ny fil');
      expect(text).toContain('Punkt 4 er tilføjet: Vintertjeneste');
      expect(readFileSync(html, 'utf8')).toMatch(
        /<del><span class="maerke">Fjernet: <\/span>2024<\/del> <ins><span class="maerke">Tilføjet: <\/span>2025<\/ins>/,
      );
      expect(run(['diff', '2023-11-22', '--pdf', again]).status).toBe(0);
      expect(readFileSync(again).equals(readFileSync(pdf))).toBe(true);
    });

    it('--fra a revision compares with the meeting as committed', () => {
      const result = json(ran(['diff', '2023-11-22', '--fra', 'HEAD', '--json']).stdout);
      expect(result.from.revision).toBe('HEAD');
      expect(result.changes.map((c) => c.type)).toEqual(['text-changed', 'attachment-replaced', 'item-added']);
    });

    it('the corrected version sent says so and lists what changed; each member is then known to hold it', async () => {
      const before = smtp.received.length;
      const result = await send();
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const mails = smtp.received.slice(before);
      expect(mails.map((m) => m.to)).toEqual([[jonas], [lene], [kim]]);
      for (const { mail } of mails) {
        expect(mail.subject).toBe('Rettet: Dagsorden til Direktionens møde onsdag den 22. november 2023');
        expect(mail.text).toMatch(/Dette er en rettet udgave\. Ændret siden den udgave, du fik \d+\. \w+ \d{4}:\n/);
        expect(mail.text).toContain(
          [
            '- Punkt 2 Økonomi: Sagsfremstilling er ændret',
            '- Punkt 3: bilag 3.1 Anerkendelse af gennemført DOL er erstattet af en ny fil',
            '- Punkt 4 er tilføjet: Vintertjeneste',
          ].join('\n'),
        );
      }
      const held = json(run(['diff', '2023-11-22', '--medlem', jonas, '--json']).stdout);
      expect(held.changes).toEqual([]);
      expect(held.from.to).toBe(jonas);
    });
  });

  it('a revision that does not exist, or a meeting file at it that is not a meeting: a located error, nothing written', () => {
    const pdf = path.join(dir, 'never.pdf');
    const unknown = run(['diff', '2023-11-22', '--fra', 'no-such-revision', '--pdf', pdf]);
    expect(unknown.stderr).toMatch(/^--fra no-such-revision: no such revision in the repository at .*\n$/);
    expect(unknown.status).toBe(2);
    const option = run(['diff', '2023-11-22', '--fra=--output=x', '--pdf', pdf]);
    expect(option.status).toBe(2);
    const broken = path.join(meetings, '2024-01-10.yaml');
    writeFileSync(broken, 'punkter: 5\n');
    commitAll(dir, 'Not a meeting');
    copyFileSync(meetingFile, broken);
    const notMeeting = run(['diff', '2024-01-10', '--fra', 'HEAD', '--pdf', pdf]);
    expect(notMeeting.stderr).toMatch(/^HEAD:meetings\/2024-01-10\.yaml:1:\d+: punkter: /m);
    expect(notMeeting.status).toBe(1);
    const none = run(['diff', '2024-01-10', '--fra', 'HEAD~1', '--pdf', pdf]);
    expect(none.stderr).toBe('HEAD~1:meetings/2024-01-10.yaml:1:1: no meeting file meetings/2024-01-10.yaml at HEAD~1\n');
    expect(none.status).toBe(1);
    const neverSent = run(['diff', '2023-09-06', '--pdf', pdf]);
    expect(neverSent.stderr).toMatch(/^nothing of 2023-09-06 has been sent/);
    expect(neverSent.status).toBe(2);
    expect(existsSync(pdf)).toBe(false);
  });
});

describe('agenda diff --public', () => {
  const dir = tempDir();
  const meetings = path.join(dir, 'meetings');
  const file = path.join(meetings, '2024-03-06.yaml');
  beforeAll(() => {
    cpSync(closedFixture, meetings, { recursive: true });
    commitAll(dir, 'The meeting with closed content');
    // Changes inside closed content only: a closed item's text and title, a closed section of an open item, a closed row.
    edit(file, 'Sagen om medarbejder XQZSECRET06.', 'Sagen om en medarbejder.');
    edit(file, 'Køb af grund XQZSECRET12', 'Køb af grund');
    edit(file, 'Forhandlingsoplæg XQZSECRET01 om lønrammen.', 'Forhandlingsoplæg om lønrammen.');
    edit(file, '      - tid: 9.45\n        punkt: Lukket drøftelse af XQZSECRET14.\n        lukket: true\n', '');
  });

  // The members' diff in every form at once (its JSON on stdout, its page as PDF and HTML): one run for both tests.
  const [pdf, html] = [path.join(dir, 'm.pdf'), path.join(dir, 'm.html')] as const;
  let membersRun: ReturnType<typeof run> | undefined;
  const members = () => (membersRun ??= run(['--json', '--pdf', pdf, '--html', html], false));

  it('the members see the closed changes (so the test can fail)', () => {
    const result = members();
    expect(result.stdout).toContain('XQZSECRET06');
    expect(json(result.stdout).changes.length).toBeGreaterThan(0);
  });

  it("the members' page warns of its closed content as their documents do, and marks every page", () => {
    members();
    const pages = pdfPages(pdf);
    expect(pages[0]).toContain('Indeholder lukkede oplysninger – må ikke offentliggøres');
    for (const page of pages) expect(page).toContain('Lukket indhold');
    expect(readFileSync(html, 'utf8')).toContain('<p class="lukket-advarsel">');
  });

  it('the public diff shows none of them: no change, and no marker in any byte of the terminal, the JSON, the PDF or the HTML', () => {
    const [pdf, html] = [path.join(dir, 'p.pdf'), path.join(dir, 'p.html')] as const;
    const terminal = run([]);
    const data = run(['--json', '--pdf', pdf, '--html', html]);
    expect(terminal.stdout).toMatch(/^changes in the public version since revision HEAD \(\w+\): 0\n/);
    expect(json(data.stdout).changes).toEqual([]);
    expect(pdfPages(pdf).join('')).toContain('Ingen ændringer.');
    expect(pdfPages(pdf).join('')).not.toContain('Lukket indhold');
    const everything = [terminal.stdout, terminal.stderr, data.stdout, data.stderr, readFileSync(html, 'latin1'), ...pdfByteForms(pdf)];
    for (const m of markers)
      for (const s of spellings(m)) for (const bytes of everything) expect(bytes.includes(s), `${m} as ${s}`).toBe(false);
  });

  function run(args: string[], audiencePublic = true) {
    const result = agenda(['diff', '2024-03-06', '-m', 'meetings', '--fra', 'HEAD', ...(audiencePublic ? ['--public'] : []), ...args], {
      cwd: dir,
      env: { TZ },
    });
    expect(result.stderr).toBe('');
    return result;
  }
});

describe('agenda diff --fra where git holds the committee folder alone', () => {
  it('says what to do, not an internal error', () => {
    const { dir, meetings } = copyOfMeetings();
    commitAll(meetings, 'The committee folder alone');
    const run = agenda(['diff', '2023-11-22', '--fra', 'HEAD'], { cwd: dir, env: { TZ } });
    expect(run.stderr).toMatch(
      /^--fra: the git repository at .* holds .* but not the repository's own files in .*: keep the whole repository in one git repository/,
    );
    expect(run.status).toBe(2);
  });
});
