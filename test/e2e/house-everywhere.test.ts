import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser, type Node as XmlNode } from '@xmldom/xmldom';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendaAsync, tempDir, type CliResult } from '../support/cli.js';
import { pageLabels, pdfInfo, pdfPages } from '../support/pdf.js';
import { siteFiles } from '../support/site.js';
import { startSmtpServer } from '../support/smtp.js';
import { exampleRoot } from '../support/examples.js';

// One house, every output: fixtures/husstil-overalt's kommune.yaml names its agenda, its minutes and
// their open and closed parts in words of its own. Every output of build, build --samlet, publish,
// send and sag is read back (pdftotext, pdfinfo, an HTML and XML parser, JSON, iCalendar, the mail as
// received) and holds the house's words and none of the package's. The fixture's case texts use none
// of the package's words, so any found came from the tool.

/** The package's words for what the house renames, as they are written (case counts: "lukket" is an ordinary word). */
const packageWords = [
  'Dagsorden',
  'Referat',
  'dagsordener',
  'referater',
  'dagsordenen',
  'referatet',
  'Åben',
  'Lukket',
  'Indeholder lukkede',
  'lukket beslutning',
  // The page labels, the attachments' stamp and headings, the Bilag table, a meeting's page, `agenda plan`.
  'Forside',
  'Indhold',
  'Bilag',
  'Side',
  'Punkter',
  'Dokumenter',
  'Om mødet',
  'Afventer',
  'punkter til kommende',
];
/** Where an attachment begins, and an attachment's page in the search: "side 3". */
const pageReference = /\bside \d/;

const defaultsIn = (text: string) => packageWords.filter((w) => text.includes(w));

const password = 'hemmeligt-Kodeord-4711';
const login = { user: 'sekretariat', password };

const run = async (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> => {
  const result = await agendaAsync(args, { cwd, env: { TZ: 'Europe/Copenhagen', ...env } });
  expect({ args, status: result.status, stderr: result.stderr }).toMatchObject({ args, status: 0 });
  return result;
};

/** What a reader of an HTML page sees of it: its text, and the titles and data-* texts its elements carry; not its addresses. */
function pageText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const texts: string[] = [];
  const walk = (node: XmlNode) => {
    if (node.nodeType === node.TEXT_NODE) texts.push(node.nodeValue ?? '');
    if ('attributes' in node && node.attributes) {
      const attributes = node.attributes as unknown as ArrayLike<{ name: string; value: string }>;
      for (const a of Array.from(attributes)) if (a.name === 'title' || /^data-(?!filter|order)/.test(a.name)) texts.push(a.value);
    }
    for (const child of Array.from(node.childNodes)) walk(child);
  };
  walk(doc);
  return texts.join('\n');
}

/** The text of an XML document's elements (an Atom feed, the SBSYS XML): not its element and attribute names, which are the format's. */
function xmlText(xml: string): string {
  return new DOMParser().parseFromString(xml, 'text/xml').documentElement?.textContent ?? '';
}

/** Every string a JSON document holds. */
function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(jsonStrings);
  return [];
}

