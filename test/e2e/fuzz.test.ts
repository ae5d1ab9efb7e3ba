import { folderAt } from '../../src/input/repository.js';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { printMeeting, readMeeting } from '../../src/pipeline/document.js';
import { AgendaError, InputError } from '../../src/shared/errors.js';
import type { Meeting } from '../../src/model/meeting.js';
import { writeAtomically } from '../../src/shared/files.js';
import { findBrowser, withBrowser } from '../../src/pdf/browser.js';
import { PrintPage } from '../../src/pdf/print.js';
import { renderDocument } from '../../src/render/html.js';
import { runBoundedCases, type BoundedCase } from '../support/bounded.js';
import { agenda, errorLines, tempDir } from '../support/cli.js';
import { mutate, random } from '../support/mutate.js';
import { exampleRoot } from '../support/examples.js';

const seed = Number(process.env.FUZZ_SEED ?? 20231122);
// 200 in every run (some 30 s of one core); FUZZ_COUNT=5000 with another FUZZ_SEED goes further, by hand.
const count = Number(process.env.FUZZ_COUNT ?? 200);
const files = ['2023-11-22.yaml', '2023-09-06.yaml', 'udvalg.yaml', 'faste-punkter.yaml', 'plan.yaml'];
const originals = Object.fromEntries(files.map((f) => [f, readFileSync(path.join(exampleRoot(), 'meetings', f), 'utf8')]));
const located = /^[^\n:]+\.yaml:\d+:\d+: [^\n]+$/;

interface Outcome {
  label: string;
  dir: string;
  date: string;
  meeting?: Meeting;
}

/**
 * Damaged copies of the reference meetings, each either a valid document or a clean
 * error with a location: never any other exception (a stack trace, to the user) and never a partial
 * file. Every copy goes through loading, checking, merging and rendering; a sample of the valid ones
 * is printed to PDF on one browser, and a sample of the broken ones goes through the CLI.
 */
