import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings } from '../support/cli.js';

// The comments `agenda new` writes into a new meeting file are fixed words of agenda's, and so the house's
// (ord.nyt_møde…): Danish by default, as the clerk who fills the file in reads them, and the house's own where it has them.

/** The example's new meeting 2023-11-29, written with `words` as udvalg.yaml's husstil.ord. */
function newMeeting(words: Record<string, string> = {}): string {
  const { dir, meetings } = copyOfMeetings();
  const lines = Object.entries(words).map(([key, text]) => `    ${key}: "${text}"\n`);
  if (lines.length) appendFileSync(path.join(meetings, 'udvalg.yaml'), `husstil:\n  ord:\n${lines.join('')}`);
  const run = agenda(['new', '2023-11-29'], { cwd: dir });
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(path.join(meetings, '2023-11-29.yaml'), 'utf8');
}

const comments = (draft: string) => draft.split('\n').filter((l) => /^\s*# /.test(l) && !/^\s*# {1,3}[-\w]+:/.test(l));

describe('agenda new', () => {
  it('writes its comments in Danish by default', () => {
    const draft = newMeeting();
    expect(draft).toContain('# Møde i Direktionen onsdag den 29. november 2023, skrevet af agenda new.\n');
    expect(draft).toContain('# Skriv over hvert UDFYLD (agenda check viser dem, der er tilbage), og byg så med agenda build 2023-11-29.\n');
    expect(draft).toContain('  # Mødets egne punkter skrives her, mellem de faste punkter først og sidst:\n');
    for (const line of comments(draft)) expect(line).not.toMatch(/\b(the|written|come from|here|give each|who will not)\b/);
  });

  it("writes the house's own words where it has them", () => {
    const own = {
      nyt_møde: 'EGET01 {udvalg} {dato}',
      nyt_møde_udfyld: 'EGET02 {udfyld} {dato}',
      nyt_møde_fælles: 'EGET03',
      nyt_møde_fraværende: 'EGET04 {medlemmer}',
      nyt_møde_egne_punkter: 'EGET05',
      nyt_møde_bemærkninger: 'EGET06',
      nyt_møde_kalender: 'EGET07 {afholdt} {kommende}',
      nyt_møde_planens_punkter: 'EGET08',
    };
    const draft = newMeeting(own);
    expect(draft).toContain('# EGET01 Direktionen onsdag den 29. november 2023\n');
    expect(draft).toContain('# EGET02 UDFYLD 2023-11-29\n');
    expect(draft).toContain('# EGET03\n');
    expect(draft).toContain('# EGET04 Jonas Kroustrup, Lene Mehlsen Thomsen, Kim Bruun Nielsen\n');
    expect(draft).toContain('  # EGET05\n');
    expect(draft).toContain('    # EGET06\n');
    expect(draft).toMatch(/ {2}# Beslutningsprotokoller og dagsordener: EGET07 \d+ \d+\n/);
    expect(draft).toMatch(/ {2}# Punkter til behandling: EGET08\n/);
    expect(draft).not.toMatch(
      /skrevet af agenda new|Skriv over hvert|fælles filer|Mødets egne punkter|Bemærkninger til|fra kalenderen|planens punkter/,
    );
  });
});
