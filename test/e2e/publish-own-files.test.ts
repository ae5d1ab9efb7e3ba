import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUrlVariable } from '../../src/pdf/connect.js';
import { runBoundedCases } from '../support/bounded.js';
import { countedBrowser, type CountedBrowser } from '../support/browser-uses.js';
import { agenda, cliPath, tempDir } from '../support/cli.js';
import { closedFileMarkers, closedFixtureWithFiles } from '../support/attachments.js';
import { closedFixture, markers } from '../support/markers.js';
import { pdfPages } from '../support/pdf.js';
import { closedMarkersIn, siteBytes, siteFiles } from '../support/site.js';
import { copyOut, fixtureSource, sharedClosedSite, sharedPdf } from '../support/shared-build.js';

// `agenda publish` reuses or removes only what it wrote itself, as it wrote it: the state file
// (.agenda-publish.json) lists each file of the site with the SHA-256 of the bytes publish wrote.

/** `agenda publish` of one committee into `site`; its run. */
const publish = (meetings: string, site: string) => agenda(['publish', '--meetings', meetings, '--out', site, '--json']);

/**
 * The closed fixture as publish writes it, into `site`: a copy of one publication for the suite (test/support/shared-build.ts),
 * since three tests go on from the same unchanged input's site.
 */
function publishedFixture(site: string): void {
  const { run, out } = sharedClosedSite();
  expect(run.status, run.stderr).toBe(0);
  copyOut(out, site);
}

/** A copy of the closed fixture's meetings, and its site as publish writes it, in a folder of their own. */
function meetingsAndSite(): { dir: string; meetings: string; site: string } {
  const dir = tempDir();
  const meetings = path.join(dir, 'meetings');
  const site = path.join(dir, 'site');
  cpSync(closedFixture, meetings, { recursive: true });
  publishedFixture(site);
  return { dir, meetings, site };
}

const sha = (algorithm: string, bytes: Uint8Array) => createHash(algorithm).update(bytes).digest('hex');

interface StateFile {
  files: Array<{ path: string; sha256: string }>;
}

/** The site's state file with `entries` added, as a hostile or mistaken hand would add them. */
function addToState(site: string, entries: StateFile['files']): void {
  const file = path.join(site, '.agenda-publish.json');
  const state = JSON.parse(readFileSync(file, 'utf8')) as StateFile;
  writeFileSync(file, JSON.stringify({ files: [...state.files, ...entries] }, null, 2));
}

const neverReplaced =
  '(--overwrite replaces only files where publish writes its own: never a folder, a file where it makes a folder, a symbolic link (which may point out of the site), a named pipe or a device)';

/** No stack trace and no internal error: the run told the clerk what is wrong. */
function expectToldPlainly(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('internal error');
}

describe('a members’ PDF left in the site folder', () => {
  it('is not published: the public PDF is printed again, no closed marker anywhere, the data’s SHA-512 the public file’s', async () => {
    const dir = tempDir();
    const meetings = path.join(dir, 'meetings');
    const site = path.join(dir, 'site');
    await closedFixtureWithFiles(meetings);
    expect(publish(meetings, site).status).toBe(0);
    const pdf = path.join(site, 'testudvalget', '2024-03-06-referat-offentlig.pdf');
    // The public PDF as publish prints it (as `agenda build --public` does: publish.test.ts), to see it printed again.
    const published = pdfPages(pdf, true);
    // The clerk forgot --public, and copied the PDF (build refuses to write into a site) and a closed attachment's file over the open ones.
    const members = path.join(dir, 'medlemmer.pdf');
    expect(agenda(['build', '2024-03-06', '--meetings', meetings, '--out', members]).status).toBe(0);
    copyFileSync(members, pdf);
    expect(pdfPages(pdf).join('\n')).toContain(markers[0]);
    copyFileSync(path.join(meetings, 'bilag', 'lukket.pdf'), path.join(site, 'testudvalget', '2024-03-06-bilag-1-1.pdf'));

    const run = publish(meetings, site);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { written: string[]; printed: number };
    expect(result.printed).toBe(1);
    expect(result.written).toEqual(['testudvalget/2024-03-06-bilag-1-1.pdf', 'testudvalget/2024-03-06-referat-offentlig.pdf']);
    expect(closedMarkersIn(site, closedFileMarkers)).toEqual([]);
    const data = JSON.parse(readFileSync(path.join(site, 'data', 'testudvalget', '2024-03-06.json'), 'utf8'));
    expect(data.resultsProtocol.sha512Checksum).toBe(sha('sha512', readFileSync(pdf)));
    expect(pdfPages(pdf, true)).toEqual(published);
  });

  it.each(['2024-03-06-referat.pdf', '2024-03-06-referat (1).pdf', 'testudvalget-2024-03-06-referat-kopi.pdf'])(
    "under a members' document's name (%s: as agenda gives it, or with something added) is an error that stops the publication before anything is written (site-strays.test.ts: under any name)",
    (name) => {
      const { site, stray: members } = siteWithMembersPdf(name);
      rmSync(path.join(site, 'index.html'));
      const before = siteBytes(site);
      const run = agenda(['publish', '--meetings', closedFixture, '--out', site]);
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain(
        `${members}:1:1: a PDF agenda made, which publish did not write (it writes every public document itself): a members' version or a copy, which may hold what is closed, served with the site: remove it, then publish again`,
      );
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(siteBytes(site)).toEqual(before);
    },
  );
});

