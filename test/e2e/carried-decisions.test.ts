import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, agendaAsync, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfByteForms, pdfInfo, pdfPages } from '../support/pdf.js';
import { spellings } from '../support/markers.js';
import { siteFiles } from '../support/site.js';
import { exampleRoot } from '../support/examples.js';
import { startSmtpServer } from '../support/smtp.js';

// A case that travels (eksempel/: Økonomiudvalget, then Kommunalbestyrelsen) with Økonomiudvalget's
// decision closed: Kommunalbestyrelsen's agenda tells its members that a closed decision was made, where
// and when, never its text (it is for Økonomiudvalget's members), and keeps even that from the public.

const marker = 'XQZSECRET97';

/** A scratch copy of eksempel/ with Økonomiudvalget's decision on 24/0117 closed. */
function repositoryWithClosedDecision(): string {
  const repo = path.join(tempDir('agenda-repo-'), 'repo');
  cpSync(path.join(exampleRoot(), 'eksempel'), repo, { recursive: true });
  edit(
    path.join(repo, 'udvalg', 'ØK', '2024-01-09.yaml'),
    '    beslutning: Anbefalet.',
    `    beslutning:\n      tekst: Anbefalet ${marker}.\n      lukket: true`,
  );
  return repo;
}

describe("a committee's closed decision carried into a later committee's agenda", () => {
  let repo: string;
  const out = (file: string) => path.join(repo, 'out', file);
  beforeAll(() => {
    repo = repositoryWithClosedDecision();
    expect(agenda(['build', '2024-01-16', '--udvalg', 'KB', '--both', '--quiet'], { cwd: repo }).status).toBe(0);
    const published = agenda(['publish', '--out', 'site', '--url', 'https://moeder.example.dk/', '--quiet'], { cwd: repo });
    expect(published.status, published.stderr).toBe(0);
  });

  it('shows the members that Økonomiudvalget made a closed decision, in the house’s words, never its text, and marks the page', () => {
    const file = out('KB-2024-01-16-dagsorden.pdf');
    const pages = pdfPages(file);
    const page = pages.find((p) => p.includes('Beslutning i Økonomiudvalget den 09-01-2024'));
    expect(page).toMatch(/Beslutning i Økonomiudvalget den 09-01-2024\s+Lukket\s+\(lukket beslutning\)/);
    expect(page).toMatch(/^Lukket indhold$/m);
    expect(pages[0]).toContain('Indeholder lukkede oplysninger – må ikke offentliggøres');
    expect(pdfInfo(file).Subject).toContain('Indeholder lukkede oplysninger');
    for (const bytes of pdfByteForms(file)) for (const s of spellings(marker)) expect(bytes.includes(s), `${marker} as ${s}`).toBe(false);
  });

  it('keeps it, and every sign of it, out of the public agenda', () => {
    const text = pdfPages(out('KB-2024-01-16-dagsorden-offentlig.pdf')).join('\n');
    expect(text).not.toContain('Beslutning i Økonomiudvalget');
    expect(text).not.toContain('Lukket indhold');
    expect(pdfInfo(out('KB-2024-01-16-dagsorden-offentlig.pdf')).Subject ?? '').not.toContain('Indeholder lukkede oplysninger');
  });

  it('keeps it out of every file of the published site: pages, data, SBSYS XML, feeds, PDF bytes', () => {
    const site = path.join(repo, 'site');
    const files = siteFiles(site);
    for (const own of [
      'kommunalbestyrelsen/2024-01-16-dagsorden-offentlig.pdf',
      'sbsys/kommunalbestyrelsen-2024-01-16/kommunalbestyrelsen-2024-01-16.xml',
    ])
      expect(files).toContain(own);
    for (const file of files) {
      const forms = file.endsWith('.pdf') ? pdfByteForms(path.join(site, file)) : [readFileSync(path.join(site, file)).toString('latin1')];
      for (const bytes of forms) for (const s of spellings(marker)) expect(bytes.includes(s), `${marker} in ${file} as ${s}`).toBe(false);
      expect(readFileSync(path.join(site, file), 'utf8').includes(marker), `${marker} in ${file}`).toBe(false);
    }
  });
});

