import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyOfMeetings } from '../support/cli.js';
import { fakeBrowserFor } from '../support/fake-browser-for.js';
import { pdfPages } from '../support/pdf.js';
import { startPreview, type RunningPreview } from '../support/preview.js';

/**
 * A save while the preview prints, made certain: the preview prints through a stand-in browser that
 * holds each print until the test lets it go (fake-browser.mjs, hold-prints), and the test reads the
 * states the page is told from the event stream. Once in CI a print begun before a save and finished
 * after it was taken for the save's; and the preview printed the meeting twice at every start, the
 * second print landing in the first save.
 */
let preview: RunningPreview | undefined;

afterAll(async () => {
  if (preview?.child.exitCode === null) await preview.interrupt();
});

interface State {
  version: number;
  change: number;
  latest: number;
  updating: boolean;
}

describe('agenda preview: saves while it prints', () => {
  it('tells which save each document was made from, and never that one is up to date while a later save prints', async () => {
    const { dir, meetings } = copyOfMeetings();
    const meeting = path.join(meetings, '2023-11-22.yaml');
    const pidFile = path.join(dir, 'browser.pid');
    const notes = path.join(dir, 'notes');
    const browser = fakeBrowserFor(dir, 'hold-prints', pidFile, { AGENDA_FAKE_NOTES: notes });
    preview = await startPreview(['--meetings', meetings, '--browser', browser], { cwd: dir });
    const noted = (line: string) => (existsSync(notes) ? readFileSync(notes, 'utf8').split('\n') : []).filter((l) => l === line).length;
    const signal = (name: 'SIGUSR1' | 'SIGUSR2') => process.kill(Number(readFileSync(pidFile, 'utf8')), name);

    // The start's print under way when the page looks: it is told so, and then the document, up to date.
    await until(() => noted('asked') === 1);
    const states = stateStream(`${preview.url}events`);
    expect(await states.next()).toMatchObject({ version: 0, updating: true });
    signal('SIGUSR2');
    expect(await states.next()).toMatchObject({ version: 1, change: 0, latest: 0, updating: false });

    // A save, and while its print is held, another.
    signal('SIGUSR1');
    await until(() => noted('holding') === 2);
    save(meeting, '  - fast: økonomi\n', '  - fast: økonomi\n    titel: Økonomi XQZSAVE1\n');
    expect(await states.next()).toMatchObject({ version: 1, change: 0, latest: 1, updating: true });
    await until(() => noted('asked') >= 2);
    save(meeting, 'XQZSAVE1', 'XQZSAVE2');
    expect(await states.next()).toMatchObject({ version: 1, change: 0, latest: 2, updating: true });
    signal('SIGUSR2');
    // The first save's document, told as not yet the files; then the second's, once, up to date.
    expect(await states.next()).toMatchObject({ version: 2, change: 1, latest: 2, updating: true });
    expect(await states.next()).toMatchObject({ version: 3, change: 2, latest: 2, updating: false });
    const shown = await download(`${preview.url}document.pdf`);
    expect(shown.change).toBe('2');
    writeFileSync(path.join(dir, 'shown.pdf'), shown.pdf);
    const text = pdfPages(path.join(dir, 'shown.pdf')).join('\n');
    expect(text).toContain('XQZSAVE2');
    // A page that looks now is told at once; the first was told nothing more.
    const again = stateStream(`${preview.url}events`);
    expect(await again.next()).toMatchObject({ version: 3, change: 2, latest: 2, updating: false });
    expect(await preview.interrupt()).toBe(0);
    expect(states.rest()).toEqual([]);
  });
});

/** Saved as an editor saves: a new file renamed over the old, in one step (a file starting with "." is no input). */
function save(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  const saved = path.join(path.dirname(file), `.${path.basename(file)}.new`);
  writeFileSync(saved, text.replace(from, to));
  renameSync(saved, file);
}

/** The states of the event stream, one at a time, as they come. */
function stateStream(url: string): { next: () => Promise<State>; rest: () => State[] } {
  const states: State[] = [];
  let waiting: ((value?: unknown) => void) | undefined;
  let buffered = '';
  get(url, (res: IncomingMessage) => {
    res.setEncoding('utf8').on('data', (chunk: string) => {
      const events = (buffered + chunk).split('\n\n');
      buffered = events.pop() ?? '';
      for (const event of events) if (event.startsWith('data: ')) states.push(JSON.parse(event.slice('data: '.length)) as State);
      waiting?.();
    });
  });
  return {
    /** The next state; one that does not come within 45 s is a fault, told with its place in the test. */
    async next() {
      const deadline = Date.now() + 45_000;
      while (states.length === 0 && Date.now() < deadline) await new Promise((resolve) => ((waiting = resolve), setTimeout(resolve, 1000)));
      if (states.length === 0) throw new Error('no state within 45 s');
      return states.shift() as State;
    },
    rest: () => states.splice(0),
  };
}

async function download(url: string): Promise<{ pdf: Buffer; change: string | undefined }> {
  const response = await fetch(url);
  return { pdf: Buffer.from(await response.arrayBuffer()), change: response.headers.get('x-change') ?? undefined };
}

/** Waits for `done`, for at most 45 s (as a state is waited for): a note that never comes fails the test, saying which. */
async function until(done: () => boolean, what = "the stand-in browser's note"): Promise<void> {
  const end = Date.now() + 45_000;
  while (!done()) {
    if (Date.now() > end) throw new Error(`${what}: not within 45 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
