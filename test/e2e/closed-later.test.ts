import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, cliEnv, cliPath, tempDir } from '../support/cli.js';
import { writePdf } from '../support/attachments.js';
import { edit } from '../support/edit.js';
import { closedFixture } from '../support/markers.js';
import { pdfPages } from '../support/pdf.js';
import { closedMarkersIn, siteFiles } from '../support/site.js';
import { password, testCertificate } from '../support/seal.js';

// What the clerk closes after it was published leaves the site at the next publication: a plan
// point or standing item closed in the live files after the meeting was finalized (its archive keeps
// the shared files as they went out), an attachment's text kept for the search (.agenda-search/) once
// its item is closed, a Ctrl-C while the site is written all the same.

/** A committee of the closed fixture's, its meeting `date` as `meeting` says, and `files` beside it. */
function committee(files: Record<string, string>): { meetings: string; run: (...args: string[]) => ReturnType<typeof agenda> } {
  const dir = tempDir();
  const meetings = path.join(dir, 'meetings');
  mkdirSync(meetings);
  copyFileSync(path.join(closedFixture, 'udvalg.yaml'), path.join(meetings, 'udvalg.yaml'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(meetings, name), text);
  const run = (...args: string[]) => {
    const result = agenda([...args, '--meetings', meetings], { cwd: dir, env: { TZ: 'Europe/Copenhagen' } });
    expect(result.status, result.stderr).toBe(0);
    return result;
  };
  return { meetings, run };
}

describe('a finalized meeting, after the clerk closed a plan point and a standing item in the live files', () => {
  it('publishes them closed: "Lukket punkt" in the page, neither in the page, PDFs, open data or SBSYS', () => {
    const { meetings, run } = committee({
      'faste-punkter.yaml': [
        'punkter:',
        '  - id: orientering',
        '    titel: Orientering',
        '    kommende_møder: true',
        '    fra_plan: true',
        '  - id: personale',
        '    titel: Personale',
        '    sagsfremstilling: Fast tekst om XQZLATE02.',
        '',
      ].join('\n'),
      // XQZLATE05: a point of the meeting's own day, which Orientering (fra_plan) takes as a row of its timetable.
      'plan.yaml':
        'møder:\n  - dato: 2024-03-06\n    punkter:\n      - Personalesag om XQZLATE05\nafventer_dato:\n  - Personalesag om XQZLATE01\n',
      '2024-03-06.yaml': 'punkter:\n  - fast: orientering\n  - fast: personale\n',
    });
    const site = path.join(path.dirname(meetings), 'site');
    run('finalize', '2024-03-06');
    run('build', '2024-03-06', '--public');
    run('publish', '--out', site);
    const late = ['XQZLATE01', 'XQZLATE02', 'XQZLATE05'];
    const open = closedMarkersIn(site, late);
    expect(
      late.filter((m) => !open.some((f) => f.startsWith(`${m} `))),
      'missing from the site while open',
    ).toEqual([]);
    edit(path.join(meetings, 'plan.yaml'), '- Personalesag om XQZLATE01\n', '- tekst: Personalesag om XQZLATE01\n    lukket: true\n');
    edit(path.join(meetings, 'plan.yaml'), '- Personalesag om XQZLATE05\n', '- tekst: Personalesag om XQZLATE05\n        lukket: true\n');
    edit(path.join(meetings, 'faste-punkter.yaml'), '    titel: Personale\n', '$&    lukket: true\n');
    run('publish', '--out', site);
    expect(closedMarkersIn(site, late)).toEqual([]);
    // build's fingerprint counts the live closings: the public PDF built before is not kept.
    expect(run('build', '2024-03-06', '--public').stdout).not.toContain('unchanged');
    const built = pdfPages(path.join(path.dirname(meetings), 'out', '2024-03-06-dagsorden-offentlig.pdf')).join('\n');
    for (const m of late) expect(built).not.toContain(m);
    expect(readFileSync(path.join(site, 'testudvalget', '2024-03-06.html'), 'utf8')).toContain('Lukket punkt');
    // The archive is as the meeting went out: the live file's closing is read over it, not written into it.
    expect(readFileSync(path.join(meetings, 'arkiv', '2024-03-06', 'plan.yaml'), 'utf8')).not.toContain('lukket');
  }, 300_000);
});

describe("the search's texts of attachments (.agenda-search/), after the clerk closed the item they belong to", () => {
  const meeting = [
    'punkter:',
    '  - titel: Åben sag',
    '    sagsfremstilling: Åben.',
    '  - titel: Sag med bilag',
    '    sagsfremstilling: Åben.',
    '    bilag:',
    '      - titel: Bilag',
    '        fil: a.pdf',
    '',
  ].join('\n');
  const close = (meetings: string) =>
    edit(path.join(meetings, '2024-03-20.yaml'), '  - titel: Sag med bilag\n', '  - titel: Sag med bilag\n    lukket: true\n');

  it("leave the site folder at the next publication, though the committee's index has nothing to re-index", async () => {
    // The only item with an attachment is the committee's only one: closed, the committee has no index left.
    const { meetings, run } = committee({ '2024-03-20.yaml': meeting.replace(/ {2}- titel: Åben sag\n.*\n/, '') });
    await writePdf(path.join(meetings, 'a.pdf'), { text: 'XQZLATE03 tilbud' });
    const site = path.join(path.dirname(meetings), 'site');
    run('publish', '--out', site);
    expect(siteFiles(site).filter((f) => f.startsWith('.agenda-search/'))).toHaveLength(1);
    close(meetings);
    run('publish', '--out', site);
    expect(siteFiles(site).filter((f) => f.startsWith('.agenda-search/'))).toEqual([]);
    expect(closedMarkersIn(site, ['XQZLATE03'])).toEqual([]);
  }, 300_000);

  it('leave it at a Ctrl-C while the site is written', async () => {
    const { meetings, run } = committee({ '2024-03-20.yaml': meeting });
    await writePdf(path.join(meetings, 'a.pdf'), { text: 'XQZLATE04 tilbud' });
    const site = path.join(path.dirname(meetings), 'site');
    run('publish', '--out', site);
    close(meetings);
    // The signal comes at the first file written into the committee's folder: during writeSite's renames.
    const child = spawn(process.execPath, [cliPath, 'publish', '--meetings', meetings, '--out', site], { env: cliEnv(), stdio: 'ignore' });
    // Once: a second signal ends the process at once, as it should.
    let signalled = false;
    const watcher = watch(path.join(site, 'testudvalget'), () => {
      if (!signalled) child.kill('SIGINT');
      signalled = true;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    watcher.close();
    expect(code).toBe(130);
    expect(signalled).toBe(true);
    // The site was written whole: the closed attachment's PDF is gone, and its text with it.
    expect(siteFiles(site).filter((f) => f.includes('-bilag-'))).toEqual([]);
    expect(closedMarkersIn(site, ['XQZLATE04'])).toEqual([]);
  }, 300_000);
});

/**
 * The closed fixture's minutes in a folder of their own, final (its closed item 3 decided too), and its commands
 * there in Danish time with `env`: `run` expects each to succeed.
 */
function finalMinutes(env: NodeJS.ProcessEnv = {}) {
  const dir = tempDir();
  const meetings = path.join(dir, 'meetings');
  cpSync(closedFixture, meetings, { recursive: true });
  const meeting = path.join(meetings, '2024-03-06.yaml');
  edit(meeting, '    sagsfremstilling: Forhandling med sælger XQZSECRET13.\n', '$&    beslutning: Drøftet.\n');
  const cli = (...args: string[]) => agenda([...args, '--meetings', meetings], { cwd: dir, env: { TZ: 'Europe/Copenhagen', ...env } });
  const run = (...args: string[]) => {
    const result = cli(...args);
    expect(result.status, result.stderr).toBe(0);
    return result;
  };
  return { dir, meetings, meeting, cli, run };
}

describe('minutes approved, then something in them closed', () => {
  it('publish takes it off the site; the approval stands (status counts it); a change of the text is refused as before', () => {
    const { dir, meetings, meeting, cli, run } = finalMinutes();
    const plan = path.join(meetings, 'plan.yaml');
    edit(meeting, '    beslutning: Punktet blev drøftet.\n', '    beslutning: Punktet blev drøftet om XQZLATE11.\n');
    edit(plan, '      - Åbent planlagt punkt om budgettet\n', '$&      - Planlagt punkt om XQZLATE12\n');
    const site = path.join(dir, 'site');
    run('godkend', '2024-03-06', '--af', 'Anna Andersen', '--på-mødet');
    run('publish', '--out', site);
    const late = ['XQZLATE11', 'XQZLATE12'];
    expect(closedMarkersIn(site, late).filter((f) => f.startsWith('XQZLATE1')).length, 'on the site while open').toBeGreaterThan(0);
    edit(
      meeting,
      '    beslutning: Punktet blev drøftet om XQZLATE11.\n',
      '    beslutning:\n      tekst: Punktet blev drøftet om XQZLATE11.\n      lukket: true\n',
    );
    edit(plan, '      - Planlagt punkt om XQZLATE12\n', '      - tekst: Planlagt punkt om XQZLATE12\n        lukket: true\n');
    run('publish', '--out', site);
    expect(closedMarkersIn(site, late)).toEqual([]);
    expect(run('status', '2024-03-06').stdout).toMatch(/approved by 1 of the \d+ who took part/);
    edit(meeting, 'Punktet blev drøftet om XQZLATE11.', 'Punktet blev drøftet og vedtaget om XQZLATE11.');
    const changed = cli('publish', '--out', site);
    expect(changed.status).toBe(1);
    // At the item and field changed, though closed since: the approval's fields are read with every lukket open.
    expect(changed.stderr).toMatch(
      /2024-03-06\.yaml:\d+:\d+: punkter\[\d+\]\.beslutning: item \d+ \([^)]+\) has changed since Anna Andersen approved them/,
    );
  }, 300_000);
});

// forsegl seals only a PDF a member approved byte for byte (verify proves that from the archive alone), and a
// closing changes the members' PDF: it is refused on the approval of the open version, though that approval
// stands (status counts it). What docs/clerk/forsegling.md ("Lukket efter godkendelsen") tells the clerk holds:
// the approved version sealed and committed first, the closed one approved and sealed after, verify holds.
describe('minutes approved and sealed, then something in them closed', () => {
  it('forsegl wants an approval of the closed PDF; sealed first and approved again, verify holds for both', () => {
    const cert = testCertificate();
    const { dir, meeting, cli, run } = finalMinutes({ AGENDA_CERTIFIKAT: cert.p12, AGENDA_CERTIFIKAT_KODE: password });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Sekretariat', '-c', 'user.email=s@example.org', ...args], { cwd: dir, stdio: 'pipe' });
    git('init', '-q', '.');
    run('finalize', '2024-03-06');
    run('godkend', '2024-03-06', '--af', 'Anna Andersen', '--på-mødet');
    run('forsegl', '2024-03-06');
    git('add', '-A');
    git('commit', '-qm', 'sealed as approved');
    edit(meeting, '    beslutning: Punktet blev drøftet.\n', '    beslutning:\n      tekst: Punktet blev drøftet.\n      lukket: true\n');
    expect(run('status', '2024-03-06').stdout).toMatch(/approved by 1 of the \d+ who took part/);
    const refused = cli('forsegl', '2024-03-06');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /^no member has approved the minutes of 2024-03-06 as they stand \(sha256 [0-9a-f]{12}\): nothing to seal yet\n$/,
    );
    run('godkend', '2024-03-06', '--af', 'Anna Andersen', '--på-mødet');
    run('forsegl', '2024-03-06');
    git('add', '-A');
    git('commit', '-qm', 'sealed as closed');
    const verified = run('verify', '2024-03-06');
    expect(verified.stdout.match(/^ok: approval by Anna Andersen/gm)).toHaveLength(2);
    expect(verified.stdout).toMatch(/all \d+ checks hold\n$/);
  }, 300_000);
});
