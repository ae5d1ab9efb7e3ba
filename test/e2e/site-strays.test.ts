import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfBytes } from '../support/attachments.js';
import { agenda, tempDir } from '../support/cli.js';
import { closedFixture } from '../support/markers.js';
import { closedMarkersIn, siteBytes } from '../support/site.js';
import { copyOut, fixtureSource, sharedClosedSite, sharedPdf } from '../support/shared-build.js';

// What the site folder holds that publish did not write is served with the site (a web server follows a link and
// serves a hidden folder): publish judges it by what it is, not by its name alone (the adversary of session 25
// served every closed marker at exit 0 by a link under the members' name, a hidden folder, build writing straight
// into the site, and names a little unlike the members'). Each is an error before anything is written.

/** The closed fixture's site as publish writes it (one publication for the suite), in a folder of its own; and the folder. */
function fixtureSite(): { dir: string; site: string } {
  const dir = tempDir();
  const site = path.join(dir, 'site');
  const { run, out } = sharedClosedSite();
  expect(run.status, run.stderr).toBe(0);
  copyOut(out, site);
  return { dir, site };
}

/** The members' version of the fixture's meeting and its HTML, as `agenda build --html` writes them (built once for the suite). */
function membersVersion(): { pdf: string; html: string } {
  const built = sharedPdf(fixtureSource, '2024-03-06', ['--html', '{out}/2024-03-06.html']);
  expect(built.run.status, built.run.stderr).toBe(0);
  return { pdf: built.pdf, html: path.join(path.dirname(built.pdf), '2024-03-06.html') };
}

const publish = (site: string) => agenda(['publish', '--meetings', closedFixture, '--out', site]);
const tail = 'served with the site: remove it, then publish again';
const agendaPdf = `a PDF agenda made, which publish did not write (it writes every public document itself): a members' version or a copy, which may hold what is closed, ${tail}`;

/** `put` done to the fixture's site: publish stops (exit 1) with `message` at each of `files`, writing nothing; once they are removed, nothing closed is in any byte of the site. */
function expectRefused(put: (site: string) => void, files: string[], message: string): void {
  const { site } = fixtureSite();
  put(site);
  // What the stray serves: every printed marker, read back from the site as a reader would get it (a link followed).
  expect(closedMarkersIn(site).length).toBeGreaterThan(0);
  const before = siteBytes(site);
  const run = publish(site);
  expect(run.status, run.stderr).toBe(1);
  expect(run.stderr.split('\n').filter(Boolean)).toEqual(files.map((file) => `${path.join(site, file)}:1:1: ${message}`));
  expect(siteBytes(site)).toEqual(before);
  for (const file of files) rmSync(path.join(site, file));
  const again = publish(site);
  expect(again.status, again.stderr).toBe(0);
  expect(closedMarkersIn(site)).toEqual([]);
}

describe('a PDF agenda made, in the site and not written by publish', () => {
  it.each([
    'testudvalget/2024-03-06 referat.pdf',
    'testudvalget/2024-03-06-Referat.pdf',
    'testudvalget/2024-03-06-referat-offentlig-kopi.pdf',
    'testudvalget/kopi.pdf',
    'testudvalget/referat',
    '.gammel/2024-03-06-referat.pdf',
  ])('is an error at %s (whatever its name, hidden folders too), before anything is written', (file) => {
    const { pdf } = membersVersion();
    expectRefused(
      (site) => {
        mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
        copyFileSync(pdf, path.join(site, file));
      },
      [file],
      agendaPdf,
    );
  });

  it('is an error with its seal broken: annotated (an incremental save) or saved again whole', () => {
    const { pdf } = membersVersion();
    expectRefused(
      (site) => {
        writeFileSync(path.join(site, 'annoteret.pdf'), Buffer.concat([readFileSync(pdf), Buffer.from('\n% a note\n')]));
        // Saved anew by another program, its objects compressed in object streams: the fingerprint is in no plain byte.
        execFileSync('qpdf', ['--object-streams=generate', pdf, path.join(site, 'gemt.pdf')]);
        expect(readFileSync(path.join(site, 'gemt.pdf')).includes('AgendaInputs')).toBe(false);
      },
      ['annoteret.pdf', 'gemt.pdf'],
      agendaPdf,
    );
  });
});

