import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfPages } from '../support/pdf.js';
import { htmlPages } from '../support/site.js';

/** Markup that would end the page's `<style>` element and add elements of its own, numbered by where it is put. */
const injected = (n: number) => `</style><b>INJ${n}</b><iframe></iframe><h1>H${n}</h1><style>`;
const shown = (n: number) => `</style><b>INJ${n}</b>`;

/** The example meetings with the markup in each place a name or a house word goes. */
function injectedMeetings(): { dir: string; meetings: string } {
  const { dir, meetings } = copyOfMeetings();
  const committee = path.join(meetings, 'udvalg.yaml');
  edit(committee, /^navn: Direktionen$/m, `navn: "Direktionen ${injected(1)}"`);
  edit(committee, /^kommune: Norddjurs Kommune$/m, `kommune: "Norddjurs ${injected(2)}"`);
  edit(committee, /^sted: .*$/m, `sted: "Lokale ${injected(3)}"`);
  edit(committee, /navn: Lene Mehlsen Thomsen/, `navn: "Lene ${injected(4)}"`);
  edit(path.join(meetings, 'faste-punkter.yaml'), /titel: Økonomi$/m, `titel: "Økonomi ${injected(5)}"`);
  // House words with placeholders, in the text and in the page header's CSS (a date pattern's quoted words too).
  appendFileSync(
    committee,
    [
      'husstil:',
      `  sidehoved: "{udvalg} ${injected(6)} {dato}"`,
      '  ord:',
      `    rul: "Rul {måned} ${injected(7)}: {møder}"`,
      '  datoer:',
      `    titel: "d. MMMM yyyy '${injected(8)}'"`,
      '',
    ].join('\n'),
  );
  return { dir, meetings };
}

/** The elements the markup would have added, in an HTML page. */
function addedElements(file: string): string[] {
  const page = new DOMParser().parseFromString(readFileSync(file, 'utf8'), 'text/html');
  const texts = (tag: string) => Array.from(page.getElementsByTagName(tag), (e) => `<${tag}>${e.textContent ?? ''}`);
  return [...texts('b'), ...texts('h1'), ...texts('iframe')].filter((e) => /^<(b>INJ|h1>H)\d$|^<iframe>/.test(e));
}

describe('markup in the names of the YAML and the words of the house style', () => {
  it('prints as the characters written, in the text and in the page header, and adds no element to the page', () => {
    const { dir } = injectedMeetings();
    const run = agenda(['build', '2023-11-22', '--out', 'a.pdf', '--html', 'a.html'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    const text = pdfPages(path.join(dir, 'a.pdf')).join('').replace(/\s+/g, '');
    for (const n of [1, 3, 4, 5, 6, 7, 8]) expect(text, `injection ${n}`).toContain(shown(n));
    // The page header (the committee, the house's words, the date's quoted words) on each numbered page.
    expect(text.split(`Direktionen${shown(1)}`).length - 1).toBeGreaterThan(2);

    const html = path.join(dir, 'a.html');
    expect(addedElements(html)).toEqual([]);
    const styles = new DOMParser().parseFromString(readFileSync(html, 'utf8'), 'text/html').getElementsByTagName('style');
    expect(styles.length).toBe(2);
  });

  it('shows as the characters written on the published site, the municipality too', () => {
    const { dir, meetings } = injectedMeetings();
    const site = path.join(dir, 'site');
    const run = agenda(['publish', '--meetings', meetings, '--out', site]);
    // The one line besides the summary: without --url, the note that OParl clients need it.
    expect(run.stderr).toMatch(/^note: without --url [^\n]*\npublished 2 meetings to .*\n$/);
    expect(run.status).toBe(0);
    const pages = htmlPages(site);
    expect(pages.length).toBeGreaterThan(2);
    for (const file of pages) expect(addedElements(path.join(site, file)), file).toEqual([]);
    const index = new DOMParser().parseFromString(readFileSync(path.join(site, 'index.html'), 'utf8'), 'text/html');
    expect(index.documentElement?.textContent).toContain(`Norddjurs ${injected(2)}`);
  });
});
