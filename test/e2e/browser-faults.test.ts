import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, copyOfMeetings, errorLines } from '../support/cli.js';
import { fakeBrowserFor } from '../support/fake-browser-for.js';
import { sharedPdf } from '../support/shared-build.js';

/**
 * The processes of the fake browser's process group that still run (dead ones waiting to be reaped do
 * not), given a moment: a process killed with a large memory can take a while to finish exiting.
 */
function leftBehind(pidFile: string): string[] {
  const deadline = Date.now() + 3000;
  let running = runningInGroup(pidFile);
  while (running.length > 0 && Date.now() < deadline) {
    execFileSync('sleep', ['0.1']);
    running = runningInGroup(pidFile);
  }
  return running;
}

function runningInGroup(pidFile: string): string[] {
  const group = readFileSync(pidFile, 'utf8').trim();
  let pids: string[];
  try {
    pids = execFileSync('pgrep', ['-g', group], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
  const running = (pid: string) => {
    const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
    return stat !== '' && !/^\d+ \(.*\) Z/.test(stat);
  };
  return pids.filter(running);
}

// --timeout bounds the start as well as each print. The faults that show only once the browser is up
// get a timeout that a start under the load of the whole suite stays well inside (one took over 3 s).
const faults = [
  // What the browser said as it ended: its pipe closes a moment before its exit is seen, and the connection's
  // "Target closed", which said nothing, came first in half the runs.
  { fault: 'exit', exit: 3, timeout: 3, message: /^the browser at .*fake-chromium did not start: .*: fake browser: exiting at start$/ },
  { fault: 'silent', exit: 3, timeout: 3, message: /^the browser at .*fake-chromium did not start: no answer within 3 s$/ },
  { fault: 'crash', exit: 4, timeout: 60, message: /^the browser stopped while printing \(it crashed or was killed\)$/ },
  { fault: 'hang', exit: 4, timeout: 8, message: /^the browser did not finish printing within 8 s \(see --timeout\)$/ },
];

describe.each(faults)('a browser that fails ($fault)', ({ fault, exit, timeout, message }) => {
  it(`gives one clear line, exit code ${exit}, no PDF and no browser process left`, () => {
    const { dir } = copyOfMeetings();
    const pidFile = path.join(dir, 'browser.pid');
    const browser = fakeBrowserFor(dir, fault, pidFile);
    const run = agenda(['build', '2023-11-22', '--browser', browser, '--timeout', String(timeout), '--out', 'a.pdf'], { cwd: dir });
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(message)]);
    expect(run.status).toBe(exit);
    expect(existsSync(path.join(dir, 'a.pdf'))).toBe(false);
    expect(leftBehind(pidFile)).toEqual([]);
  });
});

// Chromium's "Printing failed", its answer where the renderer's frame or its print compositor failed beside the
// document: once is printed again on a new page; every time is told, after the second try.
describe('a print that Chromium fails', () => {
  it('once: printed again, the same document as a print that never failed', () => {
    const { dir } = copyOfMeetings();
    const pidFile = path.join(dir, 'browser.pid');
    const browser = fakeBrowserFor(dir, 'print-fails-once', pidFile);
    const run = agenda(['build', '2023-11-22', '--browser', browser, '--out', 'a.pdf'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'a.pdf'))).toEqual(readFileSync(sharedPdf('meetings', '2023-11-22').pdf));
    expect(leftBehind(pidFile)).toEqual([]);
  });

  it('every time: one clear line, exit code 4, no PDF and no browser process left', () => {
    const { dir } = copyOfMeetings();
    const pidFile = path.join(dir, 'browser.pid');
    const browser = fakeBrowserFor(dir, 'print-fails', pidFile);
    const run = agenda(['build', '2023-11-22', '--browser', browser, '--out', 'a.pdf'], { cwd: dir });
    expect(errorLines(run.stderr)).toEqual(['printing failed: Protocol error (Page.printToPDF): Printing failed']);
    expect(run.status).toBe(4);
    expect(existsSync(path.join(dir, 'a.pdf'))).toBe(false);
    expect(leftBehind(pidFile)).toEqual([]);
  });
});