/**
 * The fixture's site with the members' version put in its committee's folder as `name`, as `agenda build`
 * makes it: built once for the suite (closed-content and reader-view read it too).
 */
function siteWithMembersPdf(name: string): { site: string; stray: string } {
  const site = path.join(tempDir(), 'site');
  publishedFixture(site);
  const built = sharedPdf(fixtureSource, '2024-03-06');
  expect(built.run.status, built.run.stderr).toBe(0);
  const stray = path.join(site, 'testudvalget', name);
  copyFileSync(built.pdf, stray);
  return { site, stray };
}

describe('the state file of a site', () => {
  const dir = tempDir();
  const meetings = path.join(dir, 'meetings');
  const site = path.join(dir, 'site');
  const victim = path.join(dir, 'victim.txt');

  beforeAll(() => {
    cpSync(closedFixture, meetings, { recursive: true });
    writeFileSync(victim, 'not the site’s\n');
    publishedFixture(site);
  });

  it('naming files outside the site folder is a located error; they are not removed, and nothing is written', () => {
    const own = readFileSync(path.join(site, '.agenda-publish.json'));
    const outside = ['../victim.txt', '../meetings/udvalg.yaml', victim, 'data/../../victim.txt'];
    addToState(
      site,
      outside.map((p) => ({ path: p, sha256: sha('sha256', readFileSync(path.resolve(site, p))) })),
    );
    const before = siteBytes(site);
    const run = publish(meetings, site);
    expect(run.status).toBe(1);
    expectToldPlainly(run.stderr);
    const listed = (JSON.parse(own.toString()) as StateFile).files.length;
    const findings = (JSON.parse(run.stdout) as { findings: Array<{ path: string; message: string }> }).findings;
    const expected = outside.map((_, i) => `files[${listed + i}].path: not a path inside the site folder`);
    expect(findings.map((f) => `${f.path}: ${f.message}`).slice(1)).toEqual(expected);
    expect(readFileSync(victim, 'utf8')).toBe('not the site’s\n');
    expect(existsSync(path.join(meetings, 'udvalg.yaml'))).toBe(true);
    expect(siteBytes(site)).toEqual(before);
    writeFileSync(path.join(site, '.agenda-publish.json'), own);
  });

  it('naming a file behind a symbolic link: the link is an error, nothing written; one changed since publish wrote it: left alone, with a warning; its own removed', () => {
    const own = readFileSync(path.join(site, '.agenda-publish.json'));
    symlinkSync('../meetings', path.join(site, 'link'));
    addToState(site, [{ path: 'link/udvalg.yaml', sha256: sha('sha256', readFileSync(path.join(meetings, 'udvalg.yaml'))) }]);
    const before = siteBytes(site);
    const linked = agenda(['publish', '--meetings', meetings, '--out', site]);
    expect(linked.status).toBe(1);
    expect(linked.stderr).toContain(`${path.join(site, 'link')}:1:1: a symbolic link, which publish never writes`);
    expectToldPlainly(linked.stderr);
    expect(existsSync(path.join(meetings, 'udvalg.yaml'))).toBe(true);
    expect(siteBytes(site)).toEqual(before);
    rmSync(path.join(site, 'link'));
    writeFileSync(path.join(site, '.agenda-publish.json'), own);

    writeFileSync(path.join(site, 'noter.html'), 'the clerk’s own notes\n');
    writeFileSync(path.join(site, 'gammel.html'), 'an old page\n');
    addToState(site, [
      { path: 'noter.html', sha256: sha('sha256', Buffer.from('what publish wrote\n')) },
      { path: 'gammel.html', sha256: sha('sha256', Buffer.from('an old page\n')) },
    ]);
    const run = agenda(['publish', '--meetings', meetings, '--out', site]);
    expect(run.status, run.stderr).toBe(0);
    const warnings = run.stderr.split('\n').filter((l) => l.includes(': warning: '));
    expect(warnings).toEqual([
      expect.stringMatching(/\.agenda-publish\.json:\d+:\d+: warning: files\[\d+\]\.path: noter\.html is not as publish wrote it/),
    ]);
    expect(run.stderr).toMatch(/1 removed/);
    expect(readFileSync(path.join(site, 'noter.html'), 'utf8')).toBe('the clerk’s own notes\n');
    expect(existsSync(path.join(site, 'gammel.html'))).toBe(false);
    // Publish no longer lists what it left alone: the next run says nothing of them.
    expect(agenda(['publish', '--meetings', meetings, '--out', site]).stderr).not.toContain('warning');
  });

  it('that is not one publish writes is a located error, never a stack trace; nothing is written', () => {
    const own = readFileSync(path.join(site, '.agenda-publish.json'));
    const broken = [
      ['{"files": [', /:1:12: Flow sequence/],
      ['{"files": 3}', /:1:11: files: expected a list/],
      ['{"filer": []}', /:1:2: filer: unknown key/],
    ] as const;
    for (const [text, where] of broken) {
      writeFileSync(path.join(site, '.agenda-publish.json'), text);
      const before = siteBytes(site);
      const run = agenda(['publish', '--meetings', meetings, '--out', site]);
      expect(run.status).toBe(1);
      expectToldPlainly(run.stderr);
      expect(run.stderr).toMatch(/^\S+\/\.agenda-publish\.json:1:1: not a state file as agenda publish writes it .*; remove it to publish/);
      expect(run.stderr).toMatch(where);
      expect(siteBytes(site)).toEqual(before);
    }
    writeFileSync(path.join(site, '.agenda-publish.json'), own);
  });

  it('of an earlier version of agenda (names, no hashes): every PDF printed anew, none removed, and the clerk told so', () => {
    const files = (JSON.parse(readFileSync(path.join(site, '.agenda-publish.json'), 'utf8')) as StateFile).files.map((f) => f.path);
    writeFileSync(path.join(site, 'gammel.pdf'), 'an old publication’s PDF\n');
    writeFileSync(path.join(site, '.agenda-publish.json'), JSON.stringify({ files: [...files, 'gammel.pdf'], printed: {} }));
    const run = agenda(['publish', '--meetings', meetings, '--out', site, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { printed: number; findings: Array<{ message: string }> };
    expect(result.printed).toBe(files.filter((f) => /-(dagsorden|referat)(-offentlig)?\.pdf$/.test(f)).length);
    expect(result.printed).toBeGreaterThan(0);
    expect(result.findings.map((f) => f.message)).toContainEqual(expect.stringMatching(/^the state file of an earlier version of agenda/));
    expect(readFileSync(path.join(site, 'gammel.pdf'), 'utf8')).toBe('an old publication’s PDF\n');
    rmSync(path.join(site, 'gammel.pdf'));
    expect((JSON.parse(publish(meetings, site).stdout) as { printed: number }).printed).toBe(0);
  });
});

describe('a folder of the site replaced by a symbolic link out of it', () => {
  it('stops the publication before anything is written, there or in the site (exit 3)', () => {
    const dir = tempDir();
    const site = path.join(dir, 'site');
    const elsewhere = path.join(dir, 'elsewhere');
    publishedFixture(site);
    rmSync(path.join(site, 'testudvalget'), { recursive: true });
    mkdirSync(elsewhere);
    symlinkSync('../elsewhere', path.join(site, 'testudvalget'));
    const before = siteBytes(site);
    const run = agenda(['publish', '--meetings', closedFixture, '--out', site]);
    expect(run.status).toBe(3);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `cannot publish to ${site}: 1 file stands where publish writes its own, and is not its to replace; nothing was written:`,
      '  testudvalget: a symbolic link where publish makes a folder',
      'move it out of the site folder and publish again',
    ]);
    expectToldPlainly(run.stderr);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(siteBytes(site)).toEqual(before);
  });
});