describe('a symbolic link in the site', () => {
  it('is an error wherever it is (under the members’ name, in a hidden folder), never followed', () => {
    const { pdf } = membersVersion();
    expectRefused(
      (site) => {
        const out = path.join(path.dirname(site), 'out');
        mkdirSync(out);
        copyFileSync(pdf, path.join(out, '2024-03-06-referat-samlet.pdf'));
        symlinkSync('../../out/2024-03-06-referat-samlet.pdf', path.join(site, 'testudvalget', '2024-03-06-referat.pdf'));
        mkdirSync(path.join(site, '.arkiv'));
        symlinkSync('../../out', path.join(site, '.arkiv', 'pdf'));
      },
      ['.arkiv/pdf', 'testudvalget/2024-03-06-referat.pdf'],
      `a symbolic link, which publish never writes: a web server follows it to whatever it leads to (a members' PDF, a folder out of the site), ${tail}`,
    );
  });
});

describe('a document’s HTML, as agenda build --html writes it, in the site', () => {
  it('is an error, hidden folders too; a copy of the site’s own page is not', () => {
    const { html } = membersVersion();
    const { site } = fixtureSite();
    copyFileSync(path.join(site, 'testudvalget', '2024-03-06.html'), path.join(site, 'testudvalget', 'kopi.html'));
    const own = publish(site);
    expect(own.status, own.stderr).toBe(0);
    expect(own.stderr).not.toContain('kopi.html');
    rmSync(path.join(site, 'testudvalget', 'kopi.html'));
    expectRefused(
      (other) => {
        copyFileSync(html, path.join(other, 'testudvalget', 'udkast.html'));
        mkdirSync(path.join(other, '.udkast'));
        copyFileSync(html, path.join(other, '.udkast', 'udkast.htm'));
      },
      ['.udkast/udkast.htm', 'testudvalget/udkast.html'],
      `a document's HTML as agenda build --html writes it, which publish did not write: it may hold what is closed, ${tail}`,
    );
  });
});

describe('a PDF agenda did not make, in the site and not written by publish', () => {
  it('is named in a warning (in a hidden folder, not); under a members’ document’s name, an error', async () => {
    const { site } = fixtureSite();
    const other = Buffer.from(await pdfBytes({ text: 'Kommunens egen folder' }));
    writeFileSync(path.join(site, 'folder.pdf'), other);
    mkdirSync(path.join(site, '.git'));
    writeFileSync(path.join(site, '.git', 'folder.pdf'), other);
    const run = publish(site);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr.split('\n').filter((l) => l.includes(': warning: '))).toEqual([
      `${path.join(site, 'folder.pdf')}:1:1: warning: a PDF publish did not write, served with the site all the same; remove it unless it is public`,
    ]);
    writeFileSync(path.join(site, 'testudvalget', '2024-03-06-referat.pdf'), other);
    const members = publish(site);
    expect(members.status).toBe(1);
    expect(members.stderr).toContain(
      `${path.join(site, 'testudvalget', '2024-03-06-referat.pdf')}:1:1: named as the members' version of a document (its name has no -offentlig), which may hold what is closed, and ${tail}`,
    );
  });
});