describe("agenda send of a committee's agenda that carries another committee's closed decision", () => {
  const addresses = ['jan@example.org', 'anne@example.org'];
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let repo: string;
  beforeAll(async () => {
    repo = repositoryWithClosedDecision();
    const udvalg = path.join(repo, 'udvalg', 'KB', 'udvalg.yaml');
    edit(udvalg, '{ navn: Jan Petersen, parti: A,', `{ navn: Jan Petersen, email: ${addresses[0]}, parti: A,`);
    edit(udvalg, '{ navn: Anne Madsen, parti: V,', `{ navn: Anne Madsen, email: ${addresses[1]}, parti: V,`);
    smtp = await startSmtpServer({ user: 'sekretariat', password: 'kodeord-4711' });
  });
  afterAll(() => smtp.close());

  it("mails Kommunalbestyrelsen's members no text of Økonomiudvalget's closed decision: not in the PDF, nor the message", async () => {
    const run = await agendaAsync(['send', '2024-01-16', '--udvalg', 'KB'], { cwd: repo, env: smtp.settings(tempDir('agenda-ca-')) });
    expect(run.status, run.stderr).toBe(0);
    expect(smtp.received.flatMap((r) => r.to).sort()).toEqual([...addresses].sort());
    for (const { mail } of smtp.received) {
      const [pdf] = mail.attachments;
      const file = path.join(tempDir('agenda-mailed-'), 'mailed.pdf');
      writeFileSync(file, pdf!.content);
      expect(pdfPages(file).join('\n')).toContain('(lukket beslutning)');
      const forms = [...pdfByteForms(file), mail.text ?? '', String(mail.html), mail.subject ?? ''];
      for (const bytes of forms) for (const s of spellings(marker)) expect(bytes.includes(s), `${marker} as ${s}`).toBe(false);
    }
  });
});

describe('agenda sag, where the case went through closed items', () => {
  let repo: string;
  beforeAll(() => {
    repo = repositoryWithClosedDecision();
    // Økonomiudvalget's item is closed under a public title; Kommunalbestyrelsen's is closed without one.
    edit(
      path.join(repo, 'udvalg', 'ØK', '2024-01-09.yaml'),
      '  - titel: Salg af grund på Havnevej\n',
      '  - titel: Salg af grund på Havnevej XQZSECRET96\n    offentlig_titel: Salg af grund\n    lukket: true\n',
    );
    edit(
      path.join(repo, 'udvalg', 'KB', '2024-01-16.yaml'),
      '  - titel: Salg af grund på Havnevej\n',
      '  - titel: Salg af grund XQZSECRET95\n    lukket: true\n',
    );
  });

  it('prints by default what the public may see, and says so: public titles (or "Lukket punkt"), no closed decision', () => {
    const run = agenda(['sag', '24/0117'], { cwd: repo });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toContain('XQZSECRET');
    expect(run.stdout.split('\n')[0]).toMatch(/^24\/0117, the public view: .*--medlemmer/);
    expect(run.stdout).toContain('9. januar 2024  Økonomiudvalget, punkt 2: Salg af grund\n  (lukket beslutning)\n');
    expect(run.stdout).toContain('16. januar 2024  Kommunalbestyrelsen, punkt 1: Lukket punkt\n  (ingen beslutning endnu)\n');
  });

  it('prints the members’ view with --medlemmer, and says so', () => {
    const run = agenda(['sag', '24/0117', '--medlemmer'], { cwd: repo });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^24\/0117, the members' view/);
    expect(run.stdout).toContain(
      `Økonomiudvalget, punkt 2: Salg af grund på Havnevej XQZSECRET96\n  (lukket beslutning) Anbefalet ${marker}.\n`,
    );
    expect(run.stdout).toContain('Kommunalbestyrelsen, punkt 1: Salg af grund XQZSECRET95\n');
  });
});