/**
 * The refusal's lines, in a site of no state file: of `total` files, those `named` (a count of the rest); `special`:
 * some are not files of others (a folder, a link, a FIFO, a file where a folder goes), which --overwrite does not replace.
 */
const refusal = (site: string, named: string[], { total = named.length, special = false } = {}) => [
  `cannot publish to ${site}: ${total} files stand where publish writes its own, and are not its to replace; nothing was written:`,
  ...named.map((line) => `  ${line}`),
  ...(total > named.length ? [`  … and ${total - named.length} more`] : []),
  'move them out of the site folder and publish again (or, to have publish replace the files it did not write with its own, publish with --overwrite)',
  ...(special ? [neverReplaced] : []),
  "(the folder has no .agenda-publish.json, publish's list of the files it wrote there: if publish wrote these and the list was lost, or the site was copied without it, --overwrite takes them as its own)",
];

/** The refusal's lines where none of what is in the way is a file of others (nothing --overwrite would replace). */
const refusalOfKinds = (site: string, named: string[]) => [
  `cannot publish to ${site}: ${named.length} files stand where publish writes its own, and are not its to replace; nothing was written:`,
  ...named.map((line) => `  ${line}`),
  'move them out of the site folder and publish again',
];

describe('files of others where publish writes its own', () => {
  it("a web root's own front page and pages, and a file where a folder goes: each named, nothing written (exit 3); --overwrite replaces the pages", () => {
    const site = path.join(tempDir(), 'site');
    mkdirSync(path.join(site, 'testudvalget'), { recursive: true });
    writeFileSync(path.join(site, 'index.html'), 'MIN EGEN FORSIDE\n');
    writeFileSync(path.join(site, 'testudvalget', '2024-03-06.html'), 'egen\n');
    writeFileSync(path.join(site, 'data'), 'en fil, ikke en mappe\n');
    const before = siteBytes(site);
    const run = agenda(['publish', '--meetings', closedFixture, '--out', site]);
    expect(run.status).toBe(3);
    expect(run.stderr.trimEnd().split('\n')).toEqual(
      refusal(
        site,
        [
          'data: a file where publish makes a folder',
          'index.html: a file publish did not write',
          'testudvalget/2024-03-06.html: a file publish did not write',
        ],
        { special: true },
      ),
    );
    expect(siteBytes(site)).toEqual(before);

    rmSync(path.join(site, 'data'));
    const overwritten = agenda(['publish', '--meetings', closedFixture, '--out', site, '--overwrite']);
    expect(overwritten.status, overwritten.stderr).toBe(0);
    const ownPage = path.join(tempDir(), 'site');
    publishedFixture(ownPage);
    for (const page of ['index.html', 'testudvalget/2024-03-06.html'])
      expect(readFileSync(path.join(site, page), 'utf8')).toBe(readFileSync(path.join(ownPage, page), 'utf8'));
  });

  it('a page put where a meeting added later goes is named, not replaced; a page publish wrote and a clerk changed is written back', () => {
    const { meetings, site } = meetingsAndSite();
    copyFileSync(path.join(meetings, '2024-03-06.yaml'), path.join(meetings, '2024-03-13.yaml'));
    writeFileSync(path.join(site, 'testudvalget', '2024-03-13.html'), 'EGEN SIDE\n');
    writeFileSync(path.join(site, 'testudvalget', '2024-03-06.html'), 'rettet i hånden\n');
    const before = siteBytes(site);
    const run = agenda(['publish', '--meetings', meetings, '--out', site]);
    expect(run.status).toBe(3);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `cannot publish to ${site}: 1 file stands where publish writes its own, and is not its to replace; nothing was written:`,
      '  testudvalget/2024-03-13.html: a file publish did not write',
      'move it out of the site folder and publish again (or, to have publish replace the files it did not write with its own, publish with --overwrite)',
    ]);
    expect(siteBytes(site)).toEqual(before);
    rmSync(path.join(site, 'testudvalget', '2024-03-13.html'));
    const again = publish(meetings, site);
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(path.join(site, 'testudvalget', '2024-03-06.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('a site copied without its state file: its files are named (ten, and a count) before anything is printed; --overwrite takes those of the same bytes as its own, unwritten', () => {
    const site = path.join(tempDir(), 'site');
    publishedFixture(site);
    rmSync(path.join(site, '.agenda-publish.json'));
    const changed = siteFiles(site).filter((f) => f.startsWith('data/') && f.endsWith('.json'));
    expect(changed.length).toBeGreaterThan(10);
    for (const file of changed) writeFileSync(path.join(site, file), `${readFileSync(path.join(site, file), 'utf8')} `);
    const before = siteBytes(site);
    const run = agenda(['publish', '--meetings', closedFixture, '--out', site]);
    expect(run.status).toBe(3);
    // Told before its PDFs are printed, so before their bytes, and any file's made of them, are known: each file it would write.
    const written = [...siteBytes(site).keys()].filter((f) => !f.startsWith('pagefind/'));
    const named = written.slice(0, 10).map((f) => `${f}: a file publish did not write`);
    expect(run.stderr.trimEnd().split('\n')).toEqual(refusal(site, named, { total: written.length }));
    expect(siteBytes(site)).toEqual(before);
    const taken = agenda(['publish', '--meetings', closedFixture, '--out', site, '--overwrite', '--json']);
    expect(taken.status, taken.stderr).toBe(0);
    expect((JSON.parse(taken.stdout) as { written: string[] }).written).toEqual(changed);
    const state = JSON.parse(readFileSync(path.join(site, '.agenda-publish.json'), 'utf8')) as StateFile;
    expect(state.files.map((f) => f.path)).toEqual(siteFiles(site).filter((f) => f !== '.agenda-publish.json'));
  });
});