describe('agenda build (and diff) into a published site', () => {
  it('is refused, by --out, --html or its PDFs’ folder, also through a link, and diff’s --html; nothing is written', () => {
    const { dir, site } = fixtureSite();
    const meetings = path.join(dir, 'meetings');
    cpSync(closedFixture, meetings, { recursive: true });
    symlinkSync(path.join('site', 'testudvalget'), path.join(dir, 'genvej'));
    const before = siteBytes(site);
    const cases = [
      { args: ['--html', 'site/testudvalget/udkast.html', '-o', 'udkast.pdf'], named: '--html site/testudvalget/udkast.html' },
      { args: ['-o', 'site/testudvalget/ny/udkast.pdf'], named: '--out site/testudvalget/ny/udkast.pdf' },
      { args: ['-o', 'genvej/udkast.pdf'], named: '--out genvej/udkast.pdf' },
    ];
    for (const { args, named } of cases) {
      const run = agenda(['build', '2024-03-06', '--meetings', meetings, ...args], { cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(
        `${named} is in the published site ${site} (it holds .agenda-publish.json), which serves whatever is put there, closed text too: ` +
          'write the document elsewhere (build without --out writes out/), and let agenda publish put the public version in the site\n',
      );
    }
    // diff's document too (a members' diff holds what is closed), before anything is read.
    const diff = agenda(['diff', '2024-03-06', '--meetings', meetings, '--fra', 'HEAD', '--html', 'site/aendringer.html'], { cwd: dir });
    expect(diff.status).toBe(2);
    expect(diff.stderr).toContain(`--html site/aendringer.html is in the published site ${site} (it holds .agenda-publish.json)`);
    const inside = agenda(['build', '2024-03-06', '--meetings', meetings], { cwd: path.join(site, 'testudvalget') });
    expect(inside.status).toBe(2);
    expect(inside.stderr).toContain('out/, where build writes the PDFs, is in the published site');
    expect(siteBytes(site)).toEqual(before);
    expect(existsSync(path.join(dir, 'udkast.pdf'))).toBe(false);
  });
});

describe('what publish did not write but holds nothing closed, or is its own', () => {
  it('passes over a version control’s store (Git LFS keeps the site’s PDFs in .git), and takes a PDF recording the public alone', () => {
    const { pdf } = membersVersion();
    const { site } = fixtureSite();
    const own = path.join(site, 'testudvalget', '2024-03-06-referat-offentlig.pdf');
    expect(readFileSync(own).includes('/AgendaAudience (offentlig)')).toBe(true);
    // LFS keeps each version of a tracked file under its SHA-256: the members' one too, had it once been committed.
    const lfs = path.join(site, '.git', 'lfs', 'objects', 'ab', 'cd');
    mkdirSync(lfs, { recursive: true });
    copyFileSync(own, path.join(lfs, 'a'.repeat(64)));
    copyFileSync(pdf, path.join(lfs, 'b'.repeat(64)));
    // An old public PDF the municipality keeps, and a file server's snapshot of the site.
    mkdirSync(path.join(site, 'arkiv'));
    copyFileSync(own, path.join(site, 'arkiv', '2024-03-06-referat.pdf'));
    mkdirSync(path.join(site, '.snapshot', 'testudvalget'), { recursive: true });
    copyFileSync(own, path.join(site, '.snapshot', 'testudvalget', '2024-03-06-referat-offentlig.pdf'));
    const run = publish(site);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('warning');
    // One recording the members stays an error there.
    copyFileSync(pdf, path.join(site, 'arkiv', 'medlemmer.pdf'));
    const members = publish(site);
    expect(members.status).toBe(1);
    expect(members.stderr.split('\n').filter(Boolean)).toEqual([`${path.join(site, 'arkiv', 'medlemmer.pdf')}:1:1: ${agendaPdf}`]);
  });

  it('removes the temporary file a killed publish left (its process gone) before judging, and publishes', () => {
    const { pdf } = membersVersion();
    const { site } = fixtureSite();
    // Named as this host's publish names it (files.ts temporaryBeside): a SIGKILL between the copy and its rename.
    const host = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().replaceAll('-', '').slice(0, 8);
    const space = /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1];
    const gone = spawnSync('true').pid;
    const left = path.join(site, 'testudvalget', `.2024-03-06-referat-offentlig.pdf.${host}.${boot}.${gone}.${space}.1700000000000.tmp`);
    copyFileSync(pdf, left);
    const run = publish(site);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(left)).toBe(false);
  });

  it('a PDF agenda did not make, under a members’ document’s name in a hidden folder, is an error', async () => {
    const { site } = fixtureSite();
    mkdirSync(path.join(site, '.gammel'));
    writeFileSync(path.join(site, '.gammel', '2024-03-06-referat.pdf'), await pdfBytes({ text: 'Skannet referat' }));
    const run = publish(site);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `${path.join(site, '.gammel', '2024-03-06-referat.pdf')}:1:1: named as the members' version of a document (its name has no -offentlig), which may hold what is closed, and ${tail}`,
    );
  });
});
