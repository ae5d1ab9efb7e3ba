import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings } from '../support/cli.js';
import { edit } from '../support/edit.js';
import { descendants, running, startPreview, type RunningPreview } from '../support/preview.js';
import { copySharedPdf } from '../support/shared-build.js';

/**
 * Symbolic links in a loop in the meetings folder (a link to itself, two to each other, a folder's link
 * to a folder it is in) are no meeting's files: the preview passes them over with one warning each and
 * goes on, where chokidar's error once ended it in a stack trace; and however the preview ends, no
 * process of its browser, nor the browser's profile, is left.
 */
const loopWarning = 'warning: a symbolic link in a loop (it leads back to a folder it is in, or to itself); the preview passes it over';
let preview: RunningPreview | undefined;

afterEach(async () => {
  if (preview?.child.exitCode === null) await preview.interrupt();
});

/** The meetings folder with every kind of loop in it. */
function meetingsWithLoops(): { dir: string; meetings: string } {
  const copy = copyOfMeetings();
  const { meetings } = copy;
  symlinkSync('loop', path.join(meetings, 'loop'));
  symlinkSync('b', path.join(meetings, 'a'));
  symlinkSync('a', path.join(meetings, 'b'));
  symlinkSync('.', path.join(meetings, 'self'));
  mkdirSync(path.join(meetings, 'bilag', 'sub'));
  symlinkSync('..', path.join(meetings, 'bilag', 'sub', 'up'));
  return copy;
}

/** Reads the event stream until the members' document has a version past `after`; returns it. */
function nextVersion(url: string, after: number): Promise<number> {
  return new Promise((resolve, reject) => {
    get(`${url}events`, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
        const versions = [...text.matchAll(/"version":(\d+)/g)].map((m) => Number(m[1]));
        const newer = versions.find((v) => v > after);
        if (newer === undefined) return;
        res.destroy();
        resolve(newer);
      });
    }).on('error', reject);
  });
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 50));
}

/** The preview's browser processes, and the profile folder they use. */
function browserOf(run: RunningPreview): { processes: number[]; profile: string } {
  const processes = descendants(run.child.pid ?? 0);
  const lines = processes.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'));
  const profile =
    lines
      .flat()
      .find((a) => a.startsWith('--user-data-dir='))
      ?.slice('--user-data-dir='.length) ?? '';
  return { processes, profile };
}

describe('agenda preview: symbolic links in a loop', () => {
  it('passes each over with one warning, and goes on following the meeting', async () => {
    const { dir, meetings } = meetingsWithLoops();
    preview = await startPreview(['--meetings', 'meetings', '2023-11-22'], { cwd: dir });
    const first = await nextVersion(preview.url, 0);
    symlinkSync('loop2', path.join(meetings, 'loop2'));
    edit(path.join(meetings, '2023-11-22.yaml'), '  - fast: økonomi\n', '  - fast: økonomi\n    titel: Økonomi XQZLOOPS\n');
    expect(await nextVersion(preview.url, first)).toBeGreaterThan(first);
    const links = ['meetings/a', 'meetings/b', 'meetings/bilag/sub/up', 'meetings/loop', 'meetings/loop2', 'meetings/self'];
    const current = preview;
    await until(() => current.stderr().includes('meetings/loop2:'));
    expect(preview.child.exitCode).toBeNull();
    expect(await preview.interrupt()).toBe(0);
    expect(preview.stderr().split('\n').filter(Boolean).sort()).toEqual(links.map((f) => `${f}: ${loopWarning}`).sort());
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('leaves no browser process nor its profile when it ends by %s', async (signal) => {
    const { dir } = meetingsWithLoops();
    const run = await startPreview(['--meetings', 'meetings'], { cwd: dir });
    preview = run;
    await nextVersion(run.url, 0);
    const browser = browserOf(run);
    expect(browser.processes.length).toBeGreaterThan(0);
    expect(existsSync(browser.profile)).toBe(true);
    const exited = new Promise<number | null>((resolve) => run.child.once('exit', (code) => resolve(code)));
    run.child.kill(signal);
    expect(await exited).toBe(0);
    await until(() => !browser.processes.some(running));
    expect(existsSync(browser.profile)).toBe(false);
    expect(run.stderr()).not.toMatch(/\n\s+at |node:internal/);
  });
});

describe('agenda check and build --all: symbolic links in a loop', () => {
  it('read only the meeting files, and name a meeting file that is a loop', () => {
    const { dir, meetings } = meetingsWithLoops();
    // The other meetings' PDFs as a first build makes them (the suite's, test/support/shared-build.ts): build --all
    // keeps them instead of printing them before it names the loop.
    copySharedPdf('meetings', '2023-11-22', path.join(dir, 'out', '2023-11-22-dagsorden.pdf'));
    copySharedPdf('meetings', '2023-09-06', path.join(dir, 'out', '2023-09-06-referat.pdf'));
    const check = agenda(['check', '--meetings', 'meetings'], { cwd: dir });
    expect(check).toMatchObject({ status: 0 });
    symlinkSync('2024-01-01.yaml', path.join(meetings, '2024-01-01.yaml'));
    for (const args of [['check'], ['build', '--all']]) {
      const result = agenda([...args, '--meetings', 'meetings'], { cwd: dir });
      expect(result.status, args[0]).toBe(1);
      expect(result.stderr, args[0]).toMatch(/^meetings\/2024-01-01\.yaml: /m);
      expect(result.stderr, args[0]).not.toMatch(/\n\s+at |node:internal/);
      if (args[0] === 'build') expect(result.stderr).toMatch(/^built 0 of 3 documents in [\d.]+ s, 2 unchanged /m);
    }
  });
});
