import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countedBrowser, type CountedBrowser } from '../support/browser-uses.js';
import { agenda, agendaAsync, copyOfMeetings } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { pdfPages } from '../support/pdf.js';

// `agenda build` prints only the documents whose inputs changed since their PDF in out/ was made (the
// fingerprint each PDF records), and uses (or looks for) no browser where it prints none. The browser is named by an
// address that counts each command that asks it for the browser (test/support/browser-uses.ts), so the test sees every use.

const documents = ['2023-09-06-referat.pdf', '2023-11-22-dagsorden.pdf'];

/** What a file is on the disk: its bytes, its time and its inode (a file written anew is another one). */
function snapshot(file: string): { bytes: Buffer; mtimeMs: number; ino: number } {
  const { mtimeMs, ino } = statSync(file);
  return { bytes: readFileSync(file), mtimeMs, ino };
}

describe('agenda build, where some or none of the inputs changed', () => {
  const { dir, meetings } = copyOfMeetings();
  let browser: CountedBrowser;
  beforeAll(async () => {
    browser = await countedBrowser();
  });
  afterAll(() => browser.close());
  const out = (name: string) => path.join(dir, 'out', name);
  const printWith = (args: string[]) => agendaAsync(['build', ...args], { cwd: dir, env: { AGENDA_BROWSER_URL: browser.url } });
  const build = async (...args: string[]) => {
    const run = await printWith(args.length ? args : ['--all']);
    expect(run.status, run.stderr).toBe(0);
    return run;
  };

  it('keeps every PDF when nothing changed and uses no browser; prints one changed meeting only; all after the house stylesheet changed, or with --force', async () => {
    await build();
    expect(browser.uses()).toBe(1);
    const first = new Map(documents.map((d) => [d, snapshot(out(d))]));

    const again = await build();
    expect(again.stderr).toMatch(/built 0 of 2 documents in [\d.]+ s, 2 unchanged/);
    expect(again.stdout.trim().split('\n')).toEqual(documents.map((d) => path.join('out', d)));
    expect(browser.uses()).toBe(1);
    for (const d of documents) expect(snapshot(out(d)), d).toEqual(first.get(d));
    // No browser is even looked for where every PDF is kept: a machine without Chromium builds them.
    const without = agenda(['build', '--all', '--browser', path.join(dir, 'no-such-browser')], { cwd: dir });
    expect(without.status, without.stderr).toBe(0);
    expect(without.stderr).toMatch(/built 0 of 2 documents in [\d.]+ s, 2 unchanged/);
    for (const d of documents) expect(snapshot(out(d)), d).toEqual(first.get(d));

    edit(path.join(meetings, '2023-11-22.yaml'), 'Bilag er vedlagt.', 'Bilag er vedlagt, og tidsplanen er rettet.');
    expect((await build()).stderr).toMatch(/built 1 of 2 documents in [\d.]+ s, 1 unchanged/);
    expect(browser.uses()).toBe(2);
    expect(snapshot(out(documents[0]!))).toEqual(first.get(documents[0]!));
    expect(readFileSync(out(documents[1]!)).equals(first.get(documents[1]!)!.bytes)).toBe(false);
    expect(pdfPages(out(documents[1]!)).join('\n')).toContain('tidsplanen er rettet');

    // The repository's own stylesheet (husstil/ beside the meetings folder) goes into every document.
    mkdirSync(path.join(dir, 'husstil'));
    writeFileSync(path.join(dir, 'husstil', 'style.css'), 'h1 { letter-spacing: 0.02em; }\n');
    expect((await build()).stderr).toMatch(/built 2 of 2 documents in [\d.]+ s\n/);
    expect(browser.uses()).toBe(3);
    expect(readFileSync(out(documents[0]!)).equals(first.get(documents[0]!)!.bytes)).toBe(false);

    // A PDF made from these inputs but changed since (a reader's incremental save appends to it) is printed anew.
    writeFileSync(out(documents[0]!), Buffer.concat([readFileSync(out(documents[0]!)), Buffer.from('\n% annotated\n')]));
    expect((await build()).stderr).toMatch(/built 1 of 2 documents in [\d.]+ s, 1 unchanged/);
    expect(browser.uses()).toBe(4);

    const styled = new Map(documents.map((d) => [d, snapshot(out(d))]));
    expect((await build('--all', '--force')).stderr).toMatch(/built 2 of 2 documents in [\d.]+ s\n/);
    expect(browser.uses()).toBe(5);
    // Printed anew (other files), from the same inputs: the same bytes.
    for (const d of documents) {
      expect(snapshot(out(d)).ino, d).not.toBe(styled.get(d)!.ino);
      expect(readFileSync(out(d)).equals(styled.get(d)!.bytes), d).toBe(true);
    }
  });

  it('keeps a combined document only where its attachments are placed as asked', async () => {
    const combined = out('2023-11-22-dagsorden-samlet.pdf');
    await build('2023-11-22', '--samlet');
    const after = snapshot(combined);
    expect((await printWith(['2023-11-22', '--samlet'])).stderr).toContain('unchanged, made from the same inputs');
    expect(snapshot(combined)).toEqual(after);
    await build('2023-11-22', '--samlet', '--bilag-efter-punkt');
    expect(snapshot(combined).ino).not.toBe(after.ino);
    expect(readFileSync(combined).equals(after.bytes)).toBe(false);
  });
});
