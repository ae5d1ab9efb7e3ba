import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBoundedCases, type Ended } from '../support/bounded.js';
import { agenda, tempDir } from '../support/cli.js';
import { pdfPages } from '../support/pdf.js';
import { exampleRoot } from '../support/examples.js';

// husstil/ is the designer's: its partials and stylesheet go into every document, public ones too.
// Each of its files is read as every other input is: a regular file inside the repository, no larger
// than an input may be. A link, a FIFO or a device there is refused by name, before anything is
// printed; the command ends (a FIFO must not hold it), and no document is written.

const outsideMarker = 'XQZOUTSIDE41';
const envMarker = 'XQZENVIRON42';

/** A copy of fixtures/husstil beside a file outside it that holds a marker; `damage` changes its husstil/. */
function repository(damage: (husstil: string, outside: string) => void): string {
  const base = tempDir('agenda-husstil-');
  const repo = path.join(base, 'repo');
  cpSync(path.join(exampleRoot(), 'fixtures', 'husstil'), repo, { recursive: true });
  const outside = path.join(base, 'outside');
  mkdirSync(path.join(outside, 'partials'), { recursive: true });
  for (const file of ['secret.txt', 'partials/forside.hbs', 'style.css']) writeFileSync(path.join(outside, file), `${outsideMarker}\n`);
  damage(path.join(repo, 'husstil'), outside);
  return repo;
}

/** The builds, each with the SMTP password in its environment, one after another; each bounded by the command's end (a kill is a failure, not a pass). */
const builds = (repos: string[]) =>
  runBoundedCases(
    repos.map((cwd) => ({ cwd, args: ['build', '2012-12-04', '--html', 'out/suf.html'] })),
    // A refused build ends in a second or two: one that hangs is killed at 20 s, so that the batch's bound and
    // then each case alone (bounded.ts) end within beforeAll's time, and the case that hangs is named.
    { env: { ...process.env, AGENDA_SMTP_PASSWORD: envMarker }, limit: 20_000 },
  );

/** Every file the build wrote, as text (the PDFs' through pdftotext). */
function written(repo: string): string {
  const out = path.join(repo, 'out');
  if (!existsSync(out)) return '';
  return readdirSync(out, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(out, f))
    .map((f) => (f.endsWith('.pdf') ? pdfPages(f).join('\n') : readFileSync(f, 'latin1')))
    .join('\n');
}

const replace = (file: string, make: (file: string) => void) => {
  rmSync(file, { recursive: true, force: true });
  make(file);
};

const refused: Record<string, { damage: (husstil: string, outside: string) => void; names: string; asRoot?: boolean; atStart?: boolean }> =
  {
    'the front page partial, a link to a file outside the repository': {
      damage: (h, o) => replace(path.join(h, 'partials', 'forside.hbs'), (f) => symlinkSync(path.join(o, 'secret.txt'), f)),
      names: 'husstil/partials/forside.hbs',
    },
    'the front page partial, a link to /etc/passwd': {
      damage: (h) => replace(path.join(h, 'partials', 'forside.hbs'), (f) => symlinkSync('/etc/passwd', f)),
      names: 'husstil/partials/forside.hbs',
    },
    'the stylesheet, a link to /proc/self/environ': {
      damage: (h) => replace(path.join(h, 'style.css'), (f) => symlinkSync('/proc/self/environ', f)),
      names: 'husstil/style.css',
    },
    'the stylesheet, a link to /dev/zero': {
      damage: (h) => replace(path.join(h, 'style.css'), (f) => symlinkSync('/dev/zero', f)),
      names: 'husstil/style.css',
    },
    'the stylesheet, a FIFO': {
      damage: (h) => replace(path.join(h, 'style.css'), (f) => execFileSync('mkfifo', [f])),
      names: 'husstil/style.css',
      atStart: true,
    },
    'a partial, a FIFO': {
      damage: (h) => replace(path.join(h, 'partials', 'forside.hbs'), (f) => execFileSync('mkfifo', [f])),
      names: 'husstil/partials/forside.hbs',
      atStart: true,
    },
    'a partial, a character device': {
      damage: (h) => replace(path.join(h, 'partials', 'forside.hbs'), (f) => execFileSync('mknod', [f, 'c', '1', '5'])),
      names: 'husstil/partials/forside.hbs',
      atStart: true,
      asRoot: true,
    },
    'husstil/ itself, a link to a folder outside the repository': {
      damage: (h, o) => replace(h, (f) => symlinkSync(o, f)),
      names: 'husstil',
    },
    'husstil/partials/, a link to a folder outside the repository': {
      damage: (h, o) => replace(path.join(h, 'partials'), (f) => symlinkSync(path.join(o, 'partials'), f)),
      names: 'husstil/partials',
    },
    // The fingerprint that tells send whether a PDF is current hashes husstil/'s own files, not what links lead to.
    'the front page partial, a link to another file inside the repository': {
      damage: (h) => {
        cpSync(path.join(h, 'partials', 'forside.hbs'), path.join(h, '..', 'forside.hbs'));
        replace(path.join(h, 'partials', 'forside.hbs'), (f) => symlinkSync(path.join('..', '..', 'forside.hbs'), f));
      },
      names: 'husstil/partials/forside.hbs',
    },
    'the stylesheet, larger than any input is read': {
      damage: (h) => writeFileSync(path.join(h, 'style.css'), `/* ${'x'.repeat(2 * 1024 * 1024)} */`),
      names: 'husstil/style.css',
      atStart: true,
    },
  };

describe('a file of husstil/ that is not a regular file of the repository itself', () => {
  // Only root may make a device node (CI's pass as root runs that case).
  const runsHere = (asRoot?: boolean) => asRoot !== true || process.getuid?.() === 0;
  const cases = Object.entries(refused).filter(([, { asRoot }]) => runsHere(asRoot));
  const repos = new Map<string, string>();
  const ended = new Map<string, Ended>();
  beforeAll(async () => {
    for (const [what, { damage }] of cases) repos.set(what, repository(damage));
    const runs = await builds([...repos.values()]);
    for (const [i, what] of [...repos.keys()].entries()) ended.set(what, runs[i]!);
  }, 240_000);

  for (const [what, { names, asRoot, atStart }] of Object.entries(refused)) {
    it.skipIf(!runsHere(asRoot))(`is refused by name, and nothing is written: ${what}`, () => {
      const run = ended.get(what)!;
      expect(run.signal, run.stderr).toBeNull();
      expect(run.status, run.stderr).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines, run.stderr).toHaveLength(1);
      // A file too large is a mistake of the file, told at its start (FILE:1:1:) as the YAML files' are.
      expect(lines[0]).toMatch(new RegExp(`^${names.replace(/[/.]/g, '\\$&')}${atStart === true ? ':1:1' : ''}: `));
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stderr).not.toContain(envMarker);
      expect(written(repos.get(what)!)).toBe('');
    });
  }
});

describe('agenda check, with a link out of the repository in husstil/', () => {
  it('says the same as a build: one line naming the file, exit 1', () => {
    const repo = repository((h) => replace(path.join(h, 'style.css'), (f) => symlinkSync('/proc/self/environ', f)));
    const run = agenda(['check', '2012-12-04'], { cwd: repo, env: { AGENDA_SMTP_PASSWORD: envMarker } });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^husstil\/style\.css: a symbolic link; /);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