describe('what stands where publish writes, told all at once', () => {
  let browser: CountedBrowser;
  beforeAll(async () => {
    browser = await countedBrowser();
  });
  afterAll(() => browser.close());

  /**
   * `agenda publish` of the closed fixture into `site`, on the counted browser, once with each of `variants`' more
   * arguments, one after another in one bounded batch (the command loaded once); each killed if it has not ended in a
   * minute (a FIFO opened would hold it).
   */
  const publishBounded = async (site: string, ...variants: string[][]) => {
    const cases = variants.map((more) => ({
      cwd: path.dirname(site),
      args: ['publish', '--meetings', closedFixture, '--out', site, ...more],
    }));
    const ended = await runBoundedCases(cases, { env: { ...process.env, [browserUrlVariable]: browser.url }, limit: 60_000 });
    expect(ended).toHaveLength(variants.length);
    for (const run of ended) expect(run.signal, run.stderr).toBeNull();
    return ended;
  };

  /** What the tests put at data.html and kalender.ics, as the refusal names it. */
  const linkAndPipe = [
    'data.html: a symbolic link where publish writes a file',
    'kalender.ics: a named pipe (FIFO) where publish writes a file',
  ];

  /** Each kind of thing publish must not write over, where its paths are: none followed, none opened. */
  const kinds = (site: string) => ['kalender.ics', 'data.html', 'site.css', 'sbsys'].map((f) => kindOf(path.join(site, f)));
  const kindOf = (file: string) => {
    const kind = lstatSync(file);
    return kind.isFIFO() ? 'fifo' : kind.isSymbolicLink() ? `link to ${readlinkSync(file)}` : kind.isDirectory() ? 'folder' : 'file';
  };

  it('in a first publication into a web root: its own front page and a page, named before any PDF is printed (no browser asked)', async () => {
    const site = path.join(tempDir(), 'site');
    mkdirSync(path.join(site, 'testudvalget'), { recursive: true });
    writeFileSync(path.join(site, 'index.html'), 'MIN EGEN FORSIDE\n');
    writeFileSync(path.join(site, 'testudvalget', '2024-03-06-referat-offentlig.pdf'), '%PDF- egen\n');
    const before = siteBytes(site);
    const [run] = await publishBounded(site, []);
    expect(run?.status, run?.stderr).toBe(3);
    expect(run?.stderr.trimEnd().split('\n')).toEqual(
      refusal(site, [
        'index.html: a file publish did not write',
        'testudvalget/2024-03-06-referat-offentlig.pdf: a file publish did not write',
      ]),
    );
    expect(browser.uses()).toBe(0);
    expect(siteBytes(site)).toEqual(before);
  });

  it('in a first publication: others’ files, a FIFO, symbolic links and a folder, named before any PDF is printed; --overwrite replaces none but files', async () => {
    const dir = tempDir();
    const site = path.join(dir, 'site');
    mkdirSync(path.join(site, 'testudvalget'), { recursive: true });
    mkdirSync(path.join(dir, 'elsewhere'));
    writeFileSync(path.join(dir, 'victim.html'), 'not the site’s\n');
    writeFileSync(path.join(site, 'index.html'), 'MIN EGEN FORSIDE\n');
    writeFileSync(path.join(site, 'testudvalget', '2024-03-06.html'), 'egen\n');
    expect(spawnSync('mkfifo', [path.join(site, 'kalender.ics')]).status).toBe(0);
    symlinkSync('../victim.html', path.join(site, 'data.html'));
    symlinkSync('../elsewhere', path.join(site, 'sbsys'));
    mkdirSync(path.join(site, 'site.css'));
    const before = siteBytes(site);
    const kindsBefore = kinds(site);

    // The publication and then one with --overwrite, each of which must write nothing.
    const [run, overwrite] = await publishBounded(site, [], ['--overwrite']);
    expect(run?.status, run?.stderr).toBe(3);
    expect(run?.stderr.trimEnd().split('\n')).toEqual(
      refusal(
        site,
        [
          ...linkAndPipe,
          'sbsys: a symbolic link where publish makes a folder',
          'site.css: a folder where publish writes a file',
          'index.html: a file publish did not write',
          'testudvalget/2024-03-06.html: a file publish did not write',
        ],
        { special: true },
      ),
    );
    expect(browser.uses()).toBe(0);
    expect(siteBytes(site)).toEqual(before);
    expect(kinds(site)).toEqual(kindsBefore);
    expect(readdirSync(path.join(dir, 'elsewhere'))).toEqual([]);
    expect(readFileSync(path.join(dir, 'victim.html'), 'utf8')).toBe('not the site’s\n');

    expect(overwrite?.status, overwrite?.stderr).toBe(3);
    expect(overwrite?.stderr.trimEnd().split('\n')).toEqual(
      refusalOfKinds(site, [
        ...linkAndPipe,
        'sbsys: a symbolic link where publish makes a folder',
        'site.css: a folder where publish writes a file',
      ]),
    );
    expect(browser.uses()).toBe(0);
    expect(siteBytes(site)).toEqual(before);
    expect(kinds(site)).toEqual(kindsBefore);
  });

  it('in a republish: files publish wrote, replaced by a folder, a FIFO and a symbolic link, all named in one refusal', async () => {
    const dir = tempDir();
    const site = path.join(dir, 'site');
    publishedFixture(site);
    writeFileSync(path.join(dir, 'victim.html'), 'not the site’s\n');
    rmSync(path.join(site, 'kalender.ics'));
    expect(spawnSync('mkfifo', [path.join(site, 'kalender.ics')]).status).toBe(0);
    rmSync(path.join(site, 'data.html'));
    symlinkSync('../victim.html', path.join(site, 'data.html'));
    rmSync(path.join(site, 'testudvalget', '2024-03-06.html'));
    mkdirSync(path.join(site, 'testudvalget', '2024-03-06.html'));
    const before = siteBytes(site);
    for (const run of await publishBounded(site, [], ['--overwrite'])) {
      expect(run.status, run.stderr).toBe(3);
      expect(run.stderr.trimEnd().split('\n')).toEqual(
        refusalOfKinds(site, [...linkAndPipe, 'testudvalget/2024-03-06.html: a folder where publish writes a file']),
      );
      expect(siteBytes(site)).toEqual(before);
      expect(readFileSync(path.join(dir, 'victim.html'), 'utf8')).toBe('not the site’s\n');
    }
  });
});

