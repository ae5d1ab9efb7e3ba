import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launchReader } from '../support/reader-browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenda, agendaAsync, tempDir } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { closedMarkersIn, siteBytes } from '../support/site.js';
import { startSmtpServer } from '../support/smtp.js';
import { serveFolder } from '../support/static-server.js';
import { exampleRoot } from '../support/examples.js';

// A house's own site pages and mail letter (fixtures/husstil-skabeloner: husstil/web/ and
// husstil/mail/ over fixtures/husstil-overalt): the mail as received and the pages as Chromium shows
// them carry the house's words and none of agenda's sentences; the search still works; each
// mistake of a designer's is an error naming the file, exit 1, and nothing published; a changed
// frame rewrites the pages and nothing else.

const require = createRequire(import.meta.url);
/** What fixtures/husstil-overalt holds closed. */
const houseMarkers = [31, 32, 33, 34, 35, 36, 37].map((n) => `XQZSECRET${n}`);
const env = { TZ: 'Europe/Copenhagen' };

/** fixtures/husstil-overalt with the house's own pages and letter. */
function house(): string {
  const repo = path.join(tempDir('agenda-house-pages-'), 'repo');
  cpSync(path.join(exampleRoot(), 'fixtures', 'husstil-overalt'), repo, { recursive: true });
  cpSync(path.join(exampleRoot(), 'fixtures', 'husstil-skabeloner'), repo, { recursive: true });
  return repo;
}

const repo = house();
const site = path.join(repo, 'site');
const login = { user: 'sekretariat', password: 'hemmeligt-Kodeord-4711' };
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let server: { origin: string; close: () => Promise<void> };
let browser: Browser;

async function publish(): Promise<{ written: string[]; printed: number }> {
  const run = await agendaAsync(['publish', '--out', 'site', '--json'], { cwd: repo, env });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { written: string[]; printed: number };
}

