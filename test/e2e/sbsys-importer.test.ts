import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MeetingData } from '../../src/publish/data-schema.js';
import { agenda, tempDir } from '../support/cli.js';
import { importedBulletPoints, importedMeetingTimes } from '../support/os2web-importer.js';
import { siteFiles } from '../support/site.js';
import { exampleRoot } from '../support/examples.js';

// The SBSYS folders of eksempel/ (Økonomiudvalget's minutes, and Kommunalbestyrelsen's agenda whose item
// takes up the case Økonomiudvalget decided on, its decision carried into the item) as OS2web's importer
// reads them (test/support/os2web-importer.ts).
const repository = path.join(tempDir('agenda-repo-'), 'repo');
const site = path.join(tempDir(), 'site');

beforeAll(() => {
  cpSync(path.join(exampleRoot(), 'eksempel'), repository, { recursive: true });
  // Kommunalbestyrelsen's meetings with no end time, as a house that prints none has them.
  const kb = path.join(repository, 'udvalg', 'KB', 'udvalg.yaml');
  writeFileSync(kb, readFileSync(kb, 'utf8').replace(/^slut: .*\n/m, ''));
  const run = agenda(['publish', '--out', site, '--url', 'https://dagsordener.example.dk/', '--json'], { cwd: repository });
  expect(run.status, run.stderr).toBe(0);
});

const folders = () =>
  siteFiles(site)
    .filter((f) => f.startsWith('sbsys/') && f.endsWith('.xml'))
    .map((f) => path.dirname(f));
const imported = (folder: string) => importedBulletPoints(readFileSync(path.join(site, folder, `${path.basename(folder)}.xml`), 'utf8'));

/** The headings (h3) of item `number` on the folder's dagsorden.html, the document OS2web files with the meeting. */
function printedHeadings(folder: string, number: string): string[] {
  const page = readFileSync(path.join(site, folder, 'dagsorden.html'), 'utf8');
  const item = page.split(/<section class="punkt[^"]*"/).find((s) => s.startsWith(` id="punkt-${number}"`)) ?? '';
  return [...item.matchAll(/<h3>([^<]*)<\/h3>/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));
}

/** The errors of an HTML fragment parsed on its own as XML (its void elements closed as XHTML closes them). */
function parseErrors(fragment: string): string[] {
  const errors: string[] = [];
  const xhtml = fragment.replace(/<(br|hr|img|wbr|col)\b([^>]*?)\/?>/g, '<$1$2/>');
  try {
    const parser = new DOMParser({ onError: (level, message) => void errors.push(`${level}: ${message}`) });
    parser.parseFromString(`<div>${xhtml}</div>`, 'text/xml');
  } catch {
    // xmldom throws on a fatal error, after reporting it.
  }
  return errors;
}

describe('the SBSYS folder as OS2web’s importer reads it', () => {
  it("files an earlier committee's decision under that committee's heading, never as the item's Beslutning", () => {
    expect(folders()).toEqual(['sbsys/kommunalbestyrelsen-2024-01-16', 'sbsys/oekonomiudvalget-2024-01-09']);
    const [sale] = imported('sbsys/kommunalbestyrelsen-2024-01-16');
    expect(sale?.title).toBe('Salg af grund på Havnevej');
    // Økonomiudvalget's decision (eksempel/udvalg/ØK/2024-01-09.yaml), in Kommunalbestyrelsen's agenda.
    const carried = sale?.attachments.filter((a) => a.body.includes('Anbefalet.'));
    expect(carried?.map((a) => a.title)).toEqual(['Beslutning_i_Økonomiudvalget_den_09-01-2024']);
    expect(sale?.attachments.map((a) => a.title)).not.toContain('Beslutning');
  });

  it('titles each text with its heading as the document prints it, as far as a name holds it', () => {
    let texts = 0;
    for (const folder of folders()) {
      for (const point of imported(folder)) {
        const titles = point.attachments.map((a) => a.title.replaceAll('_', ' '));
        expect(titles, `${folder} ${point.number}`).toEqual(printedHeadings(folder, point.number));
        texts += titles.length;
      }
    }
    expect(texts).toBeGreaterThanOrEqual(10);
  });

  it('has every text an HTML fragment balanced on its own', () => {
    const fragments = folders().flatMap((folder) =>
      imported(folder).flatMap((p) => p.attachments.map((a) => ({ at: `${folder} ${p.number} ${a.title}`, body: a.body }))),
    );
    expect(fragments.length).toBeGreaterThanOrEqual(10);
    for (const { at, body } of fragments) {
      expect(body, at).not.toBe('');
      expect(parseErrors(body), at).toEqual([]);
    }
  });

  it("has the open data's sections, from which the folder's texts are made, each balanced too", () => {
    const data = siteFiles(site).filter((f) => /^data\/[^/]+\/\d{4}-\d{2}-\d{2}\.json$/.test(f));
    expect(data).toHaveLength(2);
    for (const file of data) {
      const meeting: MeetingData = JSON.parse(readFileSync(path.join(site, file), 'utf8'));
      for (const { heading, html } of (meeting.agendaItem ?? []).flatMap((i) => i['agenda:sections'] ?? [])) {
        expect(parseErrors(html), `${file} ${heading}`).toEqual([]);
      }
    }
  });
});

describe('the meeting’s times, as the importer reads them', () => {
  const times = (folder: string) => importedMeetingTimes(readFileSync(path.join(site, folder, `${path.basename(folder)}.xml`), 'utf8'));

  it('gives a meeting with no end time its start as its end, never the blank the importer would read as the import’s moment', () => {
    const kb = folders().filter((f) => f.includes('kommunalbestyrelsen'));
    expect(kb.length).toBeGreaterThan(0);
    for (const folder of kb) expect(times(folder).end, folder).toBe(times(folder).start);
    for (const folder of folders()) expect(times(folder).end, folder).toMatch(/^\d{1,2}\. \p{L}+ \d{4} \d\d:\d\d$/u);
  });

  it('keeps the end time of a meeting that has one', () => {
    const ok = folders().filter((f) => f.includes('oekonomi'));
    expect(ok.length).toBeGreaterThan(0);
    for (const folder of ok) expect(times(folder).end, folder).toMatch(/ 17:00$/);
  });
});