/** `agenda publish` of `meetings` into `site`, killed (SIGKILL) once a rename has put a file whose path ends with `after` in place. */
function publishKilled(meetings: string, site: string, after: string): void {
  const killer = path.join(import.meta.dirname, '..', 'support', 'kill-after-rename.mjs');
  const killed = spawnSync(process.execPath, ['--import', killer, cliPath, 'publish', '--meetings', meetings, '--out', site], {
    encoding: 'utf8',
    env: { ...process.env, AGENDA_TEST_KILL_AFTER_RENAME: after },
  });
  expect(killed.signal, killed.stderr).toBe('SIGKILL');
}

/** Every byte of the site as a fresh publication's of `meetings`, but the feeds' (a changed document's entry is an update) and the state file's. */
function expectFreshBytes(dir: string, meetings: string, site: string): void {
  const fresh = path.join(dir, 'fresh');
  expect(publish(meetings, fresh).status).toBe(0);
  const compared = (root: string) => [...siteBytes(root)].filter(([file]) => !file.endsWith('.atom') && file !== '.agenda-publish.json');
  expect(compared(site)).toEqual(compared(fresh));
}

describe('a publication killed among its renames (SIGKILL, the OOM killer, a power cut)', () => {
  it('leaves a site whose next publication takes the files it renamed in as its own, and writes what a fresh one writes', () => {
    const { dir, meetings, site } = meetingsAndSite();
    // A meeting added, published, and the process killed once the meeting's page is renamed in: the rest of
    // its files and the state file not yet written.
    const added = path.join(meetings, '2024-03-13.yaml');
    copyFileSync(path.join(meetings, '2024-03-06.yaml'), added);
    publishKilled(meetings, site, path.join('testudvalget', '2024-03-13.html'));
    expect(existsSync(path.join(site, 'testudvalget', '2024-03-13.html'))).toBe(true);
    // The clerk mends the meeting and publishes again: its page, renamed in by the killed run, now differs.
    writeFileSync(added, readFileSync(added, 'utf8').replace('Åben orientering om budgettet.', 'Åben orientering om regnskabet.'));
    const run = publish(meetings, site);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(path.join(site, 'testudvalget', '2024-03-13.html'), 'utf8')).toContain('Åben orientering om regnskabet.');
    expectFreshBytes(dir, meetings, site);
  });

  it('killed with the interim state file written and nothing renamed in: a file of the recorded size not yet written is written', () => {
    const { dir, meetings, site } = meetingsAndSite();
    copyFileSync(path.join(meetings, '2024-03-06.yaml'), path.join(meetings, '2024-03-13.yaml'));
    // A change of the same length: the meeting's page keeps its size, and is older than the interim state file.
    const changed = path.join(meetings, '2024-03-06.yaml');
    writeFileSync(changed, readFileSync(changed, 'utf8').replace('Åben orientering om budgettet.', 'Åben orientering om budgetxet.'));
    const page = path.join(site, 'testudvalget', '2024-03-06.html');
    const before = readFileSync(page);
    publishKilled(meetings, site, '.agenda-publish.json');
    expect(Buffer.compare(readFileSync(page), before)).toBe(0);
    const run = publish(meetings, site);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(page, 'utf8')).toContain('Åben orientering om budgetxet.');
    expectFreshBytes(dir, meetings, site);
  });
});