beforeAll(async () => {
  smtp = await startSmtpServer(login);
  await publish();
  const sent = await agendaAsync(['send', '2025-03-11', '--udvalg', 'PU'], {
    cwd: repo,
    env: {
      ...env,
      AGENDA_SMTP_HOST: 'localhost',
      AGENDA_SMTP_PORT: String(smtp.port),
      AGENDA_SMTP_TLS: 'starttls',
      AGENDA_SMTP_USER: login.user,
      AGENDA_SMTP_PASSWORD: login.password,
      AGENDA_SMTP_FROM: 'Byrådssekretariatet <sekretariat@example.org>',
      AGENDA_SMTP_CA: smtp.certificateIn(repo),
    },
  });
  expect(sent.status, sent.stderr).toBe(0);
  server = await serveFolder(site);
  browser = await launchReader();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

/** A page of the site in Chromium, its CSP bypassed for axe alone; the errors it gave. */
async function open(file: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setBypassCSP(true);
  await page.goto(`${server.origin}/${file}`, { waitUntil: 'load' });
  return { page, errors };
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (o: object) => Promise<unknown> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  )) as { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> };
  return result.violations.map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe("a house's own mail letter (husstil/mail/)", () => {
  it("is the subject and text of every message, with none of agenda's sentences", () => {
    expect(smtp.received).toHaveLength(2);
    for (const { mail } of smtp.received) {
      expect(mail.subject).toBe('Planudvalget: Beslutningsprotokol, tirsdag den 11. marts 2025');
      expect(mail.text).toMatch(/^Kære medlem af Planudvalget \((Ida Holm|Per Vang)\)\n/);
      expect(mail.text).toContain(
        'Vedhæftet finder du beslutningsprotokollen for mødet tirsdag den 11. marts 2025 kl. 16:00 i Mødesal 2, rådhuset.',
      );
      expect(mail.text).toContain('Filen hedder PU-2025-03-11-referat-samlet.pdf.');
      expect(mail.text?.trimEnd()).toMatch(/Venlig hilsen, Byrådssekretariatet$/);
      expect(houseMarkers.filter((m) => `${mail.subject ?? ''}${mail.text ?? ''}`.includes(m))).toEqual([]);
      for (const sentence of ['Hermed', 'vedhæftet som PDF', 'Med venlig hilsen', 'Planudvalgets sekretariat', ' fra Planudvalgets møde'])
        expect(`${mail.subject ?? ''}\n${mail.text ?? ''}`).not.toContain(sentence);
    }
  });
});

describe("a house's own site pages (husstil/web/)", () => {
  it("frame every page in the house's words, and its stylesheet comes after agenda's; axe finds no violation", async () => {
    for (const file of ['index.html', 'planudvalget/2025-03-11.html', 'data.html']) {
      const { page, errors } = await open(file);
      const text = await page.evaluate(() => document.body.innerText);
      expect(text, file).toContain('Spring til indhold');
      expect(text, file).not.toContain('Gå til indholdet');
      const colour = await page.$eval('.sidehoved', (h) => getComputedStyle(h).borderBottomColor);
      expect(colour, file).toBe('rgb(0, 90, 60)');
      expect(await axeViolations(page), file).toEqual([]);
      expect(errors, file).toEqual([]);
      await page.close();
    }
    const meeting = await open('planudvalget/2025-03-11.html');
    expect(await meeting.page.$eval('nav[aria-label]', (n) => n.getAttribute('aria-label'))).toBe('Placering på sitet');
    expect(await meeting.page.$eval('main', (m) => m.textContent)).toContain('Lokalplan for Havnegade');
    await meeting.page.close();
  });

  it("say the data page's sentences in the house's words", async () => {
    const { page } = await open('data.html');
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('Bjergby Kommunes mødeindkaldelser og beslutningsprotokoller som data til genbrug: kun det offentlige.');
    expect(text).not.toContain('Alt på dette websted findes også som data');
    await page.close();
  });

  it('keep the search working: one query finds the item, in the house words of the search page; axe finds no violation', async () => {
    const { page, errors } = await open('sog.html?q=Havnegade');
    await page.waitForFunction(() => document.getElementById('status')!.textContent !== '');
    expect(await page.$eval('#status', (s) => s.textContent)).toMatch(/^(Ét fund\.|\d+ fund\.)$/);
    expect(await page.$$eval('#resultater h2 a', (links) => links.map((a) => a.href))).toContain(
      `${server.origin}/planudvalget/2025-03-11.html#punkt-1`,
    );
    expect(await page.$eval('label[for="søgeord"]', (l) => l.textContent)).toBe('Find ord');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('changed (side.hbs), rewrites the pages and nothing else, and prints no PDF nor indexes anew', async () => {
    const before = siteBytes(site);
    const indexedFrom = searchMadeFrom();
    edit(path.join(repo, 'husstil', 'web', 'side.hbs'), 'Spring til indhold', 'Hop til indholdet');
    const { written, printed } = await publish();
    expect(printed).toBe(0);
    expect(written).toEqual([
      'arbejdsudvalget/2025-03-05.html',
      'data.html',
      'index.html',
      'planudvalget/2025-03-04.html',
      'planudvalget/2025-03-11.html',
      'sog.html',
    ]);
    const after = siteBytes(site);
    const changed = [...after].filter(([file, bytes]) => !before.get(file)?.equals(bytes)).map(([file]) => file);
    expect(changed.sort()).toEqual(['.agenda-publish.json', ...written].sort());
    expect(after.get('index.html')?.toString()).toContain('Hop til indholdet');
    // The search indexes are made of agenda's own soegepost.hbs: not made anew for the house's pages.
    expect(searchMadeFrom()).toEqual(indexedFrom);
    expect(indexedFrom.length).toBeGreaterThan(0);
  });

  it('changed (the letter, brev.hbs), rewrite nothing; changed (site.css), the stylesheet alone', async () => {
    const changedBy = async (file: string, from: string, to: string) => {
      const before = siteBytes(site);
      edit(path.join(repo, 'husstil', file), from, to);
      const { written, printed } = await publish();
      const after = siteBytes(site);
      const changed = [...after].filter(([f, bytes]) => !before.get(f)?.equals(bytes)).map(([f]) => f);
      return { written, printed, changed: changed.filter((f) => f !== '.agenda-publish.json') };
    };
    expect(await changedBy('mail/brev.hbs', 'Kære medlem', 'Kære')).toEqual({ written: [], printed: 0, changed: [] });
    expect(await changedBy('web/site.css', 'rgb(0, 90, 60)', 'rgb(0, 80, 60)')).toEqual({
      written: ['site.css'],
      printed: 0,
      changed: ['site.css'],
    });
  });

  it("get the public meeting alone, as agenda's do: no marker of the closed fixture in any byte of the site", () => {
    expect(closedMarkersIn(site, houseMarkers)).toEqual([]);
  });
});

describe("a change to the house's pages or letter", () => {
  it('makes no document anew: a build keeps the PDF it made (the fingerprint leaves husstil/web/ and husstil/mail/ out)', async () => {
    edit(path.join(repo, 'husstil', 'mail', 'brev.hbs'), 'Venlig hilsen', 'De bedste hilsner');
    const run = await agendaAsync(['build', '2025-03-11', '--udvalg', 'PU', '--samlet', '--json'], { cwd: repo, env });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ documents: [{ pdf: 'out/PU-2025-03-11-referat-samlet.pdf', kept: true }] });
  });
});

/** What each file of the site's search indexes (pagefind/) was made from, as the publication's state file records it. */
function searchMadeFrom(): string[] {
  const state = JSON.parse(readFileSync(path.join(site, '.agenda-publish.json'), 'utf8')) as {
    files: Array<{ path: string; madeFrom?: string }>;
  };
  return state.files.filter((f) => f.path.startsWith('pagefind/')).map((f) => `${f.path} ${f.madeFrom ?? ''}`);
}

/** A fresh copy of the house with `change` made to it, published (AU alone: one PDF); the run. */
function publishWith(change: (repo: string) => void, copy = house()) {
  change(copy);
  const run = agenda(['publish', '--udvalg', 'AU', '--out', 'site'], { cwd: copy, env });
  return { ...run, published: existsSync(path.join(copy, 'site')) };
}

const web = (copy: string, file: string) => path.join(copy, 'husstil', 'web', file);

/**
 * The house with AU published: a publish over it prints no PDF again (the fingerprint leaves
 * husstil/web/ out), so a page mistake costs its check, not a print. Made once, copied per mistake.
 */
let published: string | undefined;
function publishedHouse(): string {
  if (published === undefined) {
    published = house();
    expect(publishWith(() => undefined, published).status).toBe(0);
  }
  const copy = path.join(tempDir('agenda-house-pages-'), 'repo');
  cpSync(published, copy, { recursive: true });
  return copy;
}

describe("a designer's mistake in husstil/web/ or husstil/mail/", () => {
  // Found before anything is printed, on a first publish: no site.
  it('a block left open: an error naming the file, exit 1, no site', () => {
    const run = publishWith((copy) =>
      writeFileSync(web(copy, 'data.hbs'), `${readFileSync(web(copy, 'data.hbs'), 'utf8')}{{#each committees}}\n`),
    );
    expect(run.stderr).toBe(
      "husstil/web/data.hbs:17:1: template syntax: Expecting 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'\n",
    );
    expect(run.status).toBe(1);
    expect(run.published).toBe(false);
  });
  // Found on making the pages, after printing: over a published site, an error and the site byte for byte as it was.
  const mistakes: Array<[string, (copy: string) => void, string]> = [
    [
      'a misspelt field',
      (copy) => edit(web(copy, 'side.hbs'), '{{names.site}}', '{{names.sitte}}'),
      'husstil/web/side.hbs:21: {{sitte}}: no such field here, so it would print nothing (misspelt?)',
    ],
    [
      'a frame without the page content',
      (copy) => edit(web(copy, 'side.hbs'), '{{{main}}}', ''),
      "husstil/web/side.hbs: the page leaves out its content: print it with {{{main}}}, as agenda's side.hbs does",
    ],
    [
      'a search page without the status line its script fills',
      (copy) => edit(web(copy, 'sog.hbs'), 'id="status"', 'id="tilstand"'),
      'husstil/web/sog.hbs: the search page lacks what its script needs: id="status" with data-ingen, data-et, data-flere, data-vist, data-fejl (see agenda\'s templates/web/sog.hbs)',
    ],
    [
      'a search page whose list of results lacks the word of an attachment’s page (a page written before the list needed it)',
      (copy) => edit(web(copy, 'sog.hbs'), ' data-side="{{side}}"', ''),
      'husstil/web/sog.hbs: the search page lacks what its script needs: the list id="resultater" with data-punkt, data-side (see agenda\'s templates/web/sog.hbs)',
    ],
    [
      'a search page without the words for a reader whose browser cannot run its script (a page written before it needed them)',
      (copy) => edit(web(copy, 'sog.hbs'), ' id="uden-script"', ''),
      'husstil/web/sog.hbs: the search page lacks what its script needs: the words id="uden-script", shown: not hidden, nor in a hidden element (the form) or <noscript> (the script off alone shows it, not the page opened as a file); hidden by the script (see agenda\'s templates/web/sog.hbs)',
    ],
    [
      'a search page whose words for a reader without its script are in the hidden form, never shown',
      (copy) => {
        const words = /<p id="uden-script">.*<\/p>\n/.exec(readFileSync(web(copy, 'sog.hbs'), 'utf8'))?.[0] ?? '';
        edit(web(copy, 'sog.hbs'), words, '');
        edit(web(copy, 'sog.hbs'), '</form>', `${words}</form>`);
      },
      'husstil/web/sog.hbs: the search page lacks what its script needs: the words id="uden-script", shown: not hidden, nor in a hidden element (the form) or <noscript> (the script off alone shows it, not the page opened as a file); hidden by the script (see agenda\'s templates/web/sog.hbs)',
    ],
    [
      'a search page whose words for a reader without its script are in <noscript>, not shown for the page opened as a file',
      (copy) => {
        const words = /<p id="uden-script">.*<\/p>/.exec(readFileSync(web(copy, 'sog.hbs'), 'utf8'))?.[0] ?? '';
        edit(web(copy, 'sog.hbs'), words, `<noscript>${words}</noscript>`);
      },
      'husstil/web/sog.hbs: the search page lacks what its script needs: the words id="uden-script", shown: not hidden, nor in a hidden element (the form) or <noscript> (the script off alone shows it, not the page opened as a file); hidden by the script (see agenda\'s templates/web/sog.hbs)',
    ],
    [
      'a search page whose committee filter offers no committee (a page written when the script filled it)',
      (copy) => edit(web(copy, 'sog.hbs'), '{{#each committees}}<option data-indeks="{{index}}">{{name}}</option>{{/each}}', ''),
      'husstil/web/sog.hbs: the search page lacks what its script needs: an option data-indeks="{{index}}" for each committee in select data-filter="udvalg" ({{#each committees}}) (see agenda\'s templates/web/sog.hbs)',
    ],
    [
      'a meeting page without its items',
      (copy) => edit(web(copy, 'moede.hbs'), '{{{body}}}', ''),
      'husstil/web/moede.hbs: the page leaves out its items (no id="punkt-1"): print them with {{{body}}}, as agenda\'s moede.hbs does',
    ],
    [
      'an SBSYS document without its items',
      (copy) => edit(web(copy, 'sbsys.hbs'), '{{{body}}}', ''),
      'husstil/web/sbsys.hbs: the page leaves out its items (no id="punkt-1"): print them with {{{body}}}, as agenda\'s sbsys.hbs does',
    ],
    [
      'a front page without the link to each meeting',
      (copy) => edit(web(copy, 'oversigt.hbs'), '<a href="{{page}}">{{kind}}</a>', '{{kind}}'),
      'husstil/web/oversigt.hbs: the page leaves out links it was given (no <a href="arbejdsudvalget/2025-03-05.html">): keep them, as agenda\'s oversigt.hbs does',
    ],
    [
      "a data page without the committees' document feeds",
      (copy) => edit(web(copy, 'data.hbs'), '<a href="{{documentsFeed}}">{{name}}</a>', '{{name}}'),
      'husstil/web/data.hbs: the page leaves out links it was given (no <a href="arbejdsudvalget/dokumenter.atom">): keep them, as agenda\'s data.hbs does',
    ],
  ];
  // The PDF printed before the pages are made is staged in the site folder (publish/staging.ts): removed with it.
  it('a mistake found after printing, on a first publish: exit 1, no site folder, nothing staged left', () => {
    const run = publishWith((copy) => edit(web(copy, 'side.hbs'), '{{names.site}}', '{{names.sitte}}'));
    expect(run.stderr).toBe('husstil/web/side.hbs:21: {{sitte}}: no such field here, so it would print nothing (misspelt?)\n');
    expect(run.status).toBe(1);
    expect(run.published).toBe(false);
  });
  for (const [what, change, message] of mistakes) {
    it(`${what}: an error naming the file, exit 1, the site left as it was`, () => {
      const copy = publishedHouse();
      const before = siteBytes(path.join(copy, 'site'));
      const run = publishWith(change, copy);
      expect(run.stderr).toBe(`${message}\n`);
      expect(run.status).toBe(1);
      expect(siteBytes(path.join(copy, 'site'))).toEqual(before);
    });
  }

  it('a misspelt field in the letter: an error naming it, before the document to send is printed', () => {
    const copy = house();
    edit(path.join(copy, 'husstil', 'mail', 'brev.hbs'), '{{place}}', '{{placee}}');
    const run = agenda(['send', '2025-03-11', '--udvalg', 'PU', '--dry-run'], { cwd: copy, env });
    expect(run.stderr).toContain('husstil/mail/brev.hbs:3: {{placee}}: no such field here, so it would print nothing (misspelt?)\n');
    expect(run.status).toBe(1);
    expect(existsSync(path.join(copy, 'out'))).toBe(false);
  });

  it('a helper that does not exist in the letter: an error at its place, before the document to send is printed', () => {
    const copy = house();
    edit(path.join(copy, 'husstil', 'mail', 'brev.hbs'), '{{place}}', '{{nohelper place}}');
    const run = agenda(['send', '2025-03-11', '--udvalg', 'PU', '--dry-run'], { cwd: copy, env });
    expect(run.stderr).toMatch(/^husstil\/mail\/brev\.hbs:3:\d+: Missing helper: "nohelper"\n/m);
    expect(run.status).toBe(1);
    expect(existsSync(path.join(copy, 'out'))).toBe(false);
  });

  it('a subject that names the document only where there is one: tried before the print, and sent with its name', () => {
    const copy = house();
    writeFileSync(path.join(copy, 'husstil', 'mail', 'emne.hbs'), '{{#if attachment}}{{Document}}: {{attachment}}{{/if}}');
    const run = agenda(['send', '2025-03-11', '--udvalg', 'PU', '--dry-run'], { cwd: copy, env });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/: PU-2025-03-11-referat[-a-z]*\.pdf/);
  });
});