describe(`fuzz: ${count} mutations of the reference meeting files (seed ${seed})`, () => {
  it('ends each in a valid document or a clean error with a location', async () => {
    const rnd = random(seed);
    const outcomes: Outcome[] = [];
    const failures: string[] = [];
    const base = tempDir('agenda-fuzz-');
    for (let i = 0; i < count; i++) {
      const file = files[i % files.length]!;
      const mutant = mutate(originals[file]!, rnd);
      const dir = path.join(base, `m${i}`);
      mkdirSync(dir);
      for (const f of files) writeFileSync(path.join(dir, f), f === file ? mutant.bytes : originals[f]!);
      const date = file.startsWith('2023-09-06') ? '2023-09-06' : '2023-11-22';
      const label = `#${i} ${file}: ${mutant.kind}`;
      try {
        const { meeting } = await readMeeting(folderAt(dir), date);
        expect(renderDocument(meeting).html()).toContain('</html>');
        outcomes.push({ label, dir, date, meeting });
      } catch (err) {
        if (!(err instanceof AgendaError)) failures.push(`${label}: ${(err as Error)?.stack ?? String(err)}`);
        else if (err instanceof InputError && !err.message.split('\n').every((l) => located.test(l)))
          failures.push(`${label}: unlocated: ${err.message}`);
        else if (!(err instanceof InputError)) failures.push(`${label}: not an input error: ${err.message}`);
        outcomes.push({ label, dir, date });
      }
    }
    const valid = outcomes.filter((o) => o.meeting);
    const sample = valid.filter((_, i) => i % Math.max(1, Math.floor(valid.length / 12)) === 0).slice(0, 12);
    await withBrowser(findBrowser(), 60_000, async (browser) => {
      const page = await PrintPage.create(browser, { timeoutMs: 60_000 });
      for (const o of sample) {
        const out = path.join(o.dir, 'out.pdf');
        await writeAtomically(out, (await printMeeting(page, o.meeting!)).pdf);
        const pdf = await PDFDocument.load(readFileSync(out));
        if (pdf.getPageCount() < 3) failures.push(`${o.label}: a PDF of ${pdf.getPageCount()} pages`);
      }
    });
    const broken = outcomes.filter((o) => !o.meeting).slice(0, 8);
    for (const o of broken) {
      // Beside the committee's folder, not in it: build writes no file in a folder agenda reads.
      const cliPdf = `${o.dir}-cli.pdf`;
      const run = agenda(['build', o.date, '--meetings', o.dir, '--out', cliPdf]);
      const lines = run.stderr.trim().split('\n');
      if (run.status !== 1 || !lines.every((l) => located.test(l)))
        failures.push(`${o.label}: the CLI said (exit ${run.status}): ${run.stderr}`);
      if (existsSync(cliPdf) || readdirSync(path.dirname(o.dir)).some((f) => f.includes('cli.pdf.')))
        failures.push(`${o.label}: the CLI left a file`);
    }
    console.log(
      `fuzz (seed ${seed}): ${count} mutations, ${valid.length} valid (${sample.length} printed to PDF), ` +
        `${count - valid.length} refused with a located error (${broken.length} through the CLI); ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
    // Both outcomes in fair number, so that neither path goes untried: 4 % valid and 20 % refused at least.
    expect(valid.length).toBeGreaterThan(count / 25);
    expect(count - valid.length).toBeGreaterThan(count / 5);
  });
});

/** A place an input can stand, and the command that reads it there. */
const places: Array<{ name: string; file: string; args: string[] }> = [
  { name: 'the meeting file', file: 'meetings/2023-11-22.yaml', args: ['check', '2023-11-22'] },
  { name: 'a shared file', file: 'meetings/udvalg.yaml', args: ['check', '2023-11-22'] },
  { name: 'a bilag fil', file: 'meetings/bilag/2023-11-22/2-1.pdf', args: ['check', '2023-11-22'] },
  { name: 'the --smtp file', file: 'smtp.yaml', args: ['send', '2023-11-22', '--to', 'a@example.dk', '--smtp', 'smtp.yaml'] },
  { name: 'the send log', file: 'meetings/2023-11-22.sendt.yaml', args: ['send', '2023-11-22', '--to', 'a@example.dk', '--dry-run'] },
  {
    name: 'the send lock',
    file: 'meetings/2023-11-22.sendt.yaml.lock',
    args: ['send', '2023-11-22', '--to', 'a@example.dk', '--smtp', 'none.yaml'],
  },
  { name: 'an archived copy', file: 'meetings/arkiv/2023-11-22/udvalg.yaml', args: ['check', '2023-11-22'] },
  { name: 'another archived copy', file: 'meetings/arkiv/2023-11-22/faste-punkter.yaml', args: ['check', '2023-11-22'] },
  { name: 'a partial of husstil/', file: 'husstil/partials/forside.hbs', args: ['build', '2023-11-22', '--html', 'out/a.html'] },
  { name: 'the stylesheet of husstil/', file: 'husstil/style.css', args: ['build', '2023-11-22', '--html', 'out/a.html'] },
];

/** What can stand there instead of a file. */
const specials: Record<string, (file: string) => void> = {
  '/dev/zero': (f) => symlinkSync('/dev/zero', f),
  '/dev/null': (f) => symlinkSync('/dev/null', f),
  '/dev/full': (f) => symlinkSync('/dev/full', f),
  'a FIFO': (f) => execFileSync('mkfifo', [f]),
  'a dangling symlink': (f) => symlinkSync(path.join(path.dirname(f), 'nothing-here'), f),
  'a symlink loop': (f) => symlinkSync(path.basename(f), f),
  'a symlink outside the folder': (f) => symlinkSync('/etc/passwd', f),
  'binary junk': (f) => writeFileSync(f, Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 73 + 11) % 256))),
  missing: () => undefined,
};

const sha = 'a'.repeat(64);
/** Damaged send logs, each refused with a located error. */
const damagedLogs: Record<string, string> = {
  'merge-conflict markers': `<<<<<<< HEAD\n- { tid: '2023-11-20T10:00', til: a@example.dk, dokument: x.pdf, sha256: ${sha}, sendt: true }\n=======\n- { tid: '2023-11-20T11:00', til: a@example.dk, dokument: x.pdf, sha256: ${sha}, sendt: false }\n>>>>>>> other\n`,
  'an entry without til': `- { tid: '2023-11-20T10:00', dokument: x.pdf, sha256: ${sha}, sendt: true }\n`,
  "sendt: 'false' as a string": `- { tid: '2023-11-20T10:00', til: a@example.dk, dokument: x.pdf, sha256: ${sha}, sendt: 'false' }\n`,
  'a mapping, not a list': 'til: a@example.dk\n',
};

const errorLine = /^(?:\S+?(?::\d+:\d+)?: |cannot read the mail settings in \S+: )\S/;

interface Case extends BoundedCase {
  label: string;
}

/** The tests' environment without the mail settings a case must not find. */
const caseEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AGENDA_SMTP')));

describe('fuzz: devices, FIFOs, symlinks, damaged send logs and archived copies in every place an input stands', () => {
  it('ends each in one clear error naming the file, or a clean success: no stack trace, no internal error, no hang', async () => {
    const base = tempDir('agenda-fuzz-special-');
    const cases: Case[] = [];
    const prepare = (label: string, args: string[], damage: (cwd: string) => void) => {
      const cwd = path.join(base, `c${cases.length}`);
      cpSync(path.join(exampleRoot(), 'meetings'), path.join(cwd, 'meetings'), { recursive: true });
      cpSync(path.join(exampleRoot(), 'meetings', 'udvalg.yaml'), path.join(cwd, 'meetings', 'arkiv', '2023-11-22', 'udvalg.yaml'));
      cpSync(
        path.join(exampleRoot(), 'meetings', 'faste-punkter.yaml'),
        path.join(cwd, 'meetings', 'arkiv', '2023-11-22', 'faste-punkter.yaml'),
      );
      writeFileSync(path.join(cwd, 'smtp.yaml'), 'host: localhost\nport: "1"\nfrom: a@example.dk\n');
      damage(cwd);
      cases.push({ label, cwd, args: [...args.slice(0, 2), '--meetings', 'meetings', ...args.slice(2)] });
    };
    for (const place of places) {
      for (const [kind, make] of Object.entries(specials)) {
        prepare(`${kind} as ${place.name}`, place.args, (cwd) => {
          const file = path.join(cwd, place.file);
          mkdirSync(path.dirname(file), { recursive: true });
          rmSync(file, { force: true });
          make(file);
        });
      }
    }
    for (const [kind, text] of Object.entries(damagedLogs))
      prepare(`a send log with ${kind}`, places[4]!.args, (cwd) => writeFileSync(path.join(cwd, places[4]!.file), text));
    prepare('an archive that is a FIFO', ['check', '2023-11-22'], (cwd) => {
      rmSync(path.join(cwd, 'meetings', 'arkiv', '2023-11-22'), { recursive: true });
      execFileSync('mkfifo', [path.join(cwd, 'meetings', 'arkiv', '2023-11-22')]);
    });
    prepare('an archive that is a symlink to /dev/null', ['check', '2023-11-22'], (cwd) => {
      rmSync(path.join(cwd, 'meetings', 'arkiv', '2023-11-22'), { recursive: true });
      symlinkSync('/dev/null', path.join(cwd, 'meetings', 'arkiv', '2023-11-22'));
    });

    const failures: string[] = [];
    // Four processes at once, each a quarter of the cases.
    const quarters = [0, 1, 2, 3].map((q) => cases.filter((_, i) => i % 4 === q));
    // Each case may take 30 s, alone or in its quarter's process.
    const ended = await Promise.all(quarters.map((quarter) => runBoundedCases(quarter, { env: caseEnv(), limit: 30_000 })));
    for (const [q, quarter] of quarters.entries()) {
      for (const [i, c] of quarter.entries()) {
        const run = ended[q]![i]!;
        const errors = errorLines(run.stderr);
        if (run.signal) failures.push(`${c.label}: did not end in 30 s (${run.signal})`);
        else if (/\n\s+at |internal error|unexpected failure/.test(run.stderr)) failures.push(`${c.label}: ${run.stderr}`);
        else if (run.status !== 0 && (errors.length === 0 || !errors.every((l) => errorLine.test(l))))
          failures.push(`${c.label}: exit ${run.status}, unlocated: ${run.stderr}`);
        const html = path.join(c.cwd, 'out', 'a.html');
        if (existsSync(html) && /root:.*:0:0:/.test(readFileSync(html, 'utf8'))) failures.push(`${c.label}: /etc/passwd in the document`);
      }
    }
    console.log(`fuzz (special files): ${cases.length} cases; ${failures.length} failures`);
    expect(failures).toEqual([]);
  }, 240_000);
});
