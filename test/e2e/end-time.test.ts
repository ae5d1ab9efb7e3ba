import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { agenda, errorLines, tempDir } from '../support/cli.js';
import { pdfPages } from '../support/pdf.js';
import { exampleRoot } from '../support/examples.js';

// The end time (slut) may be left out: a committee without one builds its agenda with no end time
// printed anywhere (front page, site, calendar, open data; SBSYS, whose importer needs an end, gets the
// start); its minutes, in a house that prints the end time, are refused at the meeting file until the
// clerk writes when it ended; a house that never prints it (sluttid: nej) needs none. fixtures/husstil-overalt, its PU without `slut`.

const env = { TZ: 'Europe/Copenhagen' };
const pu = ['--udvalg', 'PU'];

function repoWithoutEnd(kommune: (text: string) => string = (t) => t): string {
  const repo = path.join(tempDir('agenda-end-'), 'repo');
  cpSync(path.join(exampleRoot(), 'fixtures', 'husstil-overalt'), repo, { recursive: true });
  const edit = (file: string, change: (text: string) => string) =>
    writeFileSync(path.join(repo, file), change(readFileSync(path.join(repo, file), 'utf8')));
  edit('udvalg/PU/udvalg.yaml', (t) => t.replace(/^slut: 18:00\n/m, ''));
  edit('kommune.yaml', kommune);
  return repo;
}

const frontPage = (file: string) => pdfPages(file)[0] ?? '';

describe('a committee without an end time', () => {
  it('builds and publishes its agenda with no end time anywhere', () => {
    const repo = repoWithoutEnd();
    const built = agenda(['build', '2025-03-04', ...pu], { cwd: repo, env });
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const page = frontPage(path.join(repo, 'out', 'PU-2025-03-04-dagsorden.pdf'));
    expect(page).toContain('Start kl.:');
    expect(page).not.toContain('Slut kl.:');

    // The minutes are refused (below), so the site is published from the agenda alone.
    writeFileSync(path.join(repo, 'udvalg', 'PU', '2025-03-11.yaml'), 'punkter:\n  - titel: Lokalplan for Havnegade\n');
    const site = path.join(repo, 'site');
    const published = agenda(['publish', '--url', 'https://moeder.bjergby.dk/'], { cwd: repo, env });
    expect(published.status, published.stderr).toBe(0);
    const events = new ICAL.Component(ICAL.parse(readFileSync(path.join(site, 'kalender.ics'), 'utf8')) as unknown[])
      .getAllSubcomponents('vevent')
      .filter((e) => String(e.getFirstPropertyValue('summary')).includes('Planudvalget'));
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.hasProperty('dtstart')).toBe(true);
      expect(e.hasProperty('dtend')).toBe(false);
    }
    const data = JSON.parse(readFileSync(path.join(site, 'data', 'planudvalget', '2025-03-04.json'), 'utf8')) as Record<string, unknown>;
    expect(data.start).toBe('2025-03-04T16:00:00+01:00');
    expect(data).not.toHaveProperty('end');
    const sbsys = readFileSync(path.join(site, 'sbsys', 'planudvalget-2025-03-04', 'planudvalget-2025-03-04.xml'), 'utf8');
    expect(sbsys).toContain('Mødetid="16:00"');
    // OS2web's importer needs an end (it reads a missing one as the moment of import): the start stands for it.
    expect(sbsys).toContain('Mødesluttid="16:00"');
    const meetingPage = readFileSync(path.join(site, 'planudvalget', '2025-03-04.html'), 'utf8');
    expect(meetingPage).toContain('<th scope="row">Start kl.</th><td>16:00</td>');
    expect(meetingPage).not.toContain('Slut kl.');
  });

  it('has its minutes refused at the meeting file where the house prints the end time, and no PDF', () => {
    const repo = repoWithoutEnd();
    const result = agenda(['build', '2025-03-11', ...pu], { cwd: repo, env });
    expect(result.status).toBe(1);
    expect(errorLines(result.stderr)).toEqual([
      "udvalg/PU/2025-03-11.yaml:1:1: slut: the minutes print when the meeting ended (husstil sluttid: ja): write it here (slut: 16:30), or the committee's slut in udvalg.yaml, or sluttid: nej in the house style",
    ]);
    expect(existsSync(path.join(repo, 'out', 'PU-2025-03-11-referat.pdf'))).toBe(false);

    writeFileSync(
      path.join(repo, 'udvalg', 'PU', '2025-03-11.yaml'),
      `slut: 17:25\n${readFileSync(path.join(repo, 'udvalg', 'PU', '2025-03-11.yaml'), 'utf8')}`,
    );
    expect(agenda(['build', '2025-03-11', ...pu], { cwd: repo, env }).status).toBe(0);
    expect(frontPage(path.join(repo, 'out', 'PU-2025-03-11-referat.pdf'))).toMatch(/Slut kl\.:\s+17:25/);
  });

  it('builds the minutes of a house that never prints the end time', () => {
    const repo = repoWithoutEnd((t) => t.replace(/^husstil:\n/m, 'husstil:\n  sluttid: nej\n'));
    const result = agenda(['build', '2025-03-11', ...pu], { cwd: repo, env });
    expect(result.status, result.stderr).toBe(0);
    expect(frontPage(path.join(repo, 'out', 'PU-2025-03-11-referat.pdf'))).not.toContain('Slut');
  });
});