describe('agenda check of husstil/web/ and husstil/mail/', () => {
  it('tells a block left open in a page and in the letter at its place, once on a repository of two committees, exit 1', () => {
    const copy = house();
    writeFileSync(web(copy, 'data.hbs'), `${readFileSync(web(copy, 'data.hbs'), 'utf8')}{{#each committees}}\n`);
    edit(path.join(copy, 'husstil', 'mail', 'brev.hbs'), '{{place}}', '{{#if place}}');
    const run = agenda(['check'], { cwd: copy, env });
    const told = `${run.stdout}${run.stderr}`;
    const open = "template syntax: Expecting 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'";
    expect(told.split(`husstil/web/data.hbs:17:1: ${open}\n`)).toHaveLength(2);
    expect(told.split(`husstil/mail/brev.hbs:15:1: ${open}\n`)).toHaveLength(2);
    expect(told).toContain('2 errors, 0 warnings');
    expect(run.status).toBe(1);
  });

  it('warns of a stray file or folder (a README, a logo folder) naming the names it could have; build and publish go on', () => {
    const copy = house();
    writeFileSync(web(copy, 'README.md'), 'Bjergbys skabeloner\n');
    mkdirSync(path.join(copy, 'husstil', 'mail', 'logo'));
    const warnings = [
      'husstil/web/README.md:1:1: warning: not used: agenda has no template of that name in templates/web/ to replace; the files a house may put in husstil/web/ are data.hbs, moede.hbs, oversigt.hbs, sbsys.hbs, side.hbs, site.css, sog.hbs',
      'husstil/mail/logo:1:1: warning: not used: agenda has no template of that name in templates/mail/ to replace; the files a house may put in husstil/mail/ are brev.hbs, emne.hbs',
    ];
    const check = agenda(['check'], { cwd: copy, env });
    for (const warning of warnings) expect(`${check.stdout}${check.stderr}`.split(warning)).toHaveLength(2);
    expect(check.status).toBe(0);
    const build = agenda(['build', '2025-03-05', '--udvalg', 'AU', '--json'], { cwd: copy, env });
    expect(build.status, build.stderr).toBe(0);
    const { documents } = JSON.parse(build.stdout) as { documents: Array<{ pdf: string }> };
    expect(documents.map(({ pdf }) => existsSync(path.join(copy, pdf)))).toEqual([true]);
    const run = publishWith(() => undefined, copy);
    expect(run.status, run.stderr).toBe(0);
    expect(run.published).toBe(true);
  });
});
