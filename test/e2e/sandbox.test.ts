import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agenda, tempDir } from '../support/cli.js';
import { pdfInfo } from '../support/pdf.js';

const root = process.getuid?.() === 0;

/** A browser that notes the flags of each start in `log` and runs the real one; with `refuse`, it fails as a machine without user namespaces does, unless told --no-sandbox. */
function recordingBrowser(dir: string, refuse = false): { browser: string; starts: () => string[][] } {
  const log = path.join(dir, 'starts.log');
  const browser = path.join(dir, 'browser.sh');
  const refusal = refuse
    ? `case " $* " in *" --no-sandbox "*) ;; *) echo "[1:1:FATAL:zygote_host_impl_linux.cc(127)] No usable sandbox!" >&2; exit 1;; esac\n`
    : '';
  writeFileSync(browser, `#!/bin/sh\necho "$*" >> '${log}'\n${refusal}exec /usr/bin/chromium "$@"\n`);
  chmodSync(browser, 0o755);
  return {
    browser,
    starts: () =>
      readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(' ')),
  };
}

function build(browser: string, dir: string, extra: string[] = []) {
  const out = path.join(dir, 'out.pdf');
  const run = agenda(['build', '2023-09-06', '--out', out, '--browser', browser, '--quiet', ...extra]);
  expect(run.status, run.stderr).toBe(0);
  expect(pdfInfo(out).Pages).not.toBe('0');
}

describe("Chromium's sandbox when printing", () => {
  it(root ? 'is off as root (Chromium refuses it there)' : 'is on for a user who is not root', () => {
    const dir = tempDir();
    const { browser, starts } = recordingBrowser(dir);
    build(browser, dir);
    expect(starts()).toHaveLength(1);
    expect(starts()[0]!.includes('--no-sandbox')).toBe(root);
  });

  it.skipIf(root)('is turned off, once, where Chromium finds no usable sandbox', () => {
    const dir = tempDir();
    const { browser, starts } = recordingBrowser(dir, true);
    const started = Date.now();
    build(browser, dir, ['--timeout', '40']);
    expect(starts().map((flags) => flags.includes('--no-sandbox'))).toEqual([false, true]);
    // The failed start's connection is closed with it: the command does not wait out its timeout (it did, 60 s).
    expect(Date.now() - started).toBeLessThan(40_000);
  });
});