describe('a house that renames its documents and their open and closed parts', () => {
  const repo = path.join(tempDir('agenda-house-'), 'repo');
  cpSync(path.join(exampleRoot(), 'fixtures', 'husstil-overalt'), repo, { recursive: true });
  const site = path.join(repo, 'site');
  const pu = ['--udvalg', 'PU'];
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let sag: { open: string; members: string };
  let plan: string;

  beforeAll(async () => {
    smtp = await startSmtpServer(login);
    await run(['build', '2025-03-04', ...pu], repo);
    await run(['build', '2025-03-11', ...pu], repo);
    await run(['build', '2025-03-11', ...pu, '--samlet'], repo);
    await run(['publish', '--samlet', '--url', 'https://moeder.bjergby.dk/'], repo);
    await run(['send', '2025-03-11', ...pu], repo, {
      AGENDA_SMTP_HOST: 'localhost',
      AGENDA_SMTP_PORT: String(smtp.port),
      AGENDA_SMTP_TLS: 'starttls',
      AGENDA_SMTP_USER: login.user,
      AGENDA_SMTP_PASSWORD: password,
      AGENDA_SMTP_FROM: 'Planudvalgets sekretariat <sekretariat@example.org>',
      AGENDA_SMTP_CA: smtp.certificateIn(repo),
    });
    sag = { open: (await run(['sag', '25/0043'], repo)).stdout, members: (await run(['sag', '25/0043', '--medlemmer'], repo)).stdout };
    plan = (await run(['plan', ...pu, '--from', '2025-03-01'], repo)).stdout;
  });
  afterAll(() => smtp.close());

  it("prints the house's words in the PDFs, their title and subject and the combined document's stamps", () => {
    const agenda = path.join(repo, 'out', 'PU-2025-03-04-dagsorden.pdf');
    const minutes = path.join(repo, 'out', 'PU-2025-03-11-referat.pdf');
    const combined = path.join(repo, 'out', 'PU-2025-03-11-referat-samlet.pdf');
    const text = (file: string) => pdfPages(file).join('\n');
    expect(text(agenda)).toContain('MØDEINDKALDELSE');
    expect(text(agenda)).toContain('Offentlig Notat om lokalplanen');
    expect(text(agenda)).toContain('Fortrolig Grundejerens brev');
    expect(text(agenda)).toContain('(Fortroligt bilag) Grundejerens brev');
    for (const file of [minutes, combined]) {
      const info = pdfInfo(file);
      expect(info.Title).toBe('Planudvalget - Beslutningsprotokol 11. marts 2025');
      expect(info.Subject).toBe(
        'Beslutningsprotokol for Planudvalgets møde den 11. marts 2025. Fortrolige oplysninger – ikke til offentligheden',
      );
      for (const words of [
        'BESLUTNINGSPROTOKOL',
        'Fortroligt indhold',
        'Offentligt punkt',
        'Fortroligt punkt',
        'Fortrolig Grundejerens brev',
      ])
        expect(text(file)).toContain(words);
    }
    expect(text(combined)).toMatch(/Blad 5 af 8/);
    expect(text(combined)).toContain('Vedlæg 1.1: Notat om lokalplanen, 2001/25');
    expect(text(combined)).toMatch(/Notat om lokalplanen \(2001\/25\)\s+blad 5/);
    for (const file of [agenda, minutes, combined]) {
      expect(defaultsIn(text(file))).toEqual([]);
      expect(text(file)).not.toMatch(pageReference);
      expect(defaultsIn(JSON.stringify(pdfInfo(file)))).toEqual([]);
      // The unnumbered front page and contents as a viewer labels them (qpdf reads the /PageLabels).
      expect(pageLabels(file).slice(0, 3)).toEqual(['Titelblad', 'Register', '1']);
    }
  });

  it("publishes pages, data, SBSYS folders and feeds in the house's words, the shared ones in kommune.yaml's", () => {
    const files = siteFiles(site).filter((f) => !f.startsWith('pagefind/') && !f.startsWith('.') && !f.startsWith('data/schema/'));
    const read = (f: string) => readFileSync(path.join(site, f), 'utf8');
    const textOf = (f: string): string => {
      if (f.endsWith('.html')) return pageText(read(f));
      if (f.endsWith('.json')) return jsonStrings(JSON.parse(read(f))).join('\n');
      if (f.endsWith('.xml') || f.endsWith('.atom')) return xmlText(read(f));
      if (f.endsWith('.ics')) return JSON.stringify(ICAL.parse(read(f)));
      return '';
    };
    const texts = new Map(files.filter((f) => !f.endsWith('.pdf')).map((f) => [f, textOf(f)]));
    expect([...texts.keys()].filter((f) => /\.(html|json|xml|atom|ics)$/.test(f)).length).toBeGreaterThan(30);
    for (const [file, text] of texts) expect({ file, found: defaultsIn(text) }).toEqual({ file, found: [] });
    for (const pdf of files.filter((f) => f.endsWith('-offentlig.pdf') || f.endsWith('-offentlig-samlet.pdf')))
      expect({ pdf, found: defaultsIn(pdfPages(path.join(site, pdf)).join('\n')) }).toEqual({ pdf, found: [] });

    const text = (f: string) => texts.get(f) ?? '';
    expect(text('index.html')).toContain('Mødeindkaldelser og beslutningsprotokoller fra møderne i Bjergby Kommune');
    expect(text('index.html')).toContain('Beslutningsprotokol som PDF');
    // Arbejdsudvalget's own word for its minutes on its own rows and feed, not on what the committees share.
    expect(text('index.html')).toContain('Udvalgsprotokol som PDF');
    expect(text('sog.html')).toContain('Søg i mødeindkaldelser, beslutningsprotokoller og bilag');
    expect(text('data.html')).toContain('de nyeste mødeindkaldelser og beslutningsprotokoller');
    const page = text('planudvalget/2025-03-11.html');
    expect(page).toContain('Beslutningsprotokol for Planudvalgets møde tirsdag den 11. marts 2025');
    expect(page).toContain('Beslutningsprotokol for Planudvalgets møde den 11. marts 2025 med bilag (offentlig udgave)');
    expect(page).toContain('Fortroligt emne');
    // The partial the house replaced for its PDF (husstil/partials/tekst.hbs) makes the published page's texts too.
    expect(read('planudvalget/2025-03-11.html')).toContain('<div class="bjergby-tekst"><p>Forslaget har været i høring.</p>');
    expect(text('data/planudvalget/2025-03-11.json')).toContain('Beslutningsprotokol for Planudvalgets møde den 11. marts 2025');
    expect(text('sbsys/planudvalget-2025-03-11/planudvalget-2025-03-11.xml')).toContain('Fortroligt emne');
    expect(text('sbsys/planudvalget-2025-03-11/dagsorden.html')).toContain('Beslutningsprotokol for Planudvalgets møde');

    const allFeed = new DOMParser().parseFromString(read('dokumenter.atom'), 'text/xml');
    expect(allFeed.getElementsByTagName('title')[0]?.textContent).toBe('Bjergby Kommune: Mødeindkaldelse og beslutningsprotokol');
    expect(text('dokumenter.atom')).toContain('Mødeindkaldelse for Planudvalgets møde tirsdag den 4. marts 2025');
    expect(text('arbejdsudvalget/dokumenter.atom')).toContain('Arbejdsudvalget: Mødeindkaldelse og udvalgsprotokol');
    const events = new ICAL.Component(ICAL.parse(read('kalender.ics')) as unknown[]).getAllSubcomponents('vevent');
    expect(events.map((e) => e.getFirstPropertyValue('summary'))).toContain('Møde i Planudvalget');
  });

  it("mails the minutes in the house's words", () => {
    expect(smtp.received).toHaveLength(2);
    for (const { mail } of smtp.received) {
      expect(mail.subject).toBe('Beslutningsprotokol fra Planudvalgets møde tirsdag den 11. marts 2025');
      expect(mail.text).toContain('Hermed beslutningsprotokollen fra Planudvalgets møde tirsdag den 11. marts 2025');
      expect(mail.text).toContain('Beslutningsprotokollen er vedhæftet som PDF');
      expect(defaultsIn(`${mail.subject ?? ''}\n${mail.text ?? ''}`)).toEqual([]);
    }
  });

  it("prints `agenda plan` in the house's words", () => {
    expect(plan.split('\n')[0]).toBe('Planudvalget: planlagte emner fra 1. marts 2025');
    expect(plan).toMatch(/^Mødedag\s+Emner$/m);
    expect(defaultsIn(plan)).toEqual([]);
  });

  it("tells a case's way in the house's words", () => {
    expect(sag.open).toContain('11/3 2025  Planudvalget, punkt 2: Fortroligt emne\n  (fortrolig beslutning)\n');
    expect(sag.members).toContain('(fortrolig beslutning) Godkendt som indstillet');
    expect(defaultsIn(sag.open + sag.members)).toEqual([]);
  });
});
