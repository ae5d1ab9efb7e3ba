import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { printMeeting, readMeeting } from '../../src/pipeline/document.js';
import { AgendaError, InputError } from '../../src/shared/errors.js';
import type { Meeting } from '../../src/model/meeting.js';
import { writeAtomically } from '../../src/shared/files.js';
import { findBrowser, withBrowser } from '../../src/pdf/browser.js';
import { PrintPage } from '../../src/pdf/print.js';
import { packageRoot } from '../../src/shared/paths.js';
import { renderDocument } from '../../src/render/html.js';
import { agenda, tempDir } from '../support/cli.js';
import { mutate, random } from '../support/mutate.js';

const seed = Number(process.env.FUZZ_SEED ?? 20231122);
const count = 500;
const files = ['2023-11-22.yaml', '2023-09-06.yaml', 'udvalg.yaml', 'faste-punkter.yaml', 'plan.yaml'];
const originals = Object.fromEntries(files.map((f) => [f, readFileSync(path.join(packageRoot, 'meetings', f), 'utf8')]));
const located = /^[^\n:]+\.yaml:\d+:\d+: [^\n]+$/;

interface Outcome {
  label: string;
  dir: string;
  date: string;
  meeting?: Meeting;
}

/**
 * Five hundred damaged copies of the reference meetings, each either a valid document or a clean
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
        const { meeting } = await readMeeting(dir, date);
        expect(renderDocument(meeting).html()).toContain('</html>');
        outcomes.push({ label, dir, date, meeting });
      } catch (err) {
        if (!(err instanceof AgendaError)) failures.push(`${label}: ${(err as Error)?.stack ?? String(err)}`);
        else if (err instanceof InputError && !err.message.split('\n').every((l) => located.test(l))) failures.push(`${label}: unlocated: ${err.message}`);
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
      const run = agenda(['build', o.date, '--meetings', o.dir, '--out', path.join(o.dir, 'cli.pdf')]);
      const lines = run.stderr.trim().split('\n');
      if (run.status !== 1 || !lines.every((l) => located.test(l))) failures.push(`${o.label}: the CLI said (exit ${run.status}): ${run.stderr}`);
      if (readdirSync(o.dir).some((f) => f.includes('cli.pdf'))) failures.push(`${o.label}: the CLI left a file`);
    }
    console.log(
      `fuzz (seed ${seed}): ${count} mutations, ${valid.length} valid (${sample.length} printed to PDF), ` +
        `${count - valid.length} refused with a located error (${broken.length} through the CLI); ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
    expect(valid.length).toBeGreaterThan(20);
    expect(count - valid.length).toBeGreaterThan(100);
  });
});
