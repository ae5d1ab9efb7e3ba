import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { agendaAsync, copyOfOneMeeting, errorLines } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { markers, spellings } from '../support/markers.js';
import { pdfByteForms, pdfPages } from '../support/pdf.js';
import { goingDown, startSmtpServer } from '../support/smtp.js';

// The minutes of 6 September approved by the members who took part: Lene Mehlsen Thomsen and Kim
// Bruun Nielsen (seats), Pia Holm and Søren Lund (politicians added here); Ole Dam sent afbud.

const login = { user: 'sekretariat', password: 'hemmeligt-Kodeord-4711' };
const address = { lene: 'lene@example.org', kim: 'kim@example.org', pia: 'pia@example.org', soren: 'soren@example.org' };
/** Closed text a reservation and a closed addition carry: fixtures/lukket's markers, searched for in the public PDF. */
const reservation = `Jeg tager forbehold for ${markers[3]}.`;
const closedAddition = `Efterfølgende aftale om ${markers[5]}.`;

/** The example meetings with addresses, two politicians (one absent) and the house's Godkendelsesside; the minutes made final. */
function minutesToApprove() {
  // The minutes' meeting alone: the site's publication prints no agenda of 22 November, which no test reads.
  const copy = copyOfOneMeeting('2023-09-06');
  const udvalg = path.join(copy.meetings, 'udvalg.yaml');
  edit(udvalg, '    navn: Lene Mehlsen Thomsen\n', `    navn: Lene Mehlsen Thomsen\n    email: ${address.lene}\n`);
  edit(
    udvalg,
    '    navn: Kim Bruun Nielsen\n',
    `    navn: Kim Bruun Nielsen\n    email: ${address.kim}\n  - navn: Pia Holm\n    parti: A\n    email: ${address.pia}\n` +
      `  - navn: Søren Lund\n    parti: V\n    email: ${address.soren}\n  - navn: Ole Dam\n    parti: F\n`,
  );
  writeFileSync(udvalg, `${readFileSync(udvalg, 'utf8')}husstil:\n  godkendelse:\n    side: godkendelsesside\n`);
  const meeting = path.join(copy.meetings, '2023-09-06.yaml');
  // Without its attachment files the minutes are the document alone (combined.test.ts builds them).
  edit(meeting, /^ +fil: .*\n/gm, '');
  edit(meeting, /^punkter:\n/m, 'fraværende:\n  - Ole Dam\npunkter:\n');
  return { ...copy, meeting, log: path.join(copy.meetings, '2023-09-06.godkendt.yaml') };
}

/** The lines of stderr that are errors: no warnings, no build summary. */
const failures = (stderr: string) => errorLines(stderr).filter((l) => !l.startsWith('built '));
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const decided = '    indstilling: Dagsordenen for mødet den 13. september blev justeret.\n';

