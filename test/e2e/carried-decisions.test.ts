import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { agenda, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfByteForms, pdfInfo, pdfPages } from '../support/pdf.js';
import { spellings } from '../support/markers.js';
import { siteFiles } from '../support/site.js';

// A case that travels (eksempel/: Økonomiudvalget, then Kommunalbestyrelsen) with Økonomiudvalget's
// decision closed: Kommunalbestyrelsen's agenda carries it to its members and keeps it from the public.

const marker = 'XQZSECRET97';

/** A scratch copy of eksempel/ with Økonomiudvalget's decision on 24/0117 closed. */
function repositoryWithClosedDecision(): string {
  const repo = path.join(tempDir('agenda-repo-'), 'repo');
  cpSync(path.join(packageRoot, 'eksempel'), repo, { recursive: true });
  edit(path.join(repo, 'udvalg', 'ØK', '2024-01-09.yaml'), '    beslutning: Anbefalet.', `    beslutning:\n      tekst: Anbefalet ${marker}.\n      lukket: true`);
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

  it('marks the members’ agenda as holding closed content: the page that prints it, the front page and the PDF’s subject', () => {
    const pages = pdfPages(out('KB-2024-01-16-dagsorden.pdf'));
    const page = pages.find((p) => p.includes('Beslutning i Økonomiudvalget'));
    expect(page).toContain(marker);
    expect(page).toMatch(/^Lukket indhold$/m);
    expect(pages[0]).toContain('Indeholder lukkede oplysninger – må ikke offentliggøres');
    expect(pdfInfo(out('KB-2024-01-16-dagsorden.pdf')).Subject).toContain('Indeholder lukkede oplysninger');
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
    for (const own of ['kommunalbestyrelsen/2024-01-16-dagsorden-offentlig.pdf', 'sbsys/kommunalbestyrelsen-2024-01-16/kommunalbestyrelsen-2024-01-16.xml']) expect(files).toContain(own);
    for (const file of files) {
      const forms = file.endsWith('.pdf') ? pdfByteForms(path.join(site, file)) : [readFileSync(path.join(site, file)).toString('latin1')];
      for (const bytes of forms) for (const s of spellings(marker)) expect(bytes.includes(s), `${marker} in ${file} as ${s}`).toBe(false);
      expect(readFileSync(path.join(site, file), 'utf8').includes(marker), `${marker} in ${file}`).toBe(false);
    }
  });
});