describe('minutes approved by the members, bound to the exact document', () => {
  const { dir, meeting, log } = minutesToApprove();
  const members = path.join(dir, 'out', '2023-09-06-referat.pdf');
  const approved = path.join(dir, 'out', '2023-09-06-referat-godkendt.pdf');
  const publicPdf = path.join(dir, 'out', '2023-09-06-referat-offentlig.pdf');
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => agendaAsync(args, { cwd: dir, env: { TZ: 'Europe/Copenhagen', ...env } });
  const godkend = (...args: string[]) => run(['godkend', '2023-09-06', ...args]);
  const entries = () => parse(readFileSync(log, 'utf8')) as Array<Record<string, unknown>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let firstVersion = '';

  beforeAll(async () => {
    smtp = await startSmtpServer(login);
  });
  afterAll(() => smtp.close());

  it('refuses minutes that are not final, at the meeting file, and writes nothing', async () => {
    const undecided = await godkend('--af', 'Lene Mehlsen Thomsen');
    expect(undecided.status).toBe(1);
    expect(errorLines(undecided.stderr)).toEqual([
      expect.stringMatching(
        /^meetings\/2023-09-06\.yaml:\d+:5: punkter\[3\]: item 4 \(Eventuelt, herunder punkter til næste møde\) has no beslutning: the minutes are not final$/,
      ),
    ]);
    edit(meeting, decided, `${decided}    beslutning: UDFYLD\n`);
    const unfilled = await godkend('--af', 'Lene Mehlsen Thomsen');
    expect(unfilled.status).toBe(1);
    expect(errorLines(unfilled.stderr)).toEqual([
      expect.stringMatching(/^meetings\/2023-09-06\.yaml:\d+:17: punkter\[3\]\.beslutning: still says UDFYLD: the minutes are not final$/),
    ]);
    edit(meeting, '    beslutning: UDFYLD\n', '    beslutning: Intet.\n');
    expect(existsSync(log)).toBe(false);
  });

  it('refuses a name that is no member, and a member who sent afbud', async () => {
    const stranger = await godkend('--af', 'Ib Hansen');
    expect(stranger.status).toBe(2);
    expect(stranger.stderr).toBe(
      'Ib Hansen is not a member of Direktionen who took part on 2023-09-06 (they are: Lene Mehlsen Thomsen, Kim Bruun Nielsen, Pia Holm, Søren Lund)\n',
    );
    const absent = await godkend('--af', 'Ole Dam');
    expect(absent.status).toBe(2);
    expect(absent.stderr).toBe('Ole Dam did not take part in the meeting of 2023-09-06 (afbud), so cannot approve its minutes\n');
    expect(existsSync(log)).toBe(false);
  });

  it("records three approvals, one at the meeting and one with a reservation, each bound to the members' PDF by its SHA-256", async () => {
    for (const args of [['Lene Mehlsen Thomsen'], ['Kim Bruun Nielsen', '--på-mødet'], ['pia holm', '--forbehold', reservation]]) {
      const approval = await godkend('--af', ...args);
      expect(approval.stderr).toBe('');
      expect(approval.status).toBe(0);
    }
    firstVersion = sha256(members);
    expect(entries().map((e) => [e.medlem, e.måde, e.dokument, e.sha256, e.forbehold])).toEqual([
      ['Lene Mehlsen Thomsen', 'mail', '2023-09-06-referat.pdf', firstVersion, undefined],
      ['Kim Bruun Nielsen', 'møde', '2023-09-06-referat.pdf', firstVersion, undefined],
      ['Pia Holm', 'mail', '2023-09-06-referat.pdf', firstVersion, reservation],
    ]);
    const again = await godkend('--af', 'Kim Bruun Nielsen');
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(
      /^Kim Bruun Nielsen's approval of this version of 2023-09-06-referat\.pdf is already recorded \(on 20.*\); nothing was added\n$/,
    );
    expect(entries()).toHaveLength(3);
  });

  it('prints the Godkendelsesside: each member with the time, the reservation and the SHA-256 of the version approved', async () => {
    const build = await run(['build', '2023-09-06', '--both']);
    expect(failures(build.stderr)).toEqual([]);
    // The version approved is as it was: its page is not filled in, so approvals do not change its bytes.
    expect(sha256(members)).toBe(firstVersion);
    const page = pdfPages(approved).at(-1)!.replace(/\s+/g, ' ');
    expect(page).toContain('Godkendelsesside');
    expect(page).toMatch(/Lene Mehlsen Thomsen Godkendt \d+\. \w+ 20\d\d kl\. \d\d\.\d\d Kim Bruun Nielsen Godkendt på mødet /);
    expect(page).toContain(`Pia Holm (A) Godkendt`);
    expect(page).toContain(`Med forbehold: ${reservation}`);
    expect(page).toContain('Søren Lund (V) Ikke godkendt endnu');
    expect(page).toContain(`SHA-256 af den godkendte udgave: ${firstVersion}`);
    expect(page).not.toContain('Ole Dam');
    expect(pdfPages(members).at(-1)!.replace(/\s+/g, ' ')).toContain('Lene Mehlsen Thomsen Ikke godkendt endnu');
    const publicPage = pdfPages(publicPdf).at(-1)!.replace(/\s+/g, ' ');
    expect(publicPage).toContain('Kim Bruun Nielsen Godkendt på mødet');
    expect(publicPage).not.toContain('forbehold');
    expect(publicPage).not.toContain(firstVersion);
    // The site's PDF shows the same approvals: publish reads the approval log as a build does.
    const site = path.join(dir, 'site');
    const published = await run(['publish', '--meetings', 'meetings', '--out', site]);
    expect(published.status, published.stderr).toBe(0);
    const sitePdf = path.join(site, 'direktionen', '2023-09-06-referat-offentlig.pdf');
    const sitePage = pdfPages(sitePdf).at(-1)!.replace(/\s+/g, ' ');
    expect(sitePage).toContain('Kim Bruun Nielsen Godkendt på mødet');
    expect(sitePage).toContain('Søren Lund (V) Ikke godkendt endnu');
    expect(pdfByteForms(sitePdf).join('\n')).not.toContain('forbehold');
  });

  it('refuses a fourth approval, the check, the build and the send, once the decided text has changed', async () => {
    edit(meeting, '    beslutning: Intet.\n', '    beslutning: Intet nyt.\n');
    // At the item and the field that changed, which the approval records (each item's fields' SHA-256, in short).
    const expected =
      /^meetings\/2023-09-06\.yaml:\d+:17: punkter\[3\]\.beslutning: item 4 \(Eventuelt, herunder punkter til næste møde\) has changed since Pia Holm approved them on 20\S+: approved minutes change only by an addition/;
    const approval = await godkend('--af', 'Søren Lund');
    expect(approval.status).toBe(1);
    expect(errorLines(approval.stderr)).toEqual([expect.stringMatching(expected)]);
    const build = await run(['build', '2023-09-06']);
    expect(build.status).toBe(1);
    expect(errorLines(build.stderr)[0]).toMatch(expected);
    // agenda check checks what build checks (ugen.md): the same error, before the build is tried.
    const check = await run(['check', '2023-09-06']);
    expect(check.status).toBe(1);
    expect(errorLines(check.stderr)).toEqual([expect.stringMatching(expected)]);
    const send = await run(['send', '2023-09-06'], smtp.settings(dir));
    expect(send.status).toBe(1);
    expect(errorLines(send.stderr)).toEqual([expect.stringMatching(expected)]);
    expect(smtp.received).toEqual([]);
    expect(entries()).toHaveLength(3);
    edit(meeting, '    beslutning: Intet nyt.\n', '    beslutning: Intet.\n');
  });

  it("records each item's fields on a line of their own, and tells the item, the field, or the text outside the items that changed", async () => {
    const text = readFileSync(log, 'utf8');
    expect(entries().map((e) => (e.punkter as unknown[]).length)).toEqual([4, 4, 4]);
    expect(text).toMatch(/^ {4}- \{ titel: [0-9a-f]{12}, .*beslutning: [0-9a-f]{12}.* \}$/m);
    const refusal = async () => errorLines((await run(['check', '2023-09-06'])).stderr);
    // A standing item's text the meeting file adds to: at the field's key.
    edit(meeting, '      - Budgetopfølgning august\n', '      - Budgetopfølgning juli\n');
    expect(await refusal()).toEqual([
      expect.stringMatching(/^meetings\/2023-09-06\.yaml:\d+:\d+: punkter\[1\]\.sagsfremstilling: item 2 \(\S+\) has changed since/),
    ]);
    // Two fields of item 4 changed too: the first item that differs is told (item 2, at its field) ...
    edit(meeting, '    beslutning: Intet.\n', '    beslutning: Intet nyt.\n');
    edit(meeting, decided, decided.replace('justeret', 'rettet'));
    expect(await refusal()).toEqual([expect.stringMatching(/^meetings\/2023-09-06\.yaml:\d+:\d+: punkter\[1\]\.sagsfremstilling: item 2/)]);
    // ... and with item 2 as approved, item 4, whose two fields differ: at the item.
    edit(meeting, '      - Budgetopfølgning juli\n', '      - Budgetopfølgning august\n');
    expect(await refusal()).toEqual([expect.stringMatching(/^meetings\/2023-09-06\.yaml:\d+:5: punkter\[3\]: item 4 \(Eventuelt/)]);
    edit(meeting, decided.replace('justeret', 'rettet'), decided);
    edit(meeting, '    beslutning: Intet nyt.\n', '    beslutning: Intet.\n');
    // Outside the items: at the file's first key.
    edit(meeting, /^punkter:\n/m, 'sted: Byrådssalen\npunkter:\n');
    expect(await refusal()).toEqual([
      expect.stringMatching(
        /^meetings\/2023-09-06\.yaml:\d+:1: the minutes' text outside the items \(the place, the times, who took part\) has changed since/,
      ),
    ]);
    edit(meeting, 'sted: Byrådssalen\n', '');
    // An approval recorded before the items were: at the items, as before.
    edit(meeting, '    beslutning: Intet.\n', '    beslutning: Intet nyt.\n');
    writeFileSync(log, text.replace(/^ {2}punkter:\n(?: {4}- .*\n)+/gm, ''));
    expect(readFileSync(log, 'utf8')).not.toContain('titel');
    expect(await refusal()).toEqual([
      expect.stringMatching(/^meetings\/2023-09-06\.yaml:6:3: punkter: the minutes' text has changed since Pia Holm/),
    ]);
    writeFileSync(log, text);
    edit(meeting, '    beslutning: Intet nyt.\n', '    beslutning: Intet.\n');
    expect(await refusal()).toEqual([]);
  });

  it('accepts an addition, prints it as one with its date, and records the new version beside the old', async () => {
    edit(
      meeting,
      '    beslutning: Intet.\n',
      '    beslutning: Intet.\n    tilføjelser:\n      - dato: 2023-09-20\n        tekst: Mødet den 13. september flyttes til kl. 10.\n' +
        `      - dato: 2023-09-21\n        tekst: ${closedAddition}\n        lukket: true\n`,
    );
    const approval = await godkend('--af', 'Søren Lund');
    expect(approval.stderr).toBe('');
    expect(approval.status).toBe(0);
    const secondVersion = sha256(members);
    expect(secondVersion).not.toBe(firstVersion);
    expect(entries().map((e) => e.sha256)).toEqual([firstVersion, firstVersion, firstVersion, secondVersion]);
    const status = await run(['status', '2023-09-06', '--json']);
    const result = JSON.parse(status.stdout) as { sha256: string; members: Array<{ name: string; approved: unknown; earlier: unknown[] }> };
    expect(result.sha256).toBe(secondVersion);
    expect(result.members.map((m) => [m.name, m.approved !== null, m.earlier.length])).toEqual([
      ['Lene Mehlsen Thomsen', false, 1],
      ['Kim Bruun Nielsen', false, 1],
      ['Pia Holm', false, 1],
      ['Søren Lund', true, 0],
    ]);
    const build = await run(['build', '2023-09-06', '--both']);
    expect(failures(build.stderr)).toEqual([]);
    const text = pdfPages(approved).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Intet. Tilføjelse den 20-09-2023 Mødet den 13. september flyttes til kl. 10.');
    expect(text).toContain(`Tilføjelse den 21-09-2023 Lukket ${closedAddition}`);
    expect(text).toContain('Lene Mehlsen Thomsen Godkendte en tidligere udgave');
    expect(text).toContain(`SHA-256 af den godkendte udgave: ${secondVersion}`);
    expect(pdfPages(publicPdf).join('\n').replace(/\s+/g, ' ')).toContain(
      'Tilføjelse den 20-09-2023 Mødet den 13. september flyttes til kl. 10.',
    );
  });

  it("keeps every reservation and closed addition out of the public version's bytes", () => {
    const bytes = pdfByteForms(publicPdf).join('\n');
    for (const marker of markers) for (const spelling of spellings(marker)) expect(bytes).not.toContain(spelling);
    expect(bytes).not.toContain('forbehold');
  });

  it('shows the public nothing of the approvals where the house says so (offentlig: intet)', async () => {
    const udvalg = path.join(dir, 'meetings', 'udvalg.yaml');
    edit(udvalg, '    side: godkendelsesside\n', '    side: godkendelsesside\n    offentlig: intet\n');
    const build = await run(['build', '2023-09-06', '--public']);
    expect(failures(build.stderr)).toEqual([]);
    const text = pdfPages(publicPdf).join('\n');
    expect(text).not.toContain('Godkendelsesside');
    expect(text).not.toMatch(/Godkendt|Ikke godkendt endnu/);
    edit(udvalg, '    offentlig: intet\n', '');
  });

  it('reminds exactly the members who took part and have not approved the minutes as they stand, and logs it', async () => {
    const env = smtp.settings(dir);
    const remind = await run(['send', '2023-09-06', '--påmind'], env);
    expect(errorLines(remind.stderr)).toEqual([]);
    expect(remind.status).toBe(0);
    expect(smtp.received.flatMap((r) => r.to).sort()).toEqual([address.kim, address.lene, address.pia]);
    for (const { mail } of smtp.received) {
      expect(mail.subject).toBe('Påmindelse om godkendelse af referat fra Direktionens møde onsdag den 6. september 2023');
      expect(mail.text).toContain('Du har endnu ikke godkendt referatet fra Direktionens møde onsdag den 6. september 2023');
      expect(Buffer.compare(mail.attachments[0]!.content, readFileSync(members))).toBe(0);
    }
    const sent = parse(readFileSync(path.join(dir, 'meetings', '2023-09-06.sendt.yaml'), 'utf8')) as Array<Record<string, unknown>>;
    expect(sent.map((e) => [e.til, e.sha256, e.sendt])).toEqual(
      [address.lene, address.kim, address.pia].map((to) => [to, sha256(members), true]),
    );
    // What the reminder sent is kept as any version sent, for agenda diff and a later corrected send.
    expect(existsSync(path.join(dir, 'meetings', 'arkiv', 'sendt', '2023-09-06', `${sha256(members)}.yaml`))).toBe(true);
  });

  it('a reminder the server never got (it went down after the first) is told to be sent by another reminder, not by a plain send', async () => {
    const server = await goingDown(1, false);
    const remind = await run(['send', '2023-09-06', '--påmind'], server.env);
    await server.close();
    expect(remind.status, remind.stderr).toBe(5);
    expect(server.arrived).toEqual([address.lene]);
    // The server unreached, the rest are not tried: one line, for the two not reached.
    expect(errorLines(remind.stderr)).toEqual([
      expect.stringMatching(/^cannot reach the mail server .*: 2 of 3 not reached; agenda send 2023-09-06 --påmind sends to them$/),
    ]);
  });

  it('refuses a damaged approval log and a bad addition, each where it stands', async () => {
    const kept = readFileSync(log, 'utf8');
    writeFileSync(log, kept.replace(/sha256: [0-9a-f]{64}/, 'sha256: 1234'));
    const damaged = await godkend('--af', 'Lene Mehlsen Thomsen');
    expect(damaged.status).toBe(1);
    expect(errorLines(damaged.stderr)).toEqual([
      'meetings/2023-09-06.godkendt.yaml:5:11: [0].sha256: expected the SHA-256 of the minutes, 64 hex digits',
    ]);
    writeFileSync(log, kept);
    edit(meeting, '      - dato: 2023-09-20\n', '      - dato: 2023-09-31\n');
    const badDate = await run(['build', '2023-09-06']);
    expect(badDate.status).toBe(1);
    expect(errorLines(badDate.stderr)[0]).toMatch(
      /^meetings\/2023-09-06\.yaml:\d+:15: punkter\[3\]\.tilføjelser\[0\]\.dato: 2023-09-31 is not a date in the calendar/,
    );
  });
});
